"""Reads for the bansos pages and reports: always scoped by the user's wilayah."""

from django.db.models import QuerySet

from dinsos import akses
from dinsos.akses import Izin
from dinsos.audit import riwayat_untuk
from dinsos.models import Peran

from .aturan import dokumen_kurang, dokumen_wajib, pagu_sisa, pagu_terpakai, pagu_total
from .models import STATUS_BOLEH_UNGGAH, Permohonan
from .models import StatusPermohonan as S

__all__ = [
    "permohonan_untuk",
    "kotak_masuk",
    "langkah_untuk",
    "riwayat_permohonan",
    "pagu_terpakai",
    "pagu_total",
    "pagu_sisa",
    "dokumen_wajib",
    "dokumen_kurang",
]


def permohonan_untuk(user) -> QuerySet[Permohonan]:
    """Every permohonan the user may see (B4 scope: desa, kecamatan, or the kabupaten)."""
    return akses.scope(user, Permohonan).select_related(
        "perseorangan", "kelompok", "kategori", "faskes", "desa", "desa__kecamatan"
    )


def kotak_masuk(user) -> QuerySet[Permohonan]:
    """What waits for this user's role to act on, oldest first."""
    qs = permohonan_untuk(user)
    peran = getattr(user, "peran", None)
    status = {
        Peran.OPERATOR_DESA: [S.DIKEMBALIKAN],
        Peran.PETUGAS_DINAS: [S.DIKEMBALIKAN],
        Peran.OPERATOR_KECAMATAN: [S.DIAJUKAN],
        Peran.TIM_VERIFIKASI: [S.MENUNGGU_VERIFIKASI],
        Peran.KEPALA_DINAS: [S.TERVERIFIKASI, S.DIREKOMENDASIKAN],
        Peran.BENDAHARA: [S.DIAJUKAN_PENCAIRAN],
    }.get(peran)
    if not status:
        return qs.none()
    return qs.filter(status__in=status).order_by("dibuat", "pk")


def langkah_untuk(user, permohonan: Permohonan) -> set[str]:
    """The steps this user's role may try on `permohonan` in its current status — for showing
    buttons only; the service functions still decide (amounts, documents, pagu, duties)."""
    st = permohonan.status
    boleh = set()
    if akses.boleh(user, Izin.BANSOS_AJUKAN):
        if st in (S.DIAJUKAN, S.DIKEMBALIKAN):
            boleh.add("ubah")
        if st in STATUS_BOLEH_UNGGAH:
            boleh.add("unggah")
        if st == S.DIKEMBALIKAN:
            boleh.add("ajukan_ulang")
        if st in (S.DIAJUKAN, S.MENUNGGU_VERIFIKASI, S.DIKEMBALIKAN):
            boleh.add("batalkan")
    if akses.boleh(user, Izin.BANSOS_KETAHUI) and st == S.DIAJUKAN:
        boleh |= {"ketahui", "kembalikan"}
    if akses.boleh(user, Izin.BANSOS_VERIFIKASI) and st == S.MENUNGGU_VERIFIKASI:
        boleh |= {"verifikasi", "kembalikan", "tolak"}
    if akses.boleh(user, Izin.BANSOS_REKOMENDASI):
        if (
            st == S.TERVERIFIKASI
            and not permohonan.verifikasi_set.filter(verifikator=user).exists()
        ):
            boleh |= {"rekomendasi", "tolak"}
        if st == S.DIREKOMENDASIKAN:
            boleh.add("pengajuan")
    if akses.boleh(user, Izin.BANSOS_CAIRKAN) and st == S.DIAJUKAN_PENCAIRAN:
        boleh.add("cairkan")
    return boleh


def riwayat_permohonan(permohonan: Permohonan):
    """B9: the append-only history of one permohonan, newest first."""
    return riwayat_untuk(permohonan)
