#!/usr/bin/env bash
# Installs the locked Python dependencies into a virtual environment, made by the given interpreter if
# it does not exist yet: the pinned installer first (requirements-installer.lock), then requirements.lock,
# both with hashes. `make setup` and CI's fresh-install check (`make test-install`) both run this, so
# the check installs exactly as a newcomer's machine does.
set -euo pipefail
python="${1:?usage: install-python.sh PYTHON VENV}"
venv="${2:?usage: install-python.sh PYTHON VENV}"
root="$(cd "$(dirname "$0")/.." && pwd)"

test -x "$venv/bin/python" || "$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes)
# The pip that the interpreter brings may be too old for this lock (23.2.1 refuses a dependency that
# another asks for with an extra, like weasyprint's fonttools[woff]): pin the installer first.
"${pip[@]}" --no-deps -r "$root/requirements-installer.lock"
"${pip[@]}" -r "$root/requirements.lock"
