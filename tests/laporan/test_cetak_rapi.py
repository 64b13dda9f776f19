"""Defects found by printing every document from its page with the demo data, each
pinned by a test: the letterhead's region named once, nothing running out of its table cell,
the closing words kept with the signature, the kwitansi's labels and signatories, spreadsheet
cells that read right, and the links that lead to each document."""

import io

import openpyxl
import pytest
import weasyprint
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader
from weasyprint.formatting_structure import boxes

from bansos import services as sv
from bansos.models import JenisBansos
from dinsos.models import ProfilKantor
from ekspor.models import Ekspor
from laporan import dokumen
from laporan.pdf import HanyaDataURI, konteks_cetak, nama_pemda, sebutan_daerah
from tests import factories as f

from .conftest import HARI_INI, TA, ajukan, cairkan, penerima, rekomendasikan, teks_pdf, verifikasi

pytestmark = pytest.mark.django_db


# --- the letterhead: the region's name once, however Profil Kantor was filled ------------------


@pytest.mark.parametrize(
    ("pemerintah", "kabupaten", "pemda"),
    [
        ("Pemerintah Kabupaten", "Contohjaya", "Pemerintah Kabupaten Contohjaya"),  # form default
        ("Pemerintah Kabupaten Pacitan", "Kabupaten Pacitan", "Pemerintah Kabupaten Pacitan"),
        ("Pemerintah Kabupaten", "Kabupaten Asahan", "Pemerintah Kabupaten Asahan"),
        ("Pemerintah Kota", "Kota Madiun", "Pemerintah Kota Madiun"),
        ("Pemerintah Kabupaten", "", "Pemerintah Kabupaten"),
    ],
)
def test_nama_daerah_tidak_berulang(pemerintah, kabupaten, pemda):
    """The second row is what `muat_wilayah` writes: it printed "Kabupaten Pacitan Kabupaten
    Pacitan" on every letter."""
    profil = ProfilKantor(nama_pemerintah=pemerintah, nama_kabupaten=kabupaten)
    assert nama_pemda(profil) == pemda
    assert sebutan_daerah(profil) == (pemda.removeprefix("Pemerintah ") if kabupaten else "")


@pytest.fixture
def kantor_muat_wilayah(kantor):
    """Profil Kantor as `manage.py muat_wilayah` fills it (the demo's own)."""
    kantor.nama_pemerintah = "Pemerintah Kabupaten Contohjaya"
    kantor.nama_kabupaten = "Kabupaten Contohjaya"
    kantor.save()
    return kantor


def test_surat_tidak_menyebut_kabupaten_dua_kali(client_for, bansos_siap, kantor_muat_wilayah, wil):
    users = bansos_siap
    p = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]))
    verifikasi(users, p)
    rekomendasikan(users, p)
    sv.pengajuan_pencairan_buat(permohonan_list=[p], oleh=users["kadis"], nomor_surat="900/1")
    cairkan(users, p)
    c = client_for(users["kadis"])
    for url in (
        reverse("laporan:surat_rekomendasi", args=[p.pk]),
        reverse("laporan:kwitansi", args=[p.pk]),
        reverse("laporan:berita_acara", args=[p.pk]),
        reverse("laporan:surat_pengajuan", args=[p.pengajuan_id]),
    ):
        teks = teks_pdf(c.get(url).content)
        assert "PEMERINTAH KABUPATEN CONTOHJAYA DINAS SOSIAL" in teks, url
        assert "CONTOHJAYA KABUPATEN" not in teks and "Contohjaya Kabupaten" not in teks, url
        assert "Kabupaten Contohjaya" in teks, url


# --- the surat permohonan pencairan: a batch of a month ----------------------------------------


def _kotak_meluap(html: str) -> list[str]:
    """Texts whose line runs past the right edge of their table cell, from WeasyPrint's layout."""
    doc = weasyprint.HTML(string=html, url_fetcher=HanyaDataURI()).render()
    meluap = []

    def jalan(box, sel):
        if isinstance(box, boxes.TableCellBox):
            sel = box
        if sel is not None and isinstance(box, boxes.TextBox):
            kanan = sel.position_x + sel.border_width()
            if box.position_x + box.width > kanan + 0.5:
                meluap.append(box.text)
        for anak in getattr(box, "children", []):
            jalan(anak, sel)

    for hal in doc.pages:
        jalan(hal._page_box, None)
    return meluap


@pytest.fixture
def batch_campuran(bansos_siap, wil):
    """A batch as the demo makes each month: biaya hidup, permodalan by transfer, pengobatan."""
    users = bansos_siap
    ps = []
    for jenis, jumlah in (
        (JenisBansos.PENGOBATAN, 7_500_000),
        (JenisBansos.BIAYA_HIDUP, 1_750_000),
        (JenisBansos.PERMODALAN_USAHA, 4_500_000),
    ):
        orang = penerima(desa=wil["desa1"], penilai=users["petugas"], nama="Ngadinem Rahmawati")
        p = ajukan(users, orang, jenis=jenis, jumlah=jumlah)
        verifikasi(users, p)
        rekomendasikan(users, p)
        ps.append(p)
    return sv.pengajuan_pencairan_buat(
        permohonan_list=ps, oleh=users["kadis"], nomor_surat=f"900/010/408.40/{TA}"
    )


@pytest.mark.parametrize("kertas", ["A4", "F4"])
def test_surat_pengajuan_tidak_ada_isi_sel_yang_meluap(users, batch_campuran, kertas):
    ctx = {
        **konteks_cetak(ukuran=kertas),
        **dokumen.konteks_pengajuan(users["kadis"], batch_campuran.pk),
    }
    html = render_to_string("laporan/cetak/surat_pengajuan.html", ctx)
    assert _kotak_meluap(html) == []
    # A letter number breaks after a "/", not between two digits of the year.
    assert "460/<wbr>" in html


def test_surat_pengajuan_urut_jenis_menurut_pct_dan_penutup_bersama_tanda_tangan(
    client_for, users, batch_campuran, kantor
):
    r = client_for(users["kadis"]).get(reverse("laporan:surat_pengajuan", args=[batch_campuran.pk]))
    teks = teks_pdf(r.content)
    # PCT Pasal 5: biaya hidup, permodalan usaha, pengobatan — as in the rekapitulasi.
    i = [teks.index(n) for n in ("BH-", "PU-", "PB-")]
    assert i == sorted(i)
    halaman = [
        " ".join((h.extract_text() or "").split()) for h in PdfReader(io.BytesIO(r.content)).pages
    ]
    penutup = next(h for h in halaman if "Bersama ini kami lampirkan" in h)
    assert kantor.kepala_dinas_nama in penutup  # never a signature alone on a page


# --- the kwitansi / tanda terima ----------------------------------------------------------------


def test_kwitansi_angka_berlabel_jumlah_bukan_terbilang(client_for, bansos_siap, wil):
    users = bansos_siap
    p = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]), jumlah=1_750_000)
    verifikasi(users, p)
    rekomendasikan(users, p)
    sv.pengajuan_pencairan_buat(permohonan_list=[p], oleh=users["kadis"], nomor_surat="900/2")
    cairkan(users, p)
    teks = teks_pdf(
        client_for(users["bendahara"]).get(reverse("laporan:kwitansi", args=[p.pk])).content
    )
    assert "Jumlah: Rp 1.750.000,00" in teks
    assert "Terbilang" not in teks  # the words are under "Uang sebanyak"
    assert "Satu juta tujuh ratus lima puluh ribu rupiah" in teks


def test_tanda_terima_kelompok_ditandatangani_ketua(client_for, bansos_siap, wil):
    users = bansos_siap
    ketua = f.buat_orang(desa=wil["desa1"], nama="Mursidi Santoso")
    kube = f.buat_kelompok(desa=wil["desa1"], ketua=ketua, nama="KUBE Ngudi Rejeki")
    kube.nama_bank, kube.nomor_rekening = "Bank Jatim", "0012345678"
    kube.save()
    f.daftarkan(kelompok=kube, kode="x", penilai=users["petugas"])
    p = sv.permohonan_buat(
        oleh=users["op_desa"],
        jenis=JenisBansos.PERMODALAN_USAHA,
        kategori=f.kategori("x"),
        jumlah_diminta=4_000_000,
        kelompok=kube,
        nama_lurah="Sutrisno",
        tanggal_diketahui_lurah=HARI_INI,
    )
    verifikasi(users, p)
    rekomendasikan(users, p)
    sv.pengajuan_pencairan_buat(permohonan_list=[p], oleh=users["kadis"], nomor_surat="900/3")
    cairkan(users, p)
    teks = teks_pdf(
        client_for(users["bendahara"]).get(reverse("laporan:kwitansi", args=[p.pk])).content
    )
    assert "Mursidi Santoso Ketua KUBE Ngudi Rejeki" in teks


# --- the berita acara: the verifier signs with his NIP ------------------------------------------


def test_berita_acara_memuat_nip_verifikator(client_for, bansos_siap, wil):
    users = bansos_siap
    p = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]))
    verifikasi(users, p)
    c = client_for(users["kadis"])
    url = reverse("laporan:berita_acara", args=[p.pk])
    assert "NIP ...................." in teks_pdf(c.get(url).content)  # a line to fill by hand
    users["verifikator"].nip = "198503152010011004"
    users["verifikator"].save()
    assert "NIP 198503152010011004" in teks_pdf(c.get(url).content)


# --- spreadsheets -------------------------------------------------------------------------------


def test_xlsx_permohonan_tahun_tanpa_pemisah_ribuan(client_for, bansos_siap, wil):
    users = bansos_siap
    ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]))
    c = client_for(users["kadis"])
    c.post(reverse("laporan:ekspor_permohonan"), {"tahun_anggaran": TA})
    e = Ekspor.objects.latest("pk")
    isi = b"".join(c.get(reverse("ekspor:unduh", args=[e.pk])).streaming_content)
    ws = openpyxl.load_workbook(io.BytesIO(isi)).active
    assert ws.cell(row=1, column=3).value == "Tahun anggaran"
    assert ws.cell(row=2, column=3).value == TA
    assert ws.cell(row=2, column=3).number_format == "0"  # "2026", never "2.026"


def test_xlsx_rekap_ringkasan_judul_satu_baris_satu_keterangan(client_for, bansos_siap, wil):
    users = bansos_siap
    p = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]))
    verifikasi(users, p)
    rekomendasikan(users, p)
    sv.pengajuan_pencairan_buat(permohonan_list=[p], oleh=users["kadis"], nomor_surat="900/4")
    cairkan(users, p)
    c = client_for(users["op_kec"])
    r = c.post(
        reverse("laporan:rekap"),
        {"tahun_anggaran": TA, "format": "xlsx", "ukuran_kertas": "A4"},
    )
    assert r.status_code == 302
    e = Ekspor.objects.latest("pk")
    isi = b"".join(c.get(reverse("ekspor:unduh", args=[e.pk])).streaming_content)
    ws = openpyxl.load_workbook(io.BytesIO(isi))["Ringkasan"]
    judul = [ws.cell(row=i, column=1).value for i in range(1, 5)]
    assert judul[0] == f"Rekapitulasi penyaluran bantuan sosial TA {TA}"
    assert all(ws.cell(row=i, column=2).value is None for i in range(1, 5))
    # An operator's "all kecamatan" is his own kecamatan: the document says so.
    wilayah = next(x for x in judul if x.startswith("Wilayah:"))
    assert users["op_kec"].wilayah_label in wilayah and "Semua kecamatan" not in wilayah


# --- links to the documents ---------------------------------------------------------------------


def test_ekspor_daftar_permohonan_bertautan_dari_halaman_laporan(client_for, users, kantor):
    """The xlsx export of the bansos list had no link anywhere (a page nobody could reach)."""
    c = client_for(users["kadis"])
    url = reverse("laporan:ekspor_permohonan")
    assert url in c.get(reverse("laporan:rekap")).content.decode()
    assert url in c.get(reverse("ekspor:daftar")).content.decode()
