"""The public page (ASH 42(2), S8) and the Kepala Dinas's dashboard with the B7 countdown."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from bansos.models import JenisBansos
from dinsos.format import tanggal
from laporan import grafik
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
    from bansos.aturan import aturan_tetapkan

    assert f"{aturan_tetapkan(2026).dasar_hukum} Pasal 7, 9 dan 11 huruf f–g" in html


def test_alamat_lama_halaman_publik_dialihkan_dan_halaman_masuk_menautkannya(client, db):
    r = client.get("/laporan/publik/?tahun=2026")
    assert r.status_code == 301 and r["Location"] == "/publik/?tahun=2026"
    assert reverse("publik") == "/publik/"
    assert 'href="/publik/"' in client.get(reverse("login")).content.decode()


# --- readable on a 390 px phone, totals in view on a desktop ----------------------------------


def _ukuran_huruf(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'font-size="([\d.]+)"', svg)]


def _svg(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


def test_grafik_batang_tanpa_viewbox_huruf_asli_dan_nilai_tertulis():
    """Without a viewBox the chart is not scaled down to a phone: font-size is the size drawn."""
    svg = str(grafik.batang([("Kec. Donorojo", 1_100_000), ("Kec. Punung", 0)], judul="x",
                            fmt=grafik.juta))  # fmt: skip
    assert "viewBox" not in svg and 'width="100%"' in svg
    assert _ukuran_huruf(svg) and min(_ukuran_huruf(svg)) >= 12
    assert "Rp 1,1 jt" in svg and "Rp 0" in svg  # each bar carries its value
    assert "Kec. Donorojo" in svg


def test_grafik_kolom_nilai_di_atas_batang_dan_versi_sempit():
    data: list[tuple[str, Decimal | int]] = [("Jan", 0), ("Feb", 2_500_000), ("Mar", 1_100_000)]
    html = str(grafik.kolom(data, judul="Pencairan per bulan", fmt=grafik.juta))
    lebar, sempit = _svg(html)
    # The column chart is shown only where its drawing area is at least its viewBox wide, so
    # its text is never drawn smaller than written; the phone gets horizontal bars.
    assert 'class="grafik grafik-lebar"' in lebar
    assert f'viewBox="0 0 {grafik.LEBAR_KOLOM} ' in lebar
    assert 'class="grafik grafik-sempit"' in sempit and "viewBox" not in sempit
    for svg in (lebar, sempit):
        assert min(_ukuran_huruf(svg)) >= 12
    assert "2,5 jt" in lebar and "1,1 jt" in lebar  # values on the monthly bars
    assert "Rp 2,5 jt" in sempit
    css = (settings.BASE_DIR / "static/css/app.css").read_text()
    assert ".grafik-lebar { display: none; }" in css
    assert re.search(r"@media \(min-width: 720px\) \{\s*\.grafik-lebar \{ display: block; \}", css)
    # 720 px of screen leave at least LEBAR_KOLOM for the chart inside the page and the card.
    assert grafik.LEBAR_KOLOM <= 720 - 2 * 16 - 2 * 17


def test_dasbor_nilai_bulanan_dan_tabel_pagu_kolom_kunci(client_for, users, penyaluran):
    html = client_for(users["kadis"]).get(reverse("laporan:dasbor"), {"tahun": TA}).content.decode()
    svgs = _svg(html)
    assert len(svgs) == 3  # per month (wide and narrow) and per kecamatan
    assert all(min(_ukuran_huruf(s)) >= 12 for s in svgs)
    assert "2,6 jt" in svgs[0] or ("1,1 jt" in svgs[0] and "1,5 jt" in svgs[0])
    assert re.search(
        r'<div class="table-wrap"><table class="tabel-kunci">\s*<thead><tr><th>Jenis', html
    )
    css = (settings.BASE_DIR / "static/css/app.css").read_text()
    assert re.search(
        r"\.tabel-kunci tbody > tr > :first-child \{\s*position: sticky; left: 0;", css
    )


def test_publik_per_tanggal_jumlah_di_depan_dan_grafik(client, penyaluran):
    html = client.get(reverse("publik"), {"tahun": TA}).content.decode()
    assert f"Data per tanggal {tanggal(timezone.localdate())}" in html
    kepala = html[html.index('<table class="tabel-kunci tabel-publik">') :]
    kepala = kepala[: kepala.index("</thead>")]
    # The totals come right after the key column: in view at 1366 px without sideways scroll.
    assert kepala.index("Jumlah") < kepala.index(JenisBansos.BIAYA_HIDUP.label)
    total = html[html.index("<tr><th>Jumlah</th>") :].split("</tr>")[0]
    assert total.index("Rp 2.600.000,00") < total.index("Rp 1.100.000,00")
    (svg,) = _svg(html)
    assert "Kec. Donorojo" in svg and "Rp 1,1 jt" in svg and "Rp 1,5 jt" in svg
    assert min(_ukuran_huruf(svg)) >= 12
    assert "https://" not in html and "<script" not in html
