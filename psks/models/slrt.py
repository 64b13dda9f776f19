"""SLRT (S7): a request for help and the referrals it leads to."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q

from ppks.models import Perseorangan

from .pilihan import labels

# --- SLRT (S7) --------------------------------------------------------------------------


class PermintaanLayanan(models.Model):
    """A request for help registered at the SLRT (ASH 39–40)."""

    WILAYAH_DESA_FIELD = "klien__desa"

    class Saluran(models.TextChoices):
        DATANG = "datang_langsung", "Datang langsung"
        PETUGAS_DESA = "petugas_desa", "Melalui petugas desa/kelurahan"
        TELEPON = "telepon", "Telepon"

    class Kebutuhan(models.TextChoices):
        REHABILITASI = "rehabilitasi", "Rehabilitasi sosial"
        JAMINAN = "jaminan", "Jaminan sosial"
        PEMBERDAYAAN = "pemberdayaan", "Pemberdayaan sosial"
        PERLINDUNGAN = "perlindungan", "Perlindungan sosial"
        BANSOS = "bansos", "Bantuan sosial (bansos)"
        KESEHATAN = "kesehatan", "Layanan kesehatan"
        PENDIDIKAN = "pendidikan", "Pendidikan"
        ADMINDUK = "adminduk", "Administrasi kependudukan"
        LAINNYA = "lainnya", "Lainnya"

    class StatusPermintaan(models.TextChoices):
        BARU = "baru", "Baru"
        DIIDENTIFIKASI = "diidentifikasi", "Kebutuhan diidentifikasi"
        DIRUJUK = "dirujuk", "Dalam rujukan"
        SELESAI = "selesai", "Selesai"
        DITUTUP = "ditutup", "Ditutup tanpa rujukan"

    klien = models.ForeignKey(
        Perseorangan, on_delete=models.PROTECT, related_name="psks_permintaan"
    )
    saluran = models.CharField(max_length=16, choices=Saluran.choices)
    tanggal = models.DateField("tanggal permintaan")
    pelapor_nama = models.CharField(
        "nama pelapor", max_length=150, blank=True, help_text="Kosongkan bila klien sendiri."
    )
    pelapor_hubungan = models.CharField("hubungan/jabatan pelapor", max_length=100, blank=True)
    pelapor_telepon = models.CharField("telepon pelapor", max_length=20, blank=True)
    uraian = models.TextField("uraian permasalahan")
    kebutuhan = models.JSONField("kebutuhan teridentifikasi", default=list, blank=True)
    kebutuhan_catatan = models.TextField("catatan identifikasi kebutuhan", blank=True)
    status = models.CharField(
        max_length=16, choices=StatusPermintaan.choices, default=StatusPermintaan.BARU
    )
    alasan_tutup = models.TextField(blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "permintaan layanan SLRT"
        verbose_name_plural = "permintaan layanan SLRT"
        ordering = ["-tanggal", "-pk"]
        indexes = [models.Index(fields=["status", "-tanggal"], name="psks_slrt_status")]
        constraints = [
            models.CheckConstraint(
                name="psks_slrt_tutup_beralasan",
                condition=~Q(status="ditutup") | ~Q(alasan_tutup=""),
            ),
        ]

    def __str__(self):
        return f"SLRT {self.nomor} — {self.klien.nama}"

    @property
    def nomor(self):
        return f"SLRT-{self.tanggal:%Y}-{self.pk:05d}" if self.pk and self.tanggal else "—"

    @property
    def kebutuhan_label(self):
        return labels(self.Kebutuhan.choices, self.kebutuhan)


class Rujukan(models.Model):
    """A referral from the SLRT to a programme of this system or another agency (S7),
    tracked dirujuk → diterima → selesai, or ditolak."""

    WILAYAH_DESA_FIELD = "permintaan__klien__desa"

    class Tujuan(models.TextChoices):
        BANSOS = "bansos", "Permohonan bantuan sosial (bansos)"
        REHABILITASI = "rehabilitasi", "Rehabilitasi sosial"
        JAMINAN = "jaminan", "Jaminan sosial"
        PEMBERDAYAAN = "pemberdayaan", "Pemberdayaan sosial"
        PERLINDUNGAN = "perlindungan", "Perlindungan sosial"
        INSTANSI_LAIN = "instansi_lain", "Instansi/lembaga lain"

    class StatusRujukan(models.TextChoices):
        DIRUJUK = "dirujuk", "Dirujuk"
        DITERIMA = "diterima", "Diterima"
        SELESAI = "selesai", "Selesai"
        DITOLAK = "ditolak", "Ditolak"

    TERBUKA = (StatusRujukan.DIRUJUK, StatusRujukan.DITERIMA)

    permintaan = models.ForeignKey(
        PermintaanLayanan, on_delete=models.PROTECT, related_name="rujukan"
    )
    tujuan = models.CharField(max_length=16, choices=Tujuan.choices)
    instansi = models.CharField(
        "instansi/unit penerima", max_length=200, blank=True, help_text="Wajib untuk instansi lain."
    )
    referensi = models.CharField(
        "nomor referensi",
        max_length=100,
        blank=True,
        help_text="Mis. nomor permohonan bansos atau nomor surat rujukan.",
    )
    keterangan = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=StatusRujukan.choices, default=StatusRujukan.DIRUJUK
    )
    tanggal_rujuk = models.DateField()
    tanggal_diterima = models.DateField(null=True, blank=True)
    tanggal_hasil = models.DateField("tanggal selesai/ditolak", null=True, blank=True)
    hasil = models.TextField(blank=True)
    alasan_tolak = models.TextField(blank=True)
    dirujuk_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "rujukan"
        verbose_name_plural = "rujukan"
        ordering = ["-tanggal_rujuk", "-pk"]
        indexes = [models.Index(fields=["status", "tujuan"], name="psks_rujukan_status")]
        constraints = [
            # One open referral per request and destination: a double click is not two.
            models.UniqueConstraint(
                fields=["permintaan", "tujuan"],
                condition=Q(status__in=["dirujuk", "diterima"]),
                name="psks_rujukan_satu_terbuka_per_tujuan",
            ),
            models.CheckConstraint(
                name="psks_rujukan_instansi_lain_bernama",
                condition=~Q(tujuan="instansi_lain") | ~Q(instansi=""),
            ),
            models.CheckConstraint(
                name="psks_rujukan_tolak_beralasan",
                condition=~Q(status="ditolak")
                | (~Q(alasan_tolak="") & Q(tanggal_hasil__isnull=False)),
            ),
            models.CheckConstraint(
                name="psks_rujukan_diterima_bertanggal",
                condition=~Q(status__in=["diterima", "selesai"])
                | Q(tanggal_diterima__isnull=False),
            ),
            models.CheckConstraint(
                name="psks_rujukan_selesai_bertanggal",
                condition=~Q(status="selesai") | Q(tanggal_hasil__isnull=False),
            ),
        ]

    def __str__(self):
        return f"Rujukan {self.nomor} ke {self.get_tujuan_display()}"

    @property
    def nomor(self):
        return f"RJK-{self.pk:05d}" if self.pk else "—"

    @property
    def terbuka(self):
        return self.status in self.TERBUKA

    @property
    def tujuan_label(self):
        if self.tujuan == self.Tujuan.INSTANSI_LAIN:
            return self.instansi
        if self.instansi:
            return f"{self.get_tujuan_display()} — {self.instansi}"
        return self.get_tujuan_display()

    @property
    def layanan(self):
        """The service of this system that took the referral up, if any."""
        for nama in ("kasus_rehabilitasi", "jaminan_sosial", "pemberdayaan", "perlindungan"):
            try:
                return getattr(self, nama)
            except ObjectDoesNotExist:
                continue
        return None
