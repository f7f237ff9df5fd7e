"""A course package written as a Common Cartridge 1.3 with QTI 1.2 quizzes (no database).

Modules become the root item's children and lessons their items; text and video lessons a
`webcontent` HTML page (a video's page links its video and holds its transcript), resource
lessons `webcontent` with their file, quiz lessons `imsqti_xmlv1p2/imscc_xmlv1p3/assessment`
(QTI 1.2 in the CC profile; numeric questions also carry Canvas's `question_type`
numerical_question, since the profile has no numeric type), package lessons a page saying the
package stays on the platform. `reader.py` reads all of it back to the same structure.
"""

import html
import io
import posixpath
import zipfile
from decimal import Decimal
from typing import Any
from urllib.parse import quote
from xml.etree.ElementTree import Element, SubElement, tostring

from courses import api as courses_api

__all__ = ["write_cartridge"]

_CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
_LOM_MANIFEST = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
_QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
_ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
PACKAGE_STAYS = "<p>This lesson plays a SCORM or cmi5 package that stays on the platform.</p>"
_PROFILES = {
    "single_choice": "cc.multiple_choice.v0p1",
    "multiple_choice": "cc.multiple_response.v0p1",
    "true_false": "cc.true_false.v0p1",
    "short_text": "cc.fib.v0p1",
    "numeric": "cc.fib.v0p1",
}


def _texts(item: dict[str, Any], language: str) -> dict[str, Any]:
    translations = item.get("translations", {})
    return translations.get(language) or next(iter(translations.values()), {})


def _page(title: str, body_html: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>'
        f"{html.escape(title)}</title></head><body>\n{body_html}\n</body></html>\n"
    ).encode()


def _field(parent: Element, label: str, entry: str) -> None:
    field = SubElement(parent, "qtimetadatafield")
    SubElement(field, "fieldlabel").text = label
    SubElement(field, "fieldentry").text = entry


def _material(parent: Element, value: str) -> None:
    material = SubElement(parent, "material")
    SubElement(material, "mattext", texttype="text/html").text = value


def _assessment(identifier: str, title: str, quiz: dict[str, Any], language: str) -> bytes:
    root = Element("questestinterop", xmlns=_QTI)
    assessment = SubElement(root, "assessment", ident=identifier, title=title)
    metadata = SubElement(assessment, "qtimetadata")
    _field(metadata, "cc_profile", "cc.exam.v0p1")
    _field(metadata, "qmd_assessmenttype", "Examination")
    _field(metadata, "cc_maxattempts", str(quiz.get("attempts_allowed") or "unlimited"))
    if quiz.get("time_limit_minutes"):
        _field(metadata, "qmd_timelimit", str(quiz["time_limit_minutes"]))
    section = SubElement(assessment, "section", ident=f"{identifier}-section")
    for number, question in enumerate(quiz["questions"], start=1):
        kind = question["kind"]
        texts = _texts(question, language)
        item = SubElement(
            section, "item", ident=question.get("key") or f"q{number}", title=f"Question {number}"
        )
        item_metadata = SubElement(SubElement(item, "itemmetadata"), "qtimetadata")
        _field(item_metadata, "cc_profile", _PROFILES[kind])
        _field(item_metadata, "cc_weighting", str(question.get("points", "1")))
        _field(item_metadata, "points_possible", str(question.get("points", "1")))
        if kind == "numeric":
            _field(item_metadata, "question_type", "numerical_question")
        presentation = SubElement(item, "presentation")
        _material(presentation, courses_api.render_markdown(texts.get("prompt", "")))
        processing = SubElement(item, "resprocessing")
        outcomes = SubElement(processing, "outcomes")
        SubElement(
            outcomes, "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100"
        )
        condition = SubElement(processing, "respcondition", attrib={"continue": "No"})
        variables = SubElement(condition, "conditionvar")
        if kind in {"single_choice", "multiple_choice", "true_false"}:
            if kind == "true_false":
                options = [
                    ("true", "True", question["answer"] is True),
                    ("false", "False", question["answer"] is False),
                ]
            else:
                options = [
                    (
                        option.get("key") or f"o{index}",
                        option["translations"].get(language)
                        or next(iter(option["translations"].values()), ""),
                        option["is_correct"],
                    )
                    for index, option in enumerate(question["options"])
                ]
            response = SubElement(
                presentation,
                "response_lid",
                ident="response1",
                rcardinality="Multiple" if kind == "multiple_choice" else "Single",
            )
            choice = SubElement(response, "render_choice")
            for ident, label, _correct in options:
                _material(SubElement(choice, "response_label", ident=ident), html.escape(label))
            holder = SubElement(variables, "and") if kind == "multiple_choice" else variables
            for ident, _label, correct in options:
                if correct:
                    SubElement(holder, "varequal", respident="response1").text = ident
                elif kind == "multiple_choice":
                    SubElement(
                        SubElement(holder, "not"), "varequal", respident="response1"
                    ).text = ident
        else:
            response = SubElement(
                presentation, "response_str", ident="response1", rcardinality="Single"
            )
            SubElement(response, "render_fib", fibtype="Decimal" if kind == "numeric" else "String")
            if kind == "numeric":
                answer, tolerance = (
                    Decimal(str(question["answer"])),
                    Decimal(str(question.get("tolerance", "0"))),
                )
                bounds = SubElement(variables, "and")
                SubElement(bounds, "vargte", respident="response1").text = str(answer - tolerance)
                SubElement(bounds, "varlte", respident="response1").text = str(answer + tolerance)
            else:
                for accepted in question.get("accepted_answers", {}).get(language, []):
                    SubElement(
                        variables, "varequal", respident="response1", case="No"
                    ).text = accepted
        SubElement(condition, "setvar", action="Set", varname="SCORE").text = "100"
        if texts.get("explanation"):
            feedback = SubElement(item, "itemfeedback", ident="general_fb")
            _material(feedback, courses_api.render_markdown(texts["explanation"]))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(
        root, encoding="utf-8", xml_declaration=False
    )


def write_cartridge(package: dict[str, Any], files: dict[str, bytes]) -> bytes:
    """The package (`icim-course/1`, resource lessons naming paths in `files`) as an .imscc."""
    course = package["course"]
    language = course["primary_language"]
    course_texts = _texts(course, language)
    manifest = Element("manifest", identifier=f"icim-{course['slug']}", xmlns=_CP)
    metadata = SubElement(manifest, "metadata")
    SubElement(metadata, "schema").text = "IMS Common Cartridge"
    SubElement(metadata, "schemaversion").text = "1.3.0"
    lom = SubElement(metadata, "lomimscc:lom", {"xmlns:lomimscc": _LOM_MANIFEST})
    general = SubElement(lom, "lomimscc:general")
    SubElement(
        SubElement(general, "lomimscc:title"), "lomimscc:string", language=language
    ).text = course_texts.get("title", "")
    SubElement(general, "lomimscc:language").text = language
    SubElement(
        SubElement(general, "lomimscc:description"), "lomimscc:string", language=language
    ).text = course_texts.get("description", "")
    organization = SubElement(
        SubElement(manifest, "organizations"),
        "organization",
        identifier="O_1",
        structure="rooted-hierarchy",
    )
    root_item = SubElement(organization, "item", identifier="LearningModules")
    resources = SubElement(manifest, "resources")
    out: dict[str, bytes] = {}
    for module_number, module in enumerate(course["modules"], start=1):
        module_item = SubElement(root_item, "item", identifier=f"M_{module_number}")
        SubElement(module_item, "title").text = _texts(module, language).get("title", "")
        for lesson_number, lesson in enumerate(module["lessons"], start=1):
            identifier = f"L_{module_number}_{lesson_number}"
            texts = _texts(lesson, language)
            title = texts.get("title", "")
            item = SubElement(
                module_item, "item", identifier=f"I_{identifier}", identifierref=identifier
            )
            SubElement(item, "title").text = title
            folder = identifier
            kind = lesson["kind"]
            if kind == "quiz":
                path = f"{folder}/assessment.xml"
                out[path] = _assessment(identifier, title, lesson["quiz"], language)
                resource = SubElement(
                    resources, "resource", identifier=identifier, type=_ASSESSMENT
                )
            elif kind == "resource":
                source = lesson["resource"]
                filename = posixpath.basename(source).split("-", 1)[-1].strip()
                if filename in {"", ".", ".."}:
                    filename = "file"
                path = f"{folder}/{filename}"
                out[path] = files[source]
                # Manifest hrefs are URIs: a space or a percent sign in a file name is escaped.
                resource = SubElement(
                    resources,
                    "resource",
                    identifier=identifier,
                    type="webcontent",
                    href=quote(path),
                )
            else:
                body = courses_api.render_markdown(texts.get("body", ""))
                if kind == "video":
                    url = html.escape(lesson.get("video_url", ""), quote=True)
                    body = (
                        f'<p><a href="{url}">{url}</a></p>\n{body}\n'
                        + courses_api.render_markdown(texts.get("transcript", ""))
                    )
                elif kind == "package":
                    body = PACKAGE_STAYS
                path = f"{folder}/index.html"
                out[path] = _page(title, body)
                resource = SubElement(
                    resources,
                    "resource",
                    identifier=identifier,
                    type="webcontent",
                    href=quote(path),
                )
            SubElement(resource, "file", href=quote(path))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "imsmanifest.xml",
            b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + tostring(manifest, encoding="utf-8", xml_declaration=False),
        )
        for name, content in sorted(out.items()):
            archive.writestr(name, content)
    return buffer.getvalue()
