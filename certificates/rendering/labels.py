"""The fixed wording of a certificate in its four languages, and its dates as each writes them."""

from __future__ import annotations

import datetime

DEFAULT_LANGUAGE = "en"

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Certificate of Completion",
        "certify": "This is to certify that",
        "completed": "has successfully completed the course",
        "course_code": "Course code",
        "issued_on": "Issued on",
        "expires_on": "Valid until",
        "grade": "Final grade",
        "competencies": "Competencies acquired",
        "certificate_id": "Certificate ID",
        "colon": ": ",
        "how_to_verify": "Scan the code or open the address to check this certificate online",
    },
    "de": {
        "title": "Abschlusszertifikat",
        "certify": "Hiermit wird bestätigt, dass",
        "completed": "den folgenden Kurs erfolgreich abgeschlossen hat",
        "course_code": "Kurscode",
        "issued_on": "Ausgestellt am",
        "expires_on": "Gültig bis",
        "grade": "Ergebnis",
        "competencies": "Erworbene Kompetenzen",
        "certificate_id": "Zertifikats-ID",
        "colon": ": ",
        "how_to_verify": (
            "Scannen Sie den Code oder öffnen Sie die Adresse, "
            "um dieses Zertifikat online zu prüfen"
        ),
    },
    "zh-hans": {
        "title": "结业证书",
        "certify": "兹证明",
        "completed": "已顺利完成以下课程",
        "course_code": "课程代码",
        "issued_on": "颁发日期",
        "expires_on": "有效期至",
        "grade": "成绩",
        "competencies": "所获能力",
        "certificate_id": "证书编号",
        "colon": "：",
        "how_to_verify": "扫描二维码或打开网址，即可在线验证本证书",
    },
    "ar": {
        "title": "شهادة إتمام",
        # Gender-neutral on purpose: "awarded to … for completing", not "he/she completed".
        "certify": "تمنح هذه الشهادة إلى",
        "completed": "لإتمام المقرر التدريبي التالي بنجاح",
        "course_code": "رمز المقرر",
        "issued_on": "تاريخ الإصدار",
        "expires_on": "صالحة حتى",
        "grade": "الدرجة النهائية",
        "competencies": "الكفاءات المكتسبة",
        "certificate_id": "رقم الشهادة",
        "colon": ": ",
        "how_to_verify": "امسح الرمز أو افتح العنوان للتحقق من هذه الشهادة عبر الإنترنت",
    },
}

_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ),
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
        "Oktober", "November", "Dezember",
    ),
    "ar": (
        "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
        "أكتوبر", "نوفمبر", "ديسمبر",
    ),
}  # fmt: skip

# The `lang` attribute of the page: it also selects the font stack (see certificate.css).
HTML_LANGUAGE = {"en": "en", "de": "de", "zh-hans": "zh-Hans", "ar": "ar"}


def supported_language(language: str) -> str:
    """The supported language a certificate's language code means ("zh-CN" → "zh-hans")."""
    code = language.strip().lower().replace("_", "-")
    if code in LABELS:
        return code
    primary = code.split("-", 1)[0]
    if primary == "zh":
        return "zh-hans"
    return primary if primary in LABELS else DEFAULT_LANGUAGE


def format_date(day: datetime.date, language: str) -> str:
    """A long date as the language writes it; Western digits in Arabic keep it readable abroad."""
    if language == "zh-hans":
        return f"{day.year}年{day.month}月{day.day}日"
    if language == "de":
        return f"{day.day}. {_MONTHS['de'][day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[language][day.month - 1]} {day.year}"
