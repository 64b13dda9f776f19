"""Letterhead from data (logo embedded, nothing fetched from outside) and letter numbers."""

import base64
import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from laporan.models import PenomoranSurat
from laporan.nomor import format_nomor, nomor_berikutnya, usulan_nomor
from laporan.pdf import html_ke_pdf, render_pdf

pytestmark = pytest.mark.django_db

# A 1×1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_kop_memuat_logo_dari_penyimpanan(kantor):
    kantor.logo.save("logo.png", ContentFile(PNG))
    isi = render_pdf(
        "laporan/cetak/kop_pratinjau.html", {"contoh_nomor": "1", "contoh_jumlah": 2000000}
    )
    halaman = PdfReader(io.BytesIO(isi)).pages[0]
    assert len(halaman.images) == 1
    assert "PEMERINTAH KABUPATEN CONTOHJAYA" in halaman.extract_text()


def test_tidak_ada_permintaan_keluar(monkeypatch):
    """Pages and documents never reach outside the server: http(s) and file: are refused."""
    import urllib.request

    def dilarang(*a, **k):
        raise AssertionError("permintaan keluar!")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", dilarang)
    html = (
        '<html><head><link rel="stylesheet" href="https://fonts.example.com/x.css"></head>'
        '<body><img src="http://example.com/logo.png"><img src="file:///etc/hostname">'
        "<p>Isi surat</p></body></html>"
    )
    isi = html_ke_pdf(html)
    assert "Isi surat" in PdfReader(io.BytesIO(isi)).pages[0].extract_text()


def test_format_nomor_dari_profil_kantor(kantor):
    kantor.format_nomor_surat = "{kode}/{nomor}/{bagian}/{bulan_romawi}/{tahun}"
    kantor.save()
    assert (
        format_nomor(nomor=7, kode="460", bagian="408.40", tanggal=dt.date(2026, 11, 23))
        == "460/007/408.40/XI/2026"
    )
    # An empty part does not leave "//"; an unknown placeholder stays visible, never crashes.
    assert format_nomor(nomor=1, tanggal=dt.date(2026, 1, 2)) == "001/I/2026"
    kantor.format_nomor_surat = "{nomor}/{tidak_dikenal}"
    kantor.save()
    assert format_nomor(nomor=1) == "001/{tidak_dikenal}"


def test_nomor_berikutnya_berurutan_dan_mulai_lagi_tiap_tahun(kantor):
    PenomoranSurat.objects.create(jenis="rekomendasi", kode="460", bagian="408.40")
    t = dt.date(2026, 3, 1)
    assert usulan_nomor("rekomendasi", tanggal=t) == "460/001/408.40/2026"
    assert nomor_berikutnya("rekomendasi", tanggal=t) == "460/001/408.40/2026"
    assert nomor_berikutnya("rekomendasi", tanggal=t) == "460/002/408.40/2026"
    assert usulan_nomor("rekomendasi", tanggal=t) == "460/003/408.40/2026"
    assert nomor_berikutnya("rekomendasi", tanggal=dt.date(2027, 1, 2)) == "460/001/408.40/2027"


def test_pratinjau_kop_hanya_administrator(client_for, users, kantor):
    from django.urls import reverse

    url = reverse("laporan:kop_pratinjau")
    r = client_for(users["admin"]).get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert "Dua juta rupiah" in PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert client_for(users["kadis"]).get(url).status_code == 403


def test_tidak_ada_nama_kabupaten_di_template():
    """The office's identity is data (ProfilKantor); no template names a place."""
    from pathlib import Path

    from django.conf import settings

    akar = Path(settings.BASE_DIR) / "templates" / "laporan"
    for path in akar.rglob("*.html"):
        isi = path.read_text().lower()
        for nama in ("pacitan", "asahan", "kabupaten pacitan"):
            assert nama not in isi, f"{path} menyebut {nama}"
