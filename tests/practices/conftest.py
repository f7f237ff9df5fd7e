"""Fixtures for practices tests: the courses fixtures (framework, institution staff, publish)
and a valid case study body."""

from typing import Any

import pytest

from tests.courses.conftest import framework, institution, make_package, publish, staff

__all__ = ["case_study_body", "framework", "institution", "make_package", "publish", "staff"]


@pytest.fixture
def case_study_body() -> dict[str, Any]:
    """A valid case study in English and Chinese, by the `rhine` institution."""
    return {
        "slug": "twin-line",
        "organization": "rhine",
        "primary_language": "en",
        "languages": ["en", "zh-hans"],
        "translations": {
            "en": {
                "title": "A digital twin for a bottling line",
                "summary": "Commissioning in simulation first.",
                "problem": "Commissioning took **six weeks**.",
                "solution": "A twin per ISO 23247.",
                "results": "Two weeks instead of six.",
            },
            "zh-hans": {"title": "灌装线的数字孪生应用", "problem": "调试需要六周。"},
        },
        "sector": "food",
        "country": "DE",
        "standards": ["ISO 23247"],
        "competencies": ["AUT.PLC"],
        "linked_courses": [],
    }
