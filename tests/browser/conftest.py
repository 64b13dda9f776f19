"""What the role checks share: the demo accounts over a small demo, and a Chromium that records
its console and can be set to a phone's or a desk screen's viewport.

The demo is `muat_demo` without the past year of `laporan.demo` (hundreds of applications,
more than a minute to build): the accounts, the registry, PSKS and one application at every
step of B4 — enough for every role to have a queue and every page to have rows.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from dinsos.management.commands.muat_demo import DEMO_PASSWORD

# The live server needs the same two fixtures as the walk-through browser test (imported so
# that pytest finds them here too), and the same Chromium.
from tests.bansos.test_browser import (  # noqa: F401
    CHROMEDRIVER,
    CHROMIUM,
    bersih_setelahnya,
    tanpa_media_url,
)

PERAN_DEMO = ["desa", "kecamatan", "petugas", "verifikator", "kadis", "bendahara", "admin"]
SANDI_DEMO = DEMO_PASSWORD
TANGKAPAN_BAWAAN = Path(__file__).parent / "tangkapan"


def muat_demo_kecil(monkeypatch) -> None:
    """The demo accounts and data of `make run`, less the slow past year of the laporan app."""
    import laporan.demo

    monkeypatch.setattr(laporan.demo, "muat", lambda stdout: None)
    call_command("muat_wilayah", verbosity=0)
    call_command("muat_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def tangkapan_dir() -> Path:
    """Where the beranda screenshots go: $TANGKAPAN_DIR, or tests/browser/tangkapan/."""
    d = Path(os.environ.get("TANGKAPAN_DIR") or TANGKAPAN_BAWAAN)
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture
def chromium(tanpa_media_url, bersih_setelahnya):  # noqa: F811
    """Headless Chromium with its console log kept (goog:loggingPrefs). Missing Chromium is a
    failure, never a silent pass; SKIP_BROWSER_TESTS=1 skips, saying so."""
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip("SKIP_BROWSER_TESTS=1: uji peramban dilewati atas permintaan.")
    biner = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    driver = CHROMEDRIVER if os.path.exists(CHROMEDRIVER) else shutil.which("chromedriver")
    if not biner or not driver:
        pytest.fail(
            "Chromium/chromedriver tidak terpasang (dicari di /usr/bin/chromium dan "
            "/usr/bin/chromedriver). Pasang dengan `apt-get install -y chromium chromium-driver` "
            "(.ci/run melakukannya), atau set SKIP_BROWSER_TESTS=1 untuk melewati uji ini."
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profil = tempfile.mkdtemp(prefix="dinsos-chromium-")
    opsi = Options()
    opsi.binary_location = biner
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profil}",
        "--window-size=1366,900",
    ):
        opsi.add_argument(arg)
    opsi.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(options=opsi, service=Service(executable_path=driver))
    d.set_page_load_timeout(30)
    d.set_script_timeout(30)
    try:
        yield d
    finally:
        d.quit()
        shutil.rmtree(profil, ignore_errors=True)
