"""Import of persons from xlsx/csv files in the layout offices already keep (issue item 8).

One row per person: NIK, No KK, Nama, Tempat Lahir, Tanggal Lahir, Jenis Kelamin, Alamat, RT,
RW, Desa, Kategori, Kriteria. Steps:

1. `baca_berkas(data)` — the real type from the content (never the name), then the rows.
2. `validasi(tabel, oleh)` — every row through the same rules as the forms (R2, R4, R5, R7,
   unique NIK), with errors per row and column; nothing is written.
3. `terapkan(hasil, oleh, berkas, hanya_valid)` — one transaction: persons created or updated
   (matched by NIK, so a re-import never duplicates and unchanged rows write nothing),
   registrations created where missing, history rows in bulk plus one summary row.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dinsos import akses
from dinsos.audit import beda, catat, catat_banyak, potret
from dinsos.models import Desa, Riwayat

from . import nik as nikmod
from .models import BerkasImpor, KategoriPMKS, KriteriaPMKS, Perseorangan, Registrasi

# (key, header as printed in the template, header required)
KOLOM = [
    ("nik", "NIK", True),
    ("nomor_kk", "No KK", False),
    ("nama", "Nama", True),
    ("tempat_lahir", "Tempat Lahir", False),
    ("tanggal_lahir", "Tanggal Lahir", True),
    ("jenis_kelamin", "Jenis Kelamin", True),
    ("alamat", "Alamat", True),
    ("rt", "RT", False),
    ("rw", "RW", False),
    ("desa", "Desa", True),
    ("kategori", "Kategori", True),
    # R2: a registration records the criteria found to hold. The column may be missing from
    # an old file; then every row says so (a registration without criteria is refused).
    ("kriteria", "Kriteria", False),
]
JUDUL = {k: j for k, j, _ in KOLOM}
SINONIM = {
    "nik": "nik",
    "nomor induk kependudukan": "nik",
    "no kk": "nomor_kk",
    "nomor kk": "nomor_kk",
    "no kartu keluarga": "nomor_kk",
    "nomor kartu keluarga": "nomor_kk",
    "kk": "nomor_kk",
    "nama": "nama",
    "nama lengkap": "nama",
    "tempat lahir": "tempat_lahir",
    "tanggal lahir": "tanggal_lahir",
    "tgl lahir": "tanggal_lahir",
    "jenis kelamin": "jenis_kelamin",
    "jk": "jenis_kelamin",
    "l p": "jenis_kelamin",
    "alamat": "alamat",
    "rt": "rt",
    "rw": "rw",
    "desa": "desa",
    "kelurahan": "desa",
    "desa kelurahan": "desa",
    "kode desa": "desa",
    "kategori": "kategori",
    "kategori pmks": "kategori",
    "kriteria": "kriteria",
    "kriteria terpenuhi": "kriteria",
}
FIELD_ORANG_IMPOR = [
    "nik",
    "nomor_kk",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "alamat",
    "rt",
    "rw",
    "desa",
]
FIELD_BOLEH_KOSONG = ["nomor_kk", "tempat_lahir", "rt", "rw"]
# Which column a model field's error belongs to.
KOLOM_FIELD = {
    "nik": "NIK",
    "nomor_kk": "No KK",
    "nama": "Nama",
    "tempat_lahir": "Tempat Lahir",
    "tanggal_lahir": "Tanggal Lahir",
    "jenis_kelamin": "Jenis Kelamin",
    "alasan_beda_nik": "Tanggal Lahir",
    "alamat": "Alamat",
    "rt": "RT",
    "rw": "RW",
    "desa": "Desa",
}
BATCH = 500

PESAN_BUKAN_LEMBAR_KERJA = (
    "Berkas bukan lembar kerja yang dapat dibaca. Unggah berkas Excel (.xlsx) atau CSV dengan "
    "baris judul kolom seperti pada templat, apa pun nama berkasnya."
)


def _norm_judul(teks) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(teks or "").lower()).split())


def _norm_teks(nilai) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return " ".join(str(nilai).split())


# --- reading ---------------------------------------------------------------------------------


@dataclass
class Tabel:
    jenis: str
    kolom: dict[str, int]  # key -> column index
    baris: list[tuple[int, list]]  # (spreadsheet row number, values)


def deteksi_jenis(data: bytes) -> str:
    """'xlsx' or 'csv' by content; raises ValidationError for anything else."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                nama = set(z.namelist())
        except zipfile.BadZipFile:
            raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja") from None
        if "[Content_Types].xml" in nama and "xl/workbook.xml" in nama:
            return "xlsx"
        raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValidationError(
            "Format Excel lama (.xls) tidak didukung. Buka berkas di Excel/LibreOffice lalu "
            "simpan sebagai .xlsx.",
            code="xls_lama",
        )
    if b"\x00" in data[:65536]:
        raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja")
    return "csv"


def _peta_kolom(judul: list) -> dict[str, int]:
    kolom = {}
    for i, j in enumerate(judul):
        key = SINONIM.get(_norm_judul(j))
        if key and key not in kolom:
            kolom[key] = i
    return kolom


def _cek_judul(kolom: dict[str, int]) -> None:
    kurang = [j for k, j, wajib in KOLOM if wajib and k not in kolom]
    if kurang:
        raise ValidationError(
            "Kolom wajib tidak ditemukan pada baris judul: "
            + ", ".join(kurang)
            + ". Gunakan templat impor (judul kolom boleh huruf besar/kecil).",
            code="kolom_kurang",
        )


def _dekode(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA)  # pragma: no cover - latin-1 decodes all


def _baca_csv(data: bytes) -> Tabel:
    teks = _dekode(data)
    baris_pertama = teks.split("\n", 1)[0]
    pemisah = max([",", ";", "\t"], key=baris_pertama.count)
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)
    try:
        semua = list(pembaca)
    except csv.Error:
        raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja") from None
    return _tabel("csv", semua)


def _baca_xlsx(data: bytes) -> Tabel:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        semua = [list(r) for r in ws.iter_rows(values_only=True)]
        wb.close()
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            "Berkas Excel rusak atau tidak dapat dibaca. Simpan ulang sebagai .xlsx.",
            code="xlsx_rusak",
        ) from e
    return _tabel("xlsx", semua)


def _kosong(baris) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in baris)


def _tabel(jenis: str, semua: list[list]) -> Tabel:
    # The header is the first non-empty row; rows are numbered as the spreadsheet shows them.
    i = 0
    while i < len(semua) and _kosong(semua[i]):
        i += 1
    if i == len(semua):
        raise ValidationError("Berkas kosong: tidak ada baris judul kolom.", code="kosong")
    kolom = _peta_kolom(semua[i])
    if jenis == "csv" and len(kolom) < 3:
        raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja")
    _cek_judul(kolom)
    baris = [(n + 1, r) for n, r in enumerate(semua) if n > i and not _kosong(r)]
    if not baris:
        raise ValidationError("Berkas tidak berisi baris data di bawah judul kolom.", code="kosong")
    return Tabel(jenis=jenis, kolom=kolom, baris=baris)


def baca_berkas(data: bytes) -> Tabel:
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ValidationError(pesan_terlalu_besar(len(data)), code="terlalu_besar")
    if not data:
        raise ValidationError("Berkas kosong.", code="kosong")
    jenis = deteksi_jenis(data)
    return _baca_xlsx(data) if jenis == "xlsx" else _baca_csv(data)


def pesan_terlalu_besar(ukuran: int) -> str:
    mb = 1024 * 1024
    return (
        f"Ukuran berkas {ukuran / mb:.1f} MB melebihi batas {settings.IMPORT_MAX_BYTES / mb:.1f} "
        "MB. Bagi berkas menjadi beberapa bagian."
    )


# --- parsing cells ---------------------------------------------------------------------------

_FORMAT_TANGGAL = [
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd"),
]
JK = {
    "l": "L",
    "lk": "L",
    "laki": "L",
    "laki laki": "L",
    "lakilaki": "L",
    "pria": "L",
    "p": "P",
    "pr": "P",
    "perempuan": "P",
    "wanita": "P",
}


def tanggal(nilai) -> dt.date:
    if isinstance(nilai, dt.datetime):
        return nilai.date()
    if isinstance(nilai, dt.date):
        return nilai
    teks = _norm_teks(nilai)
    if isinstance(nilai, str) and " " in teks:
        teks = teks.split(" ")[0]  # "1980-05-17 00:00:00" from a CSV saved by a spreadsheet
    for pola, urutan in _FORMAT_TANGGAL:
        m = pola.match(teks)
        if m:
            a, b, c = (int(x) for x in m.groups())
            d, mth, y = (a, b, c) if urutan == "dmy" else (c, b, a)
            try:
                return dt.date(y, mth, d)
            except ValueError:
                raise ValidationError("Tanggal tidak ada di kalender (mis. 31-02).") from None
    raise ValidationError(
        "Format tanggal tidak dikenali; gunakan dd-mm-yyyy, dd/mm/yyyy atau yyyy-mm-dd."
    )


def _angka_teks(nilai) -> str:
    """Digits of a NIK/KK cell: Excel may hold it as a number; spaces and dots are dropped."""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return nikmod.normalisasi(_norm_teks(nilai))


def _rt_rw(nilai) -> str:
    teks = _norm_teks(nilai)
    if teks.isdigit():
        return str(int(teks)).zfill(3) if len(teks) <= 3 else teks
    return teks


# --- validation ------------------------------------------------------------------------------


@dataclass
class BarisSiap:
    no: int
    data: dict
    orang_lama: Perseorangan | None
    kategori: KategoriPMKS
    kriteria: list[KriteriaPMKS]


@dataclass
class HasilValidasi:
    jumlah_baris: int = 0
    siap: list[BarisSiap] = field(default_factory=list)
    galat: list[tuple[int, str, str]] = field(default_factory=list)
    baris_galat: set[int] = field(default_factory=set)

    def tambah_galat(self, no: int, kolom: str, pesan: str) -> None:
        self.galat.append((no, kolom, pesan))
        self.baris_galat.add(no)

    @property
    def jumlah_valid(self) -> int:
        return len(self.siap)

    def ringkasan(self) -> dict:
        baru = sum(1 for b in self.siap if b.orang_lama is None)
        return {
            "baris": self.jumlah_baris,
            "valid": self.jumlah_valid,
            "bermasalah": len(self.baris_galat),
            "baru": baru,
            "sudah_ada": self.jumlah_valid - baru,
        }


class _Konteks:
    """Lookups loaded once per file, so validating a row costs no query."""

    def __init__(self, oleh):
        self.oleh = oleh
        self.hari_ini = timezone.localdate()
        kab = settings.KABUPATEN_KODE + "."
        semua_desa = list(Desa.objects.select_related("kecamatan"))
        self.desa_kode = {d.kode: d for d in semua_desa}
        self.desa_nama = defaultdict(list)
        for d in semua_desa:
            if d.kode.startswith(kab):
                self.desa_nama[_norm_judul(d.nama)].append(d)
        self.boleh_desa = set(akses.desa_untuk(oleh).values_list("kode", flat=True))
        self.kab = kab
        self.kategori_kode = {}
        self.kategori_nama = {}
        self.kriteria = defaultdict(dict)
        for k in KategoriPMKS.objects.all():
            self.kategori_kode[k.kode] = k
            self.kategori_nama[_norm_judul(k.nama)] = k
        for kr in KriteriaPMKS.objects.all():
            self.kriteria[kr.kategori_id][kr.huruf.lower()] = kr

    def desa(self, nilai) -> Desa:
        teks = _norm_teks(nilai)
        if not teks:
            raise ValidationError("Desa/kelurahan wajib diisi (aturan R7).")
        angka = re.sub(r"\D", "", teks)
        d = None
        if angka and len(angka) == 10 and re.fullmatch(r"[\d .]+", teks):
            kode = f"{angka[0:2]}.{angka[2:4]}.{angka[4:6]}.{angka[6:10]}"
            if not kode.startswith(self.kab):
                raise ValidationError(
                    f"Desa/kelurahan dengan kode {kode} berada di luar kabupaten ini; registri "
                    "hanya untuk penduduk yang berdomisili di kabupaten (aturan R7)."
                )
            d = self.desa_kode.get(kode)
            if d is None:
                raise ValidationError(f"Kode desa/kelurahan {kode} tidak dikenal.")
        else:
            nama = _norm_judul(re.sub(r"^(desa|kelurahan|kel\.?|ds\.?)\s+", "", teks, flags=re.I))
            calon = self.desa_nama.get(nama, [])
            if len(calon) > 1:
                calon = [c for c in calon if c.kode in self.boleh_desa] or calon
            if not calon:
                raise ValidationError(
                    f"Desa/kelurahan “{teks}” tidak ada di kabupaten ini (aturan R7). Periksa "
                    "ejaan atau gunakan kode Kemendagri."
                )
            if len(calon) > 1:
                raise ValidationError(
                    f"Nama desa “{teks}” ada di lebih dari satu kecamatan; gunakan kode "
                    "Kemendagri desa/kelurahan."
                )
            d = calon[0]
        if d.kode not in self.boleh_desa:
            raise ValidationError(f"Desa/kelurahan {d.nama} berada di luar wilayah kerja Anda.")
        return d

    def kategori(self, nilai) -> KategoriPMKS:
        teks = _norm_teks(nilai)
        if not teks:
            raise ValidationError("Kategori PMKS wajib diisi (aturan R2).")
        m = re.match(r"^([a-zA-Z])(?:[.)]\s*.*)?$", teks)
        k = self.kategori_kode.get(m.group(1).lower()) if m else None
        k = k or self.kategori_nama.get(_norm_judul(teks))
        if k is None:
            raise ValidationError(
                f"Kategori “{teks}” tidak dikenal; isi huruf a–z atau nama kategori PMKS "
                "(aturan R2)."
            )
        return k

    def kriteria_untuk(self, kategori: KategoriPMKS, nilai) -> list[KriteriaPMKS]:
        teks = _norm_teks(nilai).lower()
        if not teks:
            raise ValidationError(
                "Kolom Kriteria wajib diisi (aturan R2): tulis huruf kriteria yang terpenuhi, "
                "mis. “a, c”."
            )
        huruf = [h for h in re.split(r"[^a-z]+", teks) if h]
        tersedia = self.kriteria[kategori.pk]
        asing = [h for h in huruf if h not in tersedia]
        if not huruf or asing:
            raise ValidationError(
                f"Kriteria {', '.join(asing) or teks} tidak ada pada kategori {kategori.nama} "
                f"(tersedia {', '.join(sorted(tersedia))}; aturan R2)."
            )
        return [tersedia[h] for h in dict.fromkeys(huruf)]


def _sel(tabel: Tabel, baris: list, key: str):
    i = tabel.kolom.get(key)
    return baris[i] if i is not None and i < len(baris) else None


def validasi(tabel: Tabel, oleh) -> HasilValidasi:
    """Check every row; write nothing. Errors are (row, column, message), never a NIK value."""
    ktx = _Konteks(oleh)
    hasil = HasilValidasi(jumlah_baris=len(tabel.baris))
    terurai = []
    nik_baris = defaultdict(list)
    for no, baris in tabel.baris:
        data, kat, krit = _urai_baris(no, baris, tabel, ktx, hasil)
        terurai.append((no, data, kat, krit))
        if data.get("nik"):
            nik_baris[data["nik"]].append(no)

    # R5: a NIK is unique; twice in one file is ambiguous, so every such row is refused.
    for daftar in nik_baris.values():
        if len(daftar) > 1:
            for no in daftar:
                lain = ", ".join(str(n) for n in daftar if n != no)
                hasil.tambah_galat(
                    no, "NIK", f"NIK yang sama juga ada di baris {lain}; satu orang satu baris."
                )

    lama = {}
    semua_nik = [n for n in nik_baris if len(nik_baris[n]) == 1]
    for i in range(0, len(semua_nik), BATCH):
        for o in Perseorangan.objects.filter(nik__in=semua_nik[i : i + BATCH]):
            lama[o.nik] = o
    aktif = set()
    ids = [o.pk for o in lama.values()]
    for i in range(0, len(ids), BATCH):
        aktif.update(
            Registrasi.objects.filter(
                perseorangan_id__in=ids[i : i + BATCH], status=Registrasi.Status.AKTIF
            ).values_list("perseorangan_id", "kategori_id")
        )

    for no, data, kat, krit in terurai:
        if no in hasil.baris_galat:
            continue
        orang_lama = lama.get(data["nik"])
        if orang_lama is not None:
            # An empty optional cell keeps what the registry holds; it never erases data.
            for f in FIELD_BOLEH_KOSONG:
                if not data[f]:
                    data[f] = getattr(orang_lama, f)
        sudah_aktif = orang_lama is not None and (orang_lama.pk, kat.pk) in aktif
        if not _cek_model(no, data, orang_lama, kat, ktx, hasil, cek_batas=not sudah_aktif):
            continue
        hasil.siap.append(BarisSiap(no, data, orang_lama, kat, krit))
    urutan = {j: i for i, j in enumerate(JUDUL.values())}
    hasil.galat.sort(key=lambda g: (g[0], urutan.get(g[1], 99)))
    return hasil


def _urai_baris(no, baris, tabel, ktx: _Konteks, hasil: HasilValidasi):
    data: dict = {}
    kat = None
    krit: list = []

    def galat(kolom, e):
        for m in e.messages if isinstance(e, ValidationError) else [str(e)]:
            hasil.tambah_galat(no, kolom, m)

    nik = _angka_teks(_sel(tabel, baris, "nik"))
    if not nik:
        galat(
            "NIK",
            ValidationError(
                "NIK wajib diisi pada impor; orang tanpa NIK (aturan R6) didaftarkan lewat "
                "formulir."
            ),
        )
    elif not re.fullmatch(r"\d{16}", nik):
        galat("NIK", ValidationError("NIK harus terdiri dari 16 angka (aturan R5)."))
    data["nik"] = nik or None

    kk = _angka_teks(_sel(tabel, baris, "nomor_kk"))
    if kk and not re.fullmatch(r"\d{16}", kk):
        galat("No KK", ValidationError("Nomor KK harus terdiri dari 16 angka."))
    data["nomor_kk"] = kk

    data["nama"] = _norm_teks(_sel(tabel, baris, "nama"))
    if not data["nama"]:
        galat("Nama", ValidationError("Nama wajib diisi."))
    data["tempat_lahir"] = _norm_teks(_sel(tabel, baris, "tempat_lahir"))

    mentah = _sel(tabel, baris, "tanggal_lahir")
    data["tanggal_lahir"] = None
    if _norm_teks(mentah) == "" and not isinstance(mentah, dt.date):
        galat("Tanggal Lahir", ValidationError("Tanggal lahir wajib diisi."))
    else:
        try:
            data["tanggal_lahir"] = tanggal(mentah)
        except ValidationError as e:
            galat("Tanggal Lahir", e)

    jk = _norm_judul(_sel(tabel, baris, "jenis_kelamin"))
    data["jenis_kelamin"] = JK.get(jk, "")
    if not data["jenis_kelamin"]:
        galat(
            "Jenis Kelamin",
            ValidationError("Jenis kelamin harus L/P, Laki-laki atau Perempuan."),
        )

    data["alamat"] = _norm_teks(_sel(tabel, baris, "alamat"))
    if not data["alamat"]:
        galat("Alamat", ValidationError("Alamat wajib diisi."))
    data["rt"] = _rt_rw(_sel(tabel, baris, "rt"))
    data["rw"] = _rt_rw(_sel(tabel, baris, "rw"))

    try:
        data["desa"] = ktx.desa(_sel(tabel, baris, "desa"))
    except ValidationError as e:
        galat("Desa", e)

    try:
        kat = ktx.kategori(_sel(tabel, baris, "kategori"))
    except ValidationError as e:
        galat("Kategori", e)
    else:
        try:
            krit = ktx.kriteria_untuk(kat, _sel(tabel, baris, "kriteria"))
        except ValidationError as e:
            galat("Kriteria", e)
    return data, kat, krit


def _cek_model(
    no, data, orang_lama, kat, ktx: _Konteks, hasil: HasilValidasi, cek_batas: bool = True
) -> bool:
    """The model's own rules (R5 and field shapes) and the category bounds (R4)."""
    ada_galat = False

    def galat(kolom, pesan):
        nonlocal ada_galat
        ada_galat = True
        hasil.tambah_galat(no, kolom, pesan)

    if orang_lama is not None:
        if orang_lama.desa_id not in ktx.boleh_desa:
            galat(
                "NIK",
                "NIK ini sudah terdaftar di registri di luar wilayah kerja Anda; hubungi "
                "Dinas Sosial untuk pindah domisili.",
            )
            return False
        for f, kolom, label in [
            ("tanggal_lahir", "Tanggal Lahir", "tanggal lahir"),
            ("jenis_kelamin", "Jenis Kelamin", "jenis kelamin"),
        ]:
            if getattr(orang_lama, f) != data[f]:
                galat(
                    kolom,
                    f"Berbeda dengan {label} yang tercatat di registri. Perubahan {label} harus "
                    "lewat formulir ubah data dengan alasan (aturan R5).",
                )
        if orang_lama.keluarga_id and data["nomor_kk"] and data["nomor_kk"] != orang_lama.nomor_kk:
            galat(
                "No KK",
                "Berbeda dengan nomor KK keluarga yang tercatat; pindah KK dilakukan lewat "
                "halaman keluarga.",
            )
        if ada_galat:
            return False
        calon = Perseorangan(**{f: getattr(orang_lama, f) for f in ("alasan_beda_nik",)})
    else:
        calon = Perseorangan()
    for f in FIELD_ORANG_IMPOR:
        setattr(calon, f, data[f])
    try:
        calon.clean_fields(exclude=["desa", "keluarga", "dibuat_oleh", "nomor_registrasi"])
        calon.clean()
    except ValidationError as e:
        for f, pesan in e.message_dict.items():
            kolom = KOLOM_FIELD.get(f, "NIK")
            for m in pesan:
                galat(kolom, m)
        return False
    if not cek_batas:
        return True
    try:
        kat.cek_batas(
            tanggal_lahir=calon.tanggal_lahir, jenis_kelamin=calon.jenis_kelamin, pada=ktx.hari_ini
        )
    except ValidationError as e:
        for m in e.messages:
            galat("Kategori", m)
        return False
    return True


# --- applying --------------------------------------------------------------------------------


def terapkan(hasil: HasilValidasi, *, oleh, berkas: BerkasImpor, hanya_valid: bool) -> dict:
    """Write the valid rows in one transaction; with errors, only if the user chose so."""
    if hasil.galat and not hanya_valid:
        raise ValidationError(
            "Berkas masih memiliki kesalahan; tidak ada data yang ditulis. Perbaiki berkas, atau "
            "pilih “Impor baris yang valid saja”."
        )
    if not akses.boleh(oleh, akses.Izin.IMPOR_REGISTRI):
        raise ValidationError("Peran Anda tidak berwenang mengimpor data registri.")
    alasan = f"Impor berkas {berkas.nama_asli}"
    with transaction.atomic():
        berkas = BerkasImpor.objects.select_for_update().get(pk=berkas.pk)
        if berkas.status != BerkasImpor.Status.PRATINJAU:
            raise ValidationError("Berkas ini sudah diimpor atau dibatalkan.")
        sekarang = timezone.now()
        ct_orang = ContentType.objects.get_for_model(Perseorangan)
        ct_reg = ContentType.objects.get_for_model(Registrasi)
        riwayat: list[Riwayat] = []
        baru, diubah, pindah = [], [], []
        for b in hasil.siap:
            if b.orang_lama is None:
                o = Perseorangan(dibuat_oleh=oleh, **b.data)
                baru.append((b, o))
                continue
            o = b.orang_lama
            sebelum = _potret(o)
            desa_lama = o.desa_id
            for f in FIELD_ORANG_IMPOR:
                setattr(o, f, b.data[f])
            perubahan = beda(sebelum, _potret(o))
            if perubahan:
                o.diubah = sekarang
                diubah.append((b, o, perubahan))
                if o.desa_id != desa_lama:
                    pindah.append(o)
        Perseorangan.objects.bulk_create([o for _, o in baru], batch_size=BATCH)
        if diubah:
            Perseorangan.objects.bulk_update(
                [o for _, o, _ in diubah], FIELD_ORANG_IMPOR + ["diubah"], batch_size=BATCH
            )
        for o in pindah:
            Registrasi.objects.filter(perseorangan=o).update(desa=o.desa_id)
        for b, o in baru:
            riwayat.append(
                _riwayat(oleh, Riwayat.Aksi.BUAT, ct_orang, o, _baru(o), f"{alasan}, baris {b.no}")
            )
        for b, o, perubahan in diubah:
            riwayat.append(
                _riwayat(oleh, Riwayat.Aksi.UBAH, ct_orang, o, perubahan, f"{alasan}, baris {b.no}")
            )

        # R2: a registration in the row's category, unless one is already active.
        orang_baris = [(b, o) for b, o in baru] + [
            (b, b.orang_lama) for b in hasil.siap if b.orang_lama is not None
        ]
        aktif = set()
        ids = [o.pk for _, o in orang_baris]
        for i in range(0, len(ids), BATCH):
            aktif.update(
                Registrasi.objects.filter(
                    perseorangan_id__in=ids[i : i + BATCH], status=Registrasi.Status.AKTIF
                ).values_list("perseorangan_id", "kategori_id")
            )
        reg_baru = []
        for b, o in orang_baris:
            if (o.pk, b.kategori.pk) in aktif:
                continue
            reg = Registrasi(
                perseorangan=o,
                desa_id=o.desa_id,
                kategori=b.kategori,
                penilai=oleh,
                tanggal_asesmen=timezone.localdate(),
                sumber_data=Registrasi.Sumber.IMPOR,
                catatan=f"{alasan}, baris {b.no}",
            )
            reg_baru.append((b, reg))
            aktif.add((o.pk, b.kategori.pk))
        Registrasi.objects.bulk_create([r for _, r in reg_baru], batch_size=BATCH)
        Melalui = Registrasi.kriteria.through
        Melalui.objects.bulk_create(
            [
                Melalui(registrasi_id=r.pk, kriteriapmks_id=k.pk)
                for b, r in reg_baru
                for k in b.kriteria
            ],
            batch_size=BATCH,
        )
        for b, r in reg_baru:
            riwayat.append(
                _riwayat(
                    oleh,
                    Riwayat.Aksi.BUAT,
                    ct_reg,
                    r,
                    {
                        "subjek": [None, f"perseorangan: {r.perseorangan.nama}"],
                        "kategori": [None, str(b.kategori)],
                        "kriteria": [None, sorted(k.huruf for k in b.kriteria)],
                        "status": [None, r.status],
                        "sumber_data": [None, r.sumber_data],
                    },
                    f"{alasan}, baris {b.no}",
                )
            )
        catat_banyak(riwayat)
        ringkasan = {
            "baris": hasil.jumlah_baris,
            "dibuat": len(baru),
            "diubah": len(diubah),
            "tidak_berubah": len(hasil.siap) - len(baru) - len(diubah),
            "registrasi_baru": len(reg_baru),
            "dilewati_karena_galat": len(hasil.baris_galat),
        }
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.IMPOR,
            obj=berkas,
            perubahan={"berkas": berkas.nama_asli, **ringkasan},
            alasan="Hanya baris yang valid" if hanya_valid and hasil.galat else "",
        )
        nama_file = berkas.berkas.name
        storage = berkas.berkas.storage
        berkas.status = BerkasImpor.Status.SELESAI
        berkas.ringkasan = {**berkas.ringkasan, "hasil": ringkasan}
        berkas.berkas = ""
        berkas.save(update_fields=["status", "ringkasan", "berkas", "diubah"])
        if nama_file:
            # The staged copy holds personal data: remove it once the data is in the registry.
            transaction.on_commit(lambda: storage.delete(nama_file))
    return ringkasan


def _potret(o) -> dict:
    return {k: v for k, v in potret(o).items() if k not in ("dibuat", "diubah")}


def _baru(o) -> dict:
    return {k: [None, v] for k, v in _potret(o).items() if v not in (None, "")}


def _riwayat(oleh, aksi, ct, obj, perubahan, alasan) -> Riwayat:
    return Riwayat(
        pengguna=oleh,
        aksi=aksi,
        content_type=ct,
        object_id=str(obj.pk),
        objek=str(obj)[:255],
        perubahan=perubahan,
        alasan=alasan,
    )


# --- files for the user ----------------------------------------------------------------------


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


def laporan_galat_xlsx(galat: list) -> bytes:
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
