"""The bansos workflow (B4): one function per step, called from every entry point.

Each step runs in one transaction: lock the permohonan (`select_for_update`), check that the
user may see it (outside the wilayah it "does not exist": `PermohonanTidakDitemukan`, a 404),
check the role (`dinsos.akses.boleh`) and the current status (`LangkahTidakSah`), apply the
rules (`AturanDilanggar`, or a `ValidationError` from `full_clean()`), save, and write the
history row (`dinsos.Riwayat`: who, when, from, to, why — B9).

Errors are all `django.core.exceptions.ValidationError` subclasses with Indonesian messages
(`e.messages`), so a view catches `ValidationError` and shows them; nothing here returns a 500
for a step a user is not allowed to take.

Lock order, to stay free of deadlocks: permohonan rows (by pk) → recipient row → pagu rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from dinsos import akses
from dinsos.akses import Izin
from dinsos.audit import beda, catat, potret
from dinsos.format import rupiah
from dinsos.models import Peran, Riwayat
from ppks.models import KategoriPMKS, Kelompok, Keluarga, Perseorangan

from . import berkas as berkasmod
from .aturan import aturan_untuk, dokumen_kurang, dokumen_wajib, pagu_terpakai
from .errors import AturanDilanggar, LangkahTidakSah, PermohonanTidakDitemukan, TidakDitemukan
from .models import (
    KODE_JENIS,
    PCT,
    STATUS_BOLEH_UNGGAH,
    DokumenPermohonan,
    Faskes,
    JenisBansos,
    JenisDokumen,
    Pagu,
    PemohonJenis,
    Pencairan,
    PengajuanPencairan,
    Permohonan,
    Rekomendasi,
    Verifikasi,
)
from .models import StatusPermohonan as S

__all__ = [
    "permohonan_buat",
    "permohonan_ubah",
    "dokumen_unggah",
    "permohonan_ketahui_camat",
    "permohonan_kembalikan",
    "permohonan_ajukan_ulang",
    "permohonan_verifikasi",
    "permohonan_rekomendasi",
    "permohonan_tolak",
    "pengajuan_pencairan_buat",
    "pengajuan_pencairan_tambah",
    "pencairan_catat",
    "permohonan_batalkan",
]

NAMA_LANGKAH = {
    "buat": "mengajukan permohonan",
    "ubah": "mengubah permohonan",
    "unggah": "mengunggah dokumen",
    "ketahui": "mencatat diketahui Camat",
    "kembalikan": "mengembalikan permohonan",
    "ajukan_ulang": "mengajukan ulang permohonan",
    "verifikasi": "memverifikasi permohonan",
    "rekomendasi": "memberikan rekomendasi",
    "tolak": "menolak permohonan",
    "pengajuan": "mengajukan pencairan ke BPKAD",
    "cairkan": "mencatat pencairan",
    "batalkan": "membatalkan permohonan",
}


# --------------------------------------------------------------------------------------------
# Shared checks
# --------------------------------------------------------------------------------------------


def _kunci(permohonan: Permohonan | int, oleh) -> Permohonan:
    """Lock the permohonan row and check the user's wilayah (404 outside it)."""
    pk = permohonan.pk if isinstance(permohonan, Permohonan) else permohonan
    p = Permohonan.objects.select_for_update().filter(pk=pk).first()
    if p is None or not akses.scope(oleh, Permohonan).filter(pk=p.pk).exists():
        raise PermohonanTidakDitemukan()
    return p


def _cek_peran(oleh, izin: str, langkah: str) -> None:
    if not akses.boleh(oleh, izin):
        peran = oleh.get_peran_display() if getattr(oleh, "peran", None) else "Pengguna ini"
        raise LangkahTidakSah(
            f"Peran {peran} tidak berwenang {NAMA_LANGKAH[langkah]} (aturan B4).", code="peran"
        )


def _cek_status(p: Permohonan, boleh: Iterable[str], langkah: str) -> None:
    boleh = tuple(boleh)
    if p.status not in boleh:
        diharapkan = " atau ".join(f"“{S(s).label}”" for s in boleh)
        raise LangkahTidakSah(
            f"Permohonan {p.nomor} berstatus “{p.get_status_display()}”; "
            f"{NAMA_LANGKAH[langkah]} hanya dapat dilakukan pada status {diharapkan}.",
            code="status",
        )


def _wajib_isi(nilai: str, pesan: str) -> str:
    nilai = (nilai or "").strip()
    if not nilai:
        raise AturanDilanggar(pesan, code="wajib")
    return nilai


def _uang(nilai, nama: str) -> Decimal:
    try:
        d = Decimal(str(nilai))
    except (InvalidOperation, ValueError, TypeError):
        raise AturanDilanggar(f"{nama} harus berupa angka.", code="angka") from None
    if d <= 0:
        raise AturanDilanggar(f"{nama} harus lebih dari nol.", code="angka")
    return d


def _tanggal(nilai: dt.date | None) -> dt.date:
    hari_ini = timezone.localdate()
    nilai = nilai or hari_ini
    if nilai > hari_ini:
        raise AturanDilanggar("Tanggal tidak boleh di masa depan.", code="tanggal")
    return nilai


def _kunci_penerima(p: Permohonan) -> None:
    """Lock the recipient's row: the yearly total (B2) and once-per-year (B3) checks of
    concurrent applications for one recipient then run one after another."""
    if p.perseorangan_id:
        Perseorangan.objects.select_for_update().filter(pk=p.perseorangan_id).exists()
    else:
        Kelompok.objects.select_for_update().filter(pk=p.kelompok_id).exists()


def _simpan(obj, **save_kw) -> None:
    """Save under a savepoint; a constraint the database catches becomes a domain error."""
    try:
        with transaction.atomic():
            obj.save(**save_kw)
    except IntegrityError as e:
        if "bansos_sekali_setahun" in str(e) or "kunci_sekali_setahun" in str(e):
            raise AturanDilanggar(
                "Penerima sudah memiliki permohonan bansos jenis ini pada tahun anggaran yang "
                f"sama ({PCT} Pasal 6 ayat (3)).",
                code="b3",
            ) from e
        raise


def _ganti_status(p: Permohonan, oleh, ke: str, *, alasan: str = "", tambahan=None) -> None:
    dari = p.status
    p.status = ke
    if alasan:
        p.catatan_status = alasan
    p.siapkan()
    p.full_clean()
    _simpan(p)
    perubahan = {"status": [dari, ke]}
    if tambahan:
        perubahan.update(tambahan)
    catat(pengguna=oleh, aksi=Riwayat.Aksi.STATUS, obj=p, perubahan=perubahan, alasan=alasan)


def _periksa_kelayakan(p: Permohonan, jumlah: Decimal) -> None:
    """B1–B3 with the recipient locked."""
    _kunci_penerima(p)
    p.periksa_kelayakan(jumlah)


def _kunci_pagu(tahun: int, jenis: str) -> Decimal:
    """B8: lock every pagu row of the TA and jenis, return their total."""
    baris = list(
        Pagu.objects.select_for_update().filter(tahun_anggaran=tahun, jenis=jenis).order_by("pk")
    )
    if not baris:
        raise AturanDilanggar(
            f"Pagu bansos {JenisBansos(jenis).label.lower()} tahun anggaran {tahun} belum "
            "ditetapkan; bansos diberikan sesuai kemampuan keuangan daerah (aturan B8).",
            code="b8_pagu_kosong",
        )
    return sum((b.jumlah for b in baris), Decimal("0"))


def _cek_pagu(p: Permohonan, jumlah: Decimal) -> None:
    """B8: the pagu left for this jenis and TA, not counting `p` itself, must cover `jumlah`."""
    total = _kunci_pagu(p.tahun_anggaran, p.jenis)
    terpakai = pagu_terpakai(p.tahun_anggaran, p.jenis, kecuali=p)
    if terpakai + jumlah > total:
        sisa = max(total - terpakai, Decimal("0"))
        raise AturanDilanggar(
            f"Sisa pagu {JenisBansos(p.jenis).label.lower()} tahun anggaran {p.tahun_anggaran} "
            f"tinggal {rupiah(sisa)} dari {rupiah(total)}; {rupiah(jumlah)} melebihi pagu "
            "(aturan B8: sesuai kemampuan keuangan daerah).",
            code="b8_pagu",
        )


def _pasal_dokumen(p: Permohonan) -> str:
    if p.jenis == JenisBansos.BIAYA_HIDUP:
        return "Pasal 8"
    if p.jenis == JenisBansos.PERMODALAN_USAHA:
        return "Pasal 10"
    return "Pasal 12" if p.sesuai_biaya else "Pasal 13"


# --------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------


@transaction.atomic
def permohonan_buat(
    *,
    oleh,
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
    the unique constraint `bansos_sekali_setahun`.
    """
    _cek_peran(oleh, Izin.BANSOS_AJUKAN, "buat")
    if jenis not in JenisBansos.values:
        raise AturanDilanggar(
            "Jenis bansos tidak dikenal; pilih biaya hidup, permodalan usaha atau pengobatan "
            f"({PCT} Pasal 5).",
            code="jenis",
        )
    if jenis == JenisBansos.PENGOBATAN and oleh.peran != Peran.PETUGAS_DINAS:
        raise LangkahTidakSah(
            "Permohonan bantuan pengobatan berasal dari surat Puskesmas/RSUD kepada Kepala Dinas "
            f"dan dicatat oleh Petugas Dinas ({PCT} Pasal 11 huruf a).",
            code="peran",
        )
    penerima = perseorangan or kelompok
    if (
        penerima is not None
        and not akses.scope(oleh, type(penerima)).filter(pk=penerima.pk).exists()
    ):
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
    aturan_untuk(tahun)  # seed the year's rules before any row is locked
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
        jumlah_diminta=_uang(jumlah_diminta, "Jumlah yang dimohon"),
        biaya_tagihan=None
        if biaya_tagihan in (None, "")
        else _uang(biaya_tagihan, "Biaya menurut kuitansi"),
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
    _kunci_penerima(p)
    p.siapkan()
    p.full_clean()  # includes periksa_kelayakan (B1–B3) for a new row
    _simpan(p)
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
def permohonan_ubah(*, permohonan: Permohonan | int, oleh, alasan: str = "", **data) -> Permohonan:
    """Correct an application before verification (status `diajukan` or `dikembalikan`).

    Only the fields in `_BOLEH_DIUBAH` may change. A change of the amount asked or the invoiced
    cost of a biaya hidup/permodalan application clears the Camat's acknowledgment, which was
    given for the old figure. B1–B3 are judged again with the recipient locked.
    """
    p = _kunci(permohonan, oleh)
    _cek_peran(oleh, Izin.BANSOS_AJUKAN, "ubah")
    _cek_status(p, (S.DIAJUKAN, S.DIKEMBALIKAN), "ubah")
    asing = set(data) - _BOLEH_DIUBAH
    if asing:
        raise LangkahTidakSah(
            "Data berikut tidak dapat diubah: " + ", ".join(sorted(asing)) + ".", code="ubah"
        )
    lama = potret(p)
    for k, v in data.items():
        if k == "jumlah_diminta":
            v = _uang(v, "Jumlah yang dimohon")
        if k == "biaya_tagihan" and v not in (None, ""):
            v = _uang(v, "Biaya menurut kuitansi")
        setattr(p, k, v)
    if p.butuh_camat and Decimal(str(lama["jumlah_diminta"])) != p.jumlah_diminta:
        p.nama_camat, p.tanggal_diketahui_camat = "", None
    _periksa_kelayakan(p, p.jumlah_diminta)
    p.siapkan()
    p.full_clean()
    _simpan(p)
    perubahan = beda(lama, potret(p))
    if perubahan:
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=p, perubahan=perubahan, alasan=alasan)
    return p


@transaction.atomic
def dokumen_unggah(
    *, permohonan: Permohonan | int, oleh, jenis_dokumen: str, berkas
) -> DokumenPermohonan:
    """Attach a supporting document (B5) before verification has passed.

    `berkas` is an uploaded file; its type is judged by its content (PDF, JPEG, PNG) and its
    size by `settings.UPLOAD_MAX_BYTES` (bansos.berkas). A new upload of the same type
    supersedes the old one, which stays in the record.
    """
    p = _kunci(permohonan, oleh)
    _cek_peran(oleh, Izin.BANSOS_AJUKAN, "unggah")
    _cek_status(p, STATUS_BOLEH_UNGGAH, "unggah")
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
    dok.berkas.save(f"dokumen.{jenis_berkas.ekstensi}", File(berkas), save=False)
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
    *, permohonan: Permohonan | int, oleh, nama_camat: str, tanggal: dt.date | None = None
) -> Permohonan:
    """The Operator Kecamatan records the Camat's acknowledgment (PCT 7a, 9a):
    `diajukan` → `menunggu_verifikasi`."""
    p = _kunci(permohonan, oleh)
    _cek_peran(oleh, Izin.BANSOS_KETAHUI, "ketahui")
    _cek_status(p, (S.DIAJUKAN,), "ketahui")
    p.nama_camat = _wajib_isi(nama_camat, "Isi nama Camat yang mengetahui permohonan.")
    p.tanggal_diketahui_camat = _tanggal(tanggal)
    _ganti_status(p, oleh, S.MENUNGGU_VERIFIKASI, tambahan={"nama_camat": [None, p.nama_camat]})
    return p


@transaction.atomic
def permohonan_kembalikan(*, permohonan: Permohonan | int, oleh, alasan: str) -> Permohonan:
    """Return an application for completion (B4), with the reason.

    The Operator Kecamatan returns it before the Camat acknowledges (`diajukan`); the Tim
    Verifikasi returns it at verification (`menunggu_verifikasi`, recorded as a Verifikasi round
    with result `dikembalikan`).
    """
    p = _kunci(permohonan, oleh)
    alasan = _wajib_isi(alasan, "Isi alasan pengembalian agar pemohon dapat melengkapinya.")
    if akses.boleh(oleh, Izin.BANSOS_KETAHUI):
        _cek_status(p, (S.DIAJUKAN,), "kembalikan")
        p.nama_camat, p.tanggal_diketahui_camat = "", None
    elif akses.boleh(oleh, Izin.BANSOS_VERIFIKASI):
        _cek_status(p, (S.MENUNGGU_VERIFIKASI,), "kembalikan")
        Verifikasi.objects.create(
            permohonan=p,
            checklist=_checklist(p, {}),
            hasil=Verifikasi.Hasil.DIKEMBALIKAN,
            catatan=alasan,
            verifikator=oleh,
        )
    else:
        _cek_peran(oleh, Izin.BANSOS_VERIFIKASI, "kembalikan")
    _ganti_status(p, oleh, S.DIKEMBALIKAN, alasan=alasan)
    return p


@transaction.atomic
def permohonan_ajukan_ulang(*, permohonan: Permohonan | int, oleh, catatan: str = "") -> Permohonan:
    """Resubmit a returned application after completing it: back to the Camat when his
    acknowledgment is missing, otherwise straight back to verification."""
    p = _kunci(permohonan, oleh)
    _cek_peran(oleh, Izin.BANSOS_AJUKAN, "ajukan_ulang")
    _cek_status(p, (S.DIKEMBALIKAN,), "ajukan_ulang")
    _periksa_kelayakan(p, p.jumlah_diminta)
    ke = S.DIAJUKAN if p.butuh_camat and not p.tanggal_diketahui_camat else S.MENUNGGU_VERIFIKASI
    _ganti_status(p, oleh, ke, alasan=catatan)
    return p


def _checklist(p: Permohonan, checklist: dict) -> dict:
    return {d: bool(checklist.get(d)) for d in dokumen_wajib(p)}


@transaction.atomic
def permohonan_verifikasi(
    *,
    permohonan: Permohonan | int,
    oleh,
    checklist: dict[str, bool],
    hasil: str,
    catatan: str = "",
    nomor_berita_acara: str = "",
    tanggal: dt.date | None = None,
) -> Verifikasi:
    """Verification by the Tim Pengelola Belanja Bansos PMKS (PCT 7b, 9b, 11b).

    `checklist` maps each required document type (`aturan.dokumen_wajib`) to True when the
    verifier found it in order. `hasil`:
    - `lolos`: every required document uploaded and checked (B5), berita acara number given,
      B1–B3 still hold → `terverifikasi`;
    - `dikembalikan`: → `dikembalikan` (catatan = what to complete);
    - `ditolak`: → `ditolak` (catatan = the reason).
    """
    p = _kunci(permohonan, oleh)
    _cek_peran(oleh, Izin.BANSOS_VERIFIKASI, "verifikasi")
    _cek_status(p, (S.MENUNGGU_VERIFIKASI,), "verifikasi")
    if hasil not in Verifikasi.Hasil.values:
        raise AturanDilanggar("Pilih hasil verifikasi.", code="hasil")
    daftar = _checklist(p, checklist or {})
    catatan = (catatan or "").strip()
    if hasil == Verifikasi.Hasil.LOLOS:
        kurang = dokumen_kurang(p)
        if kurang:
            raise AturanDilanggar(
                "Verifikasi tidak dapat dinyatakan lolos: dokumen wajib belum diunggah — "
                + "; ".join(JenisDokumen(d).label for d in kurang)
                + f" (aturan B5; {PCT} {_pasal_dokumen(p)}).",
                code="b5",
            )
        belum = [d for d, ok in daftar.items() if not ok]
        if belum:
            raise AturanDilanggar(
                "Verifikasi tidak dapat dinyatakan lolos: dokumen wajib belum dinyatakan sesuai — "
                + "; ".join(JenisDokumen(d).label for d in belum)
                + f" (aturan B5; {PCT} {_pasal_dokumen(p)}).",
                code="b5",
            )
        nomor_berita_acara = _wajib_isi(nomor_berita_acara, "Isi nomor berita acara verifikasi.")
        _periksa_kelayakan(p, p.jumlah_diminta)
        ke = S.TERVERIFIKASI
    else:
        _wajib_isi(
            catatan,
            "Isi catatan: apa yang harus dilengkapi atau alasan penolakan (aturan B4).",
        )
        ke = S.DIKEMBALIKAN if hasil == Verifikasi.Hasil.DIKEMBALIKAN else S.DITOLAK
    v = Verifikasi(
        permohonan=p,
        checklist=daftar,
        hasil=hasil,
        catatan=catatan,
        verifikator=oleh,
        tanggal=_tanggal(tanggal),
        nomor_berita_acara=(nomor_berita_acara or "").strip(),
    )
    v.full_clean()
    v.save()
    _ganti_status(p, oleh, ke, alasan=catatan, tambahan={"verifikasi": [None, hasil]})
    return v


@transaction.atomic
def permohonan_rekomendasi(
    *,
    permohonan: Permohonan | int,
    oleh,
    layak: bool,
    jumlah: Decimal | int | str | None = None,
    nomor_surat: str = "",
    tanggal: dt.date | None = None,
    alasan: str = "",
) -> Rekomendasi:
    """The Kepala Dinas's rekomendasi of eligibility and amount (PCT 7c, 9c, 11c).

    Layak: `jumlah` > 0 and ≤ the amount asked; B1–B3 judged again for that amount with the
    recipient locked; B8 the pagu of the TA and jenis (sum over sources) locked and not
    exceeded → `direkomendasikan`. Not layak: `alasan` required → `ditolak`.
    The officer who verified the application may not recommend it (separation of duties, B4).
    """
    p = _kunci(permohonan, oleh)
    _cek_peran(oleh, Izin.BANSOS_REKOMENDASI, "rekomendasi")
    _cek_status(p, (S.TERVERIFIKASI,), "rekomendasi")
    if Verifikasi.objects.filter(permohonan=p, verifikator=oleh).exists():
        raise LangkahTidakSah(
            "Pejabat yang memverifikasi permohonan ini tidak dapat memberikan rekomendasinya "
            "(pemisahan tugas verifikasi dan rekomendasi, aturan B4; "
            f"{PCT} Pasal 7 huruf b–c).",
            code="pemisahan_tugas",
        )
    tanggal = _tanggal(tanggal)
    if layak:
        jumlah = _uang(jumlah, "Besaran bantuan")
        nomor_surat = _wajib_isi(nomor_surat, "Isi nomor surat rekomendasi.")
        if jumlah > p.jumlah_diminta:
            raise AturanDilanggar(
                f"Besaran rekomendasi {rupiah(jumlah)} melebihi jumlah yang dimohon "
                f"{rupiah(p.jumlah_diminta)}.",
                code="jumlah",
            )
        _periksa_kelayakan(p, jumlah)
        _cek_pagu(p, jumlah)
        rek = Rekomendasi(
            permohonan=p,
            layak=True,
            jumlah=jumlah,
            nomor_surat=nomor_surat,
            tanggal=tanggal,
            kepala_dinas=oleh,
            alasan=(alasan or "").strip(),
        )
        ke = S.DIREKOMENDASIKAN
    else:
        alasan = _wajib_isi(alasan, "Isi alasan permohonan tidak layak (aturan B4).")
        rek = Rekomendasi(
            permohonan=p,
            layak=False,
            nomor_surat=(nomor_surat or "").strip(),
            tanggal=tanggal,
            kepala_dinas=oleh,
            alasan=alasan,
        )
        ke = S.DITOLAK
    rek.full_clean()
    rek.save()
    p.rekomendasi = rek
    _ganti_status(
        p,
        oleh,
        ke,
        alasan=rek.alasan,
        tambahan={"rekomendasi": [None, str(rek.jumlah) if layak else "tidak layak"]},
    )
    return rek


@transaction.atomic
def permohonan_tolak(
    *,
    permohonan: Permohonan | int,
    oleh,
    alasan: str,
    nomor_surat: str = "",
    nomor_berita_acara: str = "",
    tanggal: dt.date | None = None,
) -> Permohonan:
    """Refuse with a reason (B4): at verification by the Tim Verifikasi (`menunggu_verifikasi`)
    or at recommendation by the Kepala Dinas (`terverifikasi`). A refused application no longer
    counts for B2/B3, so the recipient may apply again."""
    p = _kunci(permohonan, oleh)
    if p.status == S.TERVERIFIKASI and akses.boleh(oleh, Izin.BANSOS_REKOMENDASI):
        permohonan_rekomendasi(
            permohonan=p, oleh=oleh, layak=False, nomor_surat=nomor_surat, tanggal=tanggal,
            alasan=alasan,
        )  # fmt: skip
    elif p.status == S.MENUNGGU_VERIFIKASI and akses.boleh(oleh, Izin.BANSOS_VERIFIKASI):
        permohonan_verifikasi(
            permohonan=p, oleh=oleh, checklist={}, hasil=Verifikasi.Hasil.DITOLAK,
            catatan=alasan, nomor_berita_acara=nomor_berita_acara, tanggal=tanggal,
        )  # fmt: skip
    else:
        if not (
            akses.boleh(oleh, Izin.BANSOS_VERIFIKASI) or akses.boleh(oleh, Izin.BANSOS_REKOMENDASI)
        ):
            _cek_peran(oleh, Izin.BANSOS_REKOMENDASI, "tolak")
        boleh = (
            (S.TERVERIFIKASI,)
            if akses.boleh(oleh, Izin.BANSOS_REKOMENDASI)
            else (S.MENUNGGU_VERIFIKASI,)
        )
        _cek_status(p, boleh, "tolak")
    p.refresh_from_db()
    return p


def _kunci_untuk_pengajuan(permohonan_list, oleh, tahun: int | None = None) -> list[Permohonan]:
    pks = sorted({x.pk if isinstance(x, Permohonan) else int(x) for x in permohonan_list})
    if not pks:
        raise AturanDilanggar("Pilih sedikitnya satu permohonan yang direkomendasikan.")
    daftar = [_kunci(pk, oleh) for pk in pks]  # locked in pk order
    for p in daftar:
        _cek_status(p, (S.DIREKOMENDASIKAN,), "pengajuan")
    semua_tahun = {p.tahun_anggaran for p in daftar} | ({tahun} if tahun else set())
    if len(semua_tahun) > 1:
        raise AturanDilanggar(
            "Satu pengajuan pencairan hanya untuk satu tahun anggaran; pisahkan permohonan TA "
            + ", ".join(str(t) for t in sorted(semua_tahun))
            + "."
        )
    return daftar


def _masukkan(batch: PengajuanPencairan, daftar: list[Permohonan], oleh) -> None:
    for p in daftar:
        p.pengajuan = batch
        _ganti_status(p, oleh, S.DIAJUKAN_PENCAIRAN, tambahan={"pengajuan": [None, batch.nomor]})


@transaction.atomic
def pengajuan_pencairan_buat(
    *,
    permohonan_list: Iterable[Permohonan | int],
    oleh,
    nomor_surat: str,
    tanggal: dt.date | None = None,
) -> PengajuanPencairan:
    """The Kepala Dinas asks the Kepala BPKAD to disburse a batch of recommended applications
    of one Tahun Anggaran (PCT 7d, 9d, 11d): each `direkomendasikan` → `diajukan_pencairan`."""
    _cek_peran(oleh, Izin.BANSOS_REKOMENDASI, "pengajuan")
    nomor_surat = _wajib_isi(nomor_surat, "Isi nomor surat pengajuan pencairan ke BPKAD.")
    daftar = _kunci_untuk_pengajuan(permohonan_list, oleh)
    batch = PengajuanPencairan(
        tahun_anggaran=daftar[0].tahun_anggaran,
        nomor_surat=nomor_surat,
        tanggal=_tanggal(tanggal),
        dibuat_oleh=oleh,
    )
    batch.full_clean()
    batch.save()
    batch.nomor = f"PP-{batch.tahun_anggaran}-{batch.pk:04d}"
    batch.save(update_fields=["nomor"])
    catat(
        pengguna=oleh,
        aksi=Riwayat.Aksi.BUAT,
        obj=batch,
        perubahan={"permohonan": [None, [p.nomor for p in daftar]]},
    )
    _masukkan(batch, daftar, oleh)
    return batch


@transaction.atomic
def pengajuan_pencairan_tambah(
    *, pengajuan: PengajuanPencairan | int, permohonan_list: Iterable[Permohonan | int], oleh
) -> PengajuanPencairan:
    """Add recommended applications of the same TA to a pengajuan still open (`diajukan`)."""
    _cek_peran(oleh, Izin.BANSOS_REKOMENDASI, "pengajuan")
    pk = pengajuan.pk if isinstance(pengajuan, PengajuanPencairan) else pengajuan
    batch = PengajuanPencairan.objects.select_for_update().filter(pk=pk).first()
    if batch is None:
        raise TidakDitemukan("Pengajuan pencairan tidak ditemukan.")
    if batch.status != PengajuanPencairan.Status.DIAJUKAN:
        raise LangkahTidakSah(
            f"Pengajuan {batch.nomor} sudah {batch.get_status_display().lower()}; buat pengajuan "
            "baru.",
            code="status",
        )
    daftar = _kunci_untuk_pengajuan(permohonan_list, oleh, batch.tahun_anggaran)
    catat(
        pengguna=oleh,
        aksi=Riwayat.Aksi.UBAH,
        obj=batch,
        perubahan={"permohonan": [None, [p.nomor for p in daftar]]},
    )
    _masukkan(batch, daftar, oleh)
    return batch


@transaction.atomic
def pencairan_catat(
    *,
    permohonan: Permohonan | int,
    oleh,
    mode: str,
    bukti,
    tanggal: dt.date | None = None,
    jumlah: Decimal | int | str | None = None,
    nomor_kwitansi: str = "",
    referensi_transfer: str = "",
    rekening_tujuan: str = "",
    nama_bank: str = "",
    nama_pemilik_rekening: str = "",
    nama_penerima: str = "",
) -> Pencairan:
    """The Bendahara records the disbursement with its proof (PCT 7e, 9e, 11e):
    `diajukan_pencairan` → `dicairkan`.

    B6: biaya hidup in cash against a kwitansi; permodalan usaha in cash up to the cash limit
    (Rp 2.000.000) and by transfer to the recipient's recorded account above it; pengobatan by
    pemindahbukuan to the facility's bendahara penerimaan account only. The amount equals the
    recommendation (`jumlah` may be omitted; given, it must match). B8: the pagu is checked
    again, locked, in case it was lowered after the recommendation.
    Non-cash destination fields default to the recorded account when left empty.
    """
    p = _kunci(permohonan, oleh)
    _cek_peran(oleh, Izin.BANSOS_CAIRKAN, "cairkan")
    _cek_status(p, (S.DIAJUKAN_PENCAIRAN,), "cairkan")
    if mode not in Pencairan.Mode.values:
        raise AturanDilanggar("Pilih cara pencairan.", code="mode")
    rek = p.rekomendasi
    jumlah = rek.jumlah if jumlah in (None, "") else _uang(jumlah, "Jumlah pencairan")
    if mode == Pencairan.Mode.PEMINDAHBUKUAN and p.faskes_id:
        rekening_tujuan = rekening_tujuan or p.faskes.nomor_rekening
        nama_bank = nama_bank or p.faskes.nama_bank
        nama_pemilik_rekening = nama_pemilik_rekening or p.faskes.nama_rekening
    elif mode == Pencairan.Mode.TRANSFER:
        rekening_tujuan = rekening_tujuan or p.rekening_nomor
        nama_bank = nama_bank or p.rekening_bank
        nama_pemilik_rekening = nama_pemilik_rekening or p.rekening_nama
    if bukti is None:
        raise AturanDilanggar(
            "Unggah bukti pencairan (kwitansi atau bukti transfer/pemindahbukuan) (aturan B4, B6).",
            code="bukti",
        )
    try:
        jenis_berkas = berkasmod.periksa_berkas(bukti)
    except ValidationError as e:
        raise AturanDilanggar(e.messages[0], code=e.code) from None
    cair = Pencairan(
        permohonan=p,
        mode=mode,
        tanggal=_tanggal(tanggal),
        jumlah=jumlah,
        nomor_kwitansi=(nomor_kwitansi or "").strip(),
        referensi_transfer=(referensi_transfer or "").strip(),
        rekening_tujuan=(rekening_tujuan or "").strip(),
        nama_bank=nama_bank,
        nama_pemilik_rekening=nama_pemilik_rekening,
        nama_penerima=nama_penerima,
        bukti_tipe=jenis_berkas.mime,
        bendahara=oleh,
    )
    if mode == Pencairan.Mode.TUNAI:
        _wajib_isi(cair.nomor_kwitansi, "Isi nomor kwitansi tanda terima (aturan B6).")
    else:
        _wajib_isi(
            cair.referensi_transfer,
            "Isi nomor bukti transfer/pemindahbukuan (aturan B6).",
        )
    cair.clean()  # B6 first, so its message is the one shown
    _cek_pagu(p, jumlah)
    bukti.seek(0)
    cair.bukti.save(f"bukti.{jenis_berkas.ekstensi}", File(bukti), save=False)
    cair.full_clean()
    cair.save()
    p.pencairan = cair
    _ganti_status(
        p,
        oleh,
        S.DICAIRKAN,
        tambahan={"pencairan": [None, f"{cair.get_mode_display()} {rupiah(cair.jumlah)}"]},
    )
    batch = p.pengajuan
    if batch and not batch.permohonan.exclude(status=S.DICAIRKAN).exists():
        batch.status = PengajuanPencairan.Status.SELESAI
        batch.save(update_fields=["status"])
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.STATUS,
            obj=batch,
            perubahan={"status": ["diajukan", "selesai"]},
        )
    return cair


@transaction.atomic
def permohonan_batalkan(*, permohonan: Permohonan | int, oleh, alasan: str) -> Permohonan:
    """Withdraw an application before verification (B4): from `diajukan`,
    `menunggu_verifikasi` or `dikembalikan` → `dibatalkan`. It then no longer counts for B2/B3."""
    p = _kunci(permohonan, oleh)
    _cek_peran(oleh, Izin.BANSOS_AJUKAN, "batalkan")
    _cek_status(p, (S.DIAJUKAN, S.MENUNGGU_VERIFIKASI, S.DIKEMBALIKAN), "batalkan")
    alasan = _wajib_isi(alasan, "Isi alasan pembatalan permohonan.")
    _ganti_status(p, oleh, S.DIBATALKAN, alasan=alasan)
    return p
