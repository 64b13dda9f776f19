"""Reads for the bansos pages and reports: always scoped by the user's wilayah."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from dinsos import akses
from dinsos.audit import riwayat_untuk
from dinsos.models import Riwayat, User

from . import alur
from .aturan import dokumen_kurang, dokumen_wajib, pagu_sisa, pagu_terpakai, pagu_total
from .models import CamatKecamatan, PengajuanPencairan, Permohonan

__all__ = [
    "permohonan_untuk",
    "pengajuan_untuk",
    "kotak_masuk",
    "langkah_untuk",
    "riwayat_permohonan",
    "pagu_terpakai",
    "pagu_total",
    "pagu_sisa",
    "dokumen_wajib",
    "dokumen_kurang",
    "nama_camat_bawaan",
]


def permohonan_untuk(user: User | AnonymousUser) -> QuerySet[Permohonan]:
    """Every permohonan the user may see (B4 scope: desa, kecamatan, or the kabupaten)."""
    return akses.scope(user, Permohonan).select_related(
        "perseorangan", "kelompok", "kategori", "faskes", "desa", "desa__kecamatan"
    )


def pengajuan_untuk(user: User | AnonymousUser) -> QuerySet[PengajuanPencairan]:
    """Batches the user may see whole: every application in the batch lies in the user's
    wilayah (a batch that also lists another wilayah's recipients is a 404 for an operator)."""
    w = akses.wilayah_q(user, "desa")
    dalam = akses.scope(user, Permohonan).filter(pengajuan__isnull=False).values("pengajuan_id")
    qs = PengajuanPencairan.objects.filter(pk__in=dalam)
    if w == Q():  # a Dinas role: the whole kabupaten
        return qs
    luar = Permohonan.objects.filter(pengajuan__isnull=False).exclude(w)
    return qs.exclude(pk__in=luar.values("pengajuan_id"))


def kotak_masuk(user: User | AnonymousUser) -> QuerySet[Permohonan]:
    """What waits for this user's role to act on, oldest first (`alur.status_kotak_masuk`)."""
    qs = permohonan_untuk(user)
    status = alur.status_kotak_masuk(user)
    if not status:
        return qs.none()
    return qs.filter(status__in=status).order_by("dibuat", "pk")


def langkah_untuk(user: User | AnonymousUser, permohonan: Permohonan) -> set[str]:
    """The steps this user's role may try on `permohonan` in its current status — for showing
    buttons only; the service functions still decide (amounts, documents, pagu, duties)."""
    return alur.langkah_untuk(user, permohonan)


def riwayat_permohonan(permohonan: Permohonan) -> QuerySet[Riwayat]:
    """B9: the append-only history of one permohonan, newest first."""
    return riwayat_untuk(permohonan)


def nama_camat_bawaan(permohonan: Permohonan) -> str:
    """The Camat's name the acknowledgment form starts with: the one the Administrator keeps for
    the kecamatan, else the name last recorded on an application of that kecamatan (still
    editable on the form)."""
    kec = permohonan.desa.kecamatan_id
    tetap = CamatKecamatan.objects.filter(kecamatan_id=kec).values_list("nama_camat", flat=True)
    if nama := tetap.first():
        return nama
    terakhir = (
        Permohonan.objects.filter(desa__kecamatan_id=kec, tanggal_diketahui_camat__isnull=False)
        .exclude(nama_camat="")
        .order_by("-tanggal_diketahui_camat", "-pk")
        .values_list("nama_camat", flat=True)
    )
    return terakhir.first() or ""
