"""Checks and steps every psks service shares (docs/rules.md S1–S7)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.utils import timezone

from dinsos.akses import boleh, dalam_wilayah
from dinsos.audit import beda, catat, potret
from dinsos.format import tanggal as fmt_tanggal
from dinsos.models import Riwayat, User
from dinsos.services import TidakDitemukan, kunci_untuk, simpan

from ..models import ProgramLayanan

A = Riwayat.Aksi
M = TypeVar("M", bound=Model)
Pilihan = Sequence[tuple[str, str]]
_ABAIKAN = {"dibuat", "diubah"}


def perlu(oleh: User, izin: str) -> None:
    if not boleh(oleh, izin):
        raise PermissionDenied("Peran Anda tidak berwenang untuk tindakan ini.")


def wilayah(oleh: User, desa: str | None) -> None:
    """A client (or subject) outside the user's wilayah is answered like a missing one."""
    if not dalam_wilayah(oleh, desa):
        raise TidakDitemukan("Data ini berada di luar wilayah kerja Anda.")


def kunci_kabupaten(oleh: User, obj: M, desa_field: str) -> M:
    """Lock a kabupaten-wide record (S1: workers, institutions, peran serta). Only the
    KELOLA_PSKS roles reach these services, and their wilayah is the whole kabupaten; the
    desa path is named so the scope stays a real filter for any other role."""
    return kunci_untuk(oleh, type(obj), obj, desa_field=desa_field)


def tolak(pesan: str, code: str = "ditolak", field: str | None = None) -> NoReturn:
    galat = ValidationError(pesan, code=code)
    raise ValidationError({field: galat}) if field else galat


def bukan_masa_depan(tanggal: dt.date | None, nama: str) -> dt.date:
    if tanggal is None:
        tolak(f"{nama} wajib diisi.", code="tanggal_kosong")
    if tanggal > timezone.localdate():
        tolak(f"{nama} ({fmt_tanggal(tanggal)}) tidak boleh di masa depan.", code="tanggal_depan")
    return tanggal


def kode_valid(nilai: Iterable[str] | None, pilihan: Pilihan, nama: str) -> list[str]:
    sah = [k for k, _ in pilihan]
    daftar = list(dict.fromkeys(nilai or []))
    salah = [k for k in daftar if k not in sah]
    if salah:
        tolak(f"{nama} tidak dikenal: {', '.join(salah)}.", code="kode_tidak_dikenal")
    # Keep the regulation's order whatever order the form sent.
    return [k for k in sah if k in daftar]


def wajib_teks(teks: str | None, pesan: str, field: str) -> str:
    if not (teks or "").strip():
        tolak(pesan, field=field)
    return (teks or "").strip()


def cek_program(program: ProgramLayanan, jenis: str) -> None:
    if program.jenis_layanan != jenis:
        tolak(
            f"Program {program.nama} adalah program "
            f"{program.get_jenis_layanan_display().lower()}, bukan "
            f"{ProgramLayanan.Jenis(jenis).label.lower()}.",
            code="program_salah",
        )
    if not program.aktif:
        tolak(f"Program {program.nama} tidak aktif.", code="program_nonaktif")


def potret_isi(obj: Model) -> dict[str, list[Any]]:
    return {
        k: [None, v]
        for k, v in potret(obj).items()
        if v not in ("", None, []) and k not in _ABAIKAN
    }


def buat(obj: M, *, oleh: User, alasan: str = "") -> M:
    """Save a new row through the kit and record its creation with every filled field (B9)."""
    simpan(obj)
    catat(pengguna=oleh, aksi=A.BUAT, obj=obj, perubahan=potret_isi(obj), alasan=alasan)
    return obj


def simpan_registri(obj: M, *, oleh: User, desa_field: str, alasan: str = "") -> M:
    """Create or update a registry row: full_clean, save, history of what changed."""
    if obj.pk is None:
        return buat(obj, oleh=oleh, alasan=alasan)
    lama = kunci_kabupaten(oleh, obj, desa_field)
    sebelum = potret(lama)
    simpan(obj)
    perubahan = {k: v for k, v in beda(sebelum, potret(obj)).items() if k not in _ABAIKAN}
    if perubahan:
        catat(pengguna=oleh, aksi=A.UBAH, obj=obj, perubahan=perubahan, alasan=alasan)
    return obj


def satu_kolom_berubah(
    obj: Model, kolom: str, lama: object, baru: object, *, oleh: User, alasan: str
) -> None:
    """Record a change of one column, already saved, with its old and new value (B9)."""
    perubahan = {kolom: [str(lama), str(baru)]}
    catat(pengguna=oleh, aksi=A.UBAH, obj=obj, perubahan=perubahan, alasan=alasan)


def status_berubah(obj: M, *, oleh: User, lama: str, baru: str, alasan: str = "", **kw: Any) -> M:
    """Save a status change through the kit and record it (B9)."""
    simpan(obj, **kw)
    catat(pengguna=oleh, aksi=A.STATUS, obj=obj, perubahan={"status": [lama, baru]}, alasan=alasan)
    return obj
