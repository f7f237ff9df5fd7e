"""The settings module: secure by default, production values pass `check --deploy`."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENVIRONMENT = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "academy.icim.example",
    "PUBLIC_BASE_URL": "https://academy.icim.example",
    "PACKAGE_CONTENT_ORIGIN": "https://content.academy.icim.example",
    # Checks only read the setting; nothing connects to it.
    "REDIS_URL": "redis://redis.internal:6379/0",
}


# The environment a test hands over is all there is of the project's configuration.
_PROJECT_VARIABLES = (
    "DJANGO_",
    "REDIS_URL",
    "PUBLIC_BASE_URL",
    "DATABASE_URL",
    "DEVDATA_",
    "STORAGE_BACKEND",
    "S3_",
    "PACKAGE_",
)


def _manage(*arguments: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _python("manage.py", *arguments, environment=environment)


def _python(*arguments: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {
        key: value for key, value in os.environ.items() if not key.startswith(_PROJECT_VARIABLES)
    }
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env={**base, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _signing_material(directory: Path) -> dict[str, str]:
    """A credential key and a PDF seal, as production configures them."""
    from certificates.credentials import SigningKey
    from certificates.seal_keys import write_development_keys

    seal = write_development_keys(directory)
    return {
        "CREDENTIAL_SIGNING_KEY": SigningKey.generate().to_pem().decode(),
        "PDF_SEAL_KEY_FILE": str(seal.seal_key_file),
        "PDF_SEAL_CERT_FILE": str(seal.seal_cert_file),
        "PDF_SEAL_CHAIN_FILE": str(seal.ca_cert_file),
    }


def test_check_deploy_is_clean_with_production_values(tmp_path: Path) -> None:
    environment = {**PRODUCTION_ENVIRONMENT, **_signing_material(tmp_path)}

    result = _manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_is_clean_with_uploads_in_an_s3_bucket(tmp_path: Path) -> None:
    environment = {
        **PRODUCTION_ENVIRONMENT,
        **_signing_material(tmp_path),
        "STORAGE_BACKEND": "s3",
        "S3_BUCKET": "icim-media",
        "S3_ENDPOINT_URL": "https://s3.internal.example",
        "S3_REGION": "eu-central-1",
        "S3_ACCESS_KEY_ID": "key",
        "S3_SECRET_ACCESS_KEY": "secret",
        "S3_ADDRESSING_STYLE": "path",
    }

    result = _manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)

    assert result.returncode == 0, result.stdout + result.stderr


def test_s3_storage_without_a_bucket_refuses_to_start() -> None:
    environment = {**PRODUCTION_ENVIRONMENT, "STORAGE_BACKEND": "s3"}

    result = _python("-c", "import config.wsgi", environment=environment)

    assert result.returncode != 0
    assert "STORAGE_BACKEND=s3 needs S3_BUCKET." in result.stderr


def test_check_deploy_names_missing_signing_material() -> None:
    result = _manage("check", "--deploy", environment=PRODUCTION_ENVIRONMENT)

    assert result.returncode != 0
    assert "certificates.E001" in result.stderr
    assert "certificates.E002" in result.stderr


def test_missing_secret_is_refused_when_debug_is_off() -> None:
    environment = dict(PRODUCTION_ENVIRONMENT)
    del environment["DJANGO_SECRET_KEY"]

    result = _manage("check", environment=environment)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_development_secret_is_refused_when_debug_is_off() -> None:
    from config import settings

    environment = {
        **PRODUCTION_ENVIRONMENT,
        "DJANGO_SECRET_KEY": settings._DEVELOPMENT_SECRET_KEY,
    }

    result = _manage("check", environment=environment)

    assert result.returncode != 0
    assert "development secret key is refused" in result.stderr


def test_seed_demo_is_refused_when_debug_is_off() -> None:
    # devdata installed with DEBUG off, as the benchmarks do: the command still refuses
    result = _manage("seed_demo", environment={**PRODUCTION_ENVIRONMENT, "DEVDATA_ENABLED": "true"})

    assert result.returncode != 0
    assert "runs only with DJANGO_DEBUG=true" in result.stderr


def _installs_devdata(environment: dict[str, str]) -> bool:
    program = (
        "import django; django.setup(); from django.conf import settings; "
        "print('devdata' in settings.INSTALLED_APPS)"
    )
    result = _python("-c", program, environment=environment)
    assert result.returncode == 0, result.stderr
    return {"True\n": True, "False\n": False}[result.stdout]


def test_production_settings_do_not_install_devdata() -> None:
    production = {**PRODUCTION_ENVIRONMENT, "DJANGO_SETTINGS_MODULE": "config.settings"}

    assert _installs_devdata(production) is False
    seed = _manage("seed_demo", environment=PRODUCTION_ENVIRONMENT)
    assert seed.returncode != 0
    assert "Unknown command: 'seed_demo'" in seed.stderr


def test_development_and_benchmark_settings_install_devdata() -> None:
    development = {"DJANGO_DEBUG": "true", "DJANGO_SETTINGS_MODULE": "config.settings"}
    bench = {**PRODUCTION_ENVIRONMENT, "DJANGO_SETTINGS_MODULE": "config.settings_bench"}

    assert _installs_devdata(development) is True
    assert _installs_devdata(bench) is True


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _without(*names: str) -> dict[str, str]:
    return {key: value for key, value in PRODUCTION_ENVIRONMENT.items() if key not in names}


def test_check_deploy_refuses_a_cache_local_to_each_process(tmp_path: Path) -> None:
    environment = {**_without("REDIS_URL"), **_signing_material(tmp_path)}

    result = _manage("check", "--deploy", environment=environment)

    assert result.returncode != 0
    assert "config.E001" in result.stderr
    assert "revoked token keeps working" in result.stderr
    assert "Set REDIS_URL" in result.stderr


def test_gunicorn_entry_point_refuses_to_start_without_a_shared_cache() -> None:
    result = _python("-c", "import config.wsgi", environment=_without("REDIS_URL"))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "The cache is local to each process" in result.stderr


def test_gunicorn_entry_point_starts_with_a_shared_cache() -> None:
    result = _python("-c", "import config.wsgi; print('ready')", environment=PRODUCTION_ENVIRONMENT)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ready"


@pytest.mark.parametrize(
    "public_base_url",
    [None, "http://academy.icim.example", "https://127.0.0.1:8000", "https://localhost"],
)
def test_check_deploy_refuses_a_public_base_url_that_is_not_public_https(
    tmp_path: Path, public_base_url: str | None
) -> None:
    environment = {**_without("PUBLIC_BASE_URL"), **_signing_material(tmp_path)}
    if public_base_url is not None:
        environment["PUBLIC_BASE_URL"] = public_base_url

    result = _manage("check", "--deploy", environment=environment)

    assert result.returncode != 0
    assert "config.E002" in result.stderr
    assert "production needs the public https:// address" in result.stderr


def _public_address(environment: dict[str, str]) -> list[str]:
    """PUBLIC_BASE_URL and CSRF_TRUSTED_ORIGINS as the settings module resolves them."""
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"PORT", "PUBLIC_BASE_URL"}
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from config import settings; "
            "print(settings.PUBLIC_BASE_URL); print(*settings.CSRF_TRUSTED_ORIGINS)",
        ],
        cwd=ROOT,
        env={**base, **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.splitlines()


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        # Development: the address follows the port the server runs on.
        ({"DJANGO_DEBUG": "true"}, ["http://127.0.0.1:8000", "http://127.0.0.1:8000"]),
        (
            {"DJANGO_DEBUG": "true", "PORT": "9000"},
            ["http://127.0.0.1:9000", "http://127.0.0.1:9000"],
        ),
        # An address that is set wins, with or without a path; CSRF trusts its origin.
        (
            {"DJANGO_DEBUG": "true", "PORT": "9000", "PUBLIC_BASE_URL": "http://localhost:8080/"},
            ["http://localhost:8080", "http://localhost:8080"],
        ),
        (
            {**PRODUCTION_ENVIRONMENT, "PUBLIC_BASE_URL": "https://example.org/academy/"},
            ["https://example.org/academy", "https://example.org"],
        ),
        # Production ignores PORT: hosting platforms set it for the process, not the address.
        (
            {**PRODUCTION_ENVIRONMENT, "PORT": "9000"},
            ["https://academy.icim.example", "https://academy.icim.example"],
        ),
    ],
)
def test_public_base_url_resolution(environment: dict[str, str], expected: list[str]) -> None:
    assert _public_address(environment) == expected


def test_production_without_an_address_does_not_take_the_port() -> None:
    environment = dict(PRODUCTION_ENVIRONMENT)
    del environment["PUBLIC_BASE_URL"]

    assert _public_address({**environment, "PORT": "9000"})[0] == "http://127.0.0.1:8000"


@pytest.mark.parametrize(("arguments", "expected"), [((), "8000"), (("PORT=9000",), "9000")])
def test_make_gives_its_commands_the_port_it_serves_on(
    arguments: tuple[str, ...], expected: str
) -> None:
    """`make run` starts seed_demo and the server with PORT in their environment, default
    included, so the settings derive the public address from the port actually served."""
    environment = {key: value for key, value in os.environ.items() if key != "PORT"}
    probe = 'port-probe: ; @printf "%s\\n" "$$PORT"'

    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "--eval", probe, "port-probe", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout == f"{expected}\n"


@pytest.mark.parametrize(
    "origin",
    ["", "https://academy.icim.example", "http://content.academy.icim.example"],
    ids=["unset", "the-platforms-own", "plain-http"],
)
def test_check_deploy_refuses_a_content_origin_that_is_not_a_separate_https_one(
    tmp_path: Path, origin: str
) -> None:
    environment = {**PRODUCTION_ENVIRONMENT, **_signing_material(tmp_path)}
    environment.pop("PACKAGE_CONTENT_ORIGIN")
    if origin:
        environment["PACKAGE_CONTENT_ORIGIN"] = origin

    result = _manage("check", "--deploy", environment=environment)

    assert result.returncode == 1
    assert "config.E005" in result.stderr
