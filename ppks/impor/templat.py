"""Files the import gives the user: the empty template and the list of a file's errors."""

from __future__ import annotations

import io

from ..models import KategoriPMKS
from .kolom import KOLOM


def templat_xlsx() -> bytes:
    """An empty sheet with the header row, plus a sheet of instructions and the categories."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append([j for _, j, _ in KOLOM])
    for c in ws[1]:
        c.font = Font(bold=True)
    for i, lebar in enumerate([20, 20, 28, 16, 14, 14, 30, 6, 6, 22, 22, 12], start=1):
        ws.column_dimensions[chr(64 + i)].width = lebar
    for kolom in ("A", "B"):
        for r in range(2, 2001):
            ws[f"{kolom}{r}"].number_format = "@"  # NIK/KK as text: Excel keeps 15 digits only
    p = wb.create_sheet("Petunjuk")
    for baris in [
        ["Kolom", "Isi"],
        ["NIK", "16 angka (format sel Teks). Wajib; orang tanpa NIK didaftarkan lewat formulir."],
        ["No KK", "16 angka, boleh kosong."],
        ["Nama", "Nama lengkap. Wajib."],
        ["Tempat Lahir", "Boleh kosong."],
        ["Tanggal Lahir", "dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd atau sel tanggal Excel. Wajib."],
        ["Jenis Kelamin", "L/P, Laki-laki atau Perempuan. Wajib."],
        ["Alamat", "Dusun/jalan. Wajib."],
        ["RT", "Angka, boleh kosong."],
        ["RW", "Angka, boleh kosong."],
        ["Desa", "Nama desa/kelurahan atau kode Kemendagri (mis. 35.01.01.2001). Wajib."],
        ["Kategori", "Huruf a–z atau nama kategori PMKS (lihat lembar Kategori). Wajib."],
        ["Kriteria", "Huruf kriteria yang terpenuhi, mis. a, c (aturan R2). Wajib."],
        ["", "Mengimpor ulang berkas yang sama memperbarui data (dicocokkan dengan NIK)."],
        ["", "Sel No KK, Tempat Lahir, RT atau RW yang kosong tidak menghapus data tercatat."],
    ]:
        p.append(baris)
    p.column_dimensions["A"].width = 16
    p.column_dimensions["B"].width = 100
    k = wb.create_sheet("Kategori")
    k.append(["Huruf", "Kategori", "Kriteria"])
    for kat in KategoriPMKS.objects.prefetch_related("kriteria"):
        k.append([kat.kode, kat.nama, ""])
        for kr in kat.kriteria.all():
            k.append(["", "", f"{kr.huruf}. {kr.teks}"])
    k.column_dimensions["B"].width = 45
    k.column_dimensions["C"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def laporan_galat_xlsx(galat: list[tuple[int, str, str]]) -> bytes:
    """The errors of a file as a sheet of (row, column, message), for fixing it offline."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Kesalahan")
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 110
    from openpyxl.cell import WriteOnlyCell

    judul = []
    for t in ("Baris", "Kolom", "Pesan"):
        c = WriteOnlyCell(ws, value=t)
        c.font = Font(bold=True)
        judul.append(c)
    ws.append(judul)
    for no, kolom, pesan in galat:
        ws.append([no, kolom, pesan])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
