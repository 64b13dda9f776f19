"""What every bansos step does the same way: load and lock, check the plain inputs, move the
status along the table of `bansos.alur`, save through the service kit, record the history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from dinsos.audit import catat
from dinsos.models import Riwayat, User
from dinsos.services import TidakDitemukan, kunci_untuk, pesan_constraint, simpan

from .. import alur, kelayakan
from ..errors import AturanDilanggar, PermohonanTidakDitemukan
from ..models import PCT, Permohonan

# A duplicate B3 key that slipped past the Python check (two submissions at the same moment)
# is refused by the database; the clerk reads the rule, not the database's words.
pesan_constraint(
    {
        "bansos_sekali_setahun": (
            "Penerima sudah memiliki permohonan bansos jenis ini pada tahun anggaran yang "
            f"sama ({PCT} Pasal 6 ayat (3))."
        ),
    }
)


def kunci(permohonan: Permohonan | int, oleh: User) -> Permohonan:
    """Lock the permohonan row within the user's wilayah (404 outside it)."""
    try:
        return kunci_untuk(oleh, Permohonan, permohonan)
    except TidakDitemukan:
        raise PermohonanTidakDitemukan() from None


def wajib_isi(nilai: str | None, pesan: str) -> str:
    nilai = (nilai or "").strip()
    if not nilai:
        raise AturanDilanggar(pesan, code="wajib")
    return nilai


def uang(nilai: Any, nama: str) -> Decimal:
    try:
        d = Decimal(str(nilai))
    except (InvalidOperation, ValueError, TypeError):
        raise AturanDilanggar(f"{nama} harus berupa angka.", code="angka") from None
    if d <= 0:
        raise AturanDilanggar(f"{nama} harus lebih dari nol.", code="angka")
    return d


def tanggal(nilai: dt.date | None) -> dt.date:
    hari_ini = timezone.localdate()
    nilai = nilai or hari_ini
    if nilai > hari_ini:
        raise AturanDilanggar("Tanggal tidak boleh di masa depan.", code="tanggal")
    return nilai


def ganti_status(
    p: Permohonan,
    oleh: User,
    langkah: str,
    ke: str,
    *,
    alasan: str = "",
    tambahan: dict[str, Any] | None = None,
) -> None:
    """Move `p` to `ke` by step `langkah` (a target the table allows), save, record (B9)."""
    alur.pastikan_ke(langkah, ke)
    dari = p.status
    p.status = ke
    if alasan:
        p.catatan_status = alasan
    kelayakan.siapkan(p)
    simpan(p)
    perubahan: dict[str, Any] = {"status": [dari, ke]}
    if tambahan:
        perubahan.update(tambahan)
    catat(pengguna=oleh, aksi=Riwayat.Aksi.STATUS, obj=p, perubahan=perubahan, alasan=alasan)


def periksa_kelayakan(p: Permohonan, jumlah: Decimal) -> None:
    """B1–B3 with the recipient locked."""
    kelayakan.kunci_penerima(p)
    kelayakan.periksa(p, jumlah)
