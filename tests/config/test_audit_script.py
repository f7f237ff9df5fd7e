"""scripts/audit_dependencies.py: vulnerabilities fail, exceptions pass, an unreachable
database warns and passes only under a dated exception of at most 90 days that has not expired
(never with AUDIT_REQUIRED=1), and "nothing audited" is never "clean"."""

import importlib.util
import json
import subprocess
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

NOT_AUDITED = {
    "dependencies": [
        {"name": "django", "version": "5.2.1", "skip_reason": "Dependency not found on PyPI"}
    ]
}
CLEAN_PYTHON = {"dependencies": [{"name": "django", "version": "5.2.1", "vulns": []}]}
VULNERABLE_PYTHON = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.1",
            "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["5.2.2"], "aliases": ["CVE-1"]}],
        }
    ]
}
NPM_UNREACHABLE = {"message": "405 Method Not Allowed - POST …/advisories/bulk"}
UNREACHABLE_EXCEPTION = """# Dependency audit exceptions

## Vulnerability databases unreachable

accepted: 2026-11-25
expires: 2027-02-23

Why, what is done instead, who re-checks when.

## Audit log

expires: 2099-01-01
"""  # the last line is outside the section: read, it would make the exception over 90 days
NPM_CLEAN = {"vulnerabilities": {}}
NPM_HIGH = {
    "vulnerabilities": {
        "react-router": {
            "severity": "high",
            "range": "<7.0.1",
            "via": [{"source": 1099, "url": "https://github.com/advisories/GHSA-aaaa-bbbb"}],
        },
        "left-pad": {"severity": "moderate", "range": "*", "via": []},
    }
}


@pytest.fixture
def audit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "audit_dependencies", ROOT / "scripts" / "audit_dependencies.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "EXCEPTIONS_FILE", tmp_path / ".audit-exceptions.md")
    monkeypatch.delenv("AUDIT_REQUIRED", raising=False)
    monkeypatch.setattr(module, "_today", lambda: date(2026, 12, 1))
    return module


def _reports(
    monkeypatch: pytest.MonkeyPatch, module: ModuleType, python: Any, npm: Any
) -> list[list[str]]:
    commands: list[list[str]] = []

    def run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        commands.append(command)
        report = npm if command[0] == "npm" else python
        return subprocess.CompletedProcess(command, 1, json.dumps(report), "")

    monkeypatch.setattr(module.subprocess, "run", run)
    return commands


def test_nothing_reachable_warns_and_passes_under_the_dated_exception_unless_required(
    audit: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    audit.EXCEPTIONS_FILE.write_text(UNREACHABLE_EXCEPTION)
    _reports(monkeypatch, audit, NOT_AUDITED, NPM_UNREACHABLE)

    assert audit.main() == 0
    errors = capsys.readouterr().err
    assert "pip-audit could not audit 1 of 1 packages" in errors
    assert "npm audit (frontend) could not reach the advisory database: 405" in errors
    assert "the dependency audit is INCOMPLETE" in errors
    assert "AUDIT_REQUIRED=1 make audit" in errors
    assert (
        "passing under the dated exception in .audit-exceptions.md, which expires on 2027-02-23"
    ) in errors

    monkeypatch.setenv("AUDIT_REQUIRED", "1")
    assert audit.main() == 1
    assert "FAILED: AUDIT_REQUIRED=1 and the audit could not be made." in capsys.readouterr().err


@pytest.mark.parametrize(
    ("today", "exceptions_file", "expected"),
    [
        (date(2027, 2, 24), UNREACHABLE_EXCEPTION, "expired on 2027-02-23"),
        (date(2026, 12, 1), None, "no dated exception for unreachable databases"),
        (
            date(2026, 12, 1),
            "# Dependency audit exceptions\n\nNo advisory is excepted.\n",
            "no dated exception for unreachable databases",
        ),
        (
            date(2026, 12, 1),
            UNREACHABLE_EXCEPTION.replace("expires: 2027-02-23", "expires: 2027-02-24"),
            "runs from 2026-11-25 to 2027-02-24: over 90 days",
        ),
        (
            date(2026, 12, 1),
            UNREACHABLE_EXCEPTION.replace("expires: 2027-02-23", "expires: 23 Feb 2027"),
            "needs an 'accepted: YYYY-MM-DD' and an 'expires: YYYY-MM-DD' line",
        ),
        (
            date(2026, 12, 1),
            UNREACHABLE_EXCEPTION.replace("expires: 2027-02-23\n", ""),
            "needs an 'accepted: YYYY-MM-DD' and an 'expires: YYYY-MM-DD' line",
        ),
    ],
    ids=["expired", "no-file", "no-section", "over-90-days", "malformed-date", "no-expiry"],
)
def test_an_unreachable_database_fails_without_a_dated_exception_in_force(
    audit: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    today: date,
    exceptions_file: str | None,
    expected: str,
) -> None:
    if exceptions_file is not None:
        audit.EXCEPTIONS_FILE.write_text(exceptions_file)
    monkeypatch.setattr(audit, "_today", lambda: today)
    _reports(monkeypatch, audit, NOT_AUDITED, NPM_CLEAN)

    assert audit.main() == 1
    errors = capsys.readouterr().err
    assert expected in errors
    assert "FAILED: " in errors


def test_the_dated_exception_covers_its_last_day(
    audit: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit.EXCEPTIONS_FILE.write_text(UNREACHABLE_EXCEPTION)
    monkeypatch.setattr(audit, "_today", lambda: date(2027, 2, 23))
    _reports(monkeypatch, audit, NOT_AUDITED, NPM_UNREACHABLE)

    assert audit.main() == 0


@pytest.mark.parametrize(
    ("python", "npm", "expected"),
    [
        (VULNERABLE_PYTHON, NPM_UNREACHABLE, "django 5.2.1: PYSEC-2099-1 (fixed in 5.2.2)"),
        (NOT_AUDITED, NPM_HIGH, "frontend: react-router (high) <7.0.1"),
    ],
    ids=["python-vulnerable-npm-unreachable", "python-unreachable-npm-high"],
)
def test_a_vulnerability_fails_even_while_the_unreachable_exception_is_in_force(
    audit: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    python: Any,
    npm: Any,
    expected: str,
) -> None:
    audit.EXCEPTIONS_FILE.write_text(UNREACHABLE_EXCEPTION)
    _reports(monkeypatch, audit, python, npm)

    assert audit.main() == 1
    assert expected in capsys.readouterr().err


def test_the_repository_records_a_well_formed_exception(audit: ModuleType) -> None:
    """The dates in the real file parse and span at most 90 days (whether they cover today is
    `make audit`'s business, not the test suite's)."""
    text = (ROOT / ".audit-exceptions.md").read_text(encoding="utf-8")

    expires = audit.unreachable_exception_expiry(text, today=date.min)

    assert isinstance(expires, date)


def test_a_clean_audit_passes(
    audit: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _reports(monkeypatch, audit, CLEAN_PYTHON, NPM_CLEAN)

    assert audit.main() == 0
    assert "no known vulnerabilities of concern" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("python", "npm", "expected"),
    [
        (VULNERABLE_PYTHON, NPM_CLEAN, "django 5.2.1: PYSEC-2099-1 (fixed in 5.2.2)"),
        (CLEAN_PYTHON, NPM_HIGH, "frontend: react-router (high) <7.0.1"),
    ],
)
def test_a_known_vulnerability_fails(
    audit: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    python: Any,
    npm: Any,
    expected: str,
) -> None:
    _reports(monkeypatch, audit, python, npm)

    assert audit.main() == 1
    errors = capsys.readouterr().err
    assert expected in errors
    assert "left-pad" not in errors  # moderate: not blocking


def test_a_recorded_exception_is_passed_on_and_accepted(
    audit: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit.EXCEPTIONS_FILE.write_text(
        "| advisory id | package | why | accepted on | review by |\n|---|---|---|---|---|\n"
        "| PYSEC-2099-1 | django | not reachable: we do not use the feature | 2026-11-24 | "
        "2027-01-31 |\n| GHSA-aaaa-bbbb | react-router | server rendering only | 2026-11-24 | "
        "2027-01-31 |\n"
    )
    commands = _reports(monkeypatch, audit, {"dependencies": []}, NPM_HIGH)

    assert audit.main() == 0
    assert commands[0][-2:] == ["--ignore-vuln", "PYSEC-2099-1"]
