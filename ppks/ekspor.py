"""Export of the filtered registry list to xlsx (issue item 8), written row by row.

A write-only openpyxl workbook keeps memory flat for a whole kabupaten; rows come from the
database in chunks with one prefetch per chunk. NIK and KK are whole only for roles that
need them (Izin.LIHAT_NIK_LENGKAP); the view logs every export (RULES.md section 4).
"""

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dinsos.format import samarkan_nik

KOLOM = [
    ("No. Registrasi", 16),
    ("NIK", 20),
    ("No KK", 20),
    ("Nama", 30),
    ("Tempat Lahir", 16),
    ("Tanggal Lahir", 14),
    ("Jenis Kelamin", 12),
    ("Alamat", 30),
    ("RT", 6),
    ("RW", 6),
    ("Desa", 22),
    ("Kode Desa", 15),
    ("Kecamatan", 20),
    ("Kategori Aktif", 40),
    ("Status DTSEN", 20),
    ("Desil DTSEN", 10),
    ("Jaminan Kesehatan", 24),
]
# Excel's own row limit, less the header.
BARIS_MAKS = 1_048_575
CHUNK = 2000


def _huruf(i: int) -> str:
    hasil = ""
    i += 1
    while i:
        i, sisa = divmod(i - 1, 26)
        hasil = chr(65 + sisa) + hasil
    return hasil


def tulis_xlsx(qs, berkas, *, nik_lengkap: bool) -> int:
    """Write `qs` (persons, with registrasi_aktif prefetched) to `berkas`; returns row count."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Registri PMKS")
    for i, (_, lebar) in enumerate(KOLOM):
        ws.column_dimensions[_huruf(i)].width = lebar
    judul = []
    for teks, _ in KOLOM:
        c = WriteOnlyCell(ws, value=teks)
        c.font = Font(bold=True)
        judul.append(c)
    ws.append(judul)
    samar = (lambda v: v or "") if nik_lengkap else (lambda v: samarkan_nik(v) if v else "")
    n = 0
    for o in qs.iterator(chunk_size=CHUNK):
        if n >= BARIS_MAKS:
            break
        tgl = WriteOnlyCell(ws, value=o.tanggal_lahir)
        tgl.number_format = "DD-MM-YYYY"  # a real date cell, shown the Indonesian way
        ws.append(
            [
                o.nomor_registrasi,
                samar(o.nik),
                samar(o.nomor_kk),
                o.nama,
                o.tempat_lahir,
                tgl,
                o.get_jenis_kelamin_display(),
                o.alamat,
                o.rt,
                o.rw,
                o.desa.nama,
                o.desa_id,
                o.desa.kecamatan.nama,
                ", ".join(f"{r.kategori.kode}. {r.kategori.nama}" for r in o.registrasi_aktif),
                o.get_status_dtsen_display(),
                o.desil_dtsen,
                o.get_jaminan_kesehatan_display(),
            ]
        )
        n += 1
    wb.save(berkas)
    return n
