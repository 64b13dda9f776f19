"""What every registry service shares: the field lists, the R7 domicile check, history helpers,
and the messages of the registry's database constraints (registered by name)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError

from dinsos import akses
from dinsos.akses import Izin
from dinsos.audit import catat, potret
from dinsos.models import Desa, Riwayat, User
from dinsos.services import pesan_constraint

from ..models import Kelompok, Keluarga, Komunitas, Perseorangan, Registrasi

FIELD_ORANG = [
    "nik",
    "alasan_tanpa_nik",
    "nomor_kk",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "alasan_beda_nik",
    "alamat",
    "rt",
    "rw",
    "desa",
    "telepon",
    "jaminan_kesehatan",
    "nomor_jaminan",
    "status_dtsen",
    "desil_dtsen",
    "catatan_disabilitas",
    "catatan_kesehatan",
]
# R5: these must agree with the NIK; changing them later needs a reason in the history.
FIELD_IDENTITAS = {"nik", "tanggal_lahir", "jenis_kelamin"}
FIELD_KELUARGA = ["nomor_kk", "alamat", "rt", "rw", "desa"]
FIELD_KELOMPOK = [
    "nama",
    "desa",
    "alamat",
    "tanggal_dibentuk",
    "nomor_surat_pembentukan",
    "nama_bank",
    "nomor_rekening",
]
FIELD_KOMUNITAS = ["nama", "desa", "lokasi", "jumlah_kk", "jumlah_jiwa", "keterangan"]
_TIDAK_DICATAT = {"dibuat", "diubah"}

PESAN_NIK_GANDA = (
    "NIK ini sudah terdaftar di registri; satu NIK hanya untuk satu orang (aturan R5)."
)

# The services check these before saving; the database catches the clash two users race into.
pesan_constraint(
    {
        "ppks.perseorangan.nik": ("nik", PESAN_NIK_GANDA),
        "ppks.keluarga.nomor_kk": ("nomor_kk", "Nomor KK ini sudah terdaftar."),
        "satu_registrasi_aktif_per_orang_kategori": (
            "Registran ini sudah memiliki registrasi aktif pada kategori tersebut."
        ),
    }
)


def _wajib_izin(oleh: User, izin: str = Izin.UBAH_REGISTRI) -> None:
    if not akses.boleh(oleh, izin):
        raise PermissionDenied("Peran Anda tidak berwenang mengubah data registri.")


def desa_dalam_kabupaten(desa: Desa | str) -> bool:
    kode = desa if isinstance(desa, str) else desa.pk
    return kode.startswith(settings.KABUPATEN_KODE + ".")


def cek_desa(oleh: User, desa: Desa | None, field: str = "desa") -> None:
    """R7: domicile is a desa/kelurahan of this kabupaten, and within the user's wilayah."""
    if desa is None:
        raise ValidationError({field: "Desa/kelurahan domisili wajib dipilih (aturan R7)."})
    if not desa_dalam_kabupaten(desa):
        raise ValidationError(
            {
                field: f"Desa/kelurahan {desa.nama} ({desa.pk}) berada di luar kabupaten ini; "
                "registri hanya untuk penduduk yang berdomisili di kabupaten (aturan R7)."
            }
        )
    if not akses.dalam_wilayah(oleh, desa):
        raise ValidationError(
            {field: f"Desa/kelurahan {desa.nama} berada di luar wilayah kerja Anda."}
        )


def _cek_terlihat(oleh: User, obj: Model) -> None:
    """A related record the caller passes in (a member, a chair) must be in the user's wilayah."""
    if not akses.scope(oleh, type(obj)).filter(pk=obj.pk).exists():
        raise ValidationError(f"{obj} tidak ditemukan atau di luar wilayah kerja Anda.")


def _potret(obj: Model) -> dict[str, Any]:
    return {k: v for k, v in potret(obj).items() if k not in _TIDAK_DICATAT}


def _perubahan_baru(obj: Model) -> dict[str, list[Any]]:
    return {k: [None, v] for k, v in _potret(obj).items() if v not in (None, "")}


def _isi(obj: Model, data: Mapping[str, Any], fields: list[str]) -> None:
    for f in fields:
        if f in data:
            setattr(obj, f, data[f])


def _hapus(obj: Model, oleh: User, alasan: str) -> None:
    """Write the history row, then delete; a PROTECT reference becomes a clear message."""
    catat(pengguna=oleh, aksi=Riwayat.Aksi.HAPUS, obj=obj, perubahan={}, alasan=alasan)
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as e:
        terkait = getattr(e, "protected_objects", None) or getattr(e, "restricted_objects", [])
        dipakai = sorted({str(o._meta.verbose_name) for o in terkait})
        raise ValidationError(
            f"{obj} tidak dapat dihapus karena masih dipakai oleh data lain "
            f"({', '.join(dipakai) or 'data terkait'})."
        ) from e


def _tolak_bila_terdaftar(obj: Keluarga | Kelompok | Komunitas, jenis: str) -> None:
    """A registrant with a registration is never deleted: its status records the ending (R1)."""
    if Registrasi.objects.filter(**{obj._meta.model_name or "": obj}).exists():
        raise ValidationError(
            f"{jenis} ini tidak dapat dihapus karena memiliki registrasi PMKS; ubah status "
            "registrasinya bila tidak lagi memenuhi."
        )


def _salin_desa_ke_registrasi(obj: Perseorangan | Keluarga | Kelompok | Komunitas) -> None:
    """Registrasi.desa is a copy of the registrant's desa (for scoping and counts)."""
    Registrasi.objects.filter(**{obj._meta.model_name or "": obj}).update(desa=obj.desa_id)
