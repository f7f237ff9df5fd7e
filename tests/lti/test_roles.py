"""Who teaches in a launch: context roles only (LTI 1.3 A.2.3), never institution roles."""

import pytest

from lti import api as lti_api

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership"


@pytest.mark.parametrize(
    ("roles", "teaches"),
    [
        ([f"{MEMBERSHIP}#Instructor"], True),
        ([f"{MEMBERSHIP}#Administrator"], True),
        ([f"{MEMBERSHIP}#ContentDeveloper"], True),
        ([f"{MEMBERSHIP}/Instructor#TeachingAssistant"], True),
        (["Instructor"], True),
        ([f"{MEMBERSHIP}#Learner"], False),
        ([f"{MEMBERSHIP}#Mentor"], False),
        (["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"], False),
        (["http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator"], False),
        ([], False),
    ],
)
def test_only_context_teaching_roles_make_an_instructor(roles: list[str], teaches: bool) -> None:
    claims = {"https://purl.imsglobal.org/spec/lti/claim/roles": roles}

    assert lti_api.is_instructor(claims) is teaches
