"""A Python client generated from the API's OpenAPI schema by openapi-python-client, as an
integrator would make one: the contract tests import it and call the API with it."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

__all__ = ["PACKAGE", "generate_client", "openapi_document"]

PACKAGE = "icim_academy_client"

# Media types the generator does not know, read as what they are: JSON, or bytes.
CONFIG = {
    "content_type_overrides": {
        "application/vc": "application/json",
        "application/pdf": "application/octet-stream",
        "application/zip": "application/octet-stream",
        # A chunk of a resumable upload (tus-like): raw bytes.
        "application/offset+octet-stream": "application/octet-stream",
    },
    # The generated code imports without being linted or formatted; skipping ruff saves time.
    "post_hooks": [],
}


def openapi_document() -> dict[str, Any]:
    """The schema `/api/schema/` serves, as plain JSON data."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema))


def generate_client(schema: dict[str, Any], directory: Path) -> Path:
    """Generate the client package into `directory`; returns the package's folder. Fails on any
    generator warning, so a schema change a generator cannot follow fails the tests."""
    (directory / "openapi.json").write_text(json.dumps(schema))
    (directory / "config.yaml").write_text(yaml.safe_dump(CONFIG))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path=openapi.json",
            "--config=config.yaml",
            f"--output-path={PACKAGE}",
            "--meta=none",
        ],
        cwd=directory,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output, output
    assert "Unable to" not in output, output
    return directory / PACKAGE
