"""Services on PPKS (S3–S6) and their dated stages."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from dinsos.models import Desa
from ppks.models import Kelompok, Keluarga, Perseorangan

from .pilihan import (
    BENTUK_ADVOKASI,
    BENTUK_BANTUAN_HUKUM,
    BENTUK_BANTUAN_LANGSUNG,
    BENTUK_JAMINAN,
    BENTUK_PEMBERDAYAAN,
    BENTUK_REHABILITASI,
    CARA_PEMBERDAYAAN,
    KRITERIA_PEMBERDAYAAN,
    KRITERIA_PERAN_SERTA,
    SASARAN_REHABILITASI,
    TAHAP_JAMINAN,
    TAHAP_PERAN_SERTA,
    TAHAP_REHABILITASI,
    URUTAN_TAHAP_JAMINAN,
    Status,
    label_tahap,
    labels,
)
from .slrt import Rujukan
from .sumber import Lembaga, ProgramLayanan, TenagaSosial

# --- Services on PPKS (S3–S6) -----------------------------------------------------------


class _Bernomor:
    """The number a clerk quotes for a record: `AWALAN` and the zero-padded key."""

    AWALAN = ""
    pk: int | None

    @property
    def nomor(self) -> str:
        return f"{self.AWALAN}-{self.pk:05d}" if self.pk else "—"


class _Bertahap(_Bernomor):
    """A service carried through the regulation's stages, in order (S3, S4, S5): `TAHAP` is
    the (code, label) list in that order."""

    TAHAP: list[tuple[str, str]] = []
    URUTAN: list[str] = []
    status: str
    tahap_terakhir: str

    @property
    def tahap_berikut(self) -> str:
        if self.status != Status.AKTIF:
            return ""
        i = self.URUTAN.index(self.tahap_terakhir) + 1 if self.tahap_terakhir else 0
        return self.URUTAN[i] if i < len(self.URUTAN) else ""

    @property
    def tahap_berikut_label(self) -> str:
        return label_tahap(self.TAHAP, self.tahap_berikut)


class _Layanan(_Bernomor, models.Model):
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


class KasusRehabilitasi(_Bertahap, _Layanan):
    """A rehabilitasi sosial case (S3; ASH 12–15)."""

    WILAYAH_DESA_FIELD = "klien__desa"
    AWALAN = "RHB"
    TAHAP = TAHAP_REHABILITASI
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
    def bentuk_label(self):
        return labels(BENTUK_REHABILITASI, self.bentuk)

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


def _batasan_tahap(fk: str, singkat: str, urutan: list[str]) -> list[models.BaseConstraint]:
    """Each stage once, each position once, and the position the regulation gives it."""
    return [
        models.UniqueConstraint(fields=[fk, "tahap"], name=f"psks_{singkat}_tahap_sekali"),
        models.UniqueConstraint(fields=[fk, "urutan"], name=f"psks_{singkat}_urutan_sekali"),
        models.CheckConstraint(
            name=f"psks_{singkat}_urutan_sesuai_tahap", condition=_urutan_cocok(urutan)
        ),
    ]


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

    def __str__(self) -> str:
        # Each stage model declares its own `tahap` field with the regulation's choices.
        label = self.get_tahap_display()  # type: ignore[attr-defined]
        return f"{label} ({self.tanggal})"


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
        constraints = _batasan_tahap("kasus", "rhb", [k for k, _ in TAHAP_REHABILITASI])


class JaminanSosial(_Bertahap, _Layanan):
    """Jaminan sosial for a PPKS with the kemiskinan criterion (S4; ASH 16–18)."""

    WILAYAH_DESA_FIELD = "klien__desa"
    AWALAN = "JMS"
    TAHAP = TAHAP_JAMINAN
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


class TahapJaminan(_Tahap):
    jaminan = models.ForeignKey(JaminanSosial, on_delete=models.PROTECT, related_name="tahap")
    tahap = models.CharField(max_length=16, choices=TAHAP_JAMINAN)

    class Meta:
        verbose_name = "tahap jaminan sosial"
        verbose_name_plural = "tahap jaminan sosial"
        ordering = ["jaminan", "urutan"]
        constraints = _batasan_tahap("jaminan", "jms", URUTAN_TAHAP_JAMINAN)


class PemberdayaanSosial(_Layanan):
    """Pemberdayaan sosial of a person, family or group (S5; ASH 19 huruf a, 20–23)."""

    WILAYAH_DESA_FIELD = "desa"
    AWALAN = "PBS"

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


class PeranSerta(_Bertahap, models.Model):
    """Peningkatan peran serta of an institution or a volunteer (S5; ASH 19 huruf b, 24–27),
    carried through the stages of ASH 27. A kabupaten-wide record."""

    AWALAN = "PRS"
    TAHAP = TAHAP_PERAN_SERTA
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


class TahapPeranSerta(_Tahap):
    kegiatan = models.ForeignKey(PeranSerta, on_delete=models.PROTECT, related_name="tahap")
    tahap = models.CharField(max_length=30, choices=TAHAP_PERAN_SERTA)

    class Meta:
        verbose_name = "tahap peran serta"
        verbose_name_plural = "tahap peran serta"
        ordering = ["kegiatan", "urutan"]
        constraints = _batasan_tahap("kegiatan", "prs", [k for k, _ in TAHAP_PERAN_SERTA])


class PerlindunganSosial(_Layanan):
    """Perlindungan sosial (S6; ASH 28–31): bantuan langsung, advokasi sosial, bantuan hukum."""

    WILAYAH_DESA_FIELD = "klien__desa"
    AWALAN = "PLS"

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
    def bentuk_label(self):
        return labels(self.BENTUK_PER_JENIS.get(self.jenis, []), self.bentuk)
