"""Files the import gives the user: the empty template and the list of a file's errors."""

from __future__ import annotations

import io

from ekspor.xlsx import netralkan, sel_teks

from ..models import KategoriPMKS
from .baca import Tabel
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
    for i, lebar in enumerate([20, 20, 28, 16, 14, 14, 30, 6, 6, 22, 18, 22, 12], start=1):
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
        [
            "Kecamatan",
            "Nama kecamatan atau kode Kemendagri (mis. 35.01.01), boleh kosong. Wajib bila "
            "nama desa ada di lebih dari satu kecamatan.",
        ],
        ["Kategori", "Huruf a–z atau nama kategori PMKS (lihat lembar Kategori). Wajib."],
        ["Kriteria", "Huruf kriteria yang terpenuhi, mis. a, c (aturan R2). Wajib."],
        ["", "Mengimpor ulang berkas yang sama memperbarui data (dicocokkan dengan NIK)."],
        ["", "Sel No KK, Tempat Lahir, RT atau RW yang kosong tidak menghapus data tercatat."],
        [
            "",
            "Satu orang pada beberapa kategori: satu baris per kategori dengan NIK dan data "
            "diri yang sama; orang itu didaftarkan sekali dengan registrasi per kategori.",
        ],
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
    for lembar in (p, k):  # category names come from the database: never a formula
        for deret in lembar.iter_rows():
            for c in deret:
                netralkan(c)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def laporan_galat_xlsx(galat: list[tuple[int, str, str]], tabel: Tabel | None = None) -> bytes:
    """The rows with errors, one line each: row number, its errors, then the row's own cells
    under the file's own headings, so the sheet can be corrected and imported again (the two
    leading columns are ignored by the import). Without the staged file (already imported or
    cancelled) only the row numbers and errors remain."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    per_baris: dict[int, list[str]] = {}
    for no, kolom, pesan in galat:
        per_baris.setdefault(no, []).append(f"{kolom}: {pesan}" if kolom else pesan)
    isi = dict(tabel.baris) if tabel is not None else {}
    judul_asli = ["" if j is None else str(j) for j in (tabel.judul if tabel is not None else [])]

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Kesalahan")
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 70 if isi else 110
    judul = []
    for t in ["Baris", "Kesalahan", *judul_asli]:
        c = sel_teks(ws, t)
        c.font = Font(bold=True)
        judul.append(c)
    ws.append(judul)
    for no in sorted(per_baris):
        pesan = sel_teks(ws, "\n".join(per_baris[no]))
        pesan.alignment = Alignment(wrap_text=True, vertical="top")
        sel = []
        for v in isi.get(no, []):
            # The uploaded cells go back to the user: a formula in them stays inert text.
            c = sel_teks(ws, v)
            if isinstance(v, str):
                c.number_format = "@"  # a NIK typed as text stays text
            sel.append(c)
        ws.append([no, pesan, *sel])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
