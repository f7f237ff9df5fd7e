"""Moodle course backups (.mbz) built in code from the backup format (Moodle 3.x and 4.x)."""

# XML fixtures read best one element per line, however long.
# ruff: noqa: E501

import hashlib
import io
import tarfile
from html import escape

from devdata.elearning_packages import build_scorm12_package

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
XML = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _answer(answer_id: int, text: str, fraction: str) -> str:
    return f'<answer id="{answer_id}"><answertext>{escape(text)}</answertext><answerformat>1</answerformat><fraction>{fraction}</fraction><feedback></feedback><feedbackformat>1</feedbackformat></answer>'


def question(question_id: int, qtype: str, name: str, text: str, plugin: str = "") -> str:
    """A <question> of questions.xml; `plugin` is the inside of plugin_qtype_<qtype>_question."""
    return f"""<question id="{question_id}"><parent>0</parent><name>{escape(name)}</name>
  <questiontext>{escape(text)}</questiontext><questiontextformat>1</questiontextformat>
  <generalfeedback>{escape("<p>Because of " + name + ".</p>")}</generalfeedback><generalfeedbackformat>1</generalfeedbackformat>
  <defaultmark>1.0000000</defaultmark><penalty>0.3333333</penalty><qtype>{qtype}</qtype><length>1</length><stamp>x</stamp><hidden>0</hidden>
  <plugin_qtype_{qtype}_question>{plugin}</plugin_qtype_{qtype}_question></question>"""


def multichoice(
    question_id: int, name: str, answers: list[tuple[str, str]], *, single: bool
) -> str:
    rows = "".join(
        _answer(question_id * 10 + index, text, fraction)
        for index, (text, fraction) in enumerate(answers)
    )
    plugin = f'<answers>{rows}</answers><multichoice id="{question_id}"><layout>0</layout><single>{1 if single else 0}</single><shuffleanswers>1</shuffleanswers><answernumbering>abc</answernumbering></multichoice>'
    return question(question_id, "multichoice", name, f"<p>{name}?</p>", plugin)


def every_question() -> list[str]:
    """One question of each mapped qtype, the unmapped ones, and one without a correct answer."""
    true_false = f'<answers>{_answer(1031, "True", "0.0000000")}{_answer(1032, "False", "1.0000000")}</answers><truefalse id="1"><trueanswer>1031</trueanswer><falseanswer>1032</falseanswer></truefalse>'
    short = f'<answers>{_answer(1041, "ladder diagram", "1.0000000")}{_answer(1042, "LD", "1.0000000")}{_answer(1043, "wrong", "0.0000000")}</answers><shortanswer id="1"><usecase>0</usecase></shortanswer>'
    numerical = f'<answers>{_answer(1051, "3.3", "1.0000000")}{_answer(1052, "*", "0.0000000")}</answers><numerical_records><numerical_record id="1"><answer>1051</answer><tolerance>0.05</tolerance></numerical_record><numerical_record id="2"><answer>1052</answer><tolerance>0</tolerance></numerical_record></numerical_records>'
    return [
        multichoice(
            101,
            "Robot safety",
            [("ISO 10218", "1.0000000"), ("IEC 61131-3", "0.0000000")],
            single=True,
        ),
        multichoice(
            102,
            "PLC languages",
            [("LD", "0.5000000"), ("ST", "0.5000000"), ("HTML", "-1.0000000")],
            single=False,
        ),
        question(103, "truefalse", "Fences", "<p>A light curtain is a fence.</p>", true_false),
        question(104, "shortanswer", "LD", "<p>What is LD short for?</p>", short),
        question(105, "numerical", "Scan time", "<p>Scan time in ms?</p>", numerical),
        question(
            106,
            "essay",
            "Essay",
            "<p>Describe a cell.</p>",
            "<essay><responseformat>editor</responseformat></essay>",
        ),
        question(
            107,
            "match",
            "Match",
            "<p>Match them.</p>",
            "<matchoptions><shuffleanswers>1</shuffleanswers></matchoptions>",
        ),
        multichoice(108, "No key", [("A", "0.0000000"), ("B", "0.0000000")], single=True),
        question(109, "ddwtos", "Drag words", "<p>[[1]] and [[2]]</p>"),
        question(110, "calculated", "Ohm", "<p>{a} / {b}</p>"),
    ]


QUESTION_IDS = list(range(101, 111))


def questions_v3(questions: list[str], extra_category: str = "") -> str:
    """questions.xml as Moodle 3.x writes it."""
    return f"""{XML}<question_categories>
  <question_category id="7"><name>Default for Cells</name><contextid>40</contextid><contextlevel>50</contextlevel><contextinstanceid>2</contextinstanceid><info></info><infoformat>0</infoformat><stamp>x</stamp><parent>0</parent><sortorder>999</sortorder>
    <questions>{"".join(questions)}</questions>
  </question_category>{extra_category}
</question_categories>"""


def questions_v4(questions: list[str], extra_category: str = "") -> str:
    """questions.xml as Moodle 4.x writes it: each question one version of a bank entry (the
    entry's id is the question's id plus 1000 here; question 101 also has an older version)."""
    entries = []
    for text in questions:
        question_id = int(text.split('"', 2)[1])
        older = ""
        if question_id == 101:
            older = f'<question_versions id="{question_id + 5000}"><version>1</version><status>ready</status><questions>{multichoice(question_id + 5000, "Old robot safety", [("A", "0"), ("B", "1")], single=True)}</questions></question_versions>'
        entries.append(
            f'<question_bank_entry id="{question_id + 1000}"><questioncategoryid>7</questioncategoryid><idnumber>$@NULL@$</idnumber><ownerid>2</ownerid><question_version>{older}<question_versions id="{question_id}"><version>{2 if older else 1}</version><status>ready</status><questions>{text}</questions></question_versions></question_version></question_bank_entry>'
        )
    return f"""{XML}<question_categories>
  <question_category id="7"><name>Default for Cells</name><contextid>40</contextid><contextlevel>50</contextlevel><contextinstanceid>2</contextinstanceid><info></info><infoformat>0</infoformat><stamp>x</stamp><parent>0</parent><sortorder>999</sortorder>
    <question_bank_entries>{"".join(entries)}</question_bank_entries>
  </question_category>{extra_category}
</question_categories>"""


def quiz_xml(question_ids: list[int], *, moodle4: bool, random_slot: bool = False) -> str:
    instances = []
    for slot, question_id in enumerate(question_ids, start=1):
        if moodle4:
            reference = f'<question_reference id="{slot}"><usingcontextid>45</usingcontextid><component>mod_quiz</component><questionarea>slot</questionarea><questionbankentryid>{question_id + 1000}</questionbankentryid><version>$@NULL@$</version></question_reference>'
            instances.append(
                f'<question_instance id="{slot}"><slot>{slot}</slot><page>1</page><requireprevious>0</requireprevious><maxmark>2.0000000</maxmark>{reference}</question_instance>'
            )
        else:
            instances.append(
                f'<question_instance id="{slot}"><slot>{slot}</slot><page>1</page><questionid>{question_id}</questionid><maxmark>2.0000000</maxmark></question_instance>'
            )
    if random_slot:
        instances.append(
            '<question_instance id="999"><slot>99</slot><page>2</page><maxmark>1.0000000</maxmark><question_set_reference id="1"><usingcontextid>45</usingcontextid><component>mod_quiz</component><questionarea>slot</questionarea><questionscontextid>40</questionscontextid><filtercondition>{}</filtercondition></question_set_reference></question_instance>'
        )
    return f"""<quiz id="5"><name>Cell quiz</name><intro>&lt;p&gt;Ten questions.&lt;/p&gt;</intro><introformat>1</introformat>
  <timeopen>0</timeopen><timeclose>0</timeclose><timelimit>1200</timelimit><grademethod>1</grademethod><attempts_number>3</attempts_number>
  <question_instances>{"".join(instances)}</question_instances></quiz>"""


def activity(module_id: int, modname: str, inner: str, *, contextid: int) -> bytes:
    return f'{XML}<activity id="{module_id}" moduleid="{module_id}" modulename="{modname}" contextid="{contextid}">{inner}</activity>'.encode()


def _section(section_id: int, number: int, name: str, summary: str, sequence: list[int]) -> bytes:
    return f'{XML}<section id="{section_id}"><number>{number}</number><name>{escape(name)}</name><summary>{escape(summary)}</summary><summaryformat>1</summaryformat><sequence>{",".join(map(str, sequence))}</sequence><visible>1</visible></section>'.encode()


def _file_record(
    file_id: int,
    contenthash: str,
    contextid: int,
    component: str,
    filearea: str,
    filename: str,
    mimetype: str,
) -> str:
    return f'<file id="{file_id}"><contenthash>{contenthash}</contenthash><contextid>{contextid}</contextid><component>{component}</component><filearea>{filearea}</filearea><itemid>0</itemid><filepath>/</filepath><filename>{escape(filename)}</filename><userid>2</userid><filesize>1</filesize><mimetype>{mimetype}</mimetype><status>0</status><timecreated>0</timecreated><timemodified>0</timemodified><source>$@NULL@$</source><author>$@NULL@$</author><license>$@NULL@$</license><sortorder>0</sortorder><repositorytype>$@NULL@$</repositorytype><repositoryid>$@NULL@$</repositoryid><reference>$@NULL@$</reference></file>'


# (module id, modname, section id, title)
ACTIVITIES = [
    (1, "page", 10, "Welcome page"),
    (2, "label", 10, "Note"),
    (3, "resource", 11, "Cell layout"),
    (4, "url", 11, "ISO overview"),
    (5, "quiz", 11, "Cell quiz"),
    (6, "scorm", 11, "Fire safety"),
    (7, "scorm", 11, "Missing package"),
    (8, "forum", 12, "Introduce yourself"),
    (9, "assign", 12, "Cell report"),
    (10, "lti", 12, "Simulator"),
    (11, "wiki", 12, "Glossary wiki"),
]


def every_kind(*, moodle4: bool = True, lang: str = "en") -> dict[str, bytes]:
    """A backup with every mapped kind and every placeholder kind, in three sections."""
    pdf_hash = hashlib.sha1(PDF, usedforsecurity=False).hexdigest()
    scorm = build_scorm12_package()
    scorm_hash = hashlib.sha1(scorm, usedforsecurity=False).hexdigest()
    activity_rows = "".join(
        f"<activity><moduleid>{module_id}</moduleid><sectionid>{section_id}</sectionid><modulename>{modname}</modulename><title>{title}</title><directory>activities/{modname}_{module_id}</directory></activity>"
        for module_id, modname, section_id, title in ACTIVITIES
    )
    section_rows = "".join(
        f"<section><sectionid>{section_id}</sectionid><title>{number}</title><directory>sections/section_{section_id}</directory></section>"
        for section_id, number in ((10, 0), (11, 1), (12, 2))
    )
    intro = "&lt;p&gt;Say hello.&lt;/p&gt;"
    files = {
        "moodle_backup.xml": f"""{XML}<moodle_backup><information><name>backup-robot-cells.mbz</name><moodle_version>2022112800</moodle_version><moodle_release>4.1</moodle_release><backup_version>2022112800</backup_version><original_course_fullname>Robot Cells</original_course_fullname><original_course_shortname>RC</original_course_shortname>
  <contents><activities>{activity_rows}</activities><sections>{section_rows}</sections><course><courseid>2</courseid><title>RC</title><directory>course</directory></course></contents>
  <settings><setting><level>root</level><name>users</name><value>0</value></setting></settings></information></moodle_backup>""".encode(),
        "course/course.xml": f'{XML}<course id="2" contextid="40"><shortname>RC</shortname><fullname>Robot Cells</fullname><summary>&lt;p&gt;Cells and safety.&lt;/p&gt;</summary><summaryformat>1</summaryformat><format>topics</format><lang>{lang}</lang></course>'.encode(),
        # Listed out of order: section.xml's sequence decides.
        "sections/section_10/section.xml": _section(
            10, 0, "$@NULL@$", "<p>Welcome to the course.</p>", [2, 1]
        ),
        "sections/section_11/section.xml": _section(11, 1, "Cells", "", [3, 4, 5, 6, 7]),
        "sections/section_12/section.xml": _section(12, 2, "Community", "", [8, 9, 10, 11]),
        "activities/page_1/page.xml": activity(
            1,
            "page",
            '<page id="1"><name>Welcome page</name><intro></intro><content>&lt;p&gt;Hello &lt;img src="@@PLUGINFILE@@/cell.png"&gt;&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</content><contentformat>1</contentformat></page>',
            contextid=41,
        ),
        "activities/page_1/module.xml": b'<module id="1"><modulename>page</modulename><sectionid>10</sectionid><sectionnumber>0</sectionnumber></module>',
        "activities/label_2/label.xml": activity(
            2,
            "label",
            '<label id="2"><name>Note</name><intro>&lt;p&gt;Wear &lt;b&gt;goggles&lt;/b&gt;.&lt;/p&gt;</intro><introformat>1</introformat></label>',
            contextid=42,
        ),
        "activities/resource_3/resource.xml": activity(
            3,
            "resource",
            '<resource id="3"><name>Cell layout</name><intro></intro><introformat>1</introformat><tobemigrated>0</tobemigrated><legacyfiles>0</legacyfiles><display>0</display></resource>',
            contextid=43,
        ),
        "activities/url_4/url.xml": activity(
            4,
            "url",
            '<url id="4"><name>ISO overview</name><intro>&lt;p&gt;The standard.&lt;/p&gt;</intro><introformat>1</introformat><externalurl>https://www.iso.org/</externalurl><display>0</display></url>',
            contextid=44,
        ),
        "activities/quiz_5/quiz.xml": activity(
            5, "quiz", quiz_xml(QUESTION_IDS, moodle4=moodle4, random_slot=moodle4), contextid=45
        ),
        "activities/scorm_6/scorm.xml": activity(
            6,
            "scorm",
            f'<scorm id="6"><name>Fire safety</name><scormtype>local</scormtype><reference>fire.zip</reference><intro>{intro}</intro><introformat>1</introformat></scorm>',
            contextid=46,
        ),
        "activities/scorm_7/scorm.xml": activity(
            7,
            "scorm",
            f'<scorm id="7"><name>Missing package</name><scormtype>local</scormtype><reference>gone.zip</reference><intro>{intro}</intro><introformat>1</introformat></scorm>',
            contextid=47,
        ),
        "activities/forum_8/forum.xml": activity(
            8,
            "forum",
            f'<forum id="8"><type>general</type><name>Introduce yourself</name><intro>{intro}</intro><introformat>1</introformat></forum>',
            contextid=48,
        ),
        "activities/assign_9/assign.xml": activity(
            9,
            "assign",
            f'<assign id="9"><name>Cell report</name><intro>{intro}</intro><introformat>1</introformat></assign>',
            contextid=49,
        ),
        "activities/lti_10/lti.xml": activity(
            10,
            "lti",
            f'<lti id="10"><name>Simulator</name><intro>{intro}</intro><introformat>1</introformat><toolurl>https://tool.example/launch</toolurl></lti>',
            contextid=50,
        ),
        "activities/wiki_11/wiki.xml": activity(
            11,
            "wiki",
            f'<wiki id="11"><name>Glossary wiki</name><intro>{intro}</intro><introformat>1</introformat></wiki>',
            contextid=51,
        ),
        "files.xml": f"""{XML}<files>
  {_file_record(1, pdf_hash, 43, "mod_resource", "content", ".", "document/unknown")}
  {_file_record(2, pdf_hash, 43, "mod_resource", "content", "cell layout.pdf", "application/pdf")}
  {_file_record(3, scorm_hash, 46, "mod_scorm", "package", "fire.zip", "application/zip")}
</files>""".encode(),
        f"files/{pdf_hash[:2]}/{pdf_hash}": PDF,
        f"files/{scorm_hash[:2]}/{scorm_hash}": scorm,
        "questions.xml": (questions_v4 if moodle4 else questions_v3)(every_question()).encode(),
    }
    return files


def tar_gz(
    files: dict[str, bytes],
    *,
    members: list[tarfile.TarInfo] | None = None,
    tar_format: int = tarfile.PAX_FORMAT,
) -> bytes:
    """The files as a gzip'd tar, as Moodle 2.6+ writes backups; `members` are added as given
    (links, devices, unsafe names)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tar_format) as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        for member in members or []:
            archive.addfile(member)
    return buffer.getvalue()
