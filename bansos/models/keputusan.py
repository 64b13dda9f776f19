"""The decisions on an application: verification rounds (B5), the rekomendasi (B4), the
pengajuan pencairan to the BPKAD and the disbursement with its proof (B6)."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from dinsos.format import rupiah

from .anggaran import NOL, PCT, JenisBansos, _uang
from .permohonan import Permohonan, _nomor_sementara


class Verifikasi(models.Model):
    """One verification round by the Tim Pengelola (PCT 7b, 9b, 11b; B5).

    A returned application that comes back is verified again, so there may be several rounds;
    the newest is `permohonan.verifikasi_terakhir`.
    """

    WILAYAH_DESA_FIELD = "permohonan__desa"

    class Hasil(models.TextChoices):
        LOLOS = "lolos", "Memenuhi syarat"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan untuk dilengkapi"
        DITOLAK = "ditolak", "Tidak memenuhi syarat (ditolak)"

    permohonan = models.ForeignKey(
        Permohonan, on_delete=models.PROTECT, related_name="verifikasi_set"
    )
    # {jenis_dokumen: true/false} for every required document at the time of verification.
    checklist = models.JSONField(default=dict, blank=True)
    hasil = models.CharField(max_length=12, choices=Hasil.choices)
    catatan = models.TextField(blank=True)
    verifikator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    tanggal = models.DateField(default=timezone.localdate)
    nomor_berita_acara = models.CharField(max_length=100, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "verifikasi"
        verbose_name_plural = "verifikasi"
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(
                # B4: a result other than passing carries its reason.
                name="verifikasi_tidak_lolos_beralasan",
                condition=Q(hasil="lolos") | ~Q(catatan=""),
            ),
            models.CheckConstraint(
                name="verifikasi_lolos_berita_acara",
                condition=~Q(hasil="lolos") | ~Q(nomor_berita_acara=""),
            ),
        ]

    def __str__(self) -> str:
        return f"Verifikasi {self.permohonan.nomor}: {self.get_hasil_display()}"


class Rekomendasi(models.Model):
    """The Kepala Dinas's decision on eligibility and amount (PCT 7c, 9c, 11c)."""

    WILAYAH_DESA_FIELD = "permohonan__desa"

    permohonan = models.OneToOneField(
        Permohonan, on_delete=models.PROTECT, related_name="rekomendasi"
    )
    layak = models.BooleanField()
    jumlah = _uang("besaran bantuan", null=True, blank=True)
    nomor_surat = models.CharField(max_length=100, blank=True)
    tanggal = models.DateField(default=timezone.localdate)
    kepala_dinas = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    alasan = models.TextField(blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rekomendasi"
        verbose_name_plural = "rekomendasi"
        ordering = ["-tanggal", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="rekomendasi_layak_berjumlah",
                condition=Q(layak=True, jumlah__gt=0) & ~Q(nomor_surat="")
                | Q(layak=False, jumlah__isnull=True) & ~Q(alasan=""),
                violation_error_message=(
                    "Rekomendasi layak wajib memuat besaran dan nomor surat; penolakan wajib "
                    "memuat alasan."
                ),
            )
        ]

    def __str__(self) -> str:
        if self.layak:
            return f"Rekomendasi {self.permohonan.nomor}: {rupiah(self.jumlah)}"
        return f"Rekomendasi {self.permohonan.nomor}: tidak layak"


class PengajuanPencairan(models.Model):
    """The Kepala Dinas's request to the Kepala BPKAD for a batch of recommended applications
    (PCT 7d, 9d, 11d)."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Diajukan ke BPKAD"
        SELESAI = "selesai", "Seluruhnya dicairkan"

    nomor = models.CharField(max_length=24, unique=True, default=_nomor_sementara, editable=False)
    tahun_anggaran = models.PositiveSmallIntegerField()
    nomor_surat = models.CharField(max_length=100)
    tanggal = models.DateField(default=timezone.localdate)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DIAJUKAN)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pengajuan pencairan"
        verbose_name_plural = "pengajuan pencairan"
        ordering = ["-tanggal", "-pk"]

    def __str__(self) -> str:
        return f"{self.nomor} ({self.nomor_surat})"

    @property
    def total(self) -> Decimal:
        return self.permohonan.aggregate(
            t=Coalesce(Sum("rekomendasi__jumlah"), NOL, output_field=models.DecimalField())
        )["t"]


def _lokasi_bukti(instance: Any, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"bansos/pencairan/{timezone.localdate():%Y}/{secrets.token_urlsafe(24)}.{ext}"


class Pencairan(models.Model):
    """The disbursement with its proof (B6; PCT 7e, 9e, 11e)."""

    WILAYAH_DESA_FIELD = "permohonan__desa"

    class Mode(models.TextChoices):
        TUNAI = "tunai", "Tunai dengan kwitansi"
        TRANSFER = "transfer", "Transfer ke rekening penerima"
        PEMINDAHBUKUAN = "pemindahbukuan", "Pemindahbukuan ke rekening bendahara penerimaan faskes"

    permohonan = models.OneToOneField(
        Permohonan, on_delete=models.PROTECT, related_name="pencairan"
    )
    mode = models.CharField(max_length=16, choices=Mode.choices)
    tanggal = models.DateField(default=timezone.localdate)
    jumlah = _uang("jumlah dicairkan")
    nomor_kwitansi = models.CharField(max_length=100, blank=True)
    referensi_transfer = models.CharField(
        "nomor bukti transfer/pemindahbukuan", max_length=100, blank=True
    )
    nama_bank = models.CharField(max_length=100, blank=True)
    rekening_tujuan = models.CharField(max_length=30, blank=True)
    nama_pemilik_rekening = models.CharField(max_length=150, blank=True)
    nama_penerima = models.CharField(
        "nama yang menerima (tanda tangan kwitansi)", max_length=150, blank=True
    )
    bukti = models.FileField(upload_to=_lokasi_bukti, max_length=255)
    bukti_tipe = models.CharField(max_length=40, blank=True)
    bendahara = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pencairan"
        verbose_name_plural = "pencairan"
        ordering = ["-tanggal", "-pk"]
        constraints = [
            models.CheckConstraint(name="pencairan_jumlah_positif", condition=Q(jumlah__gt=0)),
            models.CheckConstraint(
                name="pencairan_tunai_berkwitansi",
                condition=~Q(mode="tunai") | ~Q(nomor_kwitansi=""),
            ),
            models.CheckConstraint(
                name="pencairan_nontunai_berrekening",
                condition=Q(mode="tunai") | (~Q(rekening_tujuan="") & ~Q(referensi_transfer="")),
            ),
        ]

    def __str__(self) -> str:
        return f"Pencairan {self.permohonan.nomor}: {rupiah(self.jumlah)}"

    def clean(self) -> None:
        """B6: the mode follows the jenis and the amount; the money goes to the right account
        and equals the recommendation."""
        super().clean()
        p = self.permohonan
        aturan = p.aturan
        rek = p.jumlah_rekomendasi
        if rek is None or self.jumlah != rek:
            raise ValidationError(
                {
                    "jumlah": (
                        f"Jumlah pencairan {rupiah(self.jumlah)} harus sama dengan jumlah "
                        f"rekomendasi {rupiah(rek)} (aturan B6; {PCT} Pasal 7 huruf c–e)."
                    )
                }
            )
        M = self.Mode
        if p.jenis == JenisBansos.BIAYA_HIDUP:
            if self.mode != M.TUNAI:
                raise ValidationError(
                    {
                        "mode": (
                            "Bantuan biaya hidup dicairkan secara tunai kepada yang bersangkutan/"
                            f"keluarganya dengan kwitansi ({PCT} Pasal 7 huruf e)."
                        )
                    }
                )
        elif p.jenis == JenisBansos.PERMODALAN_USAHA:
            batas = aturan.batas_tunai_permodalan
            if self.jumlah <= batas and self.mode != M.TUNAI:
                raise ValidationError(
                    {
                        "mode": (
                            f"Permodalan usaha sampai dengan {rupiah(batas)} dicairkan secara "
                            f"tunai ({PCT} Pasal 9 huruf e)."
                        )
                    }
                )
            if self.jumlah > batas and self.mode != M.TRANSFER:
                raise ValidationError(
                    {
                        "mode": (
                            f"Permodalan usaha di atas {rupiah(batas)} dicairkan secara non tunai "
                            f"(transfer) ke rekening penerima ({PCT} Pasal 9 huruf e)."
                        )
                    }
                )
            if self.mode == M.TRANSFER:
                tujuan = _norek(p.rekening_nomor)
                if not tujuan:
                    raise ValidationError(
                        {
                            "rekening_tujuan": (
                                "Nomor rekening penerima belum tercatat pada permohonan "
                                f"({PCT} Pasal 10 huruf d)."
                            )
                        }
                    )
                if _norek(self.rekening_tujuan) != tujuan:
                    raise ValidationError(
                        {
                            "rekening_tujuan": (
                                f"Rekening tujuan harus rekening penerima yang tercatat "
                                f"({p.rekening_nomor}); bansos tidak boleh ditransfer kepada "
                                f"pihak lain ({PCT} Pasal 9 huruf e)."
                            )
                        }
                    )
        elif p.jenis == JenisBansos.PENGOBATAN:
            if self.mode != M.PEMINDAHBUKUAN:
                raise ValidationError(
                    {
                        "mode": (
                            "Bantuan pengobatan dicairkan secara non tunai melalui pemindahbukuan "
                            "ke rekening bendahara penerimaan Puskesmas/RSUD, tidak kepada pasien "
                            f"({PCT} Pasal 11 huruf e)."
                        )
                    }
                )
            faskes = p.faskes
            assert faskes is not None  # a check constraint: pengobatan comes from a faskes
            if _norek(self.rekening_tujuan) != _norek(faskes.nomor_rekening):
                raise ValidationError(
                    {
                        "rekening_tujuan": (
                            "Rekening tujuan harus rekening bendahara penerimaan "
                            f"{faskes.nama} ({faskes.nomor_rekening}) "
                            f"({PCT} Pasal 11 huruf e)."
                        )
                    }
                )
        if self.tanggal and self.tanggal > timezone.localdate():
            raise ValidationError({"tanggal": "Tanggal pencairan tidak boleh di masa depan."})


def _norek(nomor: str | None) -> str:
    return "".join(ch for ch in (nomor or "") if ch.isdigit())
