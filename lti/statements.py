"""Each learner launch kept as an xAPI 1.0.3 "launched" statement in the registering
organisation's LRS records, with the LMS context it came from."""

import logging
import uuid
from typing import Any

from django.conf import settings
from django.utils import timezone

from enrollment.models import Enrollment
from lrs import api as lrs_api

__all__ = ["record_launch_statement"]

logger = logging.getLogger(__name__)

LAUNCHED = "http://adlnet.gov/expapi/verbs/launched"
COURSE_TYPE = "http://adlnet.gov/expapi/activities/course"
LMS_CONTEXT_EXTENSION = "https://purl.imsglobal.org/spec/lti/claim/context"
LMS_ISSUER_EXTENSION = "https://purl.imsglobal.org/spec/lti/claim/tool_platform"
_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"


def record_launch_statement(
    *, organization_id: int, enrollment: Enrollment, issuer: str, claims: dict[str, Any]
) -> str | None:
    """Store the statement (actor: the platform account, as enrollment's statements name it;
    object: the course; context: the enrollment's registration and the LMS's issuer and
    context); its id, or None when the LRS refused it (logged: a launch never fails for it)."""
    base = settings.PUBLIC_BASE_URL
    lms_context = claims.get(_CLAIM + "context")
    statement = {
        "id": str(uuid.uuid4()),
        "version": "1.0.3",
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": base, "name": str(enrollment.user_id)},
        },
        "verb": {"id": LAUNCHED, "display": {"en-US": "launched"}},
        "object": {
            "objectType": "Activity",
            "id": f"{base}/courses/{enrollment.course.slug}",
            "definition": {"type": COURSE_TYPE},
        },
        "context": {
            "registration": str(enrollment.registration),
            "platform": "LTI 1.3",
            "extensions": {
                LMS_ISSUER_EXTENSION: {"issuer": issuer},
                LMS_CONTEXT_EXTENSION: lms_context if isinstance(lms_context, dict) else {},
            },
        },
        "timestamp": timezone.now().isoformat(),
    }
    try:
        [stored] = lrs_api.store_platform_statements(
            organization_id=organization_id, statements=[statement]
        )
    except (lrs_api.InvalidError, lrs_api.ConflictError) as error:
        logger.warning("LTI launch statement not stored: %r", error)
        return None
    return stored
