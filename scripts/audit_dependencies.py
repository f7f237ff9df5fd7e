"""`make audit`: known vulnerabilities in the locked Python packages (pip-audit) and in the
runtime npm packages of frontend/ and interop/ (npm audit --omit=dev).

Fails on any known vulnerability of high or critical severity (npm; pip-audit reports no
severity, so every Python vulnerability counts) unless `.audit-exceptions.md` lists its id with
a reason and a date. When a vulnerability database cannot be reached (no network, a registry
mirror without the audit endpoints) it says so loudly, and passes only while the dated
exception for that in `.audit-exceptions.md` ("Vulnerability databases unreachable", at most 90
days) is in force: nothing was learned either way, and someone has written down who checks
when. AUDIT_REQUIRED=1 makes an unreachable database a failure regardless, for builds that must
be audited.
"""

import json
import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXCEPTIONS_FILE = ROOT / ".audit-exceptions.md"
NPM_PROJECTS = ("frontend", "interop")
BLOCKING_SEVERITIES = ("high", "critical")
# Advisory ids in the first column of the exceptions table: GHSA-…, PYSEC-…, CVE-…, or npm's
# numeric advisory ids.
EXCEPTION_ROW = re.compile(r"^\|\s*`?((?:GHSA|PYSEC|CVE|OSV)-[\w-]+|\d+)`?\s*\|", re.MULTILINE)
UNREACHABLE_SECTION = "## Vulnerability databases unreachable"
UNREACHABLE_DATE = re.compile(r"^(accepted|expires): (\S+)\s*$", re.MULTILINE)
# An exception for an audit that could not be made is renewed by someone who tried again.
UNREACHABLE_LONGEST = timedelta(days=90)


def _today() -> date:
    return datetime.now(tz=UTC).date()


def _excepted() -> set[str]:
    if not EXCEPTIONS_FILE.exists():
        return set()
    return set(EXCEPTION_ROW.findall(EXCEPTIONS_FILE.read_text(encoding="utf-8")))


class NotExceptedError(Exception):
    """The dated exception for unreachable databases is missing, malformed, too long or past."""


def unreachable_exception_expiry(text: str, *, today: date) -> date:
    """The expiry date of the exception for unreachable databases in `text` (the exceptions
    file), which covers `today`. Raises NotExceptedError saying why not."""
    where = f"{EXCEPTIONS_FILE.name}, section '{UNREACHABLE_SECTION.removeprefix('## ')}'"
    _before, found, section = text.partition(UNREACHABLE_SECTION + "\n")
    if not found:
        raise NotExceptedError(f"no dated exception for unreachable databases ({where})")
    dates = dict(UNREACHABLE_DATE.findall(section.split("\n## ", 1)[0]))
    try:
        accepted = date.fromisoformat(dates["accepted"])
        expires = date.fromisoformat(dates["expires"])
    except (KeyError, ValueError) as error:
        raise NotExceptedError(
            f"{where} needs an 'accepted: YYYY-MM-DD' and an 'expires: YYYY-MM-DD' line"
        ) from error
    if expires - accepted > UNREACHABLE_LONGEST:
        raise NotExceptedError(f"{where} runs from {accepted} to {expires}: over 90 days")
    if today > expires:
        raise NotExceptedError(f"the exception in {where} expired on {expires}")
    return expires


def _audit_python(excepted: set[str]) -> tuple[list[str], list[str]]:
    """(blocking findings, reasons the audit could not be made)."""
    command = [
        str(ROOT / ".venv/bin/pip-audit"),
        "--requirement",
        str(ROOT / "requirements.lock"),
        "--require-hashes",
        "--disable-pip",
        "--format",
        "json",
        "--progress-spinner",
        "off",
    ]
    for vulnerability_id in sorted(excepted):
        command += ["--ignore-vuln", vulnerability_id]
    # Our own tool and lock file; the only variable parts are ids from our exceptions file.
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=False, timeout=600
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        last_line = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return [], [f"pip-audit could not reach its vulnerability database: {last_line}"]
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    findings = [
        f"{d['name']} {d['version']}: {v['id']} (fixed in {', '.join(v['fix_versions']) or '-'})"
        for d in dependencies
        for v in d.get("vulns", [])
        if v["id"] not in excepted and not set(v.get("aliases", [])) & excepted
    ]
    problems = []
    if skipped:
        # pip-audit exits 0 when PyPI answers 404 for every package (a mirror without the JSON
        # API): that is "not audited", not "no vulnerabilities".
        problems.append(
            f"pip-audit could not audit {len(skipped)} of {len(dependencies)} packages "
            f"(e.g. {skipped[0]['name']}: {skipped[0]['skip_reason']})"
        )
    return findings, problems


def _audit_npm(project: str, excepted: set[str]) -> tuple[list[str], list[str]]:
    result = subprocess.run(
        ["npm", "audit", "--omit=dev", "--json"],  # noqa: S607 - npm from PATH, as make uses it
        cwd=ROOT / project,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return [], [f"npm audit ({project}) gave no report: {result.stderr.strip()[-200:]}"]
    if "vulnerabilities" not in report:
        message = report.get("message") or report.get("error", {}).get("summary", "unknown error")
        return [], [f"npm audit ({project}) could not reach the advisory database: {message}"]
    findings = []
    for name, entry in report["vulnerabilities"].items():
        if entry.get("severity") not in BLOCKING_SEVERITIES:
            continue
        advisories = [
            via for via in entry.get("via", []) if isinstance(via, dict) and "source" in via
        ]
        ids = {str(via["source"]) for via in advisories} | {
            via.get("url", "").rsplit("/", 1)[-1] for via in advisories
        }
        if advisories and ids & excepted:
            continue
        findings.append(f"{project}: {name} ({entry['severity']}) {entry.get('range', '')}")
    return findings, []


def main() -> int:
    excepted = _excepted()
    findings, problems = _audit_python(excepted)
    for project in NPM_PROJECTS:
        project_findings, project_problems = _audit_npm(project, excepted)
        findings += project_findings
        problems += project_problems
    for problem in problems:
        print(f"WARNING: {problem}", file=sys.stderr)
    if problems:
        print(
            "WARNING: the dependency audit is INCOMPLETE: the packages above were not checked "
            "for known vulnerabilities. Run `AUDIT_REQUIRED=1 make audit` where PyPI's JSON "
            "API, api.osv.dev and the npm registry's audit endpoint are reachable; until then "
            f"this passes only under the dated exception in {EXCEPTIONS_FILE.name} "
            f"('{UNREACHABLE_SECTION.removeprefix('## ')}').",
            file=sys.stderr,
        )
    if findings:
        print("Known vulnerabilities (high/critical for npm, all for Python):", file=sys.stderr)
        for finding in findings:
            print(f"  {finding}", file=sys.stderr)
        print(
            f"Upgrade, or record a dated exception with its reason in {EXCEPTIONS_FILE.name}.",
            file=sys.stderr,
        )
        return 1
    if not problems:
        print("Dependency audit: no known vulnerabilities of concern.")
        return 0
    if os.environ.get("AUDIT_REQUIRED", "") in {"1", "true", "yes"}:
        print("FAILED: AUDIT_REQUIRED=1 and the audit could not be made.", file=sys.stderr)
        return 1
    text = EXCEPTIONS_FILE.read_text(encoding="utf-8") if EXCEPTIONS_FILE.exists() else ""
    try:
        expires = unreachable_exception_expiry(text, today=_today())
    except NotExceptedError as refusal:
        print(
            f"FAILED: {refusal}. Audit where the databases answer, then renew it "
            "(at most 90 days) or delete it.",
            file=sys.stderr,
        )
        return 1
    print(
        f"WARNING: passing under the dated exception in {EXCEPTIONS_FILE.name}, "
        f"which expires on {expires}.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
