"""The applicant's side of B4: register, correct, attach documents, the Camat's
acknowledgment, return for completion, resubmit, withdraw."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from dinsos.akses import Izin
from dinsos.audit import beda, catat, potret
from dinsos.berkas import berkas_transaksional, simpan_tertunda
from dinsos.models import Riwayat, User
from dinsos.services import TidakDitemukan, simpan, terlihat
from ppks.models import KategoriPMKS, Kelompok, Keluarga, Perseorangan

from .. import alur, kelayakan
from .. import berkas as berkasmod
from ..aturan import aturan_tetapkan
from ..errors import AturanDilanggar, LangkahTidakSah
from ..models import (
    KODE_JENIS,
    PCT,
    DokumenPermohonan,
    Faskes,
    JenisBansos,
    JenisDokumen,
    PemohonJenis,
    Permohonan,
    Verifikasi,
)
from ..models import StatusPermohonan as S
from . import _umum as u
from .keputusan import checklist_untuk


@transaction.atomic
def permohonan_buat(
    *,
    oleh: User,
    jenis: str,
    kategori: KategoriPMKS,
    jumlah_diminta: Decimal | int | str,
    perseorangan: Perseorangan | None = None,
    kelompok: Kelompok | None = None,
    keluarga: Keluarga | None = None,
    pemohon_jenis: str | None = None,
    faskes: Faskes | None = None,
    biaya_tagihan: Decimal | int | str | None = None,
    tahun_anggaran: int | None = None,
    tanggal_permohonan: dt.date | None = None,
    nomor_surat_permohonan: str = "",
    uraian: str = "",
    nama_lurah: str = "",
    tanggal_diketahui_lurah: dt.date | None = None,
    rekening_bank: str = "",
    rekening_nomor: str = "",
    rekening_nama: str = "",
) -> Permohonan:
    """Register a permohonan (B4 first step).

    Roles: Operator Desa/Kelurahan for a recipient of its own desa; Petugas Dinas for any desa.
    Pengobatan comes on the letter of the Puskesmas/RSUD to the Kepala Dinas (PCT 11a), so only
    the Petugas Dinas enters it. Biaya hidup and permodalan usaha start as `diajukan` (waiting
    for the Camat); pengobatan starts as `menunggu_verifikasi`.

    Rules: B1 (jenis, recipient kind, active registration, no jaminan kesehatan for
    pengobatan), B2 (ceiling as yearly total; pengobatan ≤ invoice; at-cost categories),
    B3 (once per TA, exempt korban bencana alam) — with the recipient row locked, and B3 also by
    the unique constraint `bansos_sekali_setahun`. The first application of a Tahun Anggaran
    sets up that year's rules from the PCT values (`aturan_tetapkan`).
    """
    alur.periksa_peran("buat", oleh)
    if jenis not in JenisBansos.values:
        raise AturanDilanggar(
            "Jenis bansos tidak dikenal; pilih biaya hidup, permodalan usaha atau pengobatan "
            f"({PCT} Pasal 5).",
            code="jenis",
        )
    if not alur.boleh_jenis(oleh, jenis):
        raise LangkahTidakSah(alur.PESAN_PENGOBATAN, code="peran")
    penerima: Perseorangan | Kelompok | None = perseorangan or kelompok
    if penerima is not None and not terlihat(oleh, penerima):
        raise TidakDitemukan("Penerima tidak ditemukan.")
    if pemohon_jenis is None:
        if jenis == JenisBansos.PENGOBATAN:
            pemohon_jenis = PemohonJenis.FASKES
        elif kelompok is not None:
            pemohon_jenis = PemohonJenis.KELOMPOK
        elif keluarga is not None:
            pemohon_jenis = PemohonJenis.KELUARGA
        else:
            pemohon_jenis = PemohonJenis.PERSEORANGAN
    if kelompok is not None and not rekening_nomor:
        rekening_bank = rekening_bank or kelompok.nama_bank
        rekening_nomor = kelompok.nomor_rekening
        rekening_nama = rekening_nama or kelompok.nama
    tanggal_permohonan = tanggal_permohonan or timezone.localdate()
    tahun = tahun_anggaran or tanggal_permohonan.year
    aturan_tetapkan(tahun)  # the year's rules exist before any row is locked
    p = Permohonan(
        tahun_anggaran=tahun,
        jenis=jenis,
        tanggal_permohonan=tanggal_permohonan,
        nomor_surat_permohonan=nomor_surat_permohonan,
        perseorangan=perseorangan,
        kelompok=kelompok,
        keluarga=keluarga,
        kategori=kategori,
        pemohon_jenis=pemohon_jenis,
        faskes=faskes,
        jumlah_diminta=u.uang(jumlah_diminta, "Jumlah yang dimohon"),
        biaya_tagihan=None
        if biaya_tagihan in (None, "")
        else u.uang(biaya_tagihan, "Biaya menurut kuitansi"),
        uraian=uraian,
        nama_lurah=nama_lurah,
        tanggal_diketahui_lurah=tanggal_diketahui_lurah,
        rekening_bank=rekening_bank,
        rekening_nomor=rekening_nomor,
        rekening_nama=rekening_nama,
        status=S.MENUNGGU_VERIFIKASI if jenis == JenisBansos.PENGOBATAN else S.DIAJUKAN,
        dibuat_oleh=oleh,
    )
    if penerima is None or (perseorangan is not None and kelompok is not None):
        raise AturanDilanggar(
            "Pilih satu penerima: perseorangan atau kelompok (aturan B1).", code="penerima"
        )
    if faskes is not None and not faskes.aktif:
        raise AturanDilanggar(f"{faskes.nama} tidak aktif.", code="faskes")
    kelayakan.kunci_penerima(p)
    kelayakan.siapkan(p)
    kelayakan.bersihkan_baru(p)  # full_clean() with B1–B3
    simpan(p, validasi=False)
    p.nomor = f"{KODE_JENIS[jenis]}-{tahun}-{p.pk:06d}"
    p.save(update_fields=["nomor"])
    catat(
        pengguna=oleh,
        aksi=Riwayat.Aksi.BUAT,
        obj=p,
        perubahan={"status": [None, p.status], "jumlah_diminta": [None, str(p.jumlah_diminta)]},
    )
    return p


# Fields the applicant may correct while the application is open or returned.
_BOLEH_DIUBAH = {
    "jumlah_diminta",
    "biaya_tagihan",
    "uraian",
    "nomor_surat_permohonan",
    "tanggal_permohonan",
    "nama_lurah",
    "tanggal_diketahui_lurah",
    "rekening_bank",
    "rekening_nomor",
    "rekening_nama",
    "keluarga",
}


@transaction.atomic
def permohonan_ubah(
    *, permohonan: Permohonan | int, oleh: User, alasan: str = "", **data: Any
) -> Permohonan:
    """Correct an application before verification (status `diajukan` or `dikembalikan`).

    Only the fields in `_BOLEH_DIUBAH` may change. A change of the amount asked or the invoiced
    cost of a biaya hidup/permodalan application clears the Camat's acknowledgment, which was
    given for the old figure. B1–B3 are judged again with the recipient locked.
    """
    p = u.kunci(permohonan, oleh)
    alur.periksa("ubah", p, oleh)
    asing = set(data) - _BOLEH_DIUBAH
    if asing:
        raise LangkahTidakSah(
            "Data berikut tidak dapat diubah: " + ", ".join(sorted(asing)) + ".", code="ubah"
        )
    lama = potret(p)
    for k, v in data.items():
        if k == "jumlah_diminta":
            v = u.uang(v, "Jumlah yang dimohon")
        if k == "biaya_tagihan" and v not in (None, ""):
            v = u.uang(v, "Biaya menurut kuitansi")
        setattr(p, k, v)
    if p.butuh_camat and Decimal(str(lama["jumlah_diminta"])) != p.jumlah_diminta:
        p.nama_camat, p.tanggal_diketahui_camat = "", None
    u.periksa_kelayakan(p, p.jumlah_diminta)
    kelayakan.siapkan(p)
    simpan(p)
    perubahan = beda(lama, potret(p))
    if perubahan:
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=p, perubahan=perubahan, alasan=alasan)
    return p


@berkas_transaksional  # the scan leaves with a rolled-back row (dinsos.berkas, section 4)
@transaction.atomic
def dokumen_unggah(
    *, permohonan: Permohonan | int, oleh: User, jenis_dokumen: str, berkas: Any
) -> DokumenPermohonan:
    """Attach a supporting document (B5) before verification has passed.

    `berkas` is an uploaded file; its type is judged by its content (PDF, JPEG, PNG) and its
    size by `settings.UPLOAD_MAX_BYTES` (bansos.berkas). A new upload of the same type
    supersedes the old one, which stays in the record.
    """
    p = u.kunci(permohonan, oleh)
    alur.periksa("unggah", p, oleh)
    if jenis_dokumen not in JenisDokumen.values:
        raise AturanDilanggar("Jenis dokumen tidak dikenal.", code="jenis_dokumen")
    try:
        jenis_berkas = berkasmod.periksa_berkas(berkas)
    except ValidationError as e:
        raise AturanDilanggar(e.messages[0], code=e.code) from None
    nama_asli = (getattr(berkas, "name", "") or "")[:255]
    dok = DokumenPermohonan(
        permohonan=p,
        jenis_dokumen=jenis_dokumen,
        nama_asli=nama_asli.rsplit("/", 1)[-1],
        tipe=jenis_berkas.mime,
        ukuran=berkas.size,
        diunggah_oleh=oleh,
    )
    berkas.seek(0)
    simpan_tertunda(dok.berkas, f"dokumen.{jenis_berkas.ekstensi}", File(berkas))
    dok.save()
    catat(
        pengguna=oleh,
        aksi=Riwayat.Aksi.UBAH,
        obj=p,
        perubahan={"dokumen": [None, JenisDokumen(jenis_dokumen).label]},
    )
    return dok


@transaction.atomic
def permohonan_ketahui_camat(
    *, permohonan: Permohonan | int, oleh: User, nama_camat: str, tanggal: dt.date | None = None
) -> Permohonan:
    """The Operator Kecamatan records the Camat's acknowledgment (PCT 7a, 9a):
    `diajukan` → `menunggu_verifikasi`."""
    p = u.kunci(permohonan, oleh)
    alur.periksa("ketahui", p, oleh)
    p.nama_camat = u.wajib_isi(nama_camat, "Isi nama Camat yang mengetahui permohonan.")
    p.tanggal_diketahui_camat = u.tanggal(tanggal)
    u.ganti_status(
        p,
        oleh,
        "ketahui",
        S.MENUNGGU_VERIFIKASI,
        tambahan={"nama_camat": [None, p.nama_camat]},
    )
    return p


@transaction.atomic
def permohonan_kembalikan(*, permohonan: Permohonan | int, oleh: User, alasan: str) -> Permohonan:
    """Return an application for completion (B4), with the reason.

    The Operator Kecamatan returns it before the Camat acknowledges (`diajukan`); the Tim
    Verifikasi returns it at verification (`menunggu_verifikasi`, recorded as a Verifikasi round
    with result `dikembalikan`).
    """
    p = u.kunci(permohonan, oleh)
    alasan = u.wajib_isi(alasan, "Isi alasan pengembalian agar pemohon dapat melengkapinya.")
    wewenang = alur.periksa("kembalikan", p, oleh)
    if wewenang.izin == Izin.BANSOS_KETAHUI:
        p.nama_camat, p.tanggal_diketahui_camat = "", None
    else:
        Verifikasi.objects.create(
            permohonan=p,
            checklist=checklist_untuk(p, {}),
            hasil=Verifikasi.Hasil.DIKEMBALIKAN,
            catatan=alasan,
            verifikator=oleh,
        )
    u.ganti_status(p, oleh, "kembalikan", S.DIKEMBALIKAN, alasan=alasan)
    return p


@transaction.atomic
def permohonan_ajukan_ulang(
    *, permohonan: Permohonan | int, oleh: User, catatan: str = ""
) -> Permohonan:
    """Resubmit a returned application after completing it: back to the Camat when his
    acknowledgment is missing, otherwise straight back to verification."""
    p = u.kunci(permohonan, oleh)
    alur.periksa("ajukan_ulang", p, oleh)
    u.periksa_kelayakan(p, p.jumlah_diminta)
    ke = S.DIAJUKAN if p.butuh_camat and not p.tanggal_diketahui_camat else S.MENUNGGU_VERIFIKASI
    u.ganti_status(p, oleh, "ajukan_ulang", ke, alasan=catatan)
    return p


@transaction.atomic
def permohonan_batalkan(*, permohonan: Permohonan | int, oleh: User, alasan: str) -> Permohonan:
    """Withdraw an application before verification (B4): from `diajukan`,
    `menunggu_verifikasi` or `dikembalikan` → `dibatalkan`. It then no longer counts for B2/B3."""
    p = u.kunci(permohonan, oleh)
    alur.periksa("batalkan", p, oleh)
    alasan = u.wajib_isi(alasan, "Isi alasan pembatalan permohonan.")
    u.ganti_status(p, oleh, "batalkan", S.DIBATALKAN, alasan=alasan)
    return p
