"""Helpers shared by the bansos pages: the one loader, the history timeline, the explanations
of what waits and why (from `bansos.alur`), and links to the printable documents. Form errors
are shown with `dinsos.forms`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from dinsos import akses
from dinsos.akses import Izin, boleh
from dinsos.models import User
from dinsos.riwayat import format_uang
from dinsos.riwayat import riwayat_tampil as riwayat_tampil_umum

from .. import alur, selectors
from ..models import JenisDokumen, PengajuanPencairan, Permohonan, Verifikasi
from ..models import StatusPermohonan as S


def muat_permohonan(
    request: HttpRequest, pk: int, qs: QuerySet[Permohonan] | None = None
) -> Permohonan:
    """The one loader: another wilayah's application is a 404, in every page and file."""
    return akses.get_for_user_or_404(
        request.user, qs if qs is not None else selectors.permohonan_untuk(request.user), pk=pk
    )


def perlu_peran_dinas(user: User) -> None:
    """Pages over the whole kabupaten (pagu, pengajuan pencairan): Dinas roles only."""
    if getattr(user, "peran", None) not in akses.PERAN_KABUPATEN:
        raise PermissionDenied("Halaman ini hanya untuk pejabat dan petugas Dinas Sosial.")


def keadaan(
    p: Permohonan,
    user: User,
    kurang: list[str],
    verifikasi: Sequence[Verifikasi] | None = None,
) -> list[str]:
    """What the application waits for, and why a step this user might expect is not offered
    (the words come from the table in `bansos.alur`)."""
    teks = [t for t in [alur.keterangan_status(p)] if t]
    if kurang and p.status in alur.LANGKAH["unggah"].dari:
        teks.append(
            "Dokumen wajib yang belum diunggah: "
            + "; ".join(JenisDokumen(k).label for k in kurang)
            + ". Verifikasi tidak dapat dinyatakan memenuhi syarat sebelum lengkap (aturan B5)."
        )
    if verifikasi is None:
        verifikasi = list(p.verifikasi_set.all())
    teks.extend(alur.terhalang(user, p, verifikasi))
    return teks


# --- history timeline (B9) -------------------------------------------------------------------

LABEL_RIWAYAT = {
    "status": "Status",
    "jumlah_diminta": "Jumlah yang dimohon",
    "biaya_tagihan": "Biaya menurut kuitansi",
    "nama_camat": "Camat yang mengetahui",
    "dokumen": "Dokumen diunggah",
    "verifikasi": "Hasil verifikasi",
    "rekomendasi": "Rekomendasi",
    "pengajuan": "Pengajuan pencairan",
    "pencairan": "Pencairan",
    "berkas": "Berkas",
}
# Bookkeeping columns that say nothing to an officer.
TERSEMBUNYI = {"diubah", "dibuat", "kunci_sekali_setahun", "penerima_kunci", "registrasi"}


def _hasil_verifikasi(v: Any) -> Any:
    return Verifikasi.Hasil(v).label if v in Verifikasi.Hasil.values else v


FORMAT_RIWAYAT = {
    "jumlah_diminta": format_uang,
    "biaya_tagihan": format_uang,
    "rekomendasi": format_uang,
    "verifikasi": _hasil_verifikasi,
}


def riwayat_tampil(p: Permohonan, user: User) -> list[dict[str, Any]]:
    """The timeline of one application (B9), newest first, status changes as headlines."""
    return riwayat_tampil_umum(
        selectors.riwayat_permohonan(p),
        user,
        label=LABEL_RIWAYAT,
        sembunyikan=TERSEMBUNYI,
        format_nilai=FORMAT_RIWAYAT,
        pisahkan_status=True,
        urutkan=False,
    )


# --- printable documents of the laporan app --------------------------------------------------


def _url(nama: str, *args: Any) -> str | None:
    # Links appear only once the laporan app names them: never a dead link.
    try:
        return reverse(nama, args=args)
    except NoReverseMatch:
        return None


def tautan_cetak(
    user: User, p: Permohonan, verifikasi: Sequence[Verifikasi] | None = None
) -> list[tuple[str, str]]:
    # The laporan views scope by wilayah and ask for Izin.EKSPOR; offer exactly what they serve.
    if not boleh(user, Izin.EKSPOR):
        return []
    daftar = []
    if verifikasi is None:
        verifikasi = list(p.verifikasi_set.all())
    if any(v.hasil == Verifikasi.Hasil.LOLOS for v in verifikasi):
        daftar.append(("Berita acara verifikasi", _url("laporan:berita_acara", p.pk)))
    if p.jumlah_rekomendasi is not None:
        daftar.append(("Surat rekomendasi", _url("laporan:surat_rekomendasi", p.pk)))
    if p.status == S.DICAIRKAN:
        daftar.append(("Kwitansi", _url("laporan:kwitansi", p.pk)))
    if p.pengajuan_id and _boleh_cetak_pengajuan(user, p.pengajuan_id):
        daftar.append(
            ("Surat pengajuan pencairan", _url("laporan:surat_pengajuan", p.pengajuan_id))
        )
    return [(label, url) for label, url in daftar if url]


def _boleh_cetak_pengajuan(user: User, pengajuan_id: int) -> bool:
    # A batch that also lists another wilayah's recipients is a 404 for an operator
    # (selectors.pengajuan_untuk, which the letter's page uses too): no dead button.
    return selectors.pengajuan_untuk(user).filter(pk=pengajuan_id).exists()


def tautan_surat_pengajuan(user: User, pengajuan: PengajuanPencairan) -> str | None:
    if not boleh(user, Izin.EKSPOR) or not _boleh_cetak_pengajuan(user, pengajuan.pk):
        return None
    return _url("laporan:surat_pengajuan", pengajuan.pk)
