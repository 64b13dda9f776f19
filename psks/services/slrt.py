"""SLRT (S7; ASH 39–40): a request for help, its identified need, and the referrals it leads
to, each tracked dirujuk → diterima → selesai or ditolak."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from dinsos.akses import Izin
from dinsos.audit import beda, catat, potret
from dinsos.models import User
from dinsos.services import kunci_untuk, simpan
from ppks.models import Perseorangan

from ..aturan import ASH
from ..models import PermintaanLayanan, Rujukan, Status
from ._dasar import (
    A,
    buat,
    bukan_masa_depan,
    kode_valid,
    perlu,
    status_berubah,
    tolak,
    wilayah,
)
from .alur import perbarui_permintaan, rujukan_berubah


def _kebutuhan_valid(kebutuhan: Iterable[str] | None) -> list[str]:
    return kode_valid(kebutuhan, PermintaanLayanan.Kebutuhan.choices, "Kebutuhan")


@transaction.atomic
def slrt_permintaan_catat(
    *,
    klien: Perseorangan,
    saluran: str,
    tanggal: dt.date,
    uraian: str,
    oleh: User,
    pelapor_nama: str = "",
    pelapor_hubungan: str = "",
    pelapor_telepon: str = "",
    kebutuhan: Iterable[str] = (),
    kebutuhan_catatan: str = "",
) -> PermintaanLayanan:
    """Register a request for help at the SLRT (S7; ASH 39–40)."""
    perlu(oleh, Izin.LAYANAN_SOSIAL)
    wilayah(oleh, klien.desa_id)
    bukan_masa_depan(tanggal, "Tanggal permintaan")
    if saluran == PermintaanLayanan.Saluran.PETUGAS_DESA and not pelapor_nama.strip():
        tolak("Isi nama petugas desa/kelurahan yang menyampaikan.", field="pelapor_nama")
    if not (uraian or "").strip():
        tolak("Uraikan permasalahan yang disampaikan.", field="uraian")
    kebutuhan = _kebutuhan_valid(kebutuhan)
    S = PermintaanLayanan.StatusPermintaan
    p = PermintaanLayanan(
        klien=klien,
        saluran=saluran,
        tanggal=tanggal,
        uraian=uraian.strip(),
        pelapor_nama=pelapor_nama.strip(),
        pelapor_hubungan=pelapor_hubungan.strip(),
        pelapor_telepon=pelapor_telepon.strip(),
        kebutuhan=kebutuhan,
        kebutuhan_catatan=kebutuhan_catatan or "",
        status=S.DIIDENTIFIKASI if kebutuhan else S.BARU,
        dicatat_oleh=oleh,
    )
    return buat(p, oleh=oleh)


@transaction.atomic
def slrt_kebutuhan_catat(
    *, permintaan: PermintaanLayanan, kebutuhan: Iterable[str], catatan: str = "", oleh: User
) -> PermintaanLayanan:
    """Record the identified need of a request (S7)."""
    perlu(oleh, Izin.LAYANAN_SOSIAL)
    p = kunci_untuk(oleh, PermintaanLayanan, permintaan)
    S = PermintaanLayanan.StatusPermintaan
    if p.status in (S.SELESAI, S.DITUTUP):
        tolak(f"Permintaan sudah {p.get_status_display().lower()}.", code="status")
    kebutuhan = _kebutuhan_valid(kebutuhan)
    if not kebutuhan:
        tolak("Pilih sedikitnya satu kebutuhan.", field="kebutuhan")
    sebelum = potret(p, ["kebutuhan", "kebutuhan_catatan", "status"])
    p.kebutuhan = kebutuhan
    p.kebutuhan_catatan = catatan or ""
    if p.status == S.BARU:
        p.status = S.DIIDENTIFIKASI
    simpan(p)
    catat(
        pengguna=oleh,
        aksi=A.UBAH,
        obj=p,
        perubahan=beda(sebelum, potret(p, ["kebutuhan", "kebutuhan_catatan", "status"])),
    )
    return p


@transaction.atomic
def slrt_rujuk(
    *,
    permintaan: PermintaanLayanan,
    tujuan: str,
    tanggal: dt.date,
    oleh: User,
    instansi: str = "",
    referensi: str = "",
    keterangan: str = "",
) -> Rujukan:
    """Refer the person to a programme of this system or another agency (S7; ASH 39)."""
    perlu(oleh, Izin.LAYANAN_SOSIAL)
    p = kunci_untuk(oleh, PermintaanLayanan, permintaan)
    S = PermintaanLayanan.StatusPermintaan
    if p.status == S.DITUTUP:
        tolak("Permintaan sudah ditutup.", code="status")
    if not p.kebutuhan:
        tolak(
            "Identifikasi kebutuhan dahulu sebelum merujuk: permintaan didaftar, kebutuhan "
            f"diidentifikasi, lalu dirujuk (aturan S7; {ASH} Pasal 39).",
            code="s7_identifikasi",
        )
    if tujuan not in Rujukan.Tujuan.values:
        tolak("Tujuan rujukan tidak dikenal.", field="tujuan")
    if tujuan == Rujukan.Tujuan.INSTANSI_LAIN and not instansi.strip():
        tolak("Isi nama instansi/lembaga tujuan rujukan.", field="instansi")
    bukan_masa_depan(tanggal, "Tanggal rujukan")
    if tanggal < p.tanggal:
        tolak("Tanggal rujukan tidak boleh sebelum tanggal permintaan.", field="tanggal")
    if p.rujukan.filter(tujuan=tujuan, status__in=Rujukan.TERBUKA).exists():
        tolak(
            f"Sudah ada rujukan ke {Rujukan.Tujuan(tujuan).label.lower()} yang belum selesai.",
            code="s7_rujukan_ganda",
        )
    r = Rujukan(
        permintaan=p,
        tujuan=tujuan,
        instansi=instansi.strip(),
        referensi=referensi.strip(),
        keterangan=keterangan or "",
        tanggal_rujuk=tanggal,
        dirujuk_oleh=oleh,
    )
    buat(r, oleh=oleh)
    catat(pengguna=oleh, aksi=A.UBAH, obj=p, perubahan={"rujukan": [None, str(r)]})
    perbarui_permintaan(p, oleh)
    return r


def _rujukan_ubah(rujukan: Rujukan, oleh: User) -> Rujukan:
    perlu(oleh, Izin.LAYANAN_SOSIAL)
    return kunci_untuk(oleh, Rujukan, rujukan)


@transaction.atomic
def slrt_rujukan_terima(
    *, rujukan: Rujukan, tanggal: dt.date, catatan: str = "", oleh: User
) -> Rujukan:
    r = _rujukan_ubah(rujukan, oleh)
    if r.status != Rujukan.StatusRujukan.DIRUJUK:
        tolak(f"Rujukan sudah {r.get_status_display().lower()}.", code="status")
    bukan_masa_depan(tanggal, "Tanggal diterima")
    if tanggal < r.tanggal_rujuk:
        tolak("Tanggal diterima tidak boleh sebelum tanggal rujukan.", field="tanggal")
    r.status = Rujukan.StatusRujukan.DITERIMA
    r.tanggal_diterima = tanggal
    return rujukan_berubah(r, oleh=oleh, lama="dirujuk", alasan=catatan)


def _layanan_berjalan(r: Rujukan) -> None:
    layanan = r.layanan
    if layanan is not None and layanan.status == Status.AKTIF:
        tolak(
            f"{layanan} masih berjalan; hasil rujukan tercatat otomatis saat layanan itu "
            "selesai atau dihentikan.",
            code="s7_layanan_berjalan",
        )


@transaction.atomic
def slrt_rujukan_selesai(*, rujukan: Rujukan, tanggal: dt.date, hasil: str, oleh: User) -> Rujukan:
    """Record the outcome of an accepted referral (S7)."""
    r = _rujukan_ubah(rujukan, oleh)
    if r.status != Rujukan.StatusRujukan.DITERIMA:
        tolak(
            "Hanya rujukan yang sudah diterima yang dapat diselesaikan "
            f"(status sekarang: {r.get_status_display().lower()}).",
            code="status",
        )
    _layanan_berjalan(r)
    if not (hasil or "").strip():
        tolak("Isi hasil rujukan.", field="hasil")
    bukan_masa_depan(tanggal, "Tanggal selesai")
    assert r.tanggal_diterima is not None  # set when the referral was accepted
    if tanggal < r.tanggal_diterima:
        tolak("Tanggal selesai tidak boleh sebelum tanggal diterima.", field="tanggal")
    r.status = Rujukan.StatusRujukan.SELESAI
    r.tanggal_hasil = tanggal
    r.hasil = hasil.strip()
    return rujukan_berubah(r, oleh=oleh, lama="diterima", alasan=hasil)


@transaction.atomic
def slrt_rujukan_tolak(*, rujukan: Rujukan, tanggal: dt.date, alasan: str, oleh: User) -> Rujukan:
    """The receiving programme or agency refuses the referral; the reason is kept (S7)."""
    r = _rujukan_ubah(rujukan, oleh)
    if not r.terbuka:
        tolak(f"Rujukan sudah {r.get_status_display().lower()}.", code="status")
    _layanan_berjalan(r)
    if r.layanan is not None:
        tolak(f"Rujukan sudah ditindaklanjuti dengan {r.layanan}.", code="status")
    if not (alasan or "").strip():
        tolak("Isi alasan penolakan.", field="alasan")
    bukan_masa_depan(tanggal, "Tanggal penolakan")
    if tanggal < r.tanggal_rujuk:
        tolak("Tanggal penolakan tidak boleh sebelum tanggal rujukan.", field="tanggal")
    lama = r.status
    r.status = Rujukan.StatusRujukan.DITOLAK
    r.tanggal_hasil = tanggal
    r.alasan_tolak = alasan.strip()
    return rujukan_berubah(r, oleh=oleh, lama=lama, alasan=alasan)


@transaction.atomic
def slrt_permintaan_tutup(
    *, permintaan: PermintaanLayanan, alasan: str, oleh: User
) -> PermintaanLayanan:
    """Close a request that needs no referral (e.g. information given), with the reason."""
    perlu(oleh, Izin.LAYANAN_SOSIAL)
    p = kunci_untuk(oleh, PermintaanLayanan, permintaan)
    S = PermintaanLayanan.StatusPermintaan
    if p.status not in (S.BARU, S.DIIDENTIFIKASI):
        tolak(
            f"Permintaan berstatus {p.get_status_display().lower()} tidak dapat ditutup; "
            "rujukan yang ada menentukan penyelesaiannya.",
            code="status",
        )
    if not (alasan or "").strip():
        tolak("Isi alasan penutupan.", field="alasan")
    lama = p.status
    p.status = S.DITUTUP
    p.alasan_tutup = alasan.strip()
    return status_berubah(p, oleh=oleh, lama=lama, baru=p.status, alasan=alasan)
