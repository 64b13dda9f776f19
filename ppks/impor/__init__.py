"""Import of persons from xlsx/csv files in the layout offices already keep.

One row per person and category: NIK, No KK, Nama, Tempat Lahir, Tanggal Lahir, Jenis Kelamin,
Alamat, RT, RW, Desa, Kecamatan (optional), Kategori, Kriteria. Steps, one module each:

1. `baca_berkas(data)` (`baca`) — the real type from the content (never the name), then the rows.
2. `validasi(tabel, oleh)` (`periksa`) — every row through the same rules as the forms (R2, R4,
   R5, R7, unique NIK), with errors per row and column; nothing is written. Rows of one NIK
   (`ganda`) are one person, an exact repeat, or a conflict refusing every row concerned.
3. `terapkan(hasil, oleh, berkas, hanya_valid)` (`tulis`) — one transaction: persons created or
   updated (matched by NIK, so a re-import never duplicates and unchanged rows write nothing),
   registrations created where missing, history rows in bulk plus one summary row.

`kolom` holds the columns and how a cell is read; `templat` the files given to the user.
"""

from .baca import Tabel, baca_berkas, deteksi_jenis, pesan_terlalu_besar
from .kolom import JUDUL, KOLOM, SINONIM, tanggal
from .periksa import BarisSiap, HasilValidasi, validasi
from .templat import laporan_galat_xlsx, templat_xlsx
from .tulis import terapkan

__all__ = [
    "JUDUL",
    "KOLOM",
    "SINONIM",
    "BarisSiap",
    "HasilValidasi",
    "Tabel",
    "baca_berkas",
    "deteksi_jenis",
    "laporan_galat_xlsx",
    "pesan_terlalu_besar",
    "tanggal",
    "templat_xlsx",
    "terapkan",
    "validasi",
]
