"""Helpers shared by the bansos pages: the one loader, error display, the history timeline,
the explanations of what waits and why, and links to the printable documents."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse

from dinsos import akses
from dinsos.akses import Izin, boleh
from dinsos.format import rupiah
from dinsos.models import Riwayat

from .. import selectors
from ..models import JenisBansos, JenisDokumen, Permohonan, Verifikasi
from ..models import StatusPermohonan as S

PCT = "Perbup Pacitan 1/2018"


def muat_permohonan(request, pk, qs=None) -> Permohonan:
    """The one loader: another wilayah's application is a 404, in every page and file."""
    return akses.get_for_user_or_404(
        request.user, qs if qs is not None else selectors.permohonan_untuk(request.user), pk=pk
    )


def perlu_peran_dinas(user) -> None:
    """Pages over the whole kabupaten (pagu, pengajuan pencairan): Dinas roles only."""
    if getattr(user, "peran", None) not in akses.PERAN_KABUPATEN:
        raise PermissionDenied("Halaman ini hanya untuk pejabat dan petugas Dinas Sosial.")


def pesan(e: ValidationError) -> str:
    return " ".join(e.messages)


def pasang_galat(form, e: ValidationError) -> None:
    """Put a service's error next to the matching field; the rest at the top of the form."""
    if hasattr(e, "error_dict"):
        for nama, daftar in e.error_dict.items():
            target = nama if nama in form.fields else None
            for galat in daftar:
                form.add_error(target, galat)
    else:
        form.add_error(None, e)


def galat_form(form) -> str:
    """All errors of a bound form as one sentence, for a message after a redirect."""
    bagian = []
    for nama, daftar in form.errors.items():
        label = form.fields[nama].label if nama in form.fields else ""
        teks = " ".join(str(x) for x in daftar)
        bagian.append(f"{label}: {teks}" if label else teks)
    return " ".join(bagian)


def pasal_alur(p: Permohonan) -> int:
    """The article of PCT that sets the path of this jenis (7, 9 or 11)."""
    return {JenisBansos.BIAYA_HIDUP: 7, JenisBansos.PERMODALAN_USAHA: 9}.get(p.jenis, 11)


def keadaan(p: Permohonan, user, kurang: list[str], verifikasi=None) -> list[str]:
    """What the application waits for, and why a step this user might expect is not offered."""
    ps = pasal_alur(p)
    st = p.status
    teks = []
    if st == S.DIAJUKAN:
        teks.append(
            "Menunggu Operator Kecamatan mencatat bahwa surat permohonan telah diketahui Camat "
            f"({PCT} Pasal {ps} huruf a)."
        )
    elif st == S.MENUNGGU_VERIFIKASI:
        teks.append(
            "Menunggu verifikasi Tim Pengelola Belanja Bantuan Sosial PMKS "
            f"({PCT} Pasal {ps} huruf b)."
        )
    elif st == S.DIKEMBALIKAN:
        teks.append(
            f"Dikembalikan untuk dilengkapi: {p.catatan_status or '—'}. Setelah dilengkapi, "
            "pemohon mengajukan ulang."
        )
    elif st == S.TERVERIFIKASI:
        teks.append(f"Menunggu rekomendasi Kepala Dinas Sosial ({PCT} Pasal {ps} huruf c).")
    elif st == S.DIREKOMENDASIKAN:
        teks.append(
            "Menunggu Kepala Dinas mengajukan pencairan kepada Kepala BPKAD "
            f"({PCT} Pasal {ps} huruf d)."
        )
    elif st == S.DIAJUKAN_PENCAIRAN:
        teks.append(
            f"Menunggu Bendahara mencatat pencairan beserta buktinya ({PCT} Pasal {ps} huruf e)."
        )
    elif st == S.DICAIRKAN:
        teks.append("Selesai: bantuan telah dicairkan.")
    elif st == S.DITOLAK:
        teks.append(f"Permohonan ditolak. Alasan: {p.catatan_status or '—'}")
    elif st == S.DIBATALKAN:
        teks.append(f"Permohonan dibatalkan. Alasan: {p.catatan_status or '—'}")
    if kurang and st in (S.DIAJUKAN, S.MENUNGGU_VERIFIKASI, S.DIKEMBALIKAN):
        teks.append(
            "Dokumen wajib yang belum diunggah: "
            + "; ".join(JenisDokumen(k).label for k in kurang)
            + ". Verifikasi tidak dapat dinyatakan memenuhi syarat sebelum lengkap (aturan B5)."
        )
    if verifikasi is None:
        verifikasi = list(p.verifikasi_set.all())
    if (
        st == S.TERVERIFIKASI
        and boleh(user, Izin.BANSOS_REKOMENDASI)
        and any(v.verifikator_id == user.pk for v in verifikasi)
    ):
        teks.append(
            "Anda memverifikasi permohonan ini sehingga tidak dapat merekomendasikannya "
            "(pemisahan tugas, aturan B4)."
        )
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
UANG = {"jumlah_diminta", "biaya_tagihan", "rekomendasi"}


def _nilai(nama: str, v) -> str:
    if v is None or v == "":
        return "—"
    if nama == "status" and v in S.values:
        return S(v).label
    if nama == "verifikasi" and v in Verifikasi.Hasil.values:
        return Verifikasi.Hasil(v).label
    if nama in UANG:
        try:
            return rupiah(Decimal(str(v)))
        except (InvalidOperation, ValueError):
            return str(v)
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return str(v)


def _label(nama: str) -> str:
    if nama in LABEL_RIWAYAT:
        return LABEL_RIWAYAT[nama]
    try:
        return str(Permohonan._meta.get_field(nama).verbose_name).capitalize()
    except Exception:  # noqa: BLE001 - a field removed since: show its name
        return nama.replace("_", " ").capitalize()


def riwayat_tampil(p: Permohonan) -> list[dict]:
    hasil = []
    for r in selectors.riwayat_permohonan(p):
        perubahan = r.perubahan if isinstance(r.perubahan, dict) else {}
        baris, status = [], None
        for nama, nilai in perubahan.items():
            if nama in TERSEMBUNYI:
                continue
            lama, baru = nilai if isinstance(nilai, list) and len(nilai) == 2 else (None, nilai)
            if nama == "status":
                status = (_nilai(nama, lama) if lama else "", _nilai(nama, baru))
                continue
            baris.append(
                {"label": _label(nama), "lama": _nilai(nama, lama), "baru": _nilai(nama, baru)}
            )
        hasil.append(
            {
                "waktu": r.waktu,
                "pengguna": r.pengguna,
                "aksi": r.get_aksi_display(),
                "unduh": r.aksi == Riwayat.Aksi.UNDUH,
                "status": status,
                "alasan": r.alasan,
                "perubahan": baris,
            }
        )
    return hasil


# --- printable documents of the laporan app --------------------------------------------------


def _url(nama: str, *args) -> str | None:
    # Links appear only once the laporan app names them: never a dead link.
    try:
        return reverse(nama, args=args)
    except NoReverseMatch:
        return None


def tautan_cetak(user, p: Permohonan, verifikasi=None) -> list[tuple[str, str]]:
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


def _boleh_cetak_pengajuan(user, pengajuan_id: int) -> bool:
    # A batch that also lists another wilayah's recipients is a 404 for an operator
    # (laporan.dokumen.pengajuan_untuk): offering its link would be a dead button.
    from laporan.dokumen import pengajuan_untuk

    return pengajuan_untuk(user).filter(pk=pengajuan_id).exists()


def tautan_surat_pengajuan(user, pengajuan) -> str | None:
    if not boleh(user, Izin.EKSPOR) or not _boleh_cetak_pengajuan(user, pengajuan.pk):
        return None
    return _url("laporan:surat_pengajuan", pengajuan.pk)
