"""Open edX OLX course exports built in code for the tests, from the OLX documentation's shapes."""

import io
import tarfile

TOP = "course"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def tarball(files: dict[str, bytes], *, top: str = TOP) -> bytes:
    """The files as a gzip-compressed tar, under one top folder as Studio exports them."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"{top}/{name}" if top else name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def with_members(files: dict[str, bytes], extra: list[tarfile.TarInfo]) -> bytes:
    """A tarball of `files` with the hand-made members `extra` (links, devices, odd names)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.GNU_FORMAT) as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"{TOP}/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for info in extra:
            archive.addfile(info, io.BytesIO(b"x" * info.size) if info.size else None)
    return buffer.getvalue()


MULTIPLE_CHOICE = b"""<problem display_name="Scan cycle" weight="2">
  <multiplechoiceresponse>
    <label>Which step comes first in a PLC scan?</label>
    <choicegroup type="MultipleChoice">
      <choice correct="false">Execute the program</choice>
      <choice correct="true">Read the inputs</choice>
      <choice correct="false">Write the outputs</choice>
    </choicegroup>
    <solution><p>Inputs are read into the image first.</p></solution>
  </multiplechoiceresponse>
</problem>"""

TRUE_FALSE = b"""<problem display_name="Safety">
  <multiplechoiceresponse>
    <label>An emergency stop is a safety function.</label>
    <choicegroup type="MultipleChoice">
      <choice correct="true">True</choice>
      <choice correct="false">False</choice>
    </choicegroup>
  </multiplechoiceresponse>
</problem>"""

CHECKBOXES = b"""<problem display_name="Fieldbuses">
  <choiceresponse>
    <label>Which are fieldbuses?</label>
    <checkboxgroup>
      <choice correct="true">PROFIBUS</choice>
      <choice correct="true">CANopen</choice>
      <choice correct="false">HDMI</choice>
    </checkboxgroup>
  </choiceresponse>
</problem>"""

DROPDOWN = b"""<problem display_name="Languages">
  <p>IEC 61131-3 names five languages.</p>
  <optionresponse>
    <optioninput label="The graphical language like relay logic is" options="('ST','LD','IL')"
      correct="LD"/>
  </optionresponse>
</problem>"""

TEXT = b"""<problem display_name="Protocol">
  <stringresponse answer="OPC UA" type="ci">
    <label>Which protocol models information for Industry 4.0?</label>
    <additional_answer>OPC Unified Architecture</additional_answer>
    <stringequalhint answer="MQTT" label="Close but wrong">MQTT moves messages.</stringequalhint>
    <textline size="20"/>
  </stringresponse>
</problem>"""

NUMERIC = b"""<problem display_name="Cycle time">
  <numericalresponse answer="2.5">
    <label>A cell makes 24 parts a minute. The cycle time in seconds?</label>
    <responseparam type="tolerance" default="0.1"/>
    <formulaequationinput/>
  </numericalresponse>
  <numericalresponse answer="200">
    <label>A 50 mm part at scale 4:1 is drawn how long (mm)?</label>
    <responseparam type="tolerance" default="5%"/>
    <formulaequationinput/>
  </numericalresponse>
</problem>"""

CUSTOM = b"""<problem display_name="Scripted">
  <customresponse cfn="check"><label>Anything</label><textline/></customresponse>
  <formularesponse answer="x^2"><label>Square</label><formulaequationinput/></formularesponse>
  <imageresponse><imageinput src="/static/cell.png" rectangle="(1,1)-(2,2)"/></imageresponse>
</problem>"""

NO_CORRECT = b"""<problem display_name="Broken">
  <multiplechoiceresponse>
    <label>Nothing is right here.</label>
    <choicegroup><choice correct="false">A</choice><choice correct="false">B</choice></choicegroup>
  </multiplechoiceresponse>
</problem>"""


def every_kind() -> dict[str, bytes]:
    """A course with every mapped and every placeholder kind, pointers and inline elements."""
    return {
        "course.xml": b'<course url_name="2026" org="ICIM" course="ROB101"/>',
        "course/2026.xml": (
            b'<course display_name="Robot Cells" language="de">'
            b'<chapter url_name="basics"/><chapter url_name="practice"/>'
            b'<wiki slug="robot-cells"/></course>'
        ),
        "chapter/basics.xml": (
            b'<chapter display_name="Basics"><sequential url_name="intro"/></chapter>'
        ),
        "sequential/intro.xml": (
            b'<sequential display_name="Introduction">'
            b'<vertical url_name="welcome"/><vertical url_name="quiz1"/></sequential>'
        ),
        "vertical/welcome.xml": (
            b'<vertical display_name="Welcome">'
            b'<html url_name="welcome_text"/>'
            b'<html display_name="Inline">'
            b'<p>Read the <a href="/static/layout.pdf">layout</a>.</p>'
            b"<script>alert(1)</script></html>"
            b'<video url_name="intro_video"/>'
            b'<video display_name="Lab tour" html5_sources="[&quot;http://media.example/tour.mp4&quot;]"/>'
            b"</vertical>"
        ),
        "html/welcome_text.xml": b'<html filename="welcome_text" display_name="Welcome"/>',
        "html/welcome_text.html": (
            b'<h2>Welcome</h2><p onclick="steal()">Robot cells <img src="/static/cell.png"/></p>'
        ),
        "video/intro_video.xml": (
            b'<video display_name="Intro" youtube="1.00:o2pLltkrhGM" youtube_id_1_0="o2pLltkrhGM">'
            b'<transcript language="en" src="intro.srt"/></video>'
        ),
        "static/intro.srt": (
            b"1\n00:00:00,000 --> 00:00:02,000\nWelcome to robot cells.\n\n"
            b"2\n00:00:02,000 --> 00:00:04,000\nLet us begin.\n"
        ),
        "vertical/quiz1.xml": (
            b'<vertical display_name="Check">'
            b'<problem url_name="mc"/><problem url_name="tf"/><problem url_name="boxes"/>'
            b'<problem url_name="dropdown"/><problem url_name="text"/><problem url_name="numeric"/>'
            b'<problem url_name="custom"/><problem url_name="broken"/>'
            b"</vertical>"
        ),
        "problem/mc.xml": MULTIPLE_CHOICE,
        "problem/tf.xml": TRUE_FALSE,
        "problem/boxes.xml": CHECKBOXES,
        "problem/dropdown.xml": DROPDOWN,
        "problem/text.xml": TEXT,
        "problem/numeric.xml": NUMERIC,
        "problem/custom.xml": CUSTOM,
        "problem/broken.xml": NO_CORRECT,
        # The second chapter is written inline in one file, as hand-made OLX often is.
        "chapter/practice.xml": (
            b'<chapter display_name="Practice">'
            b'<sequential display_name="Together"><vertical display_name="Talk and tools">'
            b'<discussion display_name="Questions" discussion_category="Week 1"'
            b' discussion_target="Questions"/>'
            b'<lti_consumer display_name="Simulator" launch_url="https://sim.example/launch"/>'
            b'<openassessment display_name="Essay"><prompts><prompt><description>Why?'
            b"</description></prompt></prompts></openassessment>"
            b'<drag-and-drop-v2 display_name="Sort parts" data="{}"/>'
            b'<library_content display_name="Random" source_library_id="lib"/>'
            b'<problem display_name="Inline question"><stringresponse answer="PLC">'
            b"<label>What controls the cell?</label><textline/></stringresponse></problem>"
            b"</vertical></sequential></chapter>"
        ),
        "static/layout.pdf": PDF,
        "static/cell.png": PNG,
        "static/handbook.pdf": PDF,
        "static/tool.exe": b"MZ\x90\x00binary",
        "drafts/vertical/unpublished.xml": b'<vertical display_name="Not yet"/>',
        "tabs/syllabus.html": b"<p>Syllabus</p>",
        "policies/2026/policy.json": b'{"course/2026": {"display_name": "Policy title"}}',
    }
