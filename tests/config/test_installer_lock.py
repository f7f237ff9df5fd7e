"""The installer pinned for a fresh venv is the pip of the main lock, hashed."""

import re

from tests.conftest import ROOT

PIN = re.compile(r"^pip==(?P<version>\S+) \\$", re.MULTILINE)


def test_installer_lock_pins_the_same_hashed_pip_as_the_main_lock() -> None:
    installer = (ROOT / "requirements-installer.lock").read_text()
    main = (ROOT / "requirements.lock").read_text()

    installer_pin = PIN.search(installer)
    main_pin = PIN.search(main)

    assert installer_pin is not None
    assert main_pin is not None
    assert installer_pin["version"] == main_pin["version"]
    installer_hashes = set(re.findall(r"--hash=sha256:([0-9a-f]{64})", installer))
    main_block = main[main_pin.start() :].split("\n    # via", 1)[0]
    assert installer_hashes
    assert installer_hashes == set(re.findall(r"--hash=sha256:([0-9a-f]{64})", main_block))


def test_makefile_installs_through_the_pinned_installer() -> None:
    makefile = (ROOT / "Makefile").read_text()
    script = (ROOT / "scripts" / "install-python.sh").read_text()

    assert "scripts/install-python.sh $(PYTHON) $(VENV)" in makefile
    assert "scripts/install-python.sh $(PYTHON) var/fresh-venv" in makefile
    assert script.index("requirements-installer.lock") < script.index('"$root/requirements.lock"')
