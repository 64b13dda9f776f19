"""The rekapitulasi (B7; PCT 7f–g): every recipient, the right subtotals and totals, the
terbilang, the signature — in the PDF and the xlsx — and only the requester's wilayah."""

import io
from decimal import Decimal
from typing import Any, cast

import openpyxl
import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.urls import reverse

from bansos.models import JenisBansos
from ekspor.models import Ekspor

from .conftest import TA, penerima, sampai_dicairkan, teks_pdf

pytestmark = pytest.mark.django_db

# (desa, name, jenis, amount): per-group subtotals differ from every single amount.
DATA = [
    ("desa1", "Sumarni Handayani", JenisBansos.BIAYA_HIDUP, 1_100_000),
    ("desa2", "Tri Lestari", JenisBansos.BIAYA_HIDUP, 1_200_000),
    ("desa3", "Joko Susanto", JenisBansos.BIAYA_HIDUP, 1_300_000),
    ("desa1", "Agus Prasetyo", JenisBansos.PERMODALAN_USAHA, 1_500_000),
    ("desa2", "Paijo Widodo", JenisBansos.PENGOBATAN, 3_250_000),
]


@pytest.fixture
def penyaluran(bansos_siap, wil):
    users = bansos_siap
    hasil = []
    for desa, nama, jenis, jumlah in DATA:
        orang = penerima(desa=wil[desa], penilai=users["petugas"], nama=nama)
        hasil.append(sampai_dicairkan(users, orang, jenis=jenis, jumlah=jumlah))
    return hasil


def _rekap(client, **data):
    form = {"tahun_anggaran": TA, "format": "pdf", "ukuran_kertas": "A4", **data}
    r = client.post(reverse("laporan:rekap"), form)
    assert r.status_code == 302, r.content.decode()[:2000]
    e = Ekspor.objects.latest("pk")
    assert r["Location"] == reverse("ekspor:detail", args=[e.pk])
    return e


def _unduh(client, e) -> bytes:
    r = client.get(reverse("ekspor:unduh", args=[e.pk]))
    assert r.status_code == 200
    return b"".join(r.streaming_content)


def test_rekap_pdf_memuat_semua_penerima_subtotal_total_dan_terbilang(
    client_for, users, penyaluran
):
    c = client_for(users["kadis"])
    e = _rekap(c)
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI, e.pesan_galat
    assert e.progres == 100
    assert e.jumlah_baris == len(DATA)
    teks = teks_pdf(_unduh(c, e))
    for _, nama, _, jumlah in DATA:
        assert nama in teks
        assert f"Rp {jumlah:,}".replace(",", ".") + ",00" in teks
    # Subtotals: biaya hidup Kec. Donorojo (desa1 + desa2) and Kec. Punung; per jenis; total.
    assert "Jumlah Bantuan biaya hidup sehari-hari — Kecamatan Donorojo" in teks
    assert "Rp 2.300.000,00" in teks
    assert "Jumlah Bantuan biaya hidup sehari-hari" in teks and "Rp 3.600.000,00" in teks
    assert "Rp 8.350.000,00" in teks
    assert "Delapan juta tiga ratus lima puluh ribu rupiah" in teks
    assert "melalui RSUD Contoh" in teks  # pengobatan is paid to the facility (B6)
    # Letterhead, title, deadline, signature block, page numbers.
    assert "PEMERINTAH KABUPATEN CONTOHJAYA" in teks
    assert f"TAHUN ANGGARAN {TA}" in teks
    assert f"5 Januari {TA + 1}" in teks
    assert "Dra. Sri Rahayu, M.Si." in teks and "NIP 196801011990032001" in teks
    assert "Halaman 1 dari" in teks
    # B7 asks for name, address, amount: no NIK on the rekap.
    for p in penyaluran:
        assert p.perseorangan.nik not in teks


def test_rekap_pdf_jumlah_halaman_benar(client_for, users, penyaluran):
    from pypdf import PdfReader

    c = client_for(users["kadis"])
    isi = _unduh(c, _rekap(c))
    n = len(PdfReader(io.BytesIO(isi)).pages)
    assert f"Halaman {n} dari {n}" in teks_pdf(isi)


def test_rekap_filter_jenis_dan_kecamatan(client_for, users, penyaluran, wil):
    c = client_for(users["petugas"])
    teks = teks_pdf(_unduh(c, _rekap(c, jenis=JenisBansos.BIAYA_HIDUP, kecamatan=wil["kec1"].kode)))
    assert "Sumarni Handayani" in teks and "Tri Lestari" in teks
    assert "Joko Susanto" not in teks  # other kecamatan
    assert "Agus Prasetyo" not in teks  # other jenis
    assert "Rp 2.300.000,00" in teks
    assert "Dua juta tiga ratus ribu rupiah" in teks


def test_rekap_operator_hanya_wilayahnya(client_for, users, penyaluran):
    """Section 4: the job re-applies the requester's scope; another desa's rows never appear."""
    c = client_for(users["op_desa"])
    e = _rekap(c)
    teks = teks_pdf(_unduh(c, e))
    assert "Sumarni Handayani" in teks and "Agus Prasetyo" in teks
    for nama in ("Tri Lestari", "Joko Susanto", "Paijo Widodo"):
        assert nama not in teks
    assert "Rp 2.600.000,00" in teks  # 1.100.000 + 1.500.000


def test_operator_tidak_dapat_memilih_kecamatan_lain(client_for, users, penyaluran, wil):
    c = client_for(users["op_desa_lain"])
    r = c.post(
        reverse("laporan:rekap"),
        {"tahun_anggaran": TA, "format": "pdf", "ukuran_kertas": "A4", "kecamatan": "35.01.01"},
    )
    assert r.status_code == 200  # the form refuses: not a valid choice for this operator
    assert not Ekspor.objects.exists()


def test_unduhan_pengguna_lain_404(client_for, users, penyaluran):
    e = _rekap(client_for(users["kadis"]))
    lain = client_for(users["petugas"])
    for nama in ("unduh", "detail", "status"):
        assert lain.get(reverse(f"ekspor:{nama}", args=[e.pk])).status_code == 404
    assert lain.post(reverse("ekspor:coba_lagi", args=[e.pk])).status_code == 404


def test_rekap_xlsx_sel_angka_dan_tanggal(client_for, users, penyaluran):
    c = client_for(users["kadis"])
    e = _rekap(c, format="xlsx")
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI and e.nama_unduhan.endswith(".xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(_unduh(c, e)))
    ws = wb["Rincian"]
    kepala = [c.value for c in ws[1]]
    i_jumlah, i_tgl = kepala.index("Jumlah"), kepala.index("Tanggal pencairan")
    baris = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(baris) == len(DATA)
    assert sorted(r[2] for r in baris) == sorted(d[1] for d in DATA)
    assert all(isinstance(r[i_jumlah], int | float | Decimal) for r in baris)
    assert sum(Decimal(str(r[i_jumlah])) for r in baris) == Decimal("8350000")
    assert ws.cell(row=2, column=i_tgl + 1).is_date
    assert ws.cell(row=2, column=i_jumlah + 1).number_format == '"Rp" #,##0.00'
    ringkas = [r for r in wb["Ringkasan"].iter_rows(values_only=True) if r and r[0]]
    total = next(r for r in ringkas if r[0] == "JUMLAH SELURUHNYA")
    assert total[2] == len(DATA) and Decimal(str(total[3])) == Decimal("8350000")


def _semua_berkas_ekspor() -> set[str]:
    from pathlib import Path

    akar = Path(cast(FileSystemStorage, default_storage).location)
    return {
        str(p.relative_to(akar)) for p in (akar / "laporan" / "ekspor").rglob("*") if p.is_file()
    }


def test_berkas_ada_hanya_setelah_selesai(client_for, users, penyaluran, monkeypatch):
    """No half file: while the builder runs nothing is published; afterwards the file is."""
    from ekspor import runner

    dilihat: dict[str, Any] = {}
    asli = runner.PEMBANGUN[Ekspor.Jenis.REKAP_PDF]

    def mengamati(e, tmp, lapor):
        hasil = asli(e, tmp, lapor)
        row = Ekspor.objects.get(pk=e.pk)
        dilihat.update(
            status=row.status,
            berkas=row.berkas.name,
            progres=row.progres,
            tmp_ada=tmp.exists(),
            terbit=_semua_berkas_ekspor(),
        )
        return hasil

    monkeypatch.setitem(runner.PEMBANGUN, Ekspor.Jenis.REKAP_PDF, mengamati)
    e = _rekap(client_for(users["kadis"]))
    assert dilihat["status"] == Ekspor.Status.BERJALAN
    assert dilihat["berkas"] == ""
    assert dilihat["tmp_ada"] and 0 < dilihat["progres"] < 100
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI and e.progres == 100
    assert default_storage.exists(e.berkas.name)
    assert e.berkas.name not in dilihat["terbit"]


def test_rekap_paralel_dari_tugas_tidak_merusak_koneksi_database(
    client_for, users, penyaluran, monkeypatch
):
    """The paged renderer forks worker processes from the task worker, which holds an open
    database connection (PostgreSQL in CI): the children must never use or close it."""
    from django.db import connection

    from laporan import rekap_pdf

    monkeypatch.setattr(rekap_pdf, "AMBANG_MENGALIR", 0)
    monkeypatch.setattr(rekap_pdf, "AMBANG_PARALEL", 0)
    monkeypatch.setattr(rekap_pdf, "BATAS_GABUNG", 0)  # one job per group: several to share
    dipakai: list[int] = []
    asli = rekap_pdf._pool

    def _pool(n: int) -> Any:
        dipakai.append(n)
        return asli(2)

    monkeypatch.setattr(rekap_pdf, "_pool", _pool)

    c = client_for(users["kadis"])
    e = _rekap(c)
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI, e.pesan_galat
    assert dipakai  # the forked path really ran
    teks = teks_pdf(_unduh(c, e))
    for _, nama, _, _ in DATA:
        assert nama in teks
    # The same connection still answers, inside and after a transaction.
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone()[0] == 1
    assert Ekspor.objects.filter(pk=e.pk, status=Ekspor.Status.SELESAI).exists()
