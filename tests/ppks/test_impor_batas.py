"""Import in bounded memory: a sheet's declared size is refused before any row is read, rows are
streamed up to a per-file cap, and an out-of-memory is never reported as a damaged file."""

import time
import tracemalloc
import zipfile
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ppks import impor
from ppks.models import BerkasImpor

from .bantu import JUDUL, csv_bytes, xlsx

_OX = "application/vnd.openxmlformats-"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TIPE = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="' + _OX + 'package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="'
    + _OX
    + 'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
    + _OX
    + 'officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="' + _REL + '/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_BUKU = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BUKU_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="' + _REL + '/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _sel(ref: str, teks: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{teks}</t></is></c>'


def xlsx_tangan(dimensi: str | None, baris_xml: str) -> bytes:
    """A tiny xlsx written by hand, declaring whatever dimension it likes."""
    dim = f'<dimension ref="{dimensi}"/>' if dimensi else ""
    lembar = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{baris_xml}</sheetData></worksheet>"
    )
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TIPE)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _BUKU)
        z.writestr("xl/_rels/workbook.xml.rels", _BUKU_RELS)
        z.writestr("xl/worksheets/sheet1.xml", lembar)
    return buf.getvalue()


_BEBERAPA_SEL = (
    '<row r="1">' + "".join(_sel(f"{chr(65 + i)}1", j) for i, j in enumerate(JUDUL)) + "</row>"
)


def _galat(isi: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as e:
        impor.baca_berkas(isi)
    return e.value


def test_dimensi_raksasa_ditolak_cepat_dan_hemat_memori():
    isi = xlsx_tangan("A1:XFD1048576", _BEBERAPA_SEL)
    assert len(isi) < 2000
    tracemalloc.start()
    mulai = time.monotonic()
    e = _galat(isi)
    lama = time.monotonic() - mulai
    _, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert e.code == "terlalu_banyak_kolom"
    assert "16.384 kolom" in e.messages[0] and "batas 50 kolom" in e.messages[0]
    assert "rusak" not in e.messages[0]
    assert lama < 2 and puncak < 30 * 1024 * 1024


def test_dimensi_baris_raksasa_ditolak():
    e = _galat(xlsx_tangan("A1:M1048576", _BEBERAPA_SEL))
    assert e.code == "terlalu_banyak_baris"
    assert "lebih dari 20.000 baris" in e.messages[0]


def test_tanpa_dimensi_baris_jauh_dihentikan_saat_dialirkan(settings):
    settings.IMPOR_BARIS_MAKS = 10
    jauh = '<row r="1048576">' + _sel("XFD1048576", "x") + "</row>"
    tracemalloc.start()
    e = _galat(xlsx_tangan(None, _BEBERAPA_SEL + jauh))
    _, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert e.code == "terlalu_banyak_baris" and puncak < 30 * 1024 * 1024


@pytest.mark.django_db
def test_unggah_bom_ditolak_dengan_pesan(client_for, users, wil):
    isi = xlsx_tangan("A1:XFD1048576", _BEBERAPA_SEL)
    resp = client_for(users["petugas"]).post(
        "/registri/impor/", {"berkas": SimpleUploadedFile("bom.xlsx", isi)}
    )
    assert resp.status_code == 200
    teks = " ".join(resp.context["form"].errors["berkas"])
    assert "melebihi batas 50 kolom" in teks and "rusak" not in teks
    assert not BerkasImpor.objects.exists()


def _isi(n: int) -> list[list[str]]:
    return [[f"{i:016d}", "", "Nama", "Pacitan", "01-01-1980", "L", "", "1", "2", "Widoro", "x",
             "a"] for i in range(n)]  # fmt: skip


@pytest.mark.parametrize("buat", [xlsx, csv_bytes])
def test_batas_baris_per_berkas(settings, buat):
    settings.IMPOR_BARIS_MAKS = 3
    assert len(impor.baca_berkas(buat(_isi(3))).baris) == 3
    e = _galat(buat(_isi(4)))
    assert e.code == "terlalu_banyak_baris" and "paling banyak 3 baris" in e.messages[0]


def test_kolom_csv_dipotong_di_batas():
    teks = csv_bytes(_isi(1)).decode().splitlines()
    teks = [b + ",z" * 200 for b in teks]
    tabel = impor.baca_berkas("\n".join(teks).encode())
    assert len(tabel.baris[0][1]) == 50 and len(tabel.judul) == 50


def test_kehabisan_memori_bukan_berkas_rusak(monkeypatch):
    import openpyxl

    def habis(*a, **k):
        raise MemoryError

    monkeypatch.setattr(openpyxl, "load_workbook", habis)
    e = _galat(xlsx(_isi(1)))
    assert e.code == "terlalu_besar" and "rusak" not in e.messages[0]


def test_isi_terbuka_raksasa_ditolak(monkeypatch):
    from ppks.impor import baca

    monkeypatch.setattr(baca, "XLSX_TERBUKA_MAKS", 1000)
    e = _galat(xlsx(_isi(1)))
    assert e.code == "terlalu_besar"


def test_judul_tetap_dikenali():
    tabel = impor.baca_berkas(xlsx(_isi(2)))
    assert tabel.judul[: len(JUDUL)] == JUDUL and [n for n, _ in tabel.baris] == [2, 3]
