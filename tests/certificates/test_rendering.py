"""Certificate PDF rendering, checked with poppler's independent tools (pdffonts, pdftotext...)."""

import datetime
import io
import re
import shutil
import subprocess
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
import qrcode
import qrcode.constants
from PIL import Image

from certificates.rendering import (
    LABELS,
    TEMPLATE_VERSION,
    CertificateDocument,
    InstitutionMark,
    Signatory,
    render_certificate_html,
    render_certificate_pdf,
)
from tests.conftest import need_service

CERTIFICATE_ID = "0b7f2a3c-1111-4222-8333-444455556666"
VERIFICATION_URL = f"https://academy.example/verify/{CERTIFICATE_ID}"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"

RHINE = InstitutionMark(
    name="Rhine Institute of Production Technology",
    country="DE",
    colour="#8a1538",
    signatories=(Signatory(name="Prof. Dr. Anna Weber", title="Director of Studies"),),
)
DONGHAI = InstitutionMark(
    name="东海智能制造研究院",
    country="CN",
    colour="#1f4e79",
    signatories=(Signatory(name="李明", title="院长"),),
)


def make_document(**changes: object) -> CertificateDocument:
    document = CertificateDocument(
        certificate_id=CERTIFICATE_ID,
        learner_name="Zhang Wei",
        learner_native_name="",
        course_title="Predictive Maintenance with Industrial IoT",
        course_code="IM-PM-201",
        institutions=(RHINE,),
        issued_on=datetime.date(2026, 11, 24),
        expires_on=None,
        grade=None,
        competencies=("Condition monitoring", "Vibration analysis"),
        language="en",
        verification_url=VERIFICATION_URL,
    )
    return replace(document, **changes)  # type: ignore[arg-type]


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 80, 160)).save(buffer, "PNG")
    return buffer.getvalue()


# --- poppler helpers ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _poppler() -> None:
    """Poppler's tools check the PDF independently of WeasyPrint: skip without them in
    development, fail in CI (REQUIRE_SERVICES=1)."""
    for tool in ("pdffonts", "pdftotext", "pdfinfo", "pdfimages"):
        need_service(f"poppler's {tool}", shutil.which(tool) is not None)


def run_poppler(tool: str, pdf: bytes, tmp_path: Path, *arguments: str) -> str:
    path = tmp_path / f"{tool}.pdf"
    path.write_bytes(pdf)
    command = [tool, *arguments, str(path)]
    if tool == "pdftotext":
        command.append("-")
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def extract_text(pdf: bytes, tmp_path: Path, *arguments: str) -> str:
    """pdftotext's text in logical order. Poppler wraps right-to-left runs in embedding marks
    (U+202A-U+202C) of its own; those are poppler's, not ours, so they are dropped here."""
    text = run_poppler("pdftotext", pdf, tmp_path, *arguments)
    return text.translate({ord(character): None for character in "\u202a\u202b\u202c"})


def compact(text: str) -> str:
    """Text without whitespace: line wrapping in the PDF must not decide a comparison."""
    return "".join(text.split())


def fonts(pdf: bytes, tmp_path: Path) -> list[tuple[str, str]]:
    """(font name without the subset tag, embedded yes/no) for every font in the PDF."""
    rows = run_poppler("pdffonts", pdf, tmp_path).splitlines()[2:]
    result = []
    for row in rows:
        name = row.split()[0].split("+", 1)[-1]
        # Columns after the name: type (one or more words), encoding, emb, sub, uni, object ID.
        embedded = row.split()[-5]
        result.append((name, embedded))
    return result


def image_count(pdf: bytes, tmp_path: Path) -> int:
    rows = run_poppler("pdfimages", pdf, tmp_path, "-list").splitlines()[2:]
    return sum(1 for row in rows if row.split()[2] == "image")


def page_geometry(pdf: bytes, tmp_path: Path) -> tuple[int, float, float]:
    info = run_poppler("pdfinfo", pdf, tmp_path)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    assert size is not None
    return pages, float(size.group(1)), float(size.group(2))


@cache
def rendered(document: CertificateDocument) -> bytes:
    """Render each document once per test run: rendering is pure and deterministic."""
    return render_certificate_pdf(document)


# --- scripts and fonts ----------------------------------------------------------------------

SCRIPTS = [
    # learner name, native-script name, language, font family expected among the PDF's fonts
    pytest.param("Zhang Wei", "张伟", "en", "Noto-Sans-CJK-SC", id="chinese-native"),
    pytest.param("张伟", "", "zh-hans", "Noto-Sans-CJK-SC", id="chinese"),
    pytest.param("Layla Haddad", "ليلى حداد", "en", "Noto-Naskh-Arabic", id="arabic-native"),
    pytest.param("ليلى حداد", "", "ar", "Noto-Naskh-Arabic", id="arabic"),
    pytest.param("Дмитрий Волков", "", "de", "Noto-Sans", id="cyrillic"),
    pytest.param("प्रिया शर्मा", "", "en", "Noto-Sans-Devanagari", id="devanagari"),
    pytest.param("José Müller-Łukasiewicz", "", "de", "Noto-Sans", id="latin-diacritics"),
    pytest.param("山田太郎", "", "en", "Noto-Sans-CJK", id="japanese-kanji"),
    pytest.param("Yamada Taro", "やまだ たろう", "en", "Noto-Sans-CJK-JP", id="japanese-kana"),
    pytest.param("김민준", "", "en", "Noto-Sans-CJK-KR", id="korean"),
]


@pytest.mark.parametrize(("name", "native_name", "language", "family"), SCRIPTS)
def test_every_script_is_drawn_with_an_embedded_noto_face(
    name: str, native_name: str, language: str, family: str, tmp_path: Path
) -> None:
    # Given a learner whose name is in this script
    document = make_document(learner_name=name, learner_native_name=native_name, language=language)

    # When the certificate is rendered
    pdf = rendered(document)

    # Then every font is embedded, the script's Noto face is among them, nothing fell back to a
    # non-Noto face, and the names come back out of the PDF as text
    embedded_fonts = fonts(pdf, tmp_path)
    assert embedded_fonts
    assert all(embedded == "yes" for _, embedded in embedded_fonts), embedded_fonts
    assert all(font.startswith("Noto-") for font, _ in embedded_fonts), embedded_fonts
    assert any(font.startswith(family) for font, _ in embedded_fonts), embedded_fonts
    text = compact(extract_text(pdf, tmp_path))
    for expected in filter(None, (name, native_name)):
        if "\u0900" <= expected[0] <= "\u097f":
            # Devanagari draws some vowel signs and the reph (र्) away from where they are
            # spelled: the PDF's glyph-to-text map cannot say where they came from, so pdftotext
            # returns them in drawing order. Compare the letters, not their order.
            assert set(compact(expected)) <= set(text)
        else:
            # Arabic comes back in logical order from pdftotext's default (non-raw) mode once
            # poppler's own embedding marks are dropped (see extract_text).
            assert compact(expected) in text


def test_chinese_names_get_simplified_chinese_glyphs_not_japanese(tmp_path: Path) -> None:
    pdf = rendered(make_document(learner_name="张伟", language="zh-hans"))

    names = [font for font, _ in fonts(pdf, tmp_path)]

    assert "Noto-Sans-CJK-SC" in names
    assert not [font for font in names if "CJK-JP" in font or "CJK-KR" in font]
    # One CJK weight only: each CJK face embedded costs ~35 ms of subsetting (certificate.css).
    assert [font for font in names if "CJK" in font] == ["Noto-Sans-CJK-SC"]


def test_a_pdf_is_the_same_bytes_every_time() -> None:
    document = make_document(learner_native_name="张伟", grade="92 %")

    assert render_certificate_pdf(document) == render_certificate_pdf(document)


# --- content --------------------------------------------------------------------------------


def test_the_verification_address_and_certificate_id_are_printed(tmp_path: Path) -> None:
    text = compact(extract_text(rendered(make_document()), tmp_path))

    assert VERIFICATION_URL in text
    assert f"CertificateID:{CERTIFICATE_ID}" in text
    assert compact(LABELS["en"]["how_to_verify"]) in text
    assert compact(f"ICIM Academy · {TEMPLATE_VERSION}") in text


def test_expiry_is_printed_only_when_the_certificate_expires(tmp_path: Path) -> None:
    without_expiry = extract_text(rendered(make_document()), tmp_path)
    with_expiry = extract_text(
        rendered(make_document(expires_on=datetime.date(2029, 11, 30))), tmp_path
    )

    assert "24 November 2026" in without_expiry
    assert "Valid until".upper() not in without_expiry.upper()
    assert "VALID UNTIL" in with_expiry
    assert "30 November 2029" in with_expiry


def test_grade_is_printed_only_when_given(tmp_path: Path) -> None:
    without_grade = extract_text(rendered(make_document()), tmp_path)
    with_grade = extract_text(rendered(make_document(grade="92 %")), tmp_path)

    assert "FINAL GRADE" not in without_grade
    assert "92 %" not in without_grade
    assert "FINAL GRADE" in with_grade
    assert "92 %" in with_grade


def test_course_and_competencies_are_printed(tmp_path: Path) -> None:
    text = extract_text(rendered(make_document()), tmp_path)

    assert "Predictive Maintenance with Industrial IoT" in text
    assert "Course code: IM-PM-201" in text
    assert "Condition monitoring" in text
    assert "Vibration analysis" in text


def test_every_co_owning_institution_signs(tmp_path: Path) -> None:
    document = make_document(institutions=(RHINE, DONGHAI))

    text = compact(extract_text(rendered(document), tmp_path))

    for expected in ("Prof. Dr. Anna Weber", "Director of Studies", "李明", "院长"):
        assert compact(expected) in text
    # Each institution is named in the header and under its signatory.
    assert text.count(compact(RHINE.name)) == 2
    assert text.count(compact(DONGHAI.name)) == 2


def test_an_institution_without_a_signatory_is_still_named(tmp_path: Path) -> None:
    document = make_document(institutions=(replace(RHINE, signatories=()),))

    text = extract_text(rendered(document), tmp_path)

    assert text.count(RHINE.name) == 2
    assert "Anna Weber" not in text


@pytest.mark.parametrize(
    ("language", "date"),
    [
        ("en", "24 November 2026"),
        ("de", "24. November 2026"),
        ("zh-hans", "2026年11月24日"),
        ("ar", "24 نوفمبر 2026"),
    ],
)
def test_labels_and_dates_are_in_the_certificates_language(
    language: str, date: str, tmp_path: Path
) -> None:
    text = extract_text(rendered(make_document(language=language)), tmp_path)

    labels = LABELS[language]
    for key in ("title", "certify", "completed", "issued_on", "how_to_verify"):
        assert compact(labels[key]).upper() in compact(text).upper(), key
    # Word by word: pdftotext may return a line that mixes Arabic and digits in visual order
    # ("2026 نوفمبر 24"), depending on which character its direction guess starts from.
    assert any(all(word in line for word in date.split()) for line in text.splitlines())


def test_an_unknown_language_falls_back_to_english_and_regional_chinese_to_simplified() -> None:
    assert 'lang="en"' in render_certificate_html(make_document(language="fr"))
    html = render_certificate_html(make_document(language="zh-CN"))
    assert 'lang="zh-Hans"' in html
    assert LABELS["zh-hans"]["title"] in html


def test_arabic_lays_out_right_to_left(tmp_path: Path) -> None:
    document = make_document(language="ar", grade="92 %", expires_on=datetime.date(2029, 11, 24))

    html = render_certificate_html(document)
    lines = extract_text(rendered(document), tmp_path, "-layout").splitlines()

    assert '<html lang="ar" dir="rtl">' in html
    # The facts read from the right: issue date rightmost, grade leftmost.
    facts = next(line for line in lines if LABELS["ar"]["issued_on"] in line)
    assert facts.index(LABELS["ar"]["grade"]) < facts.index(LABELS["ar"]["issued_on"])
    # A left-to-right value inside the Arabic page keeps its own order.
    assert any("92 %" in line for line in lines)


def test_each_piece_of_untrusted_text_is_isolated_in_its_own_direction() -> None:
    html = render_certificate_html(
        make_document(learner_name="ليلى حداد", course_title="Digital Twins 101", language="en")
    )

    assert '<bdi dir="rtl">ليلى حداد</bdi>' in html
    assert '<bdi dir="ltr">Digital Twins 101</bdi>' in html
    arabic = render_certificate_html(make_document(learner_name="Layla Haddad", language="ar"))
    assert '<bdi dir="ltr">Layla Haddad</bdi>' in arabic


# --- untrusted text -------------------------------------------------------------------------


def test_markup_in_a_name_is_printed_as_text_never_interpreted(tmp_path: Path) -> None:
    document = make_document(
        learner_name="<script>alert(1)</script> Zhang",
        learner_native_name="</p><img src=x>",
        course_title='Robotics <b onmouseover="x">bold</b>',
    )

    html = render_certificate_html(document)
    pdf = rendered(document)
    text = extract_text(pdf, tmp_path)

    assert "<script>" not in html
    assert "<img src=x>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Zhang" in html
    assert "<script>alert(1)</script> Zhang" in text
    assert "</p><img src=x>" in text
    assert 'Robotics <b onmouseover="x">bold</b>' in text
    assert image_count(pdf, tmp_path) == 0


def test_bidi_controls_and_invisible_characters_are_removed_but_joiners_kept(
    tmp_path: Path,
) -> None:
    document = make_document(
        learner_name="Evil\u202eeman\u202c Name\u200b\u2066x\u2069\ufeff",
        learner_native_name="می\u200cخواهم",  # ZWNJ is part of Persian spelling
        course_title="Robot\u200d\u200eics\u200f",
    )

    html = render_certificate_html(document)
    text = extract_text(rendered(document), tmp_path)

    for character in BIDI_CONTROLS + "\u200b\ufeff":
        assert character not in html
        assert character not in text
    assert "Evileman Namex" in html
    assert "Evileman Namex" in text
    assert "می\u200cخواهم" in html
    assert "Robot\u200dics" in html


def test_a_blank_native_name_or_one_equal_to_the_name_is_not_repeated() -> None:
    html = render_certificate_html(make_document(learner_native_name=" Zhang  Wei "))

    assert html.count("Zhang Wei") == 2  # the <title> and the name itself
    assert 'class="native-name"' not in html


@pytest.mark.parametrize(
    ("colour", "accent"),
    [
        ("#8A1538", "#8a1538"),
        ("red", "#1f4e79"),
        ("#12345", "#1f4e79"),
        ("#fff;}body{display:none", "#1f4e79"),
        ("#ffee99", "#1f4e79"),  # too pale to read on white paper
    ],
)
def test_the_accent_colour_is_validated(colour: str, accent: str) -> None:
    html = render_certificate_html(make_document(institutions=(replace(RHINE, colour=colour),)))

    assert f'style="--accent: {accent}"' in html


# --- QR code and images ---------------------------------------------------------------------


def qr_modules(html: str) -> list[list[bool]]:
    """The dark modules of the inline QR code: each path segment `Mx y.5hN` is a run of N dark
    modules on row y starting at column x."""
    svg = re.search(r'<svg class="qr-code"[^>]*viewBox="0 0 (\d+) \1".*?</svg>', html)
    assert svg is not None
    size = int(svg.group(1))
    grid = [[False] * size for _ in range(size)]
    for x, y, length in re.findall(r"M(\d+) (\d+)\.5h(\d+)", svg.group(0)):
        for column in range(int(x), int(x) + int(length)):
            grid[int(y)][column] = True
    return grid


def test_the_qr_code_is_vector_and_encodes_the_verification_address(tmp_path: Path) -> None:
    document = make_document()

    html = render_certificate_html(document)
    pdf = rendered(document)

    expected = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    expected.add_data(VERIFICATION_URL)
    expected.make(fit=True)
    assert qr_modules(html) == expected.get_matrix()
    assert image_count(pdf, tmp_path) == 0  # no raster anywhere, the QR code included


SIGNATORIES = (
    Signatory(name="Prof. Dr. Anna Weber", title="Director of Studies", signature_png=png(300, 90)),
    Signatory(name="李明", title="院长"),
    Signatory(name="ليلى حداد", title="عميدة كلية الهندسة", signature_png=png(200, 60)),
)


@pytest.mark.parametrize("count", [1, 2, 3])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_institutions_signatories_sign_side_by_side_in_order(
    count: int, language: str, tmp_path: Path
) -> None:
    signatories = SIGNATORIES[:count]
    document = make_document(
        institutions=(replace(RHINE, signatories=signatories),), language=language
    )

    pdf = rendered(document)
    text = compact(extract_text(pdf, tmp_path))
    html = render_certificate_html(document)

    assert page_geometry(pdf, tmp_path)[0] == 1
    for signatory in signatories:
        assert compact(signatory.name) in text
        assert compact(signatory.title) in text
    # The institution in the header and under each signature.
    assert text.count(compact(RHINE.name)) == 1 + count
    assert f'class="signatories signatories-{count}"' in html
    assert html.count('class="signatory"') == count
    names = [html.index(f">{signatory.name}<") for signatory in signatories]
    assert names == sorted(names)
    assert image_count(pdf, tmp_path) == sum(1 for s in signatories if s.signature_png)


def test_the_one_signatory_shorthand_signs_before_the_others() -> None:
    mark = replace(RHINE, signatory=SIGNATORIES[1], signatories=SIGNATORIES[2:])

    html = render_certificate_html(make_document(institutions=(mark,)))

    assert html.index(">李明<") < html.index(">ليلى حداد<")
    assert mark.signing == (SIGNATORIES[1], SIGNATORIES[2])


def test_three_co_owners_with_three_signatories_each_still_fit_on_one_page(tmp_path: Path) -> None:
    institutions = (
        replace(RHINE, signatories=SIGNATORIES),
        replace(DONGHAI, signatories=SIGNATORIES[::-1]),
        replace(RHINE, name="Nordic Institute of Automation", signatories=SIGNATORIES),
    )
    document = make_document(
        institutions=institutions, course_title=LONG_TITLE, competencies=TWELVE_COMPETENCIES
    )

    pdf = rendered(document)
    text = compact(extract_text(pdf, tmp_path))

    assert page_geometry(pdf, tmp_path)[0] == 1
    assert 'class="signatories signatories-many"' in render_certificate_html(document)
    for signatory in SIGNATORIES:
        assert text.count(compact(signatory.name)) == 3
    assert VERIFICATION_URL in text


def test_logos_and_signatures_are_embedded_and_anything_but_png_is_left_out(
    tmp_path: Path,
) -> None:
    signed = Signatory(name="Prof. Dr. Anna Weber", title="Director", signature_png=png(300, 90))
    institutions = (
        replace(RHINE, logo_png=png(240, 120), signatories=(signed,)),
        replace(DONGHAI, logo_png=b"GIF89a not a png"),
    )

    pdf = rendered(make_document(institutions=institutions))

    assert image_count(pdf, tmp_path) == 2


# --- page -----------------------------------------------------------------------------------

LONG_TITLE = (
    "Advanced Predictive Maintenance, Digital Twins and Machine Learning for Smart Factories: "
    "From Sensor Data Acquisition over Edge Computing to Enterprise-wide Asset Performance "
    "Management in Discrete and Process Industries"
)
TWELVE_COMPETENCIES = tuple(f"Industrial data analytics, level {level}" for level in range(12))


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({}, id="short"),
        pytest.param(
            {"course_title": LONG_TITLE, "competencies": TWELVE_COMPETENCIES}, id="long-title-12"
        ),
        pytest.param(
            {
                "course_title": LONG_TITLE * 3,
                "competencies": TWELVE_COMPETENCIES * 3,
                "institutions": (RHINE, DONGHAI, RHINE, DONGHAI),
                "learner_native_name": "张伟",
                "grade": "92 %",
                "expires_on": datetime.date(2029, 11, 24),
                "language": "ar",
            },
            id="far-too-long",
        ),
    ],
)
def test_a_certificate_is_one_a4_landscape_page(changes: dict[str, object], tmp_path: Path) -> None:
    pdf = rendered(make_document(**changes))

    pages, width, height = page_geometry(pdf, tmp_path)

    assert pages == 1
    assert width == pytest.approx(841.89, abs=1)
    assert height == pytest.approx(595.28, abs=1)


def test_long_content_still_shows_the_signatures_and_verification(tmp_path: Path) -> None:
    document = make_document(course_title=LONG_TITLE, competencies=TWELVE_COMPETENCIES)

    text = compact(extract_text(rendered(document), tmp_path))

    assert compact(LONG_TITLE) in text
    assert all(compact(name) in text for name in TWELVE_COMPETENCIES)
    assert "Prof.Dr.AnnaWeber" in text
    assert VERIFICATION_URL in text


# --- the verification address: one unbroken line -------------------------------------------

# The longest address `make run` prints: a five-digit PORT, and an id of wide hex digits.
LONGEST_DEMO_URL = "http://127.0.0.1:65535/verify/dddddddd-dddd-4ddd-bddd-dddddddddddd"
# A deployment under a path on a long host name: the line shrinks instead of breaking.
LONG_DEPLOYMENT_URL = (
    "https://training.icim-coalition.example.org/academy/verify/"
    "dddddddd-dddd-4ddd-bddd-dddddddddddd"
)
FOUR_SIGNATORIES = (
    replace(
        RHINE,
        signatories=(
            Signatory(name="Prof. Dr. Anna Weber", title="Director of Studies"),
            Signatory(name="Dr. Jonas Keller", title="Dean"),
        ),
    ),
    replace(
        DONGHAI,
        signatories=(Signatory(name="李明", title="院长"), Signatory(name="王芳", title="主任")),
    ),
)


def words(pdf: bytes, tmp_path: Path) -> list[tuple[str, float, float, float, float]]:
    """pdftotext's words with their boxes: (text, x min, y min, x max, y max) in points."""
    markup = run_poppler("pdftotext", pdf, tmp_path, "-bbox")
    number = r'"([\d.]+)"'
    pattern = rf"<word xMin={number} yMin={number} xMax={number} yMax={number}>([^<]*)</word>"
    return [
        (text, float(x_min), float(y_min), float(x_max), float(y_max))
        for x_min, y_min, x_max, y_max, text in re.findall(pattern, markup)
    ]


@pytest.mark.parametrize("language", ["en", "de", "zh-hans", "ar"])
@pytest.mark.parametrize("url", [LONGEST_DEMO_URL, LONG_DEPLOYMENT_URL])
@pytest.mark.parametrize("institutions", [(RHINE,), FOUR_SIGNATORIES], ids=["one", "four"])
def test_the_verification_address_is_never_broken(
    tmp_path: Path, language: str, url: str, institutions: tuple[InstitutionMark, ...]
) -> None:
    document = make_document(language=language, verification_url=url, institutions=institutions)
    pdf = rendered(document)

    lines = extract_text(pdf, tmp_path).splitlines()
    found = [word for word in words(pdf, tmp_path) if word[0].startswith("http")]

    assert any(url in line for line in lines), [line for line in lines if "verify" in line]
    assert [word[0] for word in found] == [url]  # one word: nothing broke it
    _, x_min, y_min, x_max, y_max = found[0]
    others = [word for word in words(pdf, tmp_path) if word[0] != url]
    # Nothing else printed across it (the signatories, the QR code's neighbours).
    assert not [
        word[0]
        for word in others
        if word[1] < x_max and word[3] > x_min and y_min < (word[2] + word[4]) / 2 < y_max
    ]
    assert x_max < 297 / 25.4 * 72  # on the page


def _heights(pdf: bytes, tmp_path: Path) -> dict[str, float]:
    return {text: y_max - y_min for text, _, y_min, _, y_max in words(pdf, tmp_path)}


@pytest.mark.parametrize("language", ["en", "de", "zh-hans", "ar"])
def test_the_demo_address_is_printed_at_full_size(tmp_path: Path, language: str) -> None:
    """Only an address longer than the demo's shrinks: in English it is 6/7 of the
    certificate id below it (both Noto Sans), and the same size in every language."""
    english = _heights(rendered(make_document(verification_url=LONGEST_DEMO_URL)), tmp_path)
    pdf = rendered(make_document(language=language, verification_url=LONGEST_DEMO_URL))

    assert english[LONGEST_DEMO_URL] == pytest.approx(english[CERTIFICATE_ID] * 6 / 7, rel=0.02)
    assert _heights(pdf, tmp_path)[LONGEST_DEMO_URL] == pytest.approx(
        english[LONGEST_DEMO_URL], rel=0.02
    )
