"""The public page (ASH 42(2), S8) and the Kepala Dinas's dashboard with the B7 countdown."""

import datetime as dt

import pytest
from django.urls import reverse

from bansos.models import JenisBansos
from laporan.dasbor import tenggat_rekap

from .conftest import TA, penerima, sampai_dicairkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def penyaluran(bansos_siap, wil):
    users = bansos_siap
    return [
        sampai_dicairkan(
            users,
            penerima(desa=wil["desa1"], penilai=users["petugas"], nama="Sumarni Handayani"),
            jumlah=1_100_000,
        ),
        sampai_dicairkan(
            users,
            penerima(desa=wil["desa3"], penilai=users["petugas"], nama="Joko Susanto"),
            jenis=JenisBansos.PERMODALAN_USAHA,
            jumlah=1_500_000,
        ),
    ]


def test_halaman_publik_tanpa_login_hanya_angka_agregat(client, penyaluran):
    """S8: aggregate figures per kecamatan and jenis, never a person's data."""
    r = client.get(reverse("publik"), {"tahun": TA})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Donorojo" in html and "Punung" in html
    assert "Rp 1.100.000,00" in html and "Rp 1.500.000,00" in html
    assert "Rp 2.600.000,00" in html  # the total
    for p in penyaluran:
        orang = p.perseorangan
        assert orang.nama not in html
        assert orang.nik not in html and orang.nik[:12] not in html
        assert orang.nomor_registrasi not in html
        assert orang.alamat not in html
        assert p.nomor not in html
        assert p.desa.nama not in html  # desa level would narrow down to a few households


def test_halaman_publik_tahun_tidak_sah_tidak_error(client, db):
    assert client.get(reverse("publik"), {"tahun": "abc"}).status_code == 200


def test_dasbor_kepala_dinas(client_for, users, penyaluran):
    c = client_for(users["kadis"])
    html = c.get(reverse("laporan:dasbor"), {"tahun": TA}).content.decode()
    assert "Permohonan menurut status" in html
    assert "Dicairkan" in html
    assert "<svg" in html and "Kec. Donorojo" in html  # charts drawn on the server
    assert "Pagu TA" in html and "Rp 1.000.000.000,00" in html
    assert "https://" not in html.split("<footer")[0].split("<main")[1]  # no outside request
    beranda = c.get(reverse("beranda")).content.decode()
    assert "Dasbor penyaluran bansos" in beranda and "5 Januari" in beranda


def test_dasbor_tertutup_bagi_operator(client_for, users, db):
    assert client_for(users["op_desa"]).get(reverse("laporan:dasbor")).status_code == 403
    assert "Dasbor penyaluran" not in client_for(users["op_desa"]).get("/").content.decode()


@pytest.mark.parametrize(
    "hari_ini, ta, sisa, peringatan",
    [
        (dt.date(2026, 11, 30), 2026, 36, False),
        (dt.date(2026, 12, 1), 2026, 35, True),  # B7: warning from 1 December
        (dt.date(2027, 1, 5), 2026, 0, True),  # the last day still concerns TA 2026
        (dt.date(2027, 1, 6), 2027, 364, False),  # then the new year's deadline
    ],
)
def test_tenggat_rekap_5_januari(hari_ini, ta, sisa, peringatan):
    t = tenggat_rekap(hari_ini)
    assert t["tahun_anggaran"] == ta
    assert t["tanggal"] == dt.date(ta + 1, 1, 5)
    assert t["sisa_hari"] == sisa
    assert t["peringatan"] is peringatan


def test_peringatan_desember_tampil_di_form_rekap(client_for, users, kantor, monkeypatch):
    from laporan import dasbor

    monkeypatch.setattr(
        dasbor, "tenggat_rekap", lambda hari_ini=None: tenggat_rekap(dt.date(2026, 12, 20))
    )
    html = client_for(users["kadis"]).get(reverse("laporan:rekap")).content.decode()
    assert "wajib disampaikan ke PPKD paling lambat 5 Januari 2027" in html
    assert "sisa 16 hari" in html
    # The regulation is named from the year's rules (data), not written into the template.
    from bansos.aturan import aturan_untuk

    assert f"{aturan_untuk(2026).dasar_hukum} Pasal 7, 9 dan 11 huruf f–g" in html


def test_alamat_lama_halaman_publik_dialihkan_dan_halaman_masuk_menautkannya(client, db):
    r = client.get("/laporan/publik/?tahun=2026")
    assert r.status_code == 301 and r["Location"] == "/publik/?tahun=2026"
    assert reverse("publik") == "/publik/"
    assert 'href="/publik/"' in client.get(reverse("login")).content.decode()
