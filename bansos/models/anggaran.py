"""Rules and money as data: the jenis of bansos (B1), the yearly rules of PCT Pasal 6 (B2, B3,
B6), the pagu per source of funds (B8) and the health facilities that apply for pengobatan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from dinsos.format import rupiah
from dinsos.models import Desa, Kecamatan
from ppks.models import KategoriPMKS

from ..errors import AturanBelumDitetapkan

PCT = "Perbup Pacitan 1/2018"
NOL = Decimal("0")


def _uang(verbose_name: str, **kw: Any) -> Any:
    """Rupiah amounts: 2 decimals (letters print "Rp 2.000.000,00"), never negative."""
    return models.DecimalField(
        verbose_name, max_digits=15, decimal_places=2, validators=[MinValueValidator(0)], **kw
    )


class JenisBansos(models.TextChoices):
    """B1 / PCT Pasal 5: the three kinds of bansos."""

    BIAYA_HIDUP = "biaya_hidup", "Bantuan biaya hidup sehari-hari"
    PERMODALAN_USAHA = "permodalan_usaha", "Bantuan permodalan usaha"
    PENGOBATAN = "pengobatan", "Bantuan biaya pengobatan dan perawatan"


KODE_JENIS: dict[str, str] = {
    JenisBansos.BIAYA_HIDUP: "BH",
    JenisBansos.PERMODALAN_USAHA: "PU",
    JenisBansos.PENGOBATAN: "PB",
}

# The article of PCT 6(1) that sets each jenis's ceiling, for messages (B2).
PASAL_BATAS: dict[str, str] = {
    JenisBansos.BIAYA_HIDUP: "Pasal 6 ayat (1) huruf a",
    JenisBansos.PERMODALAN_USAHA: "Pasal 6 ayat (1) huruf b",
    JenisBansos.PENGOBATAN: "Pasal 6 ayat (1) huruf c angka 2",
}
LABEL_BATAS: dict[str, str] = {
    JenisBansos.BIAYA_HIDUP: "biaya hidup",
    JenisBansos.PERMODALAN_USAHA: "permodalan usaha",
    JenisBansos.PENGOBATAN: "biaya pengobatan",
}


# --------------------------------------------------------------------------------------------
# Rules as data
# --------------------------------------------------------------------------------------------


class AturanTahunan(models.Model):
    """The figures and readings of PCT Pasal 6 for one Tahun Anggaran (B2, B3, B6).

    Created with the PCT values by `bansos.aturan.aturan_tetapkan(tahun)` (the migration for the
    current year, the first application of a year, the demo); the Administrator edits them in
    the admin (another kabupaten, or a revised Perbup, sets its own figures). Reading a year's
    rules (`AturanTahunan.baca`) never creates them.
    """

    class Lingkup(models.TextChoices):
        PER_JENIS = "per_jenis", "Sekali per jenis bansos per tahun anggaran"
        SEMUA_JENIS = "semua_jenis", "Sekali untuk semua jenis bansos per tahun anggaran"

    tahun_anggaran = models.PositiveSmallIntegerField(unique=True)
    batas_biaya_hidup = _uang("batas biaya hidup per tahun (PCT 6(1)a)", default=2_000_000)
    batas_permodalan = _uang("batas permodalan usaha per tahun (PCT 6(1)b)", default=5_000_000)
    batas_pengobatan = _uang("batas biaya pengobatan per tahun (PCT 6(1)c.2)", default=7_500_000)
    batas_tunai_permodalan = _uang(
        "batas pencairan tunai permodalan usaha (PCT 9e)", default=2_000_000
    )
    sekali_setahun_lingkup = models.CharField(
        "lingkup sekali setahun (PCT 6(3))",
        max_length=12,
        choices=Lingkup.choices,
        default=Lingkup.PER_JENIS,
        help_text="Pembacaan aturan B3: per jenis (bawaan) atau satu bansos jenis apa pun.",
    )
    kategori_sesuai_biaya = models.ManyToManyField(
        KategoriPMKS,
        verbose_name="kategori yang biaya pengobatannya sesuai biaya perawatan (PCT 6(1)c.1, 6(2))",
        related_name="+",
        blank=True,
    )
    kategori_bebas_sekali_setahun = models.ManyToManyField(
        KategoriPMKS,
        verbose_name="kategori yang boleh menerima lebih dari sekali setahun (PCT 6(3))",
        related_name="+",
        blank=True,
    )
    dasar_hukum = models.CharField(
        max_length=255, default="Peraturan Bupati Pacitan Nomor 1 Tahun 2018"
    )
    catatan = models.TextField(blank=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "aturan tahunan bansos"
        verbose_name_plural = "aturan tahunan bansos"
        ordering = ["-tahun_anggaran"]
        constraints = [
            models.CheckConstraint(
                name="aturan_batas_tidak_negatif",
                condition=Q(batas_biaya_hidup__gte=0)
                & Q(batas_permodalan__gte=0)
                & Q(batas_pengobatan__gte=0)
                & Q(batas_tunai_permodalan__gte=0),
            )
        ]

    def __str__(self) -> str:
        return f"Aturan bansos TA {self.tahun_anggaran}"

    @classmethod
    def baca(cls, tahun: int) -> AturanTahunan:
        """The rules of Tahun Anggaran `tahun`; a year nobody has set up is refused, not made."""
        aturan = cls.objects.filter(tahun_anggaran=tahun).first()
        if aturan is None:
            raise AturanBelumDitetapkan(
                f"Aturan bansos tahun anggaran {tahun} belum ditetapkan; Administrator "
                "menetapkannya pada halaman administrasi (aturan B2, B3, B6).",
                code="aturan_belum_ada",
            )
        return aturan

    def batas_untuk(self, jenis: str) -> Decimal:
        batas: dict[str, Decimal] = {
            JenisBansos.BIAYA_HIDUP: self.batas_biaya_hidup,
            JenisBansos.PERMODALAN_USAHA: self.batas_permodalan,
            JenisBansos.PENGOBATAN: self.batas_pengobatan,
        }
        return batas[jenis]

    def sesuai_biaya(self, kategori_id: int) -> bool:
        """PCT 6(1)c.1: pengobatan paid at cost for this category (no ceiling)."""
        return self.kategori_sesuai_biaya.filter(pk=kategori_id).exists()

    def bebas_sekali_setahun(self, kategori_id: int) -> bool:
        """PCT 6(3): this category may receive more than once in a TA (korban bencana alam)."""
        return self.kategori_bebas_sekali_setahun.filter(pk=kategori_id).exists()


class SumberDana(models.TextChoices):
    """B8 / ASH 18(3), 41: the lawful sources of bansos funds."""

    APBN = "apbn", "APBN"
    APBD_PROVINSI = "apbd_provinsi", "APBD Provinsi"
    APBD = "apbd", "APBD Kabupaten"
    LAINNYA = "lainnya", "Sumber lain yang sah"


class Pagu(models.Model):
    """B8: the budget of one jenis in one TA from one source.

    Reading: the limit for a jenis in a TA is the SUM of its pagu rows over all sources; a
    rekomendasi does not pick a source (the regulation ties no application to one). The services
    lock every pagu row of the TA and jenis (`select_for_update`) before comparing, so two
    concurrent recommendations cannot both take the last rupiah.
    """

    tahun_anggaran = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=20, choices=JenisBansos.choices)
    sumber_dana = models.CharField(max_length=16, choices=SumberDana.choices)
    jumlah = _uang("jumlah pagu")
    keterangan = models.CharField("keterangan (mis. nomor DPA)", max_length=255, blank=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "pagu bansos"
        verbose_name_plural = "pagu bansos"
        ordering = ["-tahun_anggaran", "jenis", "sumber_dana"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun_anggaran", "jenis", "sumber_dana"],
                name="pagu_unik_per_ta_jenis_sumber",
                violation_error_message="Pagu untuk tahun, jenis dan sumber dana ini sudah ada.",
            ),
            models.CheckConstraint(name="pagu_tidak_negatif", condition=Q(jumlah__gte=0)),
        ]

    def __str__(self) -> str:
        return (
            f"Pagu {self.get_jenis_display()} TA {self.tahun_anggaran} "
            f"({self.get_sumber_dana_display()}): {rupiah(self.jumlah)}"
        )


class Faskes(models.Model):
    """A Puskesmas or RSUD that applies for pengobatan and is paid by pemindahbukuan (PCT 11)."""

    class Jenis(models.TextChoices):
        PUSKESMAS = "puskesmas", "Puskesmas"
        RSUD = "rsud", "Rumah Sakit Umum Daerah"

    nama = models.CharField(max_length=150)
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    desa = models.ForeignKey(
        Desa, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    alamat = models.CharField(max_length=255, blank=True)
    nama_bank = models.CharField(max_length=100)
    nomor_rekening = models.CharField("nomor rekening bendahara penerimaan", max_length=30)
    nama_rekening = models.CharField("nama pemilik rekening", max_length=150)
    nama_bendahara = models.CharField("nama bendahara penerimaan", max_length=150, blank=True)
    aktif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "fasilitas kesehatan"
        verbose_name_plural = "fasilitas kesehatan"
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(fields=["nama"], name="faskes_nama_unik"),
            models.CheckConstraint(name="faskes_rekening_terisi", condition=~Q(nomor_rekening="")),
        ]

    def __str__(self) -> str:
        return self.nama


class CamatKecamatan(models.Model):
    """Who signs as Camat for a kecamatan: the Administrator keeps it, the acknowledgment form
    (B4, PCT 7a/9a) offers it so the Operator Kecamatan need not type it on every application."""

    kecamatan = models.OneToOneField(
        Kecamatan, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    nama_camat = models.CharField("nama Camat", max_length=150)

    class Meta:
        verbose_name = "Camat kecamatan"
        verbose_name_plural = "Camat kecamatan"

    def __str__(self) -> str:
        return f"{self.nama_camat} (Kec. {self.kecamatan})"
