"""Registry of resources (S1, S2) and funding (ASH 41): programmes, workers with their
licences and trainings, institutions with their accreditations and clients."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from dinsos.models import Desa
from ppks.models import Perseorangan

from .pilihan import ASAL_SDM, JENIS_LEMBAGA, JENIS_SDM, STANDAR_PEMBINAAN, SUMBER_DANA

# --- Funding (ASH 41) ------------------------------------------------------------------


class ProgramLayanan(models.Model):
    """A service programme with its source of funds (ASH 41); every service belongs to one."""

    class Jenis(models.TextChoices):
        REHABILITASI = "rehabilitasi", "Rehabilitasi sosial"
        JAMINAN = "jaminan", "Jaminan sosial"
        PEMBERDAYAAN = "pemberdayaan", "Pemberdayaan sosial"
        PERAN_SERTA = "peran_serta", "Peningkatan peran serta lembaga/perseorangan"
        PERLINDUNGAN = "perlindungan", "Perlindungan sosial"

    nama = models.CharField(max_length=200)
    jenis_layanan = models.CharField(max_length=20, choices=Jenis.choices)
    tahun_anggaran = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000)], help_text="Tahun anggaran program."
    )
    sumber_dana = models.CharField("sumber dana (ASH Pasal 41)", max_length=16, choices=SUMBER_DANA)
    pagu = models.DecimalField(
        "pagu anggaran (Rp)",
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    keterangan = models.TextField(blank=True)
    aktif = models.BooleanField(default=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "program layanan"
        verbose_name_plural = "program layanan"
        ordering = ["-tahun_anggaran", "jenis_layanan", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["nama", "tahun_anggaran"], name="psks_program_unik_per_tahun"
            ),
            models.CheckConstraint(
                name="psks_program_pagu_tidak_negatif",
                condition=Q(pagu__isnull=True) | Q(pagu__gte=0),
            ),
        ]

    def __str__(self):
        return f"{self.nama} (TA {self.tahun_anggaran}, {self.get_sumber_dana_display()})"


# --- PSKS: human resources (S1, S2) -----------------------------------------------------


class TenagaSosial(models.Model):
    """Sumber daya manusia of ASH 33: TKS, Pekerja Sosial Profesional, Relawan, Penyuluh.

    A kabupaten-wide record (not scoped by desa): it is visible to the Dinas roles only."""

    class Pendidikan(models.TextChoices):
        SMA = "sma", "SMA/sederajat"
        D3 = "d3", "Diploma III"
        D4_S1 = "s1", "Diploma IV/Sarjana"
        S2 = "s2", "Magister"
        S3 = "s3", "Doktor"
        LAINNYA = "lainnya", "Lainnya"

    PSP = "pekerja_sosial_profesional"

    nama = models.CharField(max_length=150)
    jenis = models.CharField(max_length=30, choices=JENIS_SDM)
    asal = models.CharField("unsur asal (ASH Pasal 33 ayat (2))", max_length=20, choices=ASAL_SDM)
    instansi = models.CharField(
        "instansi/unit kerja", max_length=150, blank=True, help_text="Mis. Dinas Sosial, LKS."
    )
    lembaga = models.ForeignKey(
        "Lembaga",
        verbose_name="lembaga tempat bertugas",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tenaga",
    )
    nip = models.CharField("NIP/nomor induk", max_length=30, blank=True)
    jenis_kelamin = models.CharField(
        max_length=1, choices=[("L", "Laki-laki"), ("P", "Perempuan")], blank=True
    )
    telepon = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    alamat = models.CharField(max_length=255, blank=True)
    desa = models.ForeignKey(
        Desa,
        verbose_name="desa/kelurahan domisili",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pendidikan_terakhir = models.CharField(max_length=10, choices=Pendidikan.choices, blank=True)
    bidang_pendidikan = models.CharField(
        max_length=150, blank=True, help_text="Mis. Kesejahteraan Sosial, Pekerjaan Sosial."
    )
    kualifikasi = models.TextField(
        "kualifikasi pelatihan dan keterampilan",
        blank=True,
        help_text="Pelatihan dan keterampilan di bidang Kesejahteraan Sosial (ASH Pasal 34–37).",
    )
    pengalaman = models.TextField(
        "pengalaman melaksanakan pelayanan sosial",
        help_text="Wajib untuk semua jenis (ASH Pasal 34–37).",
    )
    mulai_bertugas = models.DateField(null=True, blank=True)
    aktif = models.BooleanField(default=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "tenaga/pekerja sosial"
        verbose_name_plural = "tenaga/pekerja sosial"
        ordering = ["nama", "pk"]
        indexes = [models.Index(fields=["jenis", "aktif"], name="psks_sdm_jenis_aktif")]

    def __str__(self):
        return f"{self.nama} ({self.get_jenis_display()})"

    def clean(self):
        super().clean()
        errors = {}
        if not (self.pengalaman or "").strip():
            errors["pengalaman"] = (
                "Pengalaman melaksanakan pelayanan sosial wajib diisi (aturan S1; "
                "Perbup Asahan 53/2022 Pasal 34–37)."
            )
        if self.jenis == self.PSP:
            # ASH 35(1): at least an education qualification in social welfare.
            if not self.pendidikan_terakhir:
                errors["pendidikan_terakhir"] = (
                    "Pekerja Sosial Profesional wajib memiliki kualifikasi pendidikan "
                    "(aturan S1; Perbup Asahan 53/2022 Pasal 35 ayat (1))."
                )
            if not self.bidang_pendidikan.strip():
                errors["bidang_pendidikan"] = (
                    "Isi bidang pendidikan Pekerja Sosial Profesional "
                    "(Perbup Asahan 53/2022 Pasal 35 ayat (1))."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_psp(self):
        return self.jenis == self.PSP


class Lisensi(models.Model):
    """A competence certificate or izin praktik of a Pekerja Sosial Profesional (S2).

    Kept as rows rather than fields on the worker so a renewal does not erase the licence
    that covered earlier work (a stage dated last year is judged by last year's licence)."""

    class Jenis(models.TextChoices):
        SERTIFIKAT = "sertifikat", "Sertifikat kompetensi pekerjaan sosial"
        IZIN_PRAKTIK = "izin_praktik", "Izin praktik pekerjaan sosial"

    tenaga = models.ForeignKey(TenagaSosial, on_delete=models.CASCADE, related_name="lisensi")
    jenis = models.CharField(max_length=12, choices=Jenis.choices)
    nomor = models.CharField(max_length=100)
    penerbit = models.CharField(
        max_length=150, help_text="Izin praktik diterbitkan oleh Menteri (ASH Pasal 35 ayat (3))."
    )
    tanggal_terbit = models.DateField()
    berlaku_sampai = models.DateField()
    dicabut_pada = models.DateField("dicabut/dibekukan sejak", null=True, blank=True)
    alasan_cabut = models.TextField(blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "sertifikat/izin praktik"
        verbose_name_plural = "sertifikat/izin praktik"
        ordering = ["jenis", "-berlaku_sampai"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "nomor"], name="psks_lisensi_nomor_unik"),
            models.CheckConstraint(
                name="psks_lisensi_masa_berlaku",
                condition=Q(berlaku_sampai__gte=models.F("tanggal_terbit")),
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nomor}"

    def clean(self):
        super().clean()
        if self.tenaga_id and not self.tenaga.is_psp:
            raise ValidationError(
                "Sertifikat kompetensi dan izin praktik hanya dicatat untuk Pekerja Sosial "
                "Profesional (aturan S2; Perbup Asahan 53/2022 Pasal 35 ayat (3))."
            )
        if (
            self.tanggal_terbit
            and self.berlaku_sampai
            and self.berlaku_sampai < self.tanggal_terbit
        ):
            raise ValidationError(
                {"berlaku_sampai": "Tanggal berlaku sampai tidak boleh sebelum tanggal terbit."}
            )
        if self.dicabut_pada and not self.alasan_cabut.strip():
            raise ValidationError({"alasan_cabut": "Isi alasan pencabutan."})

    def berlaku_pada(self, tanggal: dt.date) -> bool:
        if self.dicabut_pada and tanggal >= self.dicabut_pada:
            return False
        return self.tanggal_terbit <= tanggal <= self.berlaku_sampai


class Pelatihan(models.Model):
    """Pembinaan teknis of a worker: competence and development standards (ASH 38(2))."""

    tenaga = models.ForeignKey(TenagaSosial, on_delete=models.CASCADE, related_name="pelatihan")
    nama = models.CharField("nama pelatihan/bimbingan teknis", max_length=200)
    standar = models.CharField(
        "standar pembinaan (ASH Pasal 38 ayat (2))", max_length=1, choices=STANDAR_PEMBINAAN
    )
    penyelenggara = models.CharField(max_length=150)
    tanggal_mulai = models.DateField()
    tanggal_selesai = models.DateField()
    jumlah_jam = models.PositiveSmallIntegerField("jumlah jam pelajaran", null=True, blank=True)
    nomor_sertifikat = models.CharField(max_length=100, blank=True)
    keterangan = models.TextField(blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pelatihan"
        verbose_name_plural = "pelatihan"
        ordering = ["-tanggal_mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="psks_pelatihan_tanggal",
                condition=Q(tanggal_selesai__gte=models.F("tanggal_mulai")),
            )
        ]

    def __str__(self):
        return self.nama

    def clean(self):
        super().clean()
        if (
            self.tanggal_mulai
            and self.tanggal_selesai
            and self.tanggal_selesai < self.tanggal_mulai
        ):
            raise ValidationError(
                {"tanggal_selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."}
            )


# --- PSKS: institutions (S1) ------------------------------------------------------------


class Lembaga(models.Model):
    """LK3, Lembaga Kesejahteraan Sosial/organisasi sosial, or Wahana Kesejahteraan Sosial
    (ASH 32 huruf b-d), with its legal data. A kabupaten-wide record."""

    class BadanHukum(models.TextChoices):
        YAYASAN = "yayasan", "Yayasan"
        PERKUMPULAN = "perkumpulan", "Perkumpulan"
        PEMERINTAH = "pemerintah", "Unit pemerintah"
        BELUM = "belum", "Belum berbadan hukum"

    nama = models.CharField(max_length=200)
    jenis = models.CharField(max_length=30, choices=JENIS_LEMBAGA)
    bentuk_organisasi = models.CharField(
        max_length=100, blank=True, help_text="Mis. panti, LKSA, Karang Taruna, PKK."
    )
    bidang_pelayanan = models.CharField(max_length=200, blank=True)
    alamat = models.CharField(max_length=255)
    desa = models.ForeignKey(
        Desa, verbose_name="desa/kelurahan", on_delete=models.PROTECT, related_name="+"
    )
    pimpinan = models.CharField("nama pimpinan/ketua", max_length=150, blank=True)
    telepon = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    badan_hukum = models.CharField(
        "status badan hukum", max_length=12, choices=BadanHukum.choices, default=BadanHukum.BELUM
    )
    nomor_akta = models.CharField("nomor akta pendirian", max_length=100, blank=True)
    tanggal_akta = models.DateField("tanggal akta", null=True, blank=True)
    notaris = models.CharField(max_length=150, blank=True)
    nomor_sk_badan_hukum = models.CharField(
        "nomor SK pengesahan badan hukum", max_length=100, blank=True
    )
    nomor_tanda_daftar = models.CharField(
        "nomor tanda daftar/izin operasional", max_length=100, blank=True
    )
    tanda_daftar_berlaku_sampai = models.DateField(
        "tanda daftar berlaku sampai", null=True, blank=True
    )
    npwp = models.CharField("NPWP", max_length=25, blank=True)
    kapasitas = models.PositiveIntegerField("kapasitas layanan (orang)", null=True, blank=True)
    aktif = models.BooleanField(default=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "lembaga"
        verbose_name_plural = "lembaga"
        ordering = ["nama", "pk"]

    def __str__(self):
        return self.nama

    def clean(self):
        super().clean()
        berbadan = self.badan_hukum in (self.BadanHukum.YAYASAN, self.BadanHukum.PERKUMPULAN)
        if berbadan and not (self.nomor_akta.strip() and self.nomor_sk_badan_hukum.strip()):
            raise ValidationError(
                "Yayasan/perkumpulan wajib mencatat nomor akta pendirian dan nomor SK "
                "pengesahan badan hukumnya (aturan S1)."
            )


class Akreditasi(models.Model):
    """Accreditation of an institution: grade, year, validity (S1)."""

    class Peringkat(models.TextChoices):
        A = "A", "A (sangat baik)"
        B = "B", "B (baik)"
        C = "C", "C (cukup)"

    lembaga = models.ForeignKey(Lembaga, on_delete=models.CASCADE, related_name="akreditasi")
    peringkat = models.CharField(max_length=1, choices=Peringkat.choices)
    tahun = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000)])
    nomor_sertifikat = models.CharField(max_length=100, blank=True)
    pemberi = models.CharField(
        "lembaga pengakreditasi", max_length=150, help_text="Mis. BALKS Kementerian Sosial."
    )
    berlaku_sampai = models.DateField()
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "akreditasi"
        verbose_name_plural = "akreditasi"
        ordering = ["-tahun", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["lembaga", "tahun"], name="psks_akreditasi_per_tahun"),
        ]

    def __str__(self):
        return f"Akreditasi {self.peringkat} ({self.tahun})"

    def clean(self):
        super().clean()
        if self.tahun and self.berlaku_sampai and self.berlaku_sampai.year < self.tahun:
            raise ValidationError(
                {"berlaku_sampai": "Masa berlaku tidak boleh berakhir sebelum tahun akreditasi."}
            )


class KlienLembaga(models.Model):
    """A PPKS served or placed in an institution (the institution's clients, S1)."""

    WILAYAH_DESA_FIELD = "klien__desa"

    lembaga = models.ForeignKey(Lembaga, on_delete=models.PROTECT, related_name="klien")
    klien = models.ForeignKey(
        Perseorangan, on_delete=models.PROTECT, related_name="psks_klien_lembaga"
    )
    tanggal_masuk = models.DateField()
    tanggal_keluar = models.DateField(null=True, blank=True)
    layanan = models.CharField("layanan yang diterima", max_length=200, blank=True)
    keterangan = models.TextField(blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "klien lembaga"
        verbose_name_plural = "klien lembaga"
        ordering = ["-tanggal_masuk", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["lembaga", "klien"],
                condition=Q(tanggal_keluar__isnull=True),
                name="psks_klien_lembaga_satu_aktif",
            ),
            models.CheckConstraint(
                name="psks_klien_lembaga_tanggal",
                condition=Q(tanggal_keluar__isnull=True)
                | Q(tanggal_keluar__gte=models.F("tanggal_masuk")),
            ),
        ]

    def __str__(self):
        return f"{self.klien} di {self.lembaga}"
