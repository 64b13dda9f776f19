"""Hostile input refused at the edge, with a message: control characters, non-ASCII digits,
dates outside any sensible range (docs/security.md, Input).

* A NUL byte cannot be stored by PostgreSQL (the query fails with a server error); the other C0
  control characters have no place in a name, an address or a reason and break exports and
  printed letters. Tab, LF and CR are ordinary text in a textarea and stay allowed.
* `str.isdigit()` and `int()` accept Unicode digits: `"²".isdigit()` is True and `int("٣")` is
  3, so a number taken from a request is parsed with ASCII digits only.
* A date before 1900 or years ahead is a typing error (or a probe), never a fact this office
  records; a birth date is never in the future (R4 keeps its own finer checks).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible

# C0 controls except tab (09), LF (0a) and CR (0d), plus DEL.
_KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ANGKA = re.compile(r"[0-9]{1,18}", re.ASCII)  # 18 digits fit a bigint

PESAN_KENDALI = (
    "Isian berisi karakter kendali yang tidak diizinkan (misalnya karakter NUL). "
    "Hapus karakter tersebut, lalu kirim kembali."
)
TANGGAL_PALING_AWAL = dt.date(1900, 1, 1)


def ada_kendali(nilai: str) -> bool:
    return bool(_KENDALI.search(nilai))


def tanpa_kendali(nilai: Any) -> None:
    """Field validator: a text value holding a control character is refused."""
    if isinstance(nilai, str) and ada_kendali(nilai):
        raise ValidationError(PESAN_KENDALI, code="karakter_kendali")


def teks(nilai: Any, *, maks: int | None = None) -> str:
    """A raw request value as clean text (stripped), or ValidationError with the message."""
    s = "" if nilai is None else str(nilai)
    tanpa_kendali(s)
    s = s.strip()
    return s[:maks] if maks is not None else s


def angka_id(nilai: Any) -> int | None:
    """A record id from a request: ASCII digits only (no sign, no spaces), else None."""
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        return nilai if nilai >= 0 else None
    if not isinstance(nilai, str) or not _ANGKA.fullmatch(nilai):
        return None
    return int(nilai)


def tanggal_paling_akhir(tahun: int = 1) -> dt.date:
    """Plans and deadlines may lie ahead, but not beyond `tahun` years from today."""
    hari_ini = timezone.localdate()
    try:
        return hari_ini.replace(year=hari_ini.year + tahun)
    except ValueError:  # 29 February
        return hari_ini.replace(year=hari_ini.year + tahun, day=28)


def _format(d: dt.date) -> str:
    return d.strftime("%d-%m-%Y")


@deconstructible
class BatasTanggal:
    """Date validator: from 1 January 1900 to `tahun_depan` years from today (or today at the
    latest, `lampau=True`)."""

    def __init__(self, lampau: bool = False, tahun_depan: int = 1) -> None:
        self.lampau = lampau
        self.tahun_depan = tahun_depan

    def __call__(self, nilai: Any) -> None:
        if not isinstance(nilai, dt.date):
            return
        if isinstance(nilai, dt.datetime):
            nilai = nilai.date()
        if nilai < TANGGAL_PALING_AWAL:
            raise ValidationError(
                f"Tanggal tidak boleh sebelum {_format(TANGGAL_PALING_AWAL)}.",
                code="tanggal_terlalu_awal",
            )
        akhir = timezone.localdate() if self.lampau else tanggal_paling_akhir(self.tahun_depan)
        if nilai > akhir:
            pesan = (
                # The registry's own wording for a birth date (R4/R5 messages say the same).
                "Tanggal lahir tidak boleh di masa depan."
                if self.lampau
                else f"Tanggal tidak boleh melewati {_format(akhir)}."
            )
            raise ValidationError(pesan, code="tanggal_terlalu_jauh")

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, BatasTanggal)
            and other.lampau == self.lampau
            and other.tahun_depan == self.tahun_depan
        )

    def __hash__(self) -> int:
        return hash(("BatasTanggal", self.lampau, self.tahun_depan))


batas_tanggal = BatasTanggal()
batas_tanggal_lampau = BatasTanggal(lampau=True)
# A licence, an accreditation or a programme may run for years (five is common): ten at most.
batas_tanggal_masa_berlaku = BatasTanggal(tahun_depan=10)


def batas_untuk(nama_bidang: str) -> BatasTanggal:
    """The bound a date field gets from its name: a birth date, an end of validity, or other."""
    if "lahir" in nama_bidang:
        return batas_tanggal_lampau
    if "berlaku" in nama_bidang or "selesai" in nama_bidang or "sampai" in nama_bidang:
        return batas_tanggal_masa_berlaku
    return batas_tanggal
