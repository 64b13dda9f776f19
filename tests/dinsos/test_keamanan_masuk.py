"""Login and sessions (docs/security.md, "Login and sessions"; docs/rules.md, section 4):
throttling by user name and by address, idle timeout and session cap, the audit trail of
sign-ins and of role/wilayah changes, and the deploy check on the published demo password."""

import datetime as dt
import json
import re
import time

import pytest
from django.contrib.admin.sites import site
from django.core.checks import run_checks
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from dinsos.admin import PenggunaAdmin
from dinsos.checks import AKUN_DEMO, KATA_SANDI_DEMO
from dinsos.models import Peran, Riwayat, User
from dinsos.sesi import SESI_AKTIVITAS

from .. import factories as f

SANDI_SALAH = "salah-sandi-xyz"


@pytest.fixture(autouse=True)
def _axes_aktif(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


def _masuk(client, username, password, ip):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def _masuk_sebagai(client) -> bool:
    return "_auth_user_id" in client.session


def _kunci(client, username="petugas", ip="10.0.0.1"):
    jawaban = [_masuk(client, username, SANDI_SALAH, ip) for _ in range(5)]
    return jawaban


def test_lima_salah_lalu_sandi_benar_ditolak(client, users):
    jawaban = _kunci(client)
    assert [r.status_code for r in jawaban[:4]] == [200] * 4  # the form with its error
    assert jawaban[4].status_code == 429

    r = _masuk(client, "petugas", "rahasia", "10.0.0.1")
    assert r.status_code == 429
    assert not _masuk_sebagai(client)
    teks = r.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal." in teks
    jam = re.search(r"Silakan coba lagi setelah pukul (\d\d)\.(\d\d) WIB\.", teks)
    assert jam, teks
    # One cool-off (15 minutes) after this refused attempt, in the office's time zone.
    harap = timezone.localtime(timezone.now() + dt.timedelta(minutes=15))
    ditulis = harap.replace(hour=int(jam[1]), minute=int(jam[2]), second=0, microsecond=0)
    assert abs((harap - ditulis).total_seconds()) < 120


def test_nama_pengguna_terkunci_dari_alamat_lain(client, users):
    _kunci(client, "petugas", "10.0.0.1")
    r = _masuk(client, "petugas", "rahasia", "10.9.9.9")
    assert r.status_code == 429
    assert not _masuk_sebagai(client)


def test_alamat_terkunci_untuk_pengguna_lain(client, users):
    _kunci(client, "petugas", "10.0.0.1")
    r = _masuk(client, "kadis", "rahasia", "10.0.0.1")
    assert r.status_code == 429
    assert not _masuk_sebagai(client)


def test_pengguna_lain_dari_alamat_lain_tidak_terkunci(client, users):
    _kunci(client, "petugas", "10.0.0.1")
    r = _masuk(client, "kadis", "rahasia", "10.0.0.2")
    assert r.status_code == 302
    assert client.session["_auth_user_id"] == str(users["kadis"].pk)


def test_kunci_berakhir_setelah_jeda(client, users, settings):
    _kunci(client, "petugas", "10.0.0.1")
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    r = _masuk(client, "petugas", "rahasia", "10.0.0.1")
    assert r.status_code == 302


def test_di_belakang_proxy_alamat_klien_dari_x_forwarded_for(client, users, settings):
    # Behind nginx every request comes from 127.0.0.1: without the proxy setting one user's
    # typos would lock everybody out.
    settings.PROXY_TEPERCAYA = 1
    for _ in range(5):
        client.post(
            reverse("login"),
            {"username": "petugas", "password": SANDI_SALAH},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.1",
        )
    r = client.post(
        reverse("login"),
        {"username": "kadis", "password": "rahasia"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.0.0.2",
    )
    assert r.status_code == 302
    gagal = Riwayat.objects.filter(aksi=Riwayat.Aksi.GAGAL_MASUK).first()
    assert gagal is not None and gagal.alasan == "Alamat IP 10.0.0.1"


# --- the audit trail of sign-ins -------------------------------------------------------------


def test_gagal_masuk_dicatat_tanpa_kata_sandi(client, users):
    _masuk(client, "petugas", SANDI_SALAH, "10.0.0.7")
    r = Riwayat.objects.get(aksi=Riwayat.Aksi.GAGAL_MASUK)
    assert r.objek == "petugas"
    assert r.pengguna is None
    assert r.alasan == "Alamat IP 10.0.0.7"
    semua = json.dumps(list(Riwayat.objects.values()), default=str)
    assert SANDI_SALAH not in semua


def test_masuk_dan_keluar_dicatat(client, users):
    r = _masuk(client, "petugas", "rahasia", "10.0.0.8")
    assert r.status_code == 302
    masuk = Riwayat.objects.get(aksi=Riwayat.Aksi.MASUK)
    assert masuk.pengguna == users["petugas"]
    assert masuk.alasan == "Alamat IP 10.0.0.8"

    client.post(reverse("logout"), REMOTE_ADDR="10.0.0.8")
    keluar = Riwayat.objects.get(aksi=Riwayat.Aksi.KELUAR)
    assert keluar.pengguna == users["petugas"]
    assert not _masuk_sebagai(client)


# --- idle timeout and session cap ------------------------------------------------------------


def _geser_sesi(client, **nilai):
    sesi = client.session
    for kunci, v in nilai.items():
        sesi[kunci] = v
    sesi.save()


def test_sesi_diam_30_menit_berakhir(client, client_for, users):
    c = client_for(users["petugas"])
    assert c.get(reverse("beranda")).status_code == 200
    _geser_sesi(c, **{SESI_AKTIVITAS: int(time.time()) - 31 * 60})

    r = c.get(reverse("beranda"))
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("login"))
    assert not _masuk_sebagai(c)
    halaman = c.get(r["Location"]).content.decode()
    assert "Sesi Anda berakhir karena tidak ada aktivitas selama 30 menit." in halaman
    keluar = Riwayat.objects.get(aksi=Riwayat.Aksi.KELUAR)
    assert keluar.alasan.startswith("Sesi berakhir karena tidak ada aktivitas")


def test_sesi_aktif_29_menit_tetap(client_for, users):
    c = client_for(users["petugas"])
    c.get(reverse("beranda"))
    _geser_sesi(c, **{SESI_AKTIVITAS: int(time.time()) - 29 * 60})
    assert c.get(reverse("beranda")).status_code == 200
    assert _masuk_sebagai(c)
    # The request renewed the stamp: the idle clock starts again.
    assert int(c.session[SESI_AKTIVITAS]) >= int(time.time()) - 5


def test_batas_diam_dari_pengaturan(client_for, users, settings):
    settings.SESI_DIAM_MENIT = 5
    c = client_for(users["petugas"])
    c.get(reverse("beranda"))
    _geser_sesi(c, **{SESI_AKTIVITAS: int(time.time()) - 6 * 60})
    assert c.get(reverse("beranda")).status_code == 302


def test_batas_umur_sesi_sejak_masuk(client_for, users, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60  # not Django's 14 days
    c = client_for(users["petugas"])
    c.get(reverse("beranda"))
    # Active a minute ago, but logged in more than eight hours ago.
    _geser_sesi(c, _masuk_pada=int(time.time()) - 8 * 3600 - 60)
    r = c.get(reverse("beranda"))
    assert r.status_code == 302
    assert not _masuk_sebagai(c)
    assert "Sesi Anda telah mencapai batas waktu." in c.get(r["Location"]).content.decode()


# --- role and wilayah changes ------------------------------------------------------------------


def test_ubah_peran_lewat_admin_dicatat_dengan_pelaku(users, wil):
    u = users["petugas"]
    u.peran = Peran.OPERATOR_DESA
    u.desa = wil["desa1"]
    request = RequestFactory().post("/admin/")
    request.user = users["admin"]
    PenggunaAdmin(User, site).save_model(request, u, form=None, change=True)  # type: ignore[arg-type]  # the form is not read

    r = Riwayat.objects.get(aksi=Riwayat.Aksi.UBAH_PERAN)
    assert r.pengguna == users["admin"]
    assert r.object_id == str(u.pk)
    assert r.perubahan == {
        "peran": ["Petugas Dinas", "Operator Desa/Kelurahan"],
        "desa": ["", str(wil["desa1"])],
    }


def test_ubah_wilayah_tanpa_pelaku_tetap_dicatat(users, wil):
    u = User.objects.get(pk=users["op_kec"].pk)
    u.kecamatan = wil["kec2"]
    u.save()
    r = Riwayat.objects.get(aksi=Riwayat.Aksi.UBAH_PERAN)
    assert r.pengguna is None
    assert r.perubahan == {"kecamatan": [str(wil["kec1"]), str(wil["kec2"])]}


def test_ubah_nama_saja_tidak_dicatat_sebagai_peran(users):
    u = User.objects.get(pk=users["petugas"].pk)
    u.first_name = "Nama Baru"
    u.save()
    assert not Riwayat.objects.filter(aksi=Riwayat.Aksi.UBAH_PERAN).exists()


def test_akun_baru_lewat_admin_dicatat(users, wil):
    baru = User(username="baru", peran=Peran.OPERATOR_KECAMATAN, kecamatan=wil["kec1"])
    request = RequestFactory().post("/admin/")
    request.user = users["admin"]
    PenggunaAdmin(User, site).save_model(request, baru, form=None, change=False)  # type: ignore[arg-type]  # the form is not read
    r = Riwayat.objects.get(aksi=Riwayat.Aksi.UBAH_PERAN)
    assert r.pengguna == users["admin"]
    assert r.perubahan["peran"] == ["", "Operator Kecamatan"]


# --- the deploy check ------------------------------------------------------------------------


def _galat_deploy() -> set[str | None]:
    return {m.id for m in run_checks(include_deployment_checks=True)}


@pytest.mark.django_db
def test_cek_deploy_gagal_selama_akun_demo_aktif():
    assert "dinsos.E001" not in _galat_deploy()
    u = f.buat_user(peran=Peran.KEPALA_DINAS, username=AKUN_DEMO[4])
    u.set_password(KATA_SANDI_DEMO)
    u.save()
    assert "dinsos.E001" in _galat_deploy()
    # The demo keeps working: the ordinary checks (runserver, migrate) do not refuse it.
    assert "dinsos.E001" not in {m.id for m in run_checks()}

    u.is_active = False
    u.save()
    assert "dinsos.E001" not in _galat_deploy()
    u.is_active = True
    u.set_password("kata-sandi-baru-yang-kuat")
    u.save()
    assert "dinsos.E001" not in _galat_deploy()
