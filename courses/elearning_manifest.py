"""E-learning manifests read with a hardened XML parser: SCORM 1.2 and 2004 (imsmanifest.xml) and
cmi5 (cmi5.xml), checked against the package's files (no database).

defusedxml refuses any DTD, so external entities and entity expansion ("billion laughs") never
reach the parser's resolver. Elements and attributes are matched by local name: authoring tools
disagree on prefixes and on the namespaces' exact URIs, never on the names.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from courses.elearning_zip import PackageProblem

__all__ = [
    "CMI5_MANIFEST",
    "SCORM_MANIFEST",
    "ManifestFacts",
    "parse_manifest",
]

SCORM_MANIFEST = "imsmanifest.xml"
CMI5_MANIFEST = "cmi5.xml"
MOVE_ON_VALUES = frozenset(
    {"Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"}
)
# Warnings of one kind beyond this many are left out (a package of 5,000 stray files).
_MAX_WARNINGS = 20


@dataclass
class ManifestFacts:
    """What a manifest says: the standard, the title, the launch file and every item (SCO or AU)
    with its launch and mastery score (percent), and the problems found."""

    standard: str = ""
    edition: str = ""
    title: str = ""
    launch_path: str = ""
    mastery_score: Decimal | None = None
    items: list[dict[str, Any]] = field(default_factory=list)
    problems: list[PackageProblem] = field(default_factory=list)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    found = _children(element, name)
    return found[0] if found else None


def _descendants(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if _local(child.tag) == name]


def _attribute(element: Element, name: str) -> str:
    """An attribute by local name, case-insensitively (SCORM 1.2 `scormtype`, 2004 `scormType`)."""
    for key, value in element.attrib.items():
        if _local(key).lower() == name.lower():
            return str(value).strip()
    return ""


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _decimal(value: str) -> Decimal | None:
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _file_part(href: str) -> str:
    """The package file a launch or file reference names (its query and fragment dropped)."""
    return unquote(urlsplit(href).path)


def _join(base: str, href: str) -> str:
    if not base:
        return href
    return f"{base.rstrip('/')}/{href}"


def _parse_xml(data: bytes, path: str) -> tuple[Element | None, list[PackageProblem]]:
    try:
        return fromstring(data, forbid_dtd=True), []
    except DefusedXmlException:
        return None, [PackageProblem("manifest_unsafe", path)]
    except (ParseError, ValueError) as error:
        return None, [PackageProblem("manifest_invalid", path, {"error": str(error)[:200]})]


def _check_file(
    facts: ManifestFacts, href: str, files: set[str], referenced: set[str], path_for: str
) -> None:
    name = _file_part(href)
    if urlsplit(href).scheme:  # an absolute URL: nothing in the package to check
        return
    referenced.add(name)
    if name not in files:
        facts.problems.append(PackageProblem("missing_file", name, {"manifest": path_for}))


def _warn_unreferenced(facts: ManifestFacts, files: set[str], referenced: set[str]) -> None:
    stray = sorted(files - referenced - {SCORM_MANIFEST, CMI5_MANIFEST})
    # Schemas and metadata files that SCORM manifests carry beside them are expected.
    stray = [name for name in stray if not name.lower().endswith((".xsd", ".dtd"))]
    for name in stray[:_MAX_WARNINGS]:
        facts.problems.append(PackageProblem("unreferenced_file", name, is_blocking=False))
    if len(stray) > _MAX_WARNINGS:
        facts.problems.append(
            PackageProblem(
                "more_unreferenced_files",
                None,
                {"count": len(stray) - _MAX_WARNINGS},
                is_blocking=False,
            )
        )


def _scorm_edition(schemaversion: str) -> tuple[str, str]:
    """(standard, edition) of a SCORM manifest's schemaversion; ("", "") when unknown."""
    version = schemaversion.strip().lower()
    if version in {"1.2", "1.2.0"}:
        return "scorm_1.2", ""
    if version in {"cam 1.3", "2004 2nd edition"}:
        return "scorm_2004", "2nd"
    if version == "2004 3rd edition":
        return "scorm_2004", "3rd"
    if version == "2004 4th edition":
        return "scorm_2004", "4th"
    return "", ""


def _scorm_2004_thresholds(item: Element) -> tuple[Decimal | None, Decimal | None]:
    """An item's scaled passing score (imsss minNormalizedMeasure of a primary objective that is
    satisfied by measure) and completion threshold (3rd edition: the element's text; 4th: its
    minProgressMeasure when completedByMeasure)."""
    passing = None
    sequencing = _child(item, "sequencing")
    primary = _child(_child(sequencing, "objectives"), "primaryObjective")
    if primary is not None and _attribute(primary, "satisfiedByMeasure").lower() == "true":
        passing = _decimal(_text(_child(primary, "minNormalizedMeasure")) or "1.0")
    threshold = None
    element = _child(item, "completionThreshold")
    if element is not None:
        if _text(element):
            threshold = _decimal(_text(element))
        elif _attribute(element, "completedByMeasure").lower() == "true":
            threshold = _decimal(_attribute(element, "minProgressMeasure") or "1.0")
    return passing, threshold


def _parse_scorm(root: Element, files: set[str]) -> ManifestFacts:
    facts = ManifestFacts()
    schemaversion = _text(_child(_child(root, "metadata"), "schemaversion"))
    facts.standard, facts.edition = _scorm_edition(schemaversion)
    if not facts.standard:
        # No (or an unknown) schemaversion: the adlcp namespace still tells the two apart.
        namespaces = " ".join(element.tag for element in root.iter()).lower()
        attributes = " ".join(key for element in root.iter() for key in element.attrib).lower()
        is_2004 = "adlcp_v1p3" in namespaces + attributes or "imsss" in namespaces
        facts.standard = "scorm_2004" if is_2004 else "scorm_1.2"
        facts.edition = "2nd" if is_2004 else ""
        facts.problems.append(
            PackageProblem(
                "unknown_schemaversion",
                SCORM_MANIFEST,
                {"value": schemaversion[:40]},
                is_blocking=False,
            )
        )
    resources_element = _child(root, "resources")
    resources: dict[str, Element] = {}
    base = _attribute(resources_element, "base") if resources_element is not None else ""
    for resource in _children(resources_element, "resource") if resources_element else []:
        resources[_attribute(resource, "identifier")] = resource
    referenced: set[str] = set()
    for identifier, resource in resources.items():
        resource_base = _join(base, _attribute(resource, "base"))
        for file_element in _children(resource, "file"):
            href = _attribute(file_element, "href")
            if href:
                _check_file(
                    facts, _join(resource_base, href), files, referenced, f"resource {identifier}"
                )
        for dependency in _children(resource, "dependency"):
            target = _attribute(dependency, "identifierref")
            if target not in resources:
                facts.problems.append(
                    PackageProblem("missing_resource", SCORM_MANIFEST, {"identifier": target})
                )
    organizations = _child(root, "organizations")
    chosen = None
    if organizations is not None:
        default = _attribute(organizations, "default")
        candidates = _children(organizations, "organization")
        chosen = next(
            (org for org in candidates if _attribute(org, "identifier") == default),
            candidates[0] if candidates else None,
        )
    if chosen is None:
        facts.problems.append(PackageProblem("no_organization", SCORM_MANIFEST))
        return facts
    facts.title = _text(_child(chosen, "title"))
    for item in _descendants(chosen, "item"):
        reference = _attribute(item, "identifierref")
        if not reference:
            continue  # an aggregation: its children are the launchable items
        found = resources.get(reference)
        if found is None:
            facts.problems.append(
                PackageProblem("missing_resource", SCORM_MANIFEST, {"identifier": reference})
            )
            continue
        resource = found
        href = _attribute(resource, "href")
        if not href:
            facts.problems.append(
                PackageProblem("no_launch_file", SCORM_MANIFEST, {"identifier": reference})
            )
            continue
        launch = _join(_join(base, _attribute(resource, "base")), href)
        parameters = _attribute(item, "parameters")
        if parameters:
            separator = "&" if "?" in launch else "?"
            launch += parameters if parameters.startswith(("?", "#")) else separator + parameters
        _check_file(facts, launch, files, referenced, f"item {_attribute(item, 'identifier')}")
        scorm_type = _attribute(resource, "scormtype").lower()
        mastery: Decimal | None = None
        threshold: Decimal | None = None
        if facts.standard == "scorm_1.2":
            value = _text(_child(item, "masteryscore"))
            mastery = _decimal(value) if value else None
            if value and (mastery is None or not 0 <= mastery <= 100):
                facts.problems.append(
                    PackageProblem("invalid_mastery_score", SCORM_MANIFEST, {"value": value[:20]})
                )
                mastery = None
        else:
            passing, threshold = _scorm_2004_thresholds(item)
            if passing is not None and not -1 <= passing <= 1:
                facts.problems.append(
                    PackageProblem(
                        "invalid_mastery_score", SCORM_MANIFEST, {"value": str(passing)[:20]}
                    )
                )
                passing = None
            mastery = passing * 100 if passing is not None else None
        facts.items.append(
            {
                "identifier": _attribute(item, "identifier"),
                "title": _text(_child(item, "title")),
                "launch_path": launch,
                "mastery_score": None if mastery is None else float(mastery),
                "move_on": None,
                "completion_threshold": None if threshold is None else float(threshold),
                "is_sco": scorm_type == "sco",
            }
        )
    _finish(facts, "no_sco")
    _warn_unreferenced(facts, files, referenced)
    return facts


def _langstring(element: Element | None) -> str:
    strings = _children(element, "langstring") if element is not None else []
    return _text(strings[0]) if strings else _text(element)


def _parse_cmi5(root: Element, files: set[str]) -> ManifestFacts:
    facts = ManifestFacts(standard="cmi5")
    facts.title = _langstring(_child(_child(root, "course"), "title"))
    referenced: set[str] = set()
    for au in _descendants(root, "au"):
        identifier = _attribute(au, "id")
        url = _text(_child(au, "url"))
        if not url:
            facts.problems.append(
                PackageProblem("no_launch_file", CMI5_MANIFEST, {"identifier": identifier})
            )
            continue
        _check_file(facts, url, files, referenced, f"au {identifier}")
        move_on = _attribute(au, "moveOn") or "NotApplicable"
        if move_on not in MOVE_ON_VALUES:
            facts.problems.append(
                PackageProblem("invalid_move_on", CMI5_MANIFEST, {"value": move_on[:40]})
            )
        value = _attribute(au, "masteryScore")
        mastery = _decimal(value) if value else None
        if value and (mastery is None or not 0 <= mastery <= 1):
            facts.problems.append(
                PackageProblem("invalid_mastery_score", CMI5_MANIFEST, {"value": value[:20]})
            )
            mastery = None
        facts.items.append(
            {
                "identifier": identifier,
                "title": _langstring(_child(au, "title")),
                "launch_path": url,
                "mastery_score": None if mastery is None else float(mastery * 100),
                "move_on": move_on,
                "launch_method": _attribute(au, "launchMethod") or "AnyWindow",
                "completion_threshold": None,
                "is_sco": True,
            }
        )
    _finish(facts, "no_au")  # cmi5.xml lists no files: none is "unreferenced"
    return facts


def _finish(facts: ManifestFacts, none_code: str) -> None:
    """The launch is the first SCO (or AU); a package of several plays only that one."""
    launchable = [item for item in facts.items if item["is_sco"]]
    if not launchable:
        facts.problems.append(PackageProblem(none_code, None))
        return
    first = launchable[0]
    facts.launch_path = first["launch_path"]
    facts.mastery_score = (
        None if first["mastery_score"] is None else Decimal(str(first["mastery_score"]))
    )
    if not facts.title:
        facts.title = first["title"]
    if len(launchable) > 1:
        facts.problems.append(
            PackageProblem(
                "several_items",
                first["launch_path"],
                {"count": len(launchable)},
                is_blocking=False,
            )
        )


def parse_manifest(*, name: str, data: bytes, files: set[str]) -> ManifestFacts:
    """The facts of the manifest `name` (SCORM_MANIFEST or CMI5_MANIFEST) whose bytes are
    `data`, checked against the package's `files`; its problems say what blocks and what is
    only a warning."""
    root, problems = _parse_xml(data, name)
    if root is None:
        return ManifestFacts(problems=problems)
    if name == CMI5_MANIFEST:
        if _local(root.tag) != "courseStructure":
            return ManifestFacts(problems=[PackageProblem("manifest_invalid", name, {"error": ""})])
        return _parse_cmi5(root, files)
    if _local(root.tag) != "manifest":
        return ManifestFacts(problems=[PackageProblem("manifest_invalid", name, {"error": ""})])
    return _parse_scorm(root, files)
