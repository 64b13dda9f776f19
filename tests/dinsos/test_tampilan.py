"""The demo as an office sees it: error pages, favicon, log lines, `make run`, menu, login, kop."""

import importlib.util
import io
import logging
import re
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any, cast

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from config.log import RingkasKesalahanKlien, TanpaBarisServer4xx
from dinsos.models import ProfilKantor

from .. import factories as f

ROOT = Path(settings.BASE_DIR)


def _run_dev():
    spec = importlib.util.spec_from_file_location("run_dev", ROOT / "scripts" / "run_dev.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["run_dev"] = mod
    spec.loader.exec_module(mod)
    return mod


# --- error pages and favicon -------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_404_di_luar_wilayah_berbahasa_indonesia(users, wil, client_for):
    orang = f.buat_orang(desa=wil["desa1"])
    r = client_for(users["op_desa_lain"]).get(reverse("ppks:orang_detail", args=[orang.pk]))
    assert r.status_code == 404
    isi = r.content.decode()
    assert "Halaman atau data tidak ditemukan" in isi
    assert "di luar wilayah kewenangan Anda" in isi
    assert '<html lang="id">' in isi
    # Not Django's debug page, which lists every URL pattern of the site.
    assert "URLconf" not in isi and "Page not found" not in isi


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_403_berbahasa_indonesia(users, client_for):
    r = client_for(users["op_desa"]).get(reverse("laporan:dasbor"))
    assert r.status_code == 403
    isi = r.content.decode()
    assert "Tidak berwenang" in isi and "Kembali ke beranda" in isi
    assert "css/app.css" in isi  # the office's own page, with its styles


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_500_berbahasa_indonesia(rf):
    from django.views.defaults import server_error

    r = server_error(rf.get("/"))
    assert r.status_code == 500
    assert "Terjadi kesalahan pada server" in r.content.decode()


@pytest.mark.django_db
def test_favicon_dijawab(client):
    r = client.get("/favicon.ico")
    assert r.status_code == 200
    isi = b"".join(r.streaming_content) if r.streaming else r.content
    assert Image.open(io.BytesIO(isi)).format == "ICO"


@pytest.mark.django_db
def test_halaman_menautkan_favicon_dan_css(client):
    isi = client.get(reverse("login")).content.decode()
    assert "img/favicon.svg" in isi and 'href="/favicon.ico"' in isi
    assert "css/app.css" in isi
    assert (ROOT / "static" / "img" / "favicon.svg").read_text().startswith("<svg")


# --- one line per thing that happens -----------------------------------------------------------


@pytest.fixture
def baris_log():
    """Every line the console would print for django.* records, formatted as it prints them."""
    terkumpul: list[logging.LogRecord] = []

    class Kumpul(logging.Handler):
        def emit(self, record):
            terkumpul.append(record)

    h = Kumpul()
    logger = logging.getLogger("django")
    logger.addHandler(h)
    yield lambda: [ln for r in terkumpul for ln in logging.Formatter().format(r).splitlines()]
    logger.removeHandler(h)


@pytest.mark.django_db
def test_404_satu_baris_tanpa_traceback(users, wil, client_for, baris_log, caplog):
    orang = f.buat_orang(desa=wil["desa1"])
    with caplog.at_level(logging.INFO):
        r = client_for(users["op_desa_lain"]).get(reverse("ppks:orang_detail", args=[orang.pk]))
    assert r.status_code == 404
    baris = baris_log()
    assert len(baris) <= 1, baris
    assert not any("Traceback" in b for b in baris)
    assert all(rec.exc_info is None for rec in caplog.records if rec.name == "django.request")


def test_logger_django_tidak_mencetak_dua_kali():
    # Django's default gives "django" its own console handler that also propagates to root.
    assert logging.getLogger("django").propagate is False
    django_log = cast(dict[str, Any], settings.LOGGING)["loggers"]["django"]
    assert django_log["handlers"] == ["console"]
    assert django_log["propagate"] is False


def _rekaman(nama, status, exc=True):
    try:
        raise ValueError("x")
    except ValueError:
        info = sys.exc_info()
    rec = logging.LogRecord(nama, logging.WARNING, __file__, 1, "Not Found: /x", (), info)
    rec.status_code = status
    return rec


def test_filter_4xx_tanpa_traceback_5xx_tetap():
    f4 = _rekaman("django.request", 404)
    assert RingkasKesalahanKlien().filter(f4) and f4.exc_info is None
    f5 = _rekaman("django.request", 500)
    assert RingkasKesalahanKlien().filter(f5) and f5.exc_info is not None


def test_baris_runserver_4xx_diserahkan_ke_django_request():
    assert TanpaBarisServer4xx().filter(_rekaman("django.server", 404)) is False
    assert TanpaBarisServer4xx().filter(_rekaman("django.server", 200)) is True


# --- make run / make dev -----------------------------------------------------------------------


def test_tunggu_port_menunggu_server_menjawab():
    run_dev = _run_dev()
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]

    def dengar_nanti():
        time.sleep(0.5)
        s.listen()

    t = threading.Thread(target=dengar_nanti)
    mulai = time.monotonic()
    t.start()
    try:
        assert run_dev.tunggu_port("127.0.0.1", port, batas_detik=10, jeda=0.05)
        assert time.monotonic() - mulai >= 0.45  # not before the port answered
    finally:
        t.join()
        s.close()


def test_tunggu_port_berhenti_bila_server_mati_atau_batas_waktu():
    run_dev = _run_dev()
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there
    mulai = time.monotonic()
    assert not run_dev.tunggu_port("127.0.0.1", port, batas_detik=10, masih_hidup=lambda: False)
    assert not run_dev.tunggu_port("127.0.0.1", port, batas_detik=0.3, jeda=0.05)
    assert time.monotonic() - mulai < 5


def test_make_run_tanpa_debug_dan_tanpa_reloader():
    run_dev = _run_dev()
    env = run_dev.lingkungan(dev=False)
    assert env["DEBUG"] == "false"
    assert env["SESSION_COOKIE_SECURE"] == "false"  # plain http on this machine
    worker, server = run_dev.perintah(dev=False, py="py")
    assert worker == ["py", "manage.py", "db_worker", "--no-reload"]
    assert "--noreload" in server
    assert run_dev.lingkungan(dev=True)["DEBUG"] == "true"
    worker, server = run_dev.perintah(dev=True, py="py")
    assert "--reload" in worker and "--noreload" not in server
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^dev:", makefile, re.M)
    assert "scripts/run_dev.py --dev" in makefile
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "collectstatic" in run  # WhiteNoise serves the collected files with DEBUG off


# --- phone menu, login, kop surat --------------------------------------------------------------


def test_menu_ponsel_setinggi_44px():
    css = (ROOT / "static" / "css" / "app.css").read_text()
    blok = re.search(r"@media \(max-width: 899\.98px\) \{(.*?)\n\}", css, re.S)
    assert blok, "aturan menu ponsel tidak ada"
    aturan = blok.group(1)
    assert ".navmenu > a" in aturan and ".navgroup > summary" in aturan
    assert "min-height: 44px" in aturan


@pytest.mark.django_db
def test_masuk_menyimpan_nama_pengguna_setelah_sandi_salah(users, client):
    r = client.post(reverse("login"), {"username": "opdesa", "password": "salah-sekali"})
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Nama pengguna atau kata sandi salah." in isi
    assert 'value="opdesa"' in isi
    assert 'name="password"' in isi and "salah-sekali" not in isi


def test_halaman_masuk_tanpa_style_inline():
    isi = (ROOT / "templates" / "registration" / "login.html").read_text()
    assert "style=" not in isi


@pytest.mark.django_db
def test_profil_demo_berlogo_bertelepon_beralamat():
    from dinsos.management.commands.muat_demo import isi_profil_demo
    from laporan.pdf import logo_uri

    call_command("muat_wilayah", verbosity=0)
    profil = isi_profil_demo()
    profil = ProfilKantor.get()
    assert profil.telepon.startswith("(0357)")
    assert profil.alamat.startswith("Jl. ") and "Pacitan" in profil.alamat
    assert profil.alamat != "Jl. Contoh No. 1"
    assert profil.logo.name.startswith("kop/")
    with profil.logo.open("rb") as berkas:
        assert Image.open(berkas).format == "PNG"
    assert logo_uri(profil).startswith("data:image/png;base64,")


@pytest.mark.django_db
def test_profil_demo_tidak_menimpa_isian_kantor():
    from dinsos.management.commands.muat_demo import isi_profil_demo

    ProfilKantor.objects.create(alamat="Jl. Kantor Sendiri 3", telepon="(0357) 123")
    profil = isi_profil_demo()
    assert (profil.alamat, profil.telepon) == ("Jl. Kantor Sendiri 3", "(0357) 123")
    assert profil.logo  # the empty field is still filled
