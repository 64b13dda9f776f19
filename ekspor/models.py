"""Background jobs: one row per document built by the task worker, with its progress."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from dinsos.models import Desa, Kecamatan


def _lokasi_ekspor(instance: Ekspor, filename: str) -> str:
    # Unguessable name: the file holds personal data and is served only by the owner's view.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"laporan/ekspor/{timezone.localdate():%Y}/{secrets.token_urlsafe(24)}.{ext}"


class Ekspor(models.Model):
    """One document built in the background by the task worker (`manage.py db_worker`).

    The requester's role and wilayah are copied here when the job is created; the task builds
    its rows under that scope AND the requester's scope at run time, so a job can never show
    more than its requester may see, even if the role changed in between (docs/rules.md, section 4).
    """

    class Jenis(models.TextChoices):
        REKAP_PDF = "rekap_pdf", "Rekapitulasi penyaluran bansos (PDF)"
        REKAP_XLSX = "rekap_xlsx", "Rekapitulasi penyaluran bansos (xlsx)"
        PERMOHONAN_XLSX = "permohonan_xlsx", "Daftar permohonan bansos (xlsx)"
        REGISTRI_XLSX = "registri_xlsx", "Registri PMKS/PPKS perseorangan (xlsx)"
        # Any other filtered list (laporan.daftar): parameter {"daftar": name, "saringan": …}.
        DAFTAR_XLSX = "daftar_xlsx", "Daftar tersaring (xlsx)"

    class Status(models.TextChoices):
        ANTRI = "antri", "Menunggu giliran"
        BERJALAN = "berjalan", "Sedang disusun"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"
        # The file was deleted after LAPORAN_SIMPAN_HARI days; it can be made again.
        KEDALUWARSA = "kedaluwarsa", "Kedaluwarsa (berkas sudah dihapus)"

    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    parameter = models.JSONField(default=dict, blank=True)
    judul = models.CharField(max_length=255, blank=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.ANTRI, db_index=True
    )
    progres = models.PositiveSmallIntegerField(default=0)
    tahap = models.CharField("tahap berjalan", max_length=200, blank=True)
    pesan_galat = models.TextField("pesan kegagalan", blank=True)
    berkas = models.FileField(upload_to=_lokasi_ekspor, max_length=255, blank=True)
    nama_unduhan = models.CharField(max_length=150, blank=True)
    ukuran_berkas = models.PositiveBigIntegerField(null=True, blank=True)
    jumlah_baris = models.PositiveIntegerField(null=True, blank=True)

    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The requester's scope when asking (see the class docstring).
    peran = models.CharField(max_length=20)
    desa = models.ForeignKey(
        Desa, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kecamatan = models.ForeignKey(
        Kecamatan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    wilayah_label = models.CharField(max_length=255, blank=True)

    task_id = models.CharField(max_length=64, blank=True)
    percobaan = models.PositiveSmallIntegerField(default=0)
    dibuat = models.DateTimeField(auto_now_add=True)
    dimulai = models.DateTimeField(null=True, blank=True)
    berakhir = models.DateTimeField(null=True, blank=True)
    # Heartbeat: a job "berjalan" whose heartbeat stopped was killed with its worker.
    denyut = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "ekspor/laporan latar belakang"
        verbose_name_plural = "ekspor/laporan latar belakang"
        # The table keeps the name it had when jobs lived in `laporan` (renamed by migration
        # ekspor 0001 on existing databases, so nothing needs copying).
        db_table = "ekspor_ekspor"
        ordering = ["-dibuat", "-pk"]
        indexes = [models.Index(fields=["dibuat_oleh", "-dibuat"], name="ekspor_pemilik_dibuat")]
        constraints = [
            models.CheckConstraint(name="ekspor_progres_0_100", condition=Q(progres__lte=100)),
            models.CheckConstraint(
                # The file appears together with "selesai", never before (no half file).
                name="ekspor_selesai_berberkas",
                condition=~Q(status="selesai") | ~Q(berkas=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def selesai(self) -> bool:
        return self.status == self.Status.SELESAI

    @property
    def berakhir_status(self) -> bool:
        return self.status in (self.Status.SELESAI, self.Status.GAGAL, self.Status.KEDALUWARSA)

    @property
    def bisa_diulang(self) -> bool:
        return self.status in (self.Status.GAGAL, self.Status.KEDALUWARSA)
