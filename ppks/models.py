"""The registry of PMKS/PPKS: R1–R8 of docs/rules.md."""

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone

from dinsos.format import tanggal as fmt_tanggal
from dinsos.models import Desa

from . import nik as nikmod

JENIS_KELAMIN = [("L", "Laki-laki"), ("P", "Perempuan")]
_angka16 = RegexValidator(r"^\d{16}$", "Harus terdiri dari 16 angka.")
_rt_rw = RegexValidator(r"^\d{1,3}$", "RT/RW berupa angka, paling banyak 3 digit.")


class KriteriaASH(models.TextChoices):
    """The six problem criteria of ASH Pasal 6 ayat (2) (R3)."""

    KEMISKINAN = "kemiskinan", "Kemiskinan"
    KETERLANTARAN = "keterlantaran", "Keterlantaran"
    KEDISABILITASAN = "kedisabilitasan", "Kedisabilitasan"
    KETUNAAN_SOSIAL = "ketunaan_sosial", "Ketunaan sosial dan penyimpangan perilaku"
    KORBAN_BENCANA = "korban_bencana", "Korban bencana"
    KORBAN_KEKERASAN = "korban_kekerasan", "Korban tindak kekerasan, eksploitasi, diskriminasi"


class KategoriPMKS(models.Model):
    """One of the 26 PMKS categories of PCT Pasal 3 (R2), with its bounds (R4) as data."""

    kode = models.CharField("huruf", max_length=1, unique=True)
    nama = models.CharField(max_length=150)
    definisi = models.TextField()
    pasal_definisi = models.CharField(max_length=50)
    pasal_kriteria = models.CharField(max_length=50)
    kriteria_ash = models.CharField(
        "kriteria masalah (ASH 6(2))", max_length=20, choices=KriteriaASH.choices
    )
    catatan_ash = models.TextField(blank=True)
    usia_min = models.PositiveSmallIntegerField("usia minimal (tahun)", null=True, blank=True)
    usia_maks = models.PositiveSmallIntegerField("usia maksimal (tahun)", null=True, blank=True)
    jenis_kelamin = models.CharField(max_length=1, choices=JENIS_KELAMIN, blank=True)
    t4 = models.BooleanField("PMKS T4", default=False)
    tanpa_nik_boleh = models.BooleanField("boleh tanpa NIK (R6)", default=False)
    bencana_alam = models.BooleanField(default=False)
    bencana_sosial = models.BooleanField(default=False)
    fakir_miskin = models.BooleanField(default=False)

    class Meta:
        verbose_name = "kategori PMKS"
        verbose_name_plural = "kategori PMKS"
        ordering = ["kode"]

    def __str__(self):
        return f"{self.kode}. {self.nama}"

    @property
    def rujukan(self):
        return (
            f"Perbup Pacitan 1/2018 {self.pasal_definisi} dan {self.pasal_kriteria} "
            f"huruf {self.kode}"
        )

    def cek_batas(self, *, tanggal_lahir: dt.date | None, jenis_kelamin: str, pada: dt.date):
        """R4: the age and sex bounds on the date that matters; raises ValidationError."""
        if self.jenis_kelamin and jenis_kelamin and jenis_kelamin != self.jenis_kelamin:
            raise ValidationError(
                f"Kategori {self.nama} hanya untuk {self.get_jenis_kelamin_display().lower()} "
                f"(aturan R4; {self.rujukan}).",
                code="r4_jenis_kelamin",
            )
        if self.usia_min is None and self.usia_maks is None:
            return
        if tanggal_lahir is None:
            raise ValidationError(
                f"Kategori {self.nama} mensyaratkan batas usia; tanggal lahir wajib diisi "
                f"(aturan R4).",
                code="r4_tanpa_tanggal_lahir",
            )
        umur = usia(tanggal_lahir, pada)
        if (self.usia_min is not None and umur < self.usia_min) or (
            self.usia_maks is not None and umur > self.usia_maks
        ):
            raise ValidationError(
                f"Usia {umur} tahun pada {fmt_tanggal(pada)} di luar batas kategori "
                f"{self.nama} ({self.batas_usia_label}) (aturan R4; {self.rujukan}).",
                code="r4_usia",
            )

    @property
    def batas_usia_label(self):
        if self.usia_min is not None and self.usia_maks is not None:
            if self.usia_min == 0:
                return f"paling tinggi {self.usia_maks} tahun"
            return f"{self.usia_min}–{self.usia_maks} tahun"
        if self.usia_min is not None:
            return f"paling rendah {self.usia_min} tahun"
        if self.usia_maks is not None:
            return f"paling tinggi {self.usia_maks} tahun"
        return "tanpa batas usia"


class KriteriaPMKS(models.Model):
    """One criterion of PCT Pasal 4 for a category (R2)."""

    kategori = models.ForeignKey(KategoriPMKS, on_delete=models.CASCADE, related_name="kriteria")
    huruf = models.CharField(max_length=3)
    teks = models.TextField()

    class Meta:
        verbose_name = "kriteria PMKS"
        verbose_name_plural = "kriteria PMKS"
        ordering = ["kategori__kode", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kategori", "huruf"], name="kriteria_unik_per_kategori")
        ]

    def __str__(self):
        return f"{self.huruf}. {self.teks}"


def usia(lahir: dt.date, pada: dt.date) -> int:
    return pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))


def nomor_registrasi_baru() -> str:
    # R6: every person, NIK or not, gets a registry number that no rule can confuse.
    return "REG-" + secrets.token_hex(5).upper()


class JaminanKesehatan(models.TextChoices):
    """R8 / PCT 5c: whether the person already holds a jaminan sosial for health."""

    TIDAK_ADA = "tidak_ada", "Tidak memiliki"
    PBI = "pbi", "BPJS Kesehatan PBI / KIS"
    NON_PBI = "non_pbi", "BPJS Kesehatan non-PBI"
    LAINNYA = "lainnya", "Jaminan kesehatan lain"
    BELUM_DIKETAHUI = "belum_diketahui", "Belum diketahui"


class StatusDTSEN(models.TextChoices):
    TERDAFTAR = "terdaftar", "Terdaftar di DTSEN"
    TIDAK_TERDAFTAR = "tidak_terdaftar", "Tidak terdaftar"
    BELUM_DIKETAHUI = "belum_diketahui", "Belum diketahui"


class Keluarga(models.Model):
    """A family as one Kartu Keluarga (R1)."""

    WILAYAH_DESA_FIELD = "desa"

    nomor_kk = models.CharField("nomor KK", max_length=16, unique=True, validators=[_angka16])
    kepala = models.ForeignKey(
        "Perseorangan",
        verbose_name="kepala keluarga",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    alamat = models.CharField(max_length=255)
    rt = models.CharField("RT", max_length=3, blank=True, validators=[_rt_rw])
    rw = models.CharField("RW", max_length=3, blank=True, validators=[_rt_rw])
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "keluarga"
        verbose_name_plural = "keluarga"
        ordering = ["nomor_kk"]

    def __str__(self):
        kepala = self.kepala.nama if self.kepala is not None else "tanpa kepala keluarga"
        return f"Keluarga {kepala}"

    def get_absolute_url(self):
        return reverse("ppks:keluarga_detail", args=[self.pk])


class Perseorangan(models.Model):
    """A person in the registry (R1, R5–R8)."""

    WILAYAH_DESA_FIELD = "desa"

    class Hubungan(models.TextChoices):
        KEPALA = "kepala", "Kepala keluarga"
        SUAMI_ISTRI = "suami_istri", "Suami/istri"
        ANAK = "anak", "Anak"
        ORANG_TUA = "orang_tua", "Orang tua/mertua"
        LAINNYA = "lainnya", "Famili lain"

    nomor_registrasi = models.CharField(
        max_length=16, unique=True, default=nomor_registrasi_baru, editable=False
    )
    nik = models.CharField("NIK", max_length=16, unique=True, null=True, blank=True)
    alasan_tanpa_nik = models.TextField(
        "alasan tanpa NIK",
        blank=True,
        help_text="Wajib bila NIK kosong: hanya untuk gelandangan/PMKS T4 tanpa KTP (R6).",
    )
    nomor_kk = models.CharField("nomor KK", max_length=16, blank=True, validators=[_angka16])
    keluarga = models.ForeignKey(
        Keluarga, null=True, blank=True, on_delete=models.SET_NULL, related_name="anggota"
    )
    hubungan_keluarga = models.CharField(max_length=12, choices=Hubungan.choices, blank=True)
    nama = models.CharField(max_length=150)
    tempat_lahir = models.CharField(max_length=100, blank=True)
    tanggal_lahir = models.DateField(null=True, blank=True)
    jenis_kelamin = models.CharField(max_length=1, choices=JENIS_KELAMIN)
    alasan_beda_nik = models.TextField(
        "alasan data berbeda dengan NIK",
        blank=True,
        help_text="Isi bila tanggal lahir atau jenis kelamin sengaja berbeda dari NIK (R5).",
    )
    alamat = models.CharField(max_length=255)
    rt = models.CharField("RT", max_length=3, blank=True, validators=[_rt_rw])
    rw = models.CharField("RW", max_length=3, blank=True, validators=[_rt_rw])
    desa = models.ForeignKey(
        Desa, verbose_name="desa/kelurahan domisili", on_delete=models.PROTECT, related_name="+"
    )
    telepon = models.CharField(max_length=20, blank=True)
    jaminan_kesehatan = models.CharField(
        max_length=16, choices=JaminanKesehatan.choices, default=JaminanKesehatan.BELUM_DIKETAHUI
    )
    nomor_jaminan = models.CharField("nomor kartu jaminan", max_length=20, blank=True)
    status_dtsen = models.CharField(
        "status DTSEN",
        max_length=16,
        choices=StatusDTSEN.choices,
        default=StatusDTSEN.BELUM_DIKETAHUI,
    )
    desil_dtsen = models.PositiveSmallIntegerField(
        "desil kesejahteraan",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    # Specific personal data (UU 27/2022): shown only to roles that need it.
    catatan_disabilitas = models.TextField("keterangan disabilitas", blank=True)
    catatan_kesehatan = models.TextField("keterangan kondisi kesehatan", blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "perseorangan"
        verbose_name_plural = "perseorangan"
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                name="desil_1_sampai_10",
                condition=Q(desil_dtsen__isnull=True) | Q(desil_dtsen__gte=1, desil_dtsen__lte=10),
            ),
            models.CheckConstraint(
                name="nik_16_angka_atau_kosong",
                condition=Q(nik__isnull=True) | Q(nik__regex=r"^[0-9]{16}$"),
            ),
            models.CheckConstraint(
                # R6: a person without NIK must carry the reason.
                name="tanpa_nik_beralasan",
                condition=Q(nik__isnull=False) | ~Q(alasan_tanpa_nik=""),
            ),
        ]
        indexes = [
            models.Index(fields=["desa", "-id"], name="orang_desa_id"),
            models.Index(fields=["status_dtsen", "-id"], name="orang_dtsen_id"),
            models.Index(Upper("nama"), name="orang_nama_upper"),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("ppks:orang_detail", args=[self.pk])

    @property
    def identitas(self):
        return self.nik or self.nomor_registrasi

    def clean(self):
        super().clean()
        errors: dict[str, list[str]] = {}
        self.nik = nikmod.normalisasi(self.nik) or None if self.nik else None
        hari_ini = timezone.localdate()
        if self.tanggal_lahir and self.tanggal_lahir > hari_ini:
            errors["tanggal_lahir"] = ["Tanggal lahir tidak boleh di masa depan."]
        elif self.tanggal_lahir and self.tanggal_lahir.year < hari_ini.year - 130:
            errors["tanggal_lahir"] = ["Tanggal lahir tidak masuk akal (lebih dari 130 tahun)."]
        if self.nik:
            try:
                info = nikmod.urai(self.nik, hari_ini)
            except ValidationError as e:
                errors["nik"] = e.messages
            else:
                # R5: each mismatch sits on the field that disagrees with the NIK, since that
                # is what the officer corrects; the reason field is the way to keep it.
                beda: dict[str, str] = {}
                if self.tanggal_lahir and not nikmod.tanggal_cocok(info, self.tanggal_lahir):
                    beda["tanggal_lahir"] = f"tanggal lahir {fmt_tanggal(info.tanggal_lahir)}"
                if self.jenis_kelamin and info.jenis_kelamin != self.jenis_kelamin:
                    beda["jenis_kelamin"] = (
                        "jenis kelamin " + dict(JENIS_KELAMIN)[info.jenis_kelamin].lower()
                    )
                if not self.alasan_beda_nik.strip():
                    for field, menurut in beda.items():
                        errors.setdefault(field, []).append(
                            f"Data tidak sesuai dengan NIK: menurut NIK, {menurut}. Perbaiki "
                            "data atau isi alasan data berbeda dengan NIK (aturan R5)."
                        )
        elif not self.alasan_tanpa_nik.strip():
            errors["nik"] = [
                "NIK wajib diisi. Tanpa NIK hanya untuk gelandangan atau PMKS T4 tanpa KTP, "
                "dengan alasan yang dicatat (aturan R6; Perbup Pacitan 1/2018 Pasal 4 ayat (10))."
            ]
        if self.nomor_kk and self.keluarga is not None and self.keluarga.nomor_kk != self.nomor_kk:
            errors["nomor_kk"] = ["Nomor KK tidak sama dengan nomor KK keluarga yang dipilih."]
        if errors:
            raise ValidationError(errors)


class Kelompok(models.Model):
    """A named group with members and a chair (R1)."""

    WILAYAH_DESA_FIELD = "desa"

    nama = models.CharField(max_length=150)
    ketua = models.ForeignKey(Perseorangan, on_delete=models.PROTECT, related_name="+")
    anggota = models.ManyToManyField(Perseorangan, related_name="kelompok", blank=True)
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="+")
    alamat = models.CharField(max_length=255, blank=True)
    tanggal_dibentuk = models.DateField(null=True, blank=True)
    nomor_surat_pembentukan = models.CharField(
        "nomor surat keterangan pembentukan dari Lurah/Kades", max_length=100, blank=True
    )
    nama_bank = models.CharField(max_length=100, blank=True)
    nomor_rekening = models.CharField(max_length=30, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kelompok"
        verbose_name_plural = "kelompok"
        ordering = ["nama"]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("ppks:kelompok_detail", args=[self.pk])


class Komunitas(models.Model):
    """Masyarakat/komunitas: people of one place (R1), e.g. a Komunitas Adat Terpencil."""

    WILAYAH_DESA_FIELD = "desa"

    nama = models.CharField(max_length=150)
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="+")
    lokasi = models.CharField("lokasi (dusun/lingkungan)", max_length=255, blank=True)
    jumlah_kk = models.PositiveIntegerField("jumlah KK", default=0)
    jumlah_jiwa = models.PositiveIntegerField(default=0)
    keterangan = models.TextField(blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "komunitas"
        verbose_name_plural = "komunitas"
        ordering = ["nama"]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("ppks:komunitas_detail", args=[self.pk])


class Registrasi(models.Model):
    """A registrant placed in a PMKS category, with the criteria found to hold (R2)."""

    WILAYAH_DESA_FIELD = "desa"

    class Status(models.TextChoices):
        AKTIF = "aktif", "Aktif"
        SELESAI = "selesai", "Tidak lagi PMKS"
        DITOLAK = "ditolak", "Tidak memenuhi"

    class Sumber(models.TextChoices):
        PENDATAAN = "pendataan", "Pendataan/asesmen petugas"
        DTSEN = "dtsen", "DTSEN/DTKS"
        MUSDES = "musdes", "Musyawarah desa/kelurahan"
        RUJUKAN = "rujukan", "Rujukan (SLRT, faskes, lembaga)"
        IMPOR = "impor", "Impor berkas"

    perseorangan = models.ForeignKey(
        Perseorangan, null=True, blank=True, on_delete=models.PROTECT, related_name="registrasi"
    )
    keluarga = models.ForeignKey(
        Keluarga, null=True, blank=True, on_delete=models.PROTECT, related_name="registrasi"
    )
    kelompok = models.ForeignKey(
        Kelompok, null=True, blank=True, on_delete=models.PROTECT, related_name="registrasi"
    )
    komunitas = models.ForeignKey(
        Komunitas, null=True, blank=True, on_delete=models.PROTECT, related_name="registrasi"
    )
    # Copied from the registrant so scoping and the dashboard need no four-way join.
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="+", editable=False)
    kategori = models.ForeignKey(KategoriPMKS, on_delete=models.PROTECT, related_name="+")
    kriteria = models.ManyToManyField(KriteriaPMKS, verbose_name="kriteria yang terpenuhi")
    penilai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="asesor"
    )
    tanggal_asesmen = models.DateField(default=timezone.localdate)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AKTIF)
    sumber_data = models.CharField(max_length=10, choices=Sumber.choices, default=Sumber.PENDATAAN)
    catatan = models.TextField(blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "registrasi PMKS"
        verbose_name_plural = "registrasi PMKS"
        ordering = ["-tanggal_asesmen", "-pk"]
        constraints = [
            models.CheckConstraint(
                # R1: a registration belongs to exactly one kind of registrant.
                name="registrasi_satu_subjek",
                condition=(
                    Q(
                        perseorangan__isnull=False,
                        keluarga__isnull=True,
                        kelompok__isnull=True,
                        komunitas__isnull=True,
                    )
                    | Q(
                        perseorangan__isnull=True,
                        keluarga__isnull=False,
                        kelompok__isnull=True,
                        komunitas__isnull=True,
                    )
                    | Q(
                        perseorangan__isnull=True,
                        keluarga__isnull=True,
                        kelompok__isnull=False,
                        komunitas__isnull=True,
                    )
                    | Q(
                        perseorangan__isnull=True,
                        keluarga__isnull=True,
                        kelompok__isnull=True,
                        komunitas__isnull=False,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["perseorangan", "kategori"],
                condition=Q(status="aktif", perseorangan__isnull=False),
                name="satu_registrasi_aktif_per_orang_kategori",
            ),
        ]
        indexes = [
            models.Index(
                fields=["kategori", "status", "perseorangan"], name="reg_kat_status_orang"
            ),
            models.Index(fields=["desa", "kategori"], name="reg_desa_kat"),
        ]

    def __str__(self):
        return f"{self.subjek} — {self.kategori.nama}"

    def save(self, *args, **kwargs):
        subjek = self.subjek
        if subjek is not None:
            self.desa_id = subjek.desa_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        subjek = self.subjek
        return subjek.get_absolute_url() if subjek is not None else reverse("ppks:daftar")

    @property
    def subjek(self):
        return self.perseorangan or self.keluarga or self.kelompok or self.komunitas

    @property
    def jenis_subjek(self):
        for nama in ("perseorangan", "keluarga", "kelompok", "komunitas"):
            if getattr(self, f"{nama}_id"):
                return nama
        return ""

    def clean(self):
        super().clean()
        subjek = self.subjek
        if subjek is None:
            raise ValidationError(
                "Pilih satu registran: perseorangan, keluarga, kelompok atau komunitas (aturan R1)."
            )
        self.desa_id = subjek.desa_id
        if not self.kategori_id:
            return
        if self.tanggal_asesmen and self.tanggal_asesmen > timezone.localdate():
            raise ValidationError({"tanggal_asesmen": "Tanggal asesmen tidak boleh di masa depan."})
        orang = self.perseorangan if self.perseorangan_id else None
        if orang is not None:
            self.kategori.cek_batas(
                tanggal_lahir=orang.tanggal_lahir,
                jenis_kelamin=orang.jenis_kelamin,
                pada=self.tanggal_asesmen or timezone.localdate(),
            )
            if not orang.nik and not self.kategori.tanpa_nik_boleh:
                raise ValidationError(
                    f"Orang tanpa NIK hanya dapat didaftarkan pada kategori gelandangan atau "
                    f"PMKS T4; {self.kategori.nama} mensyaratkan NIK (aturan R6)."
                )


class BerkasImpor(models.Model):
    """An uploaded import file waiting between preview and confirmation.

    The file lives in the private default storage (never in the session cookie) and is deleted
    once imported or cancelled; the row stays as the record of what was imported, by whom.
    """

    class Status(models.TextChoices):
        PRATINJAU = "pratinjau", "Menunggu konfirmasi"
        SELESAI = "selesai", "Sudah diimpor"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    nama_asli = models.CharField("nama berkas", max_length=255)
    jenis = models.CharField(max_length=4, choices=[("xlsx", "Excel (.xlsx)"), ("csv", "CSV")])
    ukuran = models.PositiveIntegerField("ukuran (bita)")
    sha256 = models.CharField(max_length=64)
    berkas = models.FileField(upload_to="impor/", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PRATINJAU)
    jumlah_baris = models.PositiveIntegerField(default=0)
    jumlah_valid = models.PositiveIntegerField(default=0)
    jumlah_galat = models.PositiveIntegerField("jumlah baris bermasalah", default=0)
    # [[baris, kolom, pesan], ...]; messages never quote a NIK or KK number.
    galat = models.JSONField(default=list, blank=True)
    ringkasan = models.JSONField(default=dict, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "berkas impor"
        verbose_name_plural = "berkas impor"
        ordering = ["-pk"]

    def __str__(self):
        return f"Impor {self.nama_asli}"
