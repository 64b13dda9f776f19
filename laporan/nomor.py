"""Letter numbers in the office's own format (ProfilKantor.format_nomor_surat).

`usulan_nomor(jenis)` shows the next number without taking it (to prefill a form);
`nomor_berikutnya(jenis)` takes it, under a row lock, so two officers never get the same number.
Numbers restart at 1 each year.
"""

import datetime as dt
import string

from django.db import transaction
from django.utils import timezone

from dinsos.format import BULAN_ROMAWI
from dinsos.models import ProfilKantor

from .models import PenomoranSurat


class _Aman(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def format_nomor(
    *, nomor: int, kode: str = "", bagian: str = "", tanggal: dt.date | None = None, profil=None
) -> str:
    """Fill the format; an unknown placeholder stays as typed instead of raising."""
    profil = profil or ProfilKantor.get()
    tanggal = tanggal or timezone.localdate()
    nilai = _Aman(
        kode=kode,
        nomor=f"{nomor:03d}",
        bagian=bagian,
        bulan_romawi=BULAN_ROMAWI[tanggal.month - 1],
        bulan=f"{tanggal.month:02d}",
        tahun=str(tanggal.year),
    )
    teks = string.Formatter().vformat(profil.format_nomor_surat or "{nomor}", (), nilai)
    # An empty part ("460//2026") reads as a typo on a letter: collapse it.
    while "//" in teks:
        teks = teks.replace("//", "/")
    return teks.strip("/")


def _register(jenis: str) -> PenomoranSurat:
    reg, _ = PenomoranSurat.objects.get_or_create(jenis=jenis)
    return reg


def usulan_nomor(jenis: str, *, tanggal: dt.date | None = None) -> str:
    tanggal = tanggal or timezone.localdate()
    reg = _register(jenis)
    berikut = reg.nomor_terakhir + 1 if reg.tahun == tanggal.year else 1
    return format_nomor(nomor=berikut, kode=reg.kode, bagian=reg.bagian, tanggal=tanggal)


@transaction.atomic
def nomor_berikutnya(jenis: str, *, tanggal: dt.date | None = None) -> str:
    tanggal = tanggal or timezone.localdate()
    _register(jenis)
    reg = PenomoranSurat.objects.select_for_update().get(jenis=jenis)
    if reg.tahun != tanggal.year:
        reg.tahun, reg.nomor_terakhir = tanggal.year, 0
    reg.nomor_terakhir += 1
    reg.save(update_fields=["tahun", "nomor_terakhir"])
    return format_nomor(nomor=reg.nomor_terakhir, kode=reg.kode, bagian=reg.bagian, tanggal=tanggal)
