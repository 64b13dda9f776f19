"""Indonesian formats for pages, spreadsheets and printed letters."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from lokal import terbilang as _terbilang

BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
BULAN_ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def rupiah(nilai: Any, sen: bool = True) -> str:
    """`Rp 2.000.000,00` — the form finance offices print."""
    if nilai is None or nilai == "":
        return ""
    d = Decimal(str(nilai)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    tanda = "-" if d < 0 else ""
    bulat, pecahan = f"{abs(d):.2f}".split(".")
    ribuan = f"{int(bulat):,}".replace(",", ".")
    return f"{tanda}Rp {ribuan},{pecahan}" if sen else f"{tanda}Rp {ribuan}"


def angka(nilai: Any) -> str:
    if nilai is None:
        return ""
    return f"{int(nilai):,}".replace(",", ".")


def tanggal(nilai: dt.date | None, dengan_hari: bool = False) -> str:
    """`23 November 2026`; accepts a date or an aware datetime (shown in Asia/Jakarta)."""
    if not nilai:
        return ""
    if isinstance(nilai, dt.datetime):
        from django.utils import timezone

        nilai = timezone.localtime(nilai).date() if timezone.is_aware(nilai) else nilai.date()
    teks = f"{nilai.day} {BULAN[nilai.month - 1]} {nilai.year}"
    return f"{HARI[nilai.weekday()]}, {teks}" if dengan_hari else teks


def waktu(nilai: dt.datetime | None) -> str:
    if not nilai:
        return ""
    from django.utils import timezone

    lokal = timezone.localtime(nilai)
    return f"{tanggal(lokal.date())} {lokal:%H.%M} WIB"


def terbilang(nilai: Decimal | int | float | str) -> str:
    """Amount in words for receipts: `dua juta rupiah`, capitalised as on a kwitansi."""
    d = Decimal(str(nilai))
    rupiah_bulat = int(d)
    teks = _terbilang(rupiah_bulat, currency=True)
    sen = int((d - rupiah_bulat) * 100)
    if sen:
        teks = teks.replace(" rupiah", "") + f" rupiah {_terbilang(sen)} sen"
    return teks[:1].upper() + teks[1:]


def samarkan_nik(nik: str | None) -> str:
    """Show region and serial only: `3501**********01` keeps a NIK recognisable, not usable."""
    if not nik:
        return "—"
    return nik[:4] + "*" * (len(nik) - 6) + nik[-2:]
