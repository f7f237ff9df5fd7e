"""The checks of the wiring that run at every start: the external video origins the
Content-Security-Policy allows."""

from typing import Any

import pytest

from config import checks
from tests.config.test_settings import PRODUCTION_ENVIRONMENT, _manage


@pytest.mark.parametrize(
    "value",
    [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com:443",
        "https://*.vimeocdn.com",
        "https://Media.Example.org",
        "http://127.0.0.1:9000",
    ],
)
def test_an_origin_is_a_scheme_a_host_and_an_optional_port(value: str) -> None:
    assert checks.is_origin(value)


@pytest.mark.parametrize(
    "value",
    [
        "www.youtube.com",  # no scheme
        "ftp://files.example.org",
        "https://",
        "https://video.example.org/",  # a path: a source expression, not an origin
        "https://video.example.org/embed",
        "https://video.example.org?autoplay=1",
        "https://video.example.org#player",
        "https://user@video.example.org",
        "https://video.example.org:0",
        "https://video.example.org:70000",
        "https://video.example.org:",
        "https://video..example.org",
        "https://*.*.example.org",
        "https://video.example.org; script-src *",  # would smuggle a directive into the header
        " https://video.example.org",
        "*",
        "'self'",
    ],
)
def test_anything_more_or_less_than_an_origin_is_not_one(value: str) -> None:
    assert not checks.is_origin(value)


def test_https_origins_pass_in_production(settings: Any) -> None:
    settings.DEBUG = False
    settings.VIDEO_EXTERNAL_ORIGINS = ["https://www.youtube-nocookie.com", "https://*.vimeocdn.com"]

    assert checks.check_video_external_origins() == []


def test_a_malformed_origin_is_refused_even_in_development(settings: Any) -> None:
    settings.DEBUG = True
    settings.VIDEO_EXTERNAL_ORIGINS = ["https://player.vimeo.com", "https://video.example.org/x"]

    errors = checks.check_video_external_origins()

    assert [(error.id, error.msg) for error in errors] == [
        ("config.E003", checks.VIDEO_ORIGIN_MALFORMED % {"value": "https://video.example.org/x"})
    ]


def test_a_plain_http_origin_is_allowed_in_development_only(settings: Any) -> None:
    settings.VIDEO_EXTERNAL_ORIGINS = ["http://127.0.0.1:9000"]
    settings.DEBUG = True
    assert checks.check_video_external_origins() == []

    settings.DEBUG = False
    errors = checks.check_video_external_origins()

    assert [(error.id, error.msg) for error in errors] == [
        ("config.E004", checks.VIDEO_ORIGIN_NOT_HTTPS % {"value": "http://127.0.0.1:9000"})
    ]


def test_the_server_does_not_start_with_a_plain_http_origin_in_production() -> None:
    environment = {**PRODUCTION_ENVIRONMENT, "VIDEO_EXTERNAL_ORIGINS": "http://video.example.org"}

    result = _manage("check", environment=environment)

    assert result.returncode != 0
    assert "config.E004" in result.stderr
