"""Common Cartridges built in code from the IMS CC 1.1–1.3 and QTI 1.2 structures."""

# XML fixtures read best one element per line, however long.
# ruff: noqa: E501

import io
import zipfile

CP_1P1 = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"


def manifest(
    items: str, resources: str, title: str = "Robot Cells", namespace: str = CP_1P1
) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M1" xmlns="{namespace}" xmlns:lomimscc="http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest">
  <metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion>
    <lomimscc:lom><lomimscc:general>
      <lomimscc:title><lomimscc:string language="en">{title}</lomimscc:string></lomimscc:title>
      <lomimscc:language>en-GB</lomimscc:language>
      <lomimscc:description><lomimscc:string>Cells and safety.</lomimscc:string></lomimscc:description>
    </lomimscc:general></lomimscc:lom>
  </metadata>
  <organizations><organization identifier="O1" structure="rooted-hierarchy"><item identifier="root">
  {items}
  </item></organization></organizations>
  <resources>{resources}</resources>
</manifest>"""


def qti_item(
    ident: str,
    profile: str,
    prompt: str,
    labels: list[tuple[str, str]],
    correct: list[str],
    *,
    extra: str = "",
    conditions: str | None = None,
    fib: bool = False,
) -> str:
    if fib:
        response = '<response_str ident="r1" rcardinality="Single"><render_fib/></response_str>'
    else:
        choices = "".join(
            f'<response_label ident="{i}"><material><mattext>{t}</mattext></material></response_label>'
            for i, t in labels
        )
        response = f'<response_lid ident="r1" rcardinality="{"Multiple" if "response" in profile else "Single"}"><render_choice>{choices}</render_choice></response_lid>'
    if conditions is None:
        conditions = "".join(f'<varequal respident="r1">{value}</varequal>' for value in correct)
    return f"""<item ident="{ident}" title="{ident}"><itemmetadata><qtimetadata>
      <qtimetadatafield><fieldlabel>cc_profile</fieldlabel><fieldentry>{profile}</fieldentry></qtimetadatafield>{extra}
    </qtimetadata></itemmetadata>
    <presentation><material><mattext texttype="text/html">{prompt}</mattext></material>{response}</presentation>
    <resprocessing><outcomes><decvar varname="SCORE"/></outcomes><respcondition continue="No">
      <conditionvar>{conditions}</conditionvar><setvar action="Set" varname="SCORE">100</setvar>
    </respcondition></resprocessing>
    <itemfeedback ident="general_fb"><material><mattext texttype="text/html">&lt;p&gt;Because of {ident}.&lt;/p&gt;</mattext></material></itemfeedback></item>"""


def assessment(items: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<questestinterop xmlns="{QTI}"><assessment ident="A1" title="Cell quiz">
<qtimetadata><qtimetadatafield><fieldlabel>cc_maxattempts</fieldlabel><fieldentry>2</fieldentry></qtimetadatafield></qtimetadata>
<section ident="S1">{items}</section></assessment></questestinterop>"""


ALL_QUESTIONS = "".join(
    [
        qti_item(
            "single",
            "cc.multiple_choice.v0p1",
            "Which standard covers robot safety?",
            [("a", "ISO 10218"), ("b", "IEC 61131-3")],
            ["a"],
        ),
        qti_item(
            "multi",
            "cc.multiple_response.v0p1",
            "Which are safeguards?",
            [("a", "Light curtain"), ("b", "Fence"), ("c", "Paint")],
            [],
            conditions='<and><varequal respident="r1">a</varequal><varequal respident="r1">b</varequal><not><varequal respident="r1">c</varequal></not></and>',
        ),
        qti_item(
            "tf",
            "cc.true_false.v0p1",
            "A cobot never needs a risk assessment.",
            [("t", "True"), ("f", "False")],
            ["f"],
        ),
        qti_item(
            "fib",
            "cc.fib.v0p1",
            "The robot safety standard is ISO ____.",
            [],
            ["10218", "ISO 10218"],
            fib=True,
        ),
        qti_item(
            "num",
            "cc.fib.v0p1",
            "Stopping distance in mm at 2 m/s over 0.1 s?",
            [],
            [],
            fib=True,
            extra="<qtimetadatafield><fieldlabel>question_type</fieldlabel><fieldentry>numerical_question</fieldentry></qtimetadatafield>",
            conditions='<or><and><vargte respident="r1">195</vargte><varlte respident="r1">205</varlte></and></or>',
        ),
        qti_item("essay", "cc.essay.v0p1", "Describe a cell.", [], [], fib=True),
        qti_item(
            "nokey", "cc.multiple_choice.v0p1", "No key here?", [("a", "Yes"), ("b", "No")], ["zzz"]
        ),
    ]
)


def every_kind() -> dict[str, bytes]:
    """A cartridge with every mapped kind and every placeholder kind."""
    items = """
    <item identifier="m1"><title>Basics</title>
      <item identifier="i1" identifierref="page"><title>What a cell is</title></item>
      <item identifier="i2" identifierref="pdf"><title>Cell layout</title></item>
      <item identifier="i3" identifierref="link"><title>Link</title></item>
      <item identifier="sub"><title>Deeper</title>
        <item identifier="i4" identifierref="quiz"><title>Cell quiz</title></item>
      </item>
    </item>
    <item identifier="m2"><title>Community</title>
      <item identifier="i5" identifierref="topic"><title>Introduce yourself</title></item>
      <item identifier="i6" identifierref="lti"><title>Simulator</title></item>
    </item>"""
    resources = """
    <resource identifier="page" type="webcontent" href="pages/cell.html"><file href="pages/cell.html"/></resource>
    <resource identifier="pdf" type="webcontent" href="files/layout.pdf"><file href="files/layout.pdf"/></resource>
    <resource identifier="link" type="imswl_xmlv1p1"><file href="link.xml"/></resource>
    <resource identifier="quiz" type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment"><file href="quiz/assessment.xml"/></resource>
    <resource identifier="topic" type="imsdt_xmlv1p1"><file href="topic.xml"/></resource>
    <resource identifier="lti" type="imsbasiclti_xmlv1p0"><file href="lti.xml"/></resource>"""
    return {
        "imsmanifest.xml": manifest(items, resources).encode(),
        "pages/cell.html": b'<html><head><title>x</title></head><body><h2>A cell</h2><p>Robot, fence and controller.</p><script>alert(1)</script><a href="javascript:alert(2)">x</a></body></html>',
        "files/layout.pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        "link.xml": b'<?xml version="1.0"?><webLink xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"><title>ISO overview</title><url href="https://www.iso.org/"/></webLink>',
        "quiz/assessment.xml": assessment(ALL_QUESTIONS).encode(),
        "topic.xml": b'<?xml version="1.0"?><topic xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1"><title>Introduce yourself</title><text texttype="text/plain">Hello</text></topic>',
        "lti.xml": b'<?xml version="1.0"?><cartridge_basiclti_link xmlns="http://www.imsglobal.org/xsd/imslticc_v1p0"><title>Simulator</title><launch_url>https://sim.example/launch</launch_url></cartridge_basiclti_link>',
    }


def zipped(files: dict[str, bytes], *, utf8_flag: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    data = buffer.getvalue()
    return data
