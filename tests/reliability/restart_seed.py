"""Prepare the private database of the PostgreSQL restart test, in a process of its own.

`python -m tests.reliability.restart_seed LEARNERS` (with DATABASE_URL set) migrates it,
publishes the test course, enrols LEARNERS learners, gives each an API token, and prints
`{"video": lesson key, "learners": [{"enrollment": id, "token": secret}, ...]}` as JSON.
"""

import json
import sys
from typing import Any

import django


def seed(*, learners: int) -> dict[str, Any]:
    """Migrate, publish the course the enrollment tests use, enrol `learners` learners."""
    from django.core.management import call_command
    from django.test import override_settings

    from accounts import api as accounts_api
    from courses import api as courses_api
    from courses.models import CourseVersion
    from enrollment import api as enrollment_api
    from tests.courses.conftest import FRAMEWORK, make_package
    from tests.factories import TEST_PASSWORD, MembershipFactory, OrganizationFactory, UserFactory

    call_command("migrate", verbosity=0)
    courses_api.load_competency_framework(entries=FRAMEWORK)
    institution = OrganizationFactory(slug="rhine", name="Rhine TU", country="DE")
    # Hashing speed is not under test (the tokens are checked by digest, not by password).
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        staff = {}
        for role in ("author", "reviewer", "approver"):
            staff[role] = UserFactory(email=f"{role}@rhine.example")
            MembershipFactory(user=staff[role], organization=institution, role=role)
        package = make_package()
        courses_api.import_course_package(user=staff["author"], data=package)
        workflow = (("author", "submit"), ("reviewer", "approve"), ("approver", "publish"))
        for role, action in workflow:
            courses_api.transition_version(user=staff[role], slug="plc-basics", action=action)
        seeded = []
        for _number in range(learners):
            learner = UserFactory()
            enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
            _token, secret = accounts_api.create_api_token(
                email=learner.email, password=TEST_PASSWORD
            )
            seeded.append({"enrollment": enrollment.pk, "token": secret})
    version = CourseVersion.objects.get(state="published")
    video = next(
        lesson
        for module in version.modules.all()
        for lesson in module.lessons.all()
        if lesson.kind == "video"
    )
    return {"video": str(video.key), "learners": seeded}


if __name__ == "__main__":
    django.setup()
    print(json.dumps(seed(learners=int(sys.argv[1]))))
