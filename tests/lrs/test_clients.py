"""Credentials: who may read and write, the management command, launch credentials."""

import base64
import uuid
from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from accounts.models import Organization
from lrs.api import issue_launch_credential
from lrs.models import Client, Statement
from tests.factories import OrganizationFactory
from tests.lrs.conftest import Credential, Send, make_credential, sender, statement


def _anonymous(organization: Organization, own: Credential) -> str | None:
    return None


def _other_organisation(organization: Organization, own: Credential) -> str | None:
    return make_credential(OrganizationFactory()).header


def _inactive(organization: Organization, own: Credential) -> str | None:
    Client.objects.filter(pk=own.client.pk).update(is_active=False)
    return own.header


def _allowed(organization: Organization, own: Credential) -> str | None:
    return own.header


@pytest.mark.parametrize(
    ("who", "status"),
    [(_anonymous, 401), (_other_organisation, 404), (_inactive, 401), (_allowed, 200)],
)
def test_who_may_read_an_organisations_statement(
    xapi: Send,
    organization: Organization,
    credential: Credential,
    who: Callable[[Organization, Credential], str | None],
    status: int,
) -> None:
    [statement_id] = xapi("POST", "statements", statement()).json()

    response = sender(who(organization, credential))(
        "GET", "statements", params={"statementId": statement_id}
    )

    assert response.status_code == status
    if status == 401:
        assert response["WWW-Authenticate"] == 'Basic realm="xAPI"'
        assert response.json() == {
            "detail": "Authenticate with the key and secret of an LRS client.",
            "code": "not_authenticated",
        }
    if status == 200:
        assert response.json()["id"] == statement_id
    # Another organisation's client lists none of them either.
    if who is _other_organisation:
        listed = sender(make_credential(OrganizationFactory()).header)("GET", "statements")
        assert listed.json() == {"statements": [], "more": ""}


def test_the_command_prints_key_and_secret_alone_on_its_last_line(
    organization: Organization,
) -> None:
    out = StringIO()

    call_command("xapi_credentials", "tum", stdout=out)

    last = out.getvalue().strip().splitlines()[-1]
    key, secret = last.split(":")
    client = Client.objects.get()
    assert (client.key, client.organization_id) == (key, organization.id)
    assert secret not in client.secret_hash
    header = "Basic " + base64.b64encode(last.encode()).decode()
    assert sender(header)("GET", "statements").status_code == 200


def test_the_command_refuses_an_unknown_organisation(db: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"No organisation with the slug 'nowhere'\."):
        call_command("xapi_credentials", "nowhere", stdout=StringIO())
    assert Client.objects.count() == 0


def _launch(organization: Organization, expires_in: timedelta) -> tuple[str, str]:
    registration = str(uuid.uuid4())
    token = issue_launch_credential(
        organization_id=organization.id,
        actor={"objectType": "Agent", "mbox": "mailto:ada@example.org"},
        registration=registration,
        activity_id="https://academy.example/au/1",
        expires_in=expires_in,
    )
    return token, registration


def test_a_launch_credential_states_only_its_actor_and_registration(
    organization: Organization,
) -> None:
    token, registration = _launch(organization, timedelta(minutes=5))
    send = sender("Basic " + token)

    own = send("POST", "statements", statement(context={"registration": registration}))
    other: Any = send(
        "POST",
        "statements",
        statement(actor={"mbox": "mailto:eve@example.org"}, context={"registration": registration}),
    )

    assert own.status_code == 200
    assert other.status_code == 400
    assert other.json() == {
        "detail": "this credential may only state statements about its actor",
        "code": "invalid",
    }
    assert Statement.objects.count() == 1


def test_an_expired_launch_credential_is_refused(organization: Organization) -> None:
    token, registration = _launch(organization, timedelta(seconds=-1))

    response = sender("Basic " + token)(
        "POST", "statements", statement(context={"registration": registration})
    )

    assert response.status_code == 401
    assert Statement.objects.count() == 0


def test_a_launch_credential_reads_only_its_learners_statements_and_documents(
    xapi: Send, organization: Organization
) -> None:
    token, registration = _launch(organization, timedelta(minutes=5))
    send = sender("Basic " + token)
    [own] = send("POST", "statements", statement(context={"registration": registration})).json()
    [colleague] = xapi(
        "POST",
        "statements",
        statement(actor={"mbox": "mailto:eve@example.org"}, context={"registration": registration}),
    ).json()

    listed = send("GET", "statements").json()
    hidden = send("GET", "statements", params={"statementId": colleague})
    documents = send(
        "PUT",
        "activities/state",
        {"page": 1},
        params={
            "activityId": "https://academy.example/au/1",
            "agent": '{"mbox": "mailto:eve@example.org"}',
            "stateId": "bookmark",
        },
    )

    assert [item["id"] for item in listed["statements"]] == [own]
    assert hidden.status_code == 404
    assert documents.status_code == 403
    assert documents.json() == {
        "detail": "This credential may only use its own learner's documents.",
        "code": "forbidden",
    }


def test_the_admin_lists_clients_and_withdraws_one(credential: Credential) -> None:
    from django.test import Client as HttpClient

    from tests.factories import UserFactory

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    http = HttpClient()
    http.force_login(admin_user)
    url = f"/admin/lrs/client/{credential.client.pk}/change/"

    listed = http.get("/admin/lrs/client/")
    changed = http.post(url, {"name": "Tin Can tool", "is_active": ""})

    assert credential.client.key in listed.content.decode()
    assert changed.status_code == 302
    assert Client.objects.get().is_active is False
    assert sender(credential.header)("GET", "statements").status_code == 401
