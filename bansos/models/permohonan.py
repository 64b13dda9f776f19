"""The application (B1–B6) and its documents (B5).

Same-row rules live in `Permohonan.clean()` and the check constraints. Rules that read other
rows — the recipient's registration (B1), the yearly total (B2), once per Tahun Anggaran (B3),
the pagu (B8) — are `bansos.kelayakan`, called by the services with the recipient row locked;
B3 is also the conditional unique constraint `bansos_sekali_setahun`. Which step is allowed
from which status, by which capability: `bansos.alur`. State changes go only through
`bansos.services`; every one writes a `dinsos.Riwayat` row (B9).
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from dinsos.models import Desa
from ppks.models import KategoriPMKS, Kelompok, Keluarga, Perseorangan, Registrasi

from .anggaran import PCT, AturanTahunan, Faskes, JenisBansos, _uang


class StatusPermohonan(models.TextChoices):
    """B4. Which step leads from which status to which, by which capability: the table in
    `bansos.alur` (one service function per step in `bansos.services`)."""

    DIAJUKAN = "diajukan", "Diajukan, menunggu diketahui Camat"
    MENUNGGU_VERIFIKASI = "menunggu_verifikasi", "Menunggu verifikasi"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan untuk dilengkapi"
    TERVERIFIKASI = "terverifikasi", "Terverifikasi, menunggu rekomendasi"
    DITOLAK = "ditolak", "Ditolak"
    DIREKOMENDASIKAN = "direkomendasikan", "Direkomendasikan"
    DIAJUKAN_PENCAIRAN = "diajukan_pencairan", "Diajukan pencairan ke BPKAD"
    DICAIRKAN = "dicairkan", "Dicairkan"
    DIBATALKAN = "dibatalkan", "Dibatalkan pemohon"


# Applications that count for B2/B3: everything except refused and withdrawn (PCT 6(3)).
STATUS_TIDAK_DIHITUNG = (StatusPermohonan.DITOLAK, StatusPermohonan.DIBATALKAN)
# Eligibility is judged until the Kepala Dinas decides; after that the decision stands.
STATUS_SEBELUM_KEPUTUSAN = (
    StatusPermohonan.DIAJUKAN,
    StatusPermohonan.MENUNGGU_VERIFIKASI,
    StatusPermohonan.DIKEMBALIKAN,
    StatusPermohonan.TERVERIFIKASI,
)
# Applications whose recommended amount is taken from the pagu (B8).
STATUS_MEMAKAI_PAGU = (
    StatusPermohonan.DIREKOMENDASIKAN,
    StatusPermohonan.DIAJUKAN_PENCAIRAN,
    StatusPermohonan.DICAIRKAN,
)


class PemohonJenis(models.TextChoices):
    """Who signs the surat permohonan (PCT 7a, 9a, 11a)."""

    PERSEORANGAN = "perseorangan", "Yang bersangkutan"
    KELUARGA = "keluarga", "Keluarga"
    KELOMPOK = "kelompok", "Kelompok"
    FASKES = "faskes", "Puskesmas/RSUD"


def _nomor_sementara() -> str:
    return "TMP-" + secrets.token_hex(8)


class Permohonan(models.Model):
    """One bansos application (B1–B6). Create and change it only through bansos.services."""

    WILAYAH_DESA_FIELD = "desa"

    nomor = models.CharField(max_length=24, unique=True, default=_nomor_sementara, editable=False)
    tahun_anggaran = models.PositiveSmallIntegerField(db_index=True)
    jenis = models.CharField(max_length=20, choices=JenisBansos.choices)
    tanggal_permohonan = models.DateField("tanggal surat permohonan", default=timezone.localdate)
    nomor_surat_permohonan = models.CharField(max_length=100, blank=True)

    # The recipient: exactly one of a person or a group (B1, PCT 7a/9a/11a).
    perseorangan = models.ForeignKey(
        Perseorangan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kelompok = models.ForeignKey(
        Kelompok, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    keluarga = models.ForeignKey(
        Keluarga,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Bila permohonan diajukan oleh/atas nama keluarga penerima (PCT 7a).",
    )
    kategori = models.ForeignKey(
        KategoriPMKS, verbose_name="kategori PMKS", on_delete=models.PROTECT, related_name="+"
    )
    registrasi = models.ForeignKey(
        Registrasi,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text="Registrasi aktif yang menjadi dasar permohonan (diisi otomatis).",
    )

    pemohon_jenis = models.CharField(max_length=12, choices=PemohonJenis.choices)
    faskes = models.ForeignKey(
        Faskes, null=True, blank=True, on_delete=models.PROTECT, related_name="permohonan"
    )
    jumlah_diminta = _uang("jumlah yang dimohon")
    biaya_tagihan = _uang("biaya menurut kuitansi dan rincian biaya", null=True, blank=True)
    uraian = models.TextField("uraian kebutuhan", blank=True)

    # The recipient's account for non-cash permodalan usaha (PCT 9e, 10d).
    rekening_bank = models.CharField("nama bank penerima", max_length=100, blank=True)
    rekening_nomor = models.CharField("nomor rekening penerima", max_length=30, blank=True)
    rekening_nama = models.CharField("nama pemilik rekening", max_length=150, blank=True)

    # Acknowledgment (diketahui) by the Lurah/Kepala Desa and the Camat (PCT 7a, 9a).
    nama_lurah = models.CharField("nama Lurah/Kepala Desa", max_length=150, blank=True)
    tanggal_diketahui_lurah = models.DateField(null=True, blank=True)
    nama_camat = models.CharField(max_length=150, blank=True)
    tanggal_diketahui_camat = models.DateField(null=True, blank=True)

    # Copied from the recipient so the wilayah scope is a plain filter.
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="+", editable=False)
    status = models.CharField(
        max_length=20,
        choices=StatusPermohonan.choices,
        default=StatusPermohonan.DIAJUKAN,
        db_index=True,
    )
    catatan_status = models.TextField(
        "alasan status terakhir", blank=True, help_text="Alasan pengembalian/penolakan terakhir."
    )
    pengajuan = models.ForeignKey(
        "PengajuanPencairan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="permohonan",
        editable=False,
    )

    # "p:<id>" / "k:<id>": one key for both recipient kinds, so one constraint covers both.
    penerima_kunci = models.CharField(max_length=24, blank=True, editable=False, db_index=True)
    # B3 / PCT 6(3): "<penerima>:<tahun>:<jenis|*>" for counted applications; NULL for refused,
    # withdrawn and exempt (korban bencana alam) ones. Unique, so two concurrent submissions
    # cannot both pass, whatever the Python check saw.
    kunci_sekali_setahun = models.CharField(max_length=64, null=True, blank=True, editable=False)

    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "permohonan bansos"
        verbose_name_plural = "permohonan bansos"
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="permohonan_satu_penerima",
                condition=Q(perseorangan__isnull=False, kelompok__isnull=True)
                | Q(perseorangan__isnull=True, kelompok__isnull=False),
                violation_error_message="Pilih satu penerima: perseorangan atau kelompok.",
            ),
            models.CheckConstraint(
                name="permohonan_jumlah_positif",
                condition=Q(jumlah_diminta__gt=0),
                violation_error_message="Jumlah yang dimohon harus lebih dari nol.",
            ),
            models.CheckConstraint(
                # PCT 6(1)c, 11a: pengobatan comes from a facility, with its invoiced cost.
                name="pengobatan_dari_faskes_dengan_tagihan",
                condition=~Q(jenis="pengobatan")
                | Q(faskes__isnull=False, biaya_tagihan__isnull=False, pemohon_jenis="faskes"),
                violation_error_message=(
                    "Permohonan pengobatan wajib berasal dari Puskesmas/RSUD dan mencantumkan "
                    "biaya menurut kuitansi (Perbup Pacitan 1/2018 Pasal 11 huruf a)."
                ),
            ),
            models.CheckConstraint(
                # B2 / PCT 6(1)c: never more than the invoiced cost.
                name="pengobatan_tidak_melebihi_tagihan",
                condition=Q(biaya_tagihan__isnull=True) | Q(jumlah_diminta__lte=F("biaya_tagihan")),
                violation_error_message=(
                    "Jumlah pengobatan melebihi biaya menurut kuitansi dan rincian biaya "
                    "(Perbup Pacitan 1/2018 Pasal 6 ayat (1) huruf c)."
                ),
            ),
            models.UniqueConstraint(
                # B3 / PCT 6(3), enforced by the database.
                fields=["kunci_sekali_setahun"],
                condition=Q(kunci_sekali_setahun__isnull=False),
                name="bansos_sekali_setahun",
                violation_error_code="b3",
                violation_error_message=(
                    "Penerima sudah memiliki permohonan bansos jenis ini pada tahun anggaran "
                    "yang sama (Perbup Pacitan 1/2018 Pasal 6 ayat (3))."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["tahun_anggaran", "jenis", "status"], name="bansos_ta_jenis_status"
            ),
            models.Index(fields=["desa", "status"], name="bansos_desa_status"),
            models.Index(
                fields=["penerima_kunci", "tahun_anggaran", "jenis"], name="bansos_penerima_ta"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomor} — {self.penerima}"

    # --- derived ---------------------------------------------------------------------------

    @property
    def penerima(self) -> Perseorangan | Kelompok | None:
        return self.perseorangan or self.kelompok

    @property
    def butuh_camat(self) -> bool:
        """PCT 7a, 9a: biaya hidup and permodalan usaha are acknowledged by the Camat;
        pengobatan comes on the facility's own letter (PCT 11a)."""
        return self.jenis != JenisBansos.PENGOBATAN

    @property
    def aturan(self) -> AturanTahunan:
        """The rules of this application's Tahun Anggaran (read, never created here)."""
        cache: AturanTahunan | None = getattr(self, "_aturan", None)
        if cache is None or cache.tahun_anggaran != self.tahun_anggaran:
            cache = AturanTahunan.baca(self.tahun_anggaran)
            self._aturan = cache
        return cache

    @property
    def sesuai_biaya(self) -> bool:
        """PCT 6(1)c.1: pengobatan at cost (korban bencana alam/sosial, PMKS T4)."""
        return (
            self.jenis == JenisBansos.PENGOBATAN
            and self.kategori_id is not None
            and self.aturan.sesuai_biaya(self.kategori_id)
        )

    @property
    def jumlah_rekomendasi(self) -> Decimal | None:
        rek = getattr(self, "rekomendasi", None)
        return rek.jumlah if rek is not None and rek.layak else None

    @property
    def jumlah_terhitung(self) -> Decimal:
        """What this application takes from the yearly ceiling: the recommended amount once
        decided, the amount asked before."""
        rek = self.jumlah_rekomendasi
        return rek if rek is not None else self.jumlah_diminta

    # --- validation (this row only) ----------------------------------------------------------

    def siapkan(self) -> None:
        """Fill the derived fields of this row (TA, desa, recipient key) so `full_clean()` sees
        a complete row. The B3 key needs the year's rules: `bansos.kelayakan.siapkan`."""
        if self.tanggal_permohonan and not self.tahun_anggaran:
            self.tahun_anggaran = self.tanggal_permohonan.year
        penerima = self.penerima
        if penerima is not None:
            self.desa_id = penerima.desa_id
            self.penerima_kunci = (
                f"p:{self.perseorangan_id}" if self.perseorangan_id else f"k:{self.kelompok_id}"
            )

    def clean(self) -> None:
        super().clean()
        penerima = self.penerima
        if penerima is None or (self.perseorangan_id is None) == (self.kelompok_id is None):
            raise ValidationError("Pilih satu penerima: perseorangan atau kelompok (aturan B1).")
        self.desa_id = penerima.desa_id
        if not self.tahun_anggaran and self.tanggal_permohonan:
            self.tahun_anggaran = self.tanggal_permohonan.year
        if self.jenis not in JenisBansos.values:
            return
        self._cek_bentuk()

    def _cek_bentuk(self) -> None:
        """Same-row shape of the application (PCT 7a, 9a, 11a)."""
        err = {}
        if self.kelompok_id and self.jenis != JenisBansos.PERMODALAN_USAHA:
            err["kelompok"] = (
                f"Kelompok hanya dapat menerima bantuan permodalan usaha ({PCT} Pasal 9 huruf a)."
            )
        if self.jenis == JenisBansos.PENGOBATAN:
            if self.pemohon_jenis != PemohonJenis.FASKES or not self.faskes_id:
                err["faskes"] = (
                    "Permohonan bantuan pengobatan diajukan oleh Puskesmas/RSUD; pilih fasilitas "
                    f"kesehatan pemohon ({PCT} Pasal 11 huruf a)."
                )
            if self.biaya_tagihan is None:
                err["biaya_tagihan"] = (
                    "Isi biaya menurut kuitansi dan rincian biaya pelayanan "
                    f"({PCT} Pasal 12 huruf c / Pasal 13 huruf d)."
                )
        else:
            if self.pemohon_jenis == PemohonJenis.FASKES:
                err["pemohon_jenis"] = (
                    f"Puskesmas/RSUD hanya mengajukan bantuan pengobatan ({PCT} Pasal 11 huruf a)."
                )
            if self.kelompok_id and self.pemohon_jenis != PemohonJenis.KELOMPOK:
                err["pemohon_jenis"] = "Permohonan untuk kelompok diajukan oleh kelompok."
            if self.perseorangan_id and self.pemohon_jenis == PemohonJenis.KELOMPOK:
                err["pemohon_jenis"] = "Permohonan perseorangan tidak diajukan oleh kelompok."
            if self.pemohon_jenis == PemohonJenis.KELUARGA and not self.keluarga_id:
                err["keluarga"] = "Pilih keluarga yang mengajukan permohonan."
            if not self.nama_lurah.strip() or not self.tanggal_diketahui_lurah:
                err["nama_lurah"] = (
                    "Surat permohonan harus diketahui Lurah/Kepala Desa: isi nama dan tanggal "
                    f"({PCT} Pasal 7 huruf a dan Pasal 9 huruf a)."
                )
            if self.biaya_tagihan is not None:
                err["biaya_tagihan"] = "Biaya tagihan hanya untuk bantuan pengobatan."
            if self.faskes_id:
                err["faskes"] = "Fasilitas kesehatan hanya untuk bantuan pengobatan."
        if (
            self.keluarga_id
            and self.perseorangan is not None
            and self.perseorangan.keluarga_id not in (None, self.keluarga_id)
        ):
            err["keluarga"] = "Penerima bukan anggota keluarga yang dipilih."
        hari_ini = timezone.localdate()
        for f in ("tanggal_permohonan", "tanggal_diketahui_lurah", "tanggal_diketahui_camat"):
            nilai = getattr(self, f)
            if nilai and nilai > hari_ini:
                err[f] = "Tanggal tidak boleh di masa depan."
        if (
            self.tanggal_diketahui_lurah
            and self.tanggal_permohonan
            and self.tanggal_diketahui_lurah < self.tanggal_permohonan
        ):
            err["tanggal_diketahui_lurah"] = (
                "Tanggal diketahui Lurah/Kepala Desa tidak boleh sebelum tanggal surat permohonan."
            )
        if (
            self.tanggal_diketahui_camat
            and self.tanggal_diketahui_lurah
            and self.tanggal_diketahui_camat < self.tanggal_diketahui_lurah
        ):
            err["tanggal_diketahui_camat"] = (
                "Tanggal diketahui Camat tidak boleh sebelum tanggal diketahui Lurah/Kepala Desa."
            )
        if self.rekening_nomor and not self.rekening_nomor.replace("-", "").isdigit():
            err["rekening_nomor"] = "Nomor rekening hanya berisi angka."
        if (
            self.tanggal_permohonan
            and self.tahun_anggaran
            and self.tanggal_permohonan.year > self.tahun_anggaran
        ):
            err["tahun_anggaran"] = "Tahun anggaran tidak boleh sebelum tahun surat permohonan."
        if err:
            raise ValidationError(err)


class JenisDokumen(models.TextChoices):
    """B5: supporting documents (PCT 8, 10, 12, 13). Which are required: `aturan.dokumen_wajib`."""

    SURAT_PERMOHONAN = (
        "surat_permohonan",
        "Surat permohonan diketahui Lurah/Kepala Desa dan Camat",
    )
    SURAT_PERMOHONAN_FASKES = "surat_permohonan_faskes", "Surat permohonan dari Puskesmas/RSUD"
    KTP = "ktp", "Fotokopi KTP / surat keterangan Dinas Dukcapil"
    KK = "kk", "Fotokopi Kartu Keluarga"
    SKM = "skm", "Surat Keterangan Miskin dengan Instrumen Identifikasi Rumah Tangga Miskin"
    PEMBENTUKAN_KELOMPOK = (
        "pembentukan_kelompok",
        "Surat keterangan Lurah/Kepala Desa tentang pembentukan kelompok",
    )
    REKENING_PENERIMA = "rekening_penerima", "Nomor rekening tabungan perorangan/kelompok penerima"
    FOTO_KONDISI = "foto_kondisi", "Foto kondisi korban/PMKS T4"
    KUITANSI_BIAYA = "kuitansi_biaya", "Kuitansi dan rincian biaya pelayanan"
    REKENING_FASKES = "rekening_faskes", "Fotokopi rekening Puskesmas/RSUD"


def _lokasi_berkas(instance: Any, filename: str) -> str:
    # Unguessable path; the original name (personal data) is kept only in the row.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"bansos/{timezone.localdate():%Y}/{secrets.token_urlsafe(24)}.{ext}"


class DokumenPermohonan(models.Model):
    """An uploaded supporting document (B5). Several uploads of one type: the newest counts."""

    WILAYAH_DESA_FIELD = "permohonan__desa"

    permohonan = models.ForeignKey(Permohonan, on_delete=models.PROTECT, related_name="dokumen")
    jenis_dokumen = models.CharField(max_length=24, choices=JenisDokumen.choices)
    berkas = models.FileField(upload_to=_lokasi_berkas, max_length=255)
    nama_asli = models.CharField(max_length=255, blank=True)
    tipe = models.CharField("tipe isi", max_length=40)
    ukuran = models.PositiveIntegerField()
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    diunggah = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "dokumen permohonan"
        verbose_name_plural = "dokumen permohonan"
        ordering = ["permohonan", "jenis_dokumen", "-diunggah", "-pk"]
        indexes = [
            models.Index(fields=["permohonan", "jenis_dokumen"], name="dok_permohonan_jenis")
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_dokumen_display()} ({self.permohonan.nomor})"
