"""PSKS and the social services of Perbup Asahan 53/2022 (ASH): RULES.md S1–S7 and ASH 41.

Registry of resources (S1, S2): `TenagaSosial` with its `Lisensi` and `Pelatihan`; `Lembaga`
with its `Akreditasi` and `KlienLembaga`. Funding (ASH 41): `ProgramLayanan`. Services on PPKS:
`KasusRehabilitasi` (S3), `JaminanSosial` (S4), `PemberdayaanSosial` and `PeranSerta` (S5),
`PerlindunganSosial` (S6). SLRT (S7): `PermintaanLayanan` and its `Rujukan`.

Models check the shape of one row; the rules that need other rows (licence on the day, the
client's PPKS criterion, stage order) live in `psks.aturan` and `psks.services`.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from dinsos.models import Desa
from ppks.models import Kelompok, Keluarga, Perseorangan

from .data import asahan


def _pilihan(daftar, huruf=False):
    """(kode, teks) choices with the text capitalised for display; `huruf` prefixes the
    letter of the article so a clerk can find it in the text."""
    hasil = []
    for kode, teks in daftar:
        label = teks[:1].upper() + teks[1:]
        hasil.append((kode, f"{kode}. {label}" if huruf else label))
    return hasil


def _label(daftar, kode):
    return dict(_pilihan(daftar)).get(kode, kode)


JENIS_SDM = _pilihan(asahan.JENIS_PSKS[:4])  # ASH 33(1)
JENIS_LEMBAGA = _pilihan(asahan.JENIS_PSKS[4:])  # ASH 32 huruf b-d
ASAL_SDM = _pilihan(asahan.ASAL_SDM)  # ASH 33(2)
STANDAR_PEMBINAAN = _pilihan(asahan.STANDAR_PEMBINAAN_TEKNIS_SDM)  # ASH 38(2)
SUMBER_DANA = _pilihan(asahan.SUMBER_DANA)  # ASH 41
SASARAN_REHABILITASI = _pilihan(asahan.SASARAN_REHABILITASI, huruf=True)  # ASH 13
BENTUK_REHABILITASI = _pilihan(asahan.BENTUK_REHABILITASI, huruf=True)  # ASH 15(1)
TAHAP_REHABILITASI = _pilihan(asahan.TAHAP_REHABILITASI)  # ASH 15(2), in order
BENTUK_JAMINAN = _pilihan(asahan.BENTUK_JAMINAN_SOSIAL)  # ASH 16(2), 17, 18(1)
CARA_PEMBERDAYAAN = _pilihan(asahan.CARA_PEMBERDAYAAN, huruf=True)  # ASH 20(1)
BENTUK_PEMBERDAYAAN = _pilihan(asahan.BENTUK_PEMBERDAYAAN, huruf=True)  # ASH 20(2)-(3)
TAHAP_PERAN_SERTA = _pilihan(asahan.TAHAP_PEMBERDAYAAN_LEMBAGA)  # ASH 27, in order
JENIS_PERLINDUNGAN = _pilihan(asahan.BENTUK_PERLINDUNGAN_SOSIAL)  # ASH 28(3)
BENTUK_BANTUAN_LANGSUNG = _pilihan(asahan.BENTUK_BANTUAN_LANGSUNG_PERLINDUNGAN, huruf=True)
BENTUK_ADVOKASI = _pilihan(asahan.BENTUK_ADVOKASI_SOSIAL, huruf=True)  # ASH 30(2)
BENTUK_BANTUAN_HUKUM = _pilihan(asahan.BENTUK_BANTUAN_HUKUM)  # ASH 31(2)

# ASH 18(7) lists the stages as persiapan, pendampingan, terminasi, pelaksanaan — terminasi
# before pelaksanaan, which cannot be carried out. RULES.md S4 reads them in the logical order
# below; asahan.TAHAP_JAMINAN_SOSIAL keeps the text's order and is used for labels only.
URUTAN_TAHAP_JAMINAN = ["persiapan", "pendampingan", "pelaksanaan", "terminasi"]
_LABEL_TAHAP_JAMINAN = dict(_pilihan(asahan.TAHAP_JAMINAN_SOSIAL))
TAHAP_JAMINAN = [(k, _LABEL_TAHAP_JAMINAN[k]) for k in URUTAN_TAHAP_JAMINAN]

KRITERIA_PEMBERDAYAAN = {
    # ASH 21(2), 22(2), 23(2): the criteria depend on who is empowered.
    "perseorangan": _pilihan(asahan.KRITERIA_PEMBERDAYAAN_PERSEORANGAN, huruf=True),
    "keluarga": _pilihan(asahan.KRITERIA_PEMBERDAYAAN_KELUARGA, huruf=True),
    "kelompok": _pilihan(asahan.KRITERIA_PEMBERDAYAAN_KELOMPOK, huruf=True),
}
KRITERIA_PERAN_SERTA = {
    "lembaga": _pilihan(asahan.KRITERIA_PEMBINAAN_LEMBAGA, huruf=True),  # ASH 25(2)
    "tenaga": _pilihan(asahan.KRITERIA_PERAN_SERTA_PERSEORANGAN, huruf=True),  # ASH 26(2)
}


def label_tahap(daftar, kode):
    return dict(daftar).get(kode, kode or "—")


def labels(daftar, kode_list):
    d = dict(daftar)
    return [d.get(k, k) for k in (kode_list or [])]


class Status(models.TextChoices):
    """The life of a service to a PPKS."""

    AKTIF = "aktif", "Berjalan"
    SELESAI = "selesai", "Selesai"
    DIHENTIKAN = "dihentikan", "Dihentikan"


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


# --- Services on PPKS (S3–S6) -----------------------------------------------------------


class _Layanan(models.Model):
    """Fields every service to a PPKS shares: programme (and so its funds), dates, status."""

    program = models.ForeignKey(ProgramLayanan, on_delete=models.PROTECT, related_name="+")
    tanggal_mulai = models.DateField()
    tanggal_selesai = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AKTIF)
    catatan = models.TextField(blank=True)
    hasil = models.TextField("hasil/alasan penghentian", blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def sumber_dana(self):
        return self.program.get_sumber_dana_display()


class KasusRehabilitasi(_Layanan):
    """A rehabilitasi sosial case (S3; ASH 12–15)."""

    WILAYAH_DESA_FIELD = "klien__desa"
    URUTAN = [k for k, _ in TAHAP_REHABILITASI]

    class Setting(models.TextChoices):
        # ASH 14: "dalam Keluarga, masyarakat, dan Lembaga Kesejahteraan Sosial".
        KELUARGA = "keluarga", "Dalam keluarga"
        MASYARAKAT = "masyarakat", "Dalam masyarakat"
        LKS = "lks", "Dalam Lembaga Kesejahteraan Sosial"

    klien = models.ForeignKey(
        Perseorangan, on_delete=models.PROTECT, related_name="psks_rehabilitasi"
    )
    sasaran = models.CharField("sasaran (ASH Pasal 13)", max_length=1, choices=SASARAN_REHABILITASI)
    setting = models.CharField("tempat pelaksanaan", max_length=12, choices=Setting.choices)
    lembaga = models.ForeignKey(
        Lembaga, null=True, blank=True, on_delete=models.PROTECT, related_name="kasus_rehabilitasi"
    )
    bentuk = models.JSONField("bentuk rehabilitasi (ASH Pasal 15 ayat (1))", default=list)
    pekerja = models.ForeignKey(
        TenagaSosial,
        verbose_name="pekerja sosial profesional",
        on_delete=models.PROTECT,
        related_name="kasus_rehabilitasi",
    )
    rujukan = models.OneToOneField(
        Rujukan,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kasus_rehabilitasi",
    )
    tahap_terakhir = models.CharField(max_length=30, blank=True, choices=TAHAP_REHABILITASI)

    class Meta:
        verbose_name = "kasus rehabilitasi sosial"
        verbose_name_plural = "kasus rehabilitasi sosial"
        ordering = ["-tanggal_mulai", "-pk"]
        indexes = [models.Index(fields=["status", "tahap_terakhir"], name="psks_rhb_status")]
        constraints = [
            models.CheckConstraint(
                # ASH 14: a case in an LKS names the institution; other settings do not.
                name="psks_rhb_lks_berlembaga",
                condition=(Q(setting="lks") & Q(lembaga__isnull=False))
                | (~Q(setting="lks") & Q(lembaga__isnull=True)),
            ),
            models.CheckConstraint(
                name="psks_rhb_selesai_bertanggal",
                condition=Q(status="aktif") | Q(tanggal_selesai__isnull=False),
            ),
        ]

    def __str__(self):
        return f"Rehabilitasi {self.nomor} — {self.klien.nama}"

    @property
    def nomor(self):
        return f"RHB-{self.pk:05d}" if self.pk else "—"

    @property
    def bentuk_label(self):
        return labels(BENTUK_REHABILITASI, self.bentuk)

    @property
    def tahap_berikut(self):
        if self.status != Status.AKTIF:
            return ""
        i = self.URUTAN.index(self.tahap_terakhir) + 1 if self.tahap_terakhir else 0
        return self.URUTAN[i] if i < len(self.URUTAN) else ""

    @property
    def tahap_berikut_label(self):
        return label_tahap(TAHAP_REHABILITASI, self.tahap_berikut)

    @property
    def kemajuan(self):
        if not self.tahap_terakhir:
            return 0
        return round(100 * (self.URUTAN.index(self.tahap_terakhir) + 1) / len(self.URUTAN))


def _urutan_cocok(urutan: list[str]) -> Q:
    """DB check that a stage row's `urutan` is its position in the regulation's order."""
    q = Q(tahap=urutan[0], urutan=1)
    for i, kode in enumerate(urutan[1:], start=2):
        q |= Q(tahap=kode, urutan=i)
    return q


class _Tahap(models.Model):
    urutan = models.PositiveSmallIntegerField()
    tanggal = models.DateField()
    catatan = models.TextField(blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class TahapRehabilitasi(_Tahap):
    """One dated stage of ASH 15(2) in a case."""

    kasus = models.ForeignKey(KasusRehabilitasi, on_delete=models.PROTECT, related_name="tahap")
    tahap = models.CharField(max_length=30, choices=TAHAP_REHABILITASI)
    petugas = models.ForeignKey(
        TenagaSosial,
        verbose_name="pekerja sosial",
        on_delete=models.PROTECT,
        related_name="tahap_rehabilitasi",
    )

    class Meta:
        verbose_name = "tahap rehabilitasi"
        verbose_name_plural = "tahap rehabilitasi"
        ordering = ["kasus", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["kasus", "tahap"], name="psks_rhb_tahap_sekali"),
            models.UniqueConstraint(fields=["kasus", "urutan"], name="psks_rhb_urutan_sekali"),
            models.CheckConstraint(
                name="psks_rhb_urutan_sesuai_tahap",
                condition=_urutan_cocok(KasusRehabilitasi.URUTAN),
            ),
        ]

    def __str__(self):
        return f"{self.get_tahap_display()} ({self.tanggal})"


class JaminanSosial(_Layanan):
    """Jaminan sosial for a PPKS with the kemiskinan criterion (S4; ASH 16–18)."""

    WILAYAH_DESA_FIELD = "klien__desa"
    URUTAN = URUTAN_TAHAP_JAMINAN
    SEMENTARA = "bantuan_langsung_sementara"

    klien = models.ForeignKey(Perseorangan, on_delete=models.PROTECT, related_name="psks_jaminan")
    bentuk = models.CharField(max_length=32, choices=BENTUK_JAMINAN)
    nomor_peserta = models.CharField(
        "nomor peserta/kartu", max_length=30, blank=True, help_text="Untuk bantuan iuran."
    )
    nominal = models.DecimalField(
        "nilai per periode (Rp)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    pendamping = models.ForeignKey(
        TenagaSosial, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rujukan = models.OneToOneField(
        Rujukan, null=True, blank=True, on_delete=models.PROTECT, related_name="jaminan_sosial"
    )
    tahap_terakhir = models.CharField(max_length=16, blank=True, choices=TAHAP_JAMINAN)

    class Meta:
        verbose_name = "jaminan sosial"
        verbose_name_plural = "jaminan sosial"
        ordering = ["-tanggal_mulai", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["klien", "bentuk"],
                condition=Q(status="aktif"),
                name="psks_jaminan_satu_aktif_per_bentuk",
            ),
            models.CheckConstraint(
                # ASH 18(1): "sementara" has an end.
                name="psks_jaminan_sementara_berakhir",
                condition=~Q(bentuk="bantuan_langsung_sementara")
                | Q(tanggal_selesai__isnull=False),
            ),
            models.CheckConstraint(
                name="psks_jaminan_nominal_tidak_negatif",
                condition=Q(nominal__isnull=True) | Q(nominal__gte=0),
            ),
        ]

    def __str__(self):
        return f"Jaminan sosial {self.nomor} — {self.klien.nama}"

    @property
    def nomor(self):
        return f"JMS-{self.pk:05d}" if self.pk else "—"

    @property
    def tahap_berikut(self):
        if self.status != Status.AKTIF:
            return ""
        i = self.URUTAN.index(self.tahap_terakhir) + 1 if self.tahap_terakhir else 0
        return self.URUTAN[i] if i < len(self.URUTAN) else ""

    @property
    def tahap_berikut_label(self):
        return label_tahap(TAHAP_JAMINAN, self.tahap_berikut)


class TahapJaminan(_Tahap):
    jaminan = models.ForeignKey(JaminanSosial, on_delete=models.PROTECT, related_name="tahap")
    tahap = models.CharField(max_length=16, choices=TAHAP_JAMINAN)

    class Meta:
        verbose_name = "tahap jaminan sosial"
        verbose_name_plural = "tahap jaminan sosial"
        ordering = ["jaminan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["jaminan", "tahap"], name="psks_jms_tahap_sekali"),
            models.UniqueConstraint(fields=["jaminan", "urutan"], name="psks_jms_urutan_sekali"),
            models.CheckConstraint(
                name="psks_jms_urutan_sesuai_tahap",
                condition=_urutan_cocok(URUTAN_TAHAP_JAMINAN),
            ),
        ]

    def __str__(self):
        return f"{self.get_tahap_display()} ({self.tanggal})"


class PemberdayaanSosial(_Layanan):
    """Pemberdayaan sosial of a person, family or group (S5; ASH 19 huruf a, 20–23)."""

    WILAYAH_DESA_FIELD = "desa"

    perseorangan = models.ForeignKey(
        Perseorangan,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="psks_pemberdayaan",
    )
    keluarga = models.ForeignKey(
        Keluarga, null=True, blank=True, on_delete=models.PROTECT, related_name="psks_pemberdayaan"
    )
    kelompok = models.ForeignKey(
        Kelompok, null=True, blank=True, on_delete=models.PROTECT, related_name="psks_pemberdayaan"
    )
    # Copied from the subject (families and groups have no single person to follow).
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="+", editable=False)
    cara = models.JSONField("cara pemberdayaan (ASH Pasal 20 ayat (1))", default=list)
    bentuk = models.JSONField("bentuk (ASH Pasal 20 ayat (2)–(3))", default=list, blank=True)
    kriteria = models.JSONField("kriteria yang terpenuhi (ASH Pasal 21–23)", default=list)
    pendamping = models.ForeignKey(
        TenagaSosial, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rujukan = models.OneToOneField(
        Rujukan, null=True, blank=True, on_delete=models.PROTECT, related_name="pemberdayaan"
    )

    class Meta:
        verbose_name = "pemberdayaan sosial"
        verbose_name_plural = "pemberdayaan sosial"
        ordering = ["-tanggal_mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="psks_pemberdayaan_satu_subjek",
                condition=Q(
                    perseorangan__isnull=False, keluarga__isnull=True, kelompok__isnull=True
                )
                | Q(perseorangan__isnull=True, keluarga__isnull=False, kelompok__isnull=True)
                | Q(perseorangan__isnull=True, keluarga__isnull=True, kelompok__isnull=False),
            ),
            models.CheckConstraint(
                name="psks_pemberdayaan_selesai_bertanggal",
                condition=Q(status="aktif") | Q(tanggal_selesai__isnull=False),
            ),
        ]

    def __str__(self):
        return f"Pemberdayaan {self.nomor} — {self.subjek}"

    def save(self, *args, **kwargs):
        if self.subjek is not None:
            self.desa_id = self.subjek.desa_id
        super().save(*args, **kwargs)

    @property
    def nomor(self):
        return f"PBS-{self.pk:05d}" if self.pk else "—"

    @property
    def subjek(self):
        return self.perseorangan or self.keluarga or self.kelompok

    @property
    def jenis_subjek(self):
        for nama in ("perseorangan", "keluarga", "kelompok"):
            if getattr(self, f"{nama}_id"):
                return nama
        return ""

    @property
    def cara_label(self):
        return labels(CARA_PEMBERDAYAAN, self.cara)

    @property
    def bentuk_label(self):
        return labels(BENTUK_PEMBERDAYAAN, self.bentuk)

    @property
    def kriteria_label(self):
        return labels(KRITERIA_PEMBERDAYAAN.get(self.jenis_subjek, []), self.kriteria)


class PeranSerta(models.Model):
    """Peningkatan peran serta of an institution or a volunteer (S5; ASH 19 huruf b, 24–27),
    carried through the stages of ASH 27. A kabupaten-wide record."""

    URUTAN = [k for k, _ in TAHAP_PERAN_SERTA]

    nama_kegiatan = models.CharField(max_length=200)
    lembaga = models.ForeignKey(
        Lembaga, null=True, blank=True, on_delete=models.PROTECT, related_name="peran_serta"
    )
    tenaga = models.ForeignKey(
        TenagaSosial,
        verbose_name="perseorangan (relawan/tenaga)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="peran_serta",
    )
    kriteria = models.JSONField("kriteria yang terpenuhi (ASH Pasal 25–26)", default=list)
    cara = models.JSONField("cara pemberdayaan (ASH Pasal 20 ayat (1))", default=list, blank=True)
    bentuk = models.JSONField("bentuk (ASH Pasal 20 ayat (2)–(3))", default=list, blank=True)
    program = models.ForeignKey(ProgramLayanan, on_delete=models.PROTECT, related_name="+")
    tanggal_mulai = models.DateField()
    tanggal_selesai = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AKTIF)
    tahap_terakhir = models.CharField(max_length=30, blank=True, choices=TAHAP_PERAN_SERTA)
    catatan = models.TextField(blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "peningkatan peran serta"
        verbose_name_plural = "peningkatan peran serta"
        ordering = ["-tanggal_mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="psks_peran_serta_satu_sasaran",
                condition=Q(lembaga__isnull=False, tenaga__isnull=True)
                | Q(lembaga__isnull=True, tenaga__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.nama_kegiatan} — {self.sasaran}"

    @property
    def nomor(self):
        return f"PRS-{self.pk:05d}" if self.pk else "—"

    @property
    def sasaran(self):
        return self.lembaga or self.tenaga

    @property
    def jenis_sasaran(self):
        return "lembaga" if self.lembaga_id else "tenaga"

    @property
    def kriteria_label(self):
        return labels(KRITERIA_PERAN_SERTA[self.jenis_sasaran], self.kriteria)

    @property
    def cara_label(self):
        return labels(CARA_PEMBERDAYAAN, self.cara)

    @property
    def bentuk_label(self):
        return labels(BENTUK_PEMBERDAYAAN, self.bentuk)

    @property
    def sumber_dana(self):
        return self.program.get_sumber_dana_display()

    @property
    def tahap_berikut(self):
        if self.status != Status.AKTIF:
            return ""
        i = self.URUTAN.index(self.tahap_terakhir) + 1 if self.tahap_terakhir else 0
        return self.URUTAN[i] if i < len(self.URUTAN) else ""

    @property
    def tahap_berikut_label(self):
        return label_tahap(TAHAP_PERAN_SERTA, self.tahap_berikut)


class TahapPeranSerta(_Tahap):
    kegiatan = models.ForeignKey(PeranSerta, on_delete=models.PROTECT, related_name="tahap")
    tahap = models.CharField(max_length=30, choices=TAHAP_PERAN_SERTA)

    class Meta:
        verbose_name = "tahap peran serta"
        verbose_name_plural = "tahap peran serta"
        ordering = ["kegiatan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "tahap"], name="psks_prs_tahap_sekali"),
            models.UniqueConstraint(fields=["kegiatan", "urutan"], name="psks_prs_urutan_sekali"),
            models.CheckConstraint(
                name="psks_prs_urutan_sesuai_tahap",
                condition=_urutan_cocok(PeranSerta.URUTAN),
            ),
        ]

    def __str__(self):
        return f"{self.get_tahap_display()} ({self.tanggal})"


class PerlindunganSosial(_Layanan):
    """Perlindungan sosial (S6; ASH 28–31): bantuan langsung, advokasi sosial, bantuan hukum."""

    WILAYAH_DESA_FIELD = "klien__desa"

    class Jenis(models.TextChoices):
        BANTUAN_LANGSUNG = "a", "Bantuan langsung"
        ADVOKASI = "b", "Advokasi sosial"
        BANTUAN_HUKUM = "c", "Fasilitasi bantuan hukum"

    BENTUK_PER_JENIS = {
        "a": BENTUK_BANTUAN_LANGSUNG,  # ASH 29(2)
        "b": BENTUK_ADVOKASI,  # ASH 30(2)
        "c": BENTUK_BANTUAN_HUKUM,  # ASH 31(2)
    }

    klien = models.ForeignKey(
        Perseorangan, on_delete=models.PROTECT, related_name="psks_perlindungan"
    )
    jenis = models.CharField(max_length=1, choices=Jenis.choices)
    bentuk = models.JSONField(default=list)
    nominal = models.DecimalField(
        "nilai bantuan uang (Rp)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    pelaksana = models.CharField(
        "pelaksana/pemberi layanan",
        max_length=200,
        blank=True,
        help_text="Mis. LBH pemberi bantuan hukum, rumah singgah.",
    )
    rujukan = models.OneToOneField(
        Rujukan, null=True, blank=True, on_delete=models.PROTECT, related_name="perlindungan"
    )

    class Meta:
        verbose_name = "perlindungan sosial"
        verbose_name_plural = "perlindungan sosial"
        ordering = ["-tanggal_mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                # ASH 29(2): bantuan langsung is temporary, so it carries its end date.
                name="psks_perlindungan_bantuan_langsung_berakhir",
                condition=~Q(jenis="a") | Q(tanggal_selesai__isnull=False),
            ),
            models.CheckConstraint(
                name="psks_perlindungan_tanggal",
                condition=Q(tanggal_selesai__isnull=True)
                | Q(tanggal_selesai__gte=models.F("tanggal_mulai")),
            ),
            models.CheckConstraint(
                name="psks_perlindungan_nominal_tidak_negatif",
                condition=Q(nominal__isnull=True) | Q(nominal__gte=0),
            ),
        ]

    def __str__(self):
        return f"Perlindungan {self.nomor} — {self.klien.nama}"

    @property
    def nomor(self):
        return f"PLS-{self.pk:05d}" if self.pk else "—"

    @property
    def bentuk_label(self):
        return labels(self.BENTUK_PER_JENIS.get(self.jenis, []), self.bentuk)
