"""scripts/audit_dependencies.py: vulnerabilities fail, exceptions pass, an unreachable
database warns (and fails only with AUDIT_REQUIRED=1), and "nothing audited" is never "clean"."""

import importlib.util
import json
import subprocess
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


def test_nothing_reachable_warns_and_passes_unless_required(
    audit: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _reports(monkeypatch, audit, NOT_AUDITED, NPM_UNREACHABLE)

    assert audit.main() == 0
    errors = capsys.readouterr().err
    assert "pip-audit could not audit 1 of 1 packages" in errors
    assert "npm audit (frontend) could not reach the advisory database: 405" in errors
    assert "the dependency audit is INCOMPLETE" in errors

    monkeypatch.setenv("AUDIT_REQUIRED", "1")
    assert audit.main() == 1


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
