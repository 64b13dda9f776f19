"""The rekap PDF engine in paged mode: pieces, parallel workers, and the page cache reused after
more disbursements — with every row printed exactly once and the totals right."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from dinsos.models import ProfilKantor
from laporan import rekap_pdf
from laporan.rekap import Baris, susun

from .conftest import teks_pdf

KEC = [("35.01.01", "Donorojo"), ("35.01.02", "Punung")]
JENIS = ["biaya_hidup", "permodalan_usaha"]


def _baris(n, mulai=0, bulan=1):
    hasil = []
    for i in range(mulai, mulai + n):
        kode, kec = KEC[i % 2]
        hasil.append(
            Baris(
                nomor=f"BH-2026-{i:06d}",
                nama=f"Penerima Nomor {i:05d}",
                keterangan="",
                alamat=f"Dusun Krajan RT {i % 9 + 1:03d}/RW 001",
                desa="Desa Widoro",
                kecamatan_kode=kode,
                kecamatan=kec,
                jenis=JENIS[(i // 2) % 2],
                jumlah=Decimal(100_000 * (i % 7 + 1)),
                tanggal=dt.date(2026, bulan, 1 + i % 27),
            )
        )
    return hasil


def _urut(baris):
    urut = {j: k for k, j in enumerate(JENIS)}
    return sorted(baris, key=lambda b: (urut[b.jenis], b.kecamatan, b.tanggal, b.nomor))


META = {
    "judul": "Uji",
    "judul_kaki": "Rekapitulasi Uji",
    "filter": {"tahun_anggaran": 2026},
    "uraian": [("Tahun Anggaran", "2026")],
    "ukuran_kertas": "A4",
}


@pytest.fixture
def paged(monkeypatch):
    # Small thresholds so a few hundred rows exercise every path of the paged mode.
    monkeypatch.setattr(rekap_pdf, "AMBANG_MENGALIR", 0)
    monkeypatch.setattr(rekap_pdf, "MAKS_BARIS", 40)
    monkeypatch.setattr(rekap_pdf, "BATAS_GABUNG", 20)
    monkeypatch.setattr(rekap_pdf, "AMBANG_PARALEL", 50)


def _render(baris, tmp_path, cache, **kw):
    rekap = susun(_urut(baris))
    out = tmp_path / f"r{len(baris)}.pdf"
    profil = ProfilKantor(nama_kabupaten="Contohjaya", kepala_dinas_nama="Kepala Uji")
    stat = rekap_pdf.render_rekap(rekap, META, out, cache_dir=cache, profil=profil, **kw)
    return rekap, stat, out.read_bytes()


def _periksa(rekap, isi):
    teks = teks_pdf(isi)
    for g in rekap.grup:
        for b in g.baris:
            assert teks.count(b.nama) == 1, b.nama
        assert f"Jumlah {g.judul}" in teks
    n = len(PdfReader(__import__("io").BytesIO(isi)).pages)
    for i in (1, n):
        assert f"Halaman {i} dari {n}" in teks
    # Rows of each group keep their order and their numbers 1..k.
    for g in rekap.grup:
        posisi = [teks.index(b.nama) for b in g.baris]
        assert posisi == sorted(posisi)
    return teks


@pytest.mark.django_db
def test_mode_halaman_potongan_dan_pekerja_paralel(paged, tmp_path):
    rekap, stat, isi = _render(_baris(300), tmp_path, tmp_path / "cache", pekerja=2)
    assert stat.baris_dirender >= 300 and stat.grup == 4
    teks = _periksa(rekap, isi)
    total = sum((b.jumlah for g in rekap.grup for b in g.baris), Decimal(0))
    assert f"Rp {total:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in teks


@pytest.mark.django_db
def test_tambah_satu_persen_memakai_ulang_halaman(paged, tmp_path):
    cache = tmp_path / "cache"
    dasar = _baris(400)
    _, penuh, _ = _render(dasar, tmp_path, cache, pekerja=1)
    tambah = dasar + _baris(4, mulai=400, bulan=12)  # later in the year
    rekap, stat, isi = _render(tambah, tmp_path, cache, pekerja=1)
    assert stat.halaman_dipakai_ulang > 0
    assert stat.baris_dirender < penuh.baris_dirender / 3
    _periksa(rekap, isi)
    # Nothing changed: every group's pages come from the cache.
    _, lagi, _ = _render(tambah, tmp_path, cache, pekerja=1)
    assert lagi.baris_dirender == 0 and lagi.grup_dipakai_ulang == lagi.grup


@pytest.mark.django_db
def test_perubahan_baris_di_tengah_tidak_memakai_halaman_lama(paged, tmp_path):
    cache = tmp_path / "cache"
    dasar = _baris(200)
    _render(dasar, tmp_path, cache, pekerja=1)
    ubah = list(dasar)
    b = ubah[3]
    ubah[3] = Baris(**{**{s: getattr(b, s) for s in b.__slots__}, "nama": "Nama Yang Dikoreksi"})
    rekap, stat, isi = _render(ubah, tmp_path, cache, pekerja=1)
    teks = _periksa(rekap, isi)
    assert "Nama Yang Dikoreksi" in teks and b.nama not in teks


@pytest.mark.django_db
def test_ukuran_kertas_lain_tidak_memakai_cache(paged, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    _render(_baris(100), tmp_path, cache, pekerja=1)
    monkeypatch.setitem(META, "ukuran_kertas", "F4")
    _, stat, isi = _render(_baris(100), tmp_path, cache, pekerja=1)
    assert stat.halaman_dipakai_ulang == 0
    box = PdfReader(__import__("io").BytesIO(isi)).pages[-2].mediabox
    assert round(float(box.width) / 72 * 25.4) == 330  # F4, landscape


@pytest.mark.django_db
def test_mode_mengalir_untuk_rekap_kecil(tmp_path):
    rekap, stat, isi = _render(_baris(60), tmp_path, tmp_path / "cache")
    _periksa(rekap, isi)
    # Four groups flow on the same pages: far fewer pages than one per group plus extras.
    assert stat.halaman <= 5
    assert re.search(r"Halaman 1 dari \d", teks_pdf(isi))


@pytest.mark.django_db
def test_render_gabungan_memetakan_halaman_ke_grup(tmp_path):
    """Small renders share one document; each group's pages go back to that group."""
    from laporan.rekap import baris_cetak

    rekap = susun(_urut(_baris(40)))
    tugas = [
        {
            "slot": f"s{k}",
            "dir": str(tmp_path),
            "judul": g.judul,
            "baris": baris_cetak(g),
            "mulai": 0,
            "subtotal": "Rp 1,00",
            "ctx": {"ukuran_css": "A4 landscape"},
        }
        for k, g in enumerate(rekap.grup)
    ]
    hasil = rekap_pdf.render_gabungan(tugas)
    assert [h["slot"] for h in hasil] == [t["slot"] for t in tugas]
    semua = [tuple(x[:2]) for h in hasil for x in h["halaman"]]
    assert len(semua) == len(set(semua)) == 4  # one page per group, none shared or lost
    for h in hasil:
        assert h["halaman"][0][2] == 0  # each group starts with its first row
        assert h["halaman"][0][3]  # and carries its grid


@pytest.mark.django_db
def test_template_grup_xhtml_tanpa_parser_html5(monkeypatch):
    """The group template stays well-formed XHTML, so the fast XML parse is really taken."""
    import tinyhtml5

    def dilarang(*a, **k):
        raise AssertionError("parser HTML5 dipakai")

    monkeypatch.setattr(tinyhtml5, "parse", dilarang)
    grup = [
        {"judul": "Uji & <coba>", "baris": [(0, 1, "A & B", "", "Jl. <x>", "1 Mei", "Rp 1,00")]}
    ]
    doc = rekap_pdf._render_html({"ukuran_css": "A4 landscape"}, grup, garis_sendiri=True)
    assert len(doc.pages) == 1
    assert rekap_pdf._tata_halaman(doc)[0][0] == 0


@pytest.mark.django_db
def test_xhtml_rusak_kembali_ke_parser_html5():
    doc = rekap_pdf._HTMLGrup.dari_xhtml("<html><body><p>tanpa penutup<br></body></html>")
    assert len(doc.render().pages) == 1


@pytest.mark.django_db
def test_tanpa_geometri_kotak_garis_digambar_css(paged, tmp_path, monkeypatch):
    """If WeasyPrint's boxes cannot be read, the grid falls back to CSS borders and every row
    is still printed once (only partial page reuse is lost)."""
    monkeypatch.setattr(
        rekap_pdf,
        "_tata_halaman",
        lambda doc: [(None, [], None) for _ in doc.pages],
    )
    rekap, stat, isi = _render(_baris(120), tmp_path, tmp_path / "cache", pekerja=1)
    _periksa(rekap, isi)
    # The same with the small groups batched into one document.
    monkeypatch.setattr(rekap_pdf, "BATAS_GABUNG", 1000)
    rekap, stat, isi = _render(_baris(121), tmp_path, tmp_path / "cache2", pekerja=1)
    _periksa(rekap, isi)


def test_di_kedalaman_tetap_returns_the_result_from_a_fresh_thread_at_a_fixed_depth():
    import threading

    def dalam(a, b):
        return a + b, threading.current_thread().name, len(__import__("inspect").stack())

    nilai, utas, kedalaman = rekap_pdf.di_kedalaman_tetap(dalam, 2, 3)
    assert nilai == 5
    assert utas == "rekap-render" != threading.current_thread().name
    # The same depth wherever it is called from: that is what keeps the frames in one chunk.
    _, _, kedalaman2 = (lambda: (lambda: rekap_pdf.di_kedalaman_tetap(dalam, 1, 1))())()
    assert kedalaman == kedalaman2 >= rekap_pdf.KEDALAMAN_AWAL


def test_di_kedalaman_tetap_raises_the_error_of_the_render_in_the_caller():
    def gagal():
        raise ValueError("templat rusak")

    with pytest.raises(ValueError, match="templat rusak"):
        rekap_pdf.di_kedalaman_tetap(gagal)


def test_bersihkan_cache_membuang_sisa_render_yang_terhenti_dan_segmen_tak_terpakai(tmp_path):
    import json
    import os
    import time

    for d in ("segmen", "tmp", "grup/slot1"):
        (tmp_path / d).mkdir(parents=True)
    dipakai, yatim, muda = (tmp_path / "segmen" / f"{x}.pdf" for x in ("a", "b", "c"))
    sisa_tmp, sisa_atomik = tmp_path / "tmp" / "rinci-x.pdf", tmp_path / "segmen" / ".d.pdf.1.tmp"
    entri = tmp_path / "grup" / "slot1" / "e.json"
    entri.write_text(json.dumps({"hashes": ["h"], "halaman": [["a.pdf", 0, 0, []]]}))
    lama = time.time() - 2 * 3600
    for p in (dipakai, yatim, muda, sisa_tmp, sisa_atomik):
        p.write_bytes(b"%PDF")
        if p is not muda:
            os.utime(p, (lama, lama))

    rekap_pdf.bersihkan_cache(tmp_path)

    assert dipakai.exists() and muda.exists()  # in use / maybe a render still running
    assert not yatim.exists() and not sisa_tmp.exists() and not sisa_atomik.exists()
    assert entri.exists()


@pytest.mark.parametrize("mengalir", [True, False])
def test_kemajuan_naik_bertahap_dan_dilaporkan_dari_utas_pemanggil(tmp_path, monkeypatch, mengalir):
    """The job page must move while a small (flowing) or large (paged) rekap is made, and the
    progress callback writes to the database: it must run in the caller's thread."""
    import threading

    if not mengalir:
        monkeypatch.setattr(rekap_pdf, "AMBANG_MENGALIR", 0)
        monkeypatch.setattr(rekap_pdf, "MAKS_BARIS", 40)
    laporan = []

    def lapor(persen, tahap):
        laporan.append((persen, tahap, threading.current_thread()))

    _render(_baris(120), tmp_path, tmp_path / "cache", pekerja=1, progres=lapor)
    persen = [p for p, _, _ in laporan]
    assert persen == sorted(persen) and persen[-1] >= 90
    assert len({p for p in persen if 5 < p < 90}) >= 2  # something between start and joining
    assert {u for _, _, u in laporan} == {threading.current_thread()}
