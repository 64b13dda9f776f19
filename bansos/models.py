"""Bansos for PMKS under Perbup Pacitan 1/2018 (PCT): B1–B9 of ../shared/RULES.md.

Rules are data (`AturanTahunan`, `Pagu`, one row per Tahun Anggaran), never constants in code.
Same-row rules live in `clean()` and check constraints; cross-row rules (B2 yearly total, B3 once
per TA, B8 pagu) are enforced under row locks by `bansos.services` and, for B3, by a conditional
unique constraint on `Permohonan.kunci_sekali_setahun`. State changes go only through
`bansos.services`; every one writes a `dinsos.Riwayat` row (B9).
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from dinsos.format import rupiah
from dinsos.models import Desa
from ppks.models import JaminanKesehatan, KategoriPMKS, Kelompok, Keluarga, Perseorangan, Registrasi

PCT = "Perbup Pacitan 1/2018"
NOL = Decimal("0")


def _uang(verbose_name, **kw):
    """Rupiah amounts: 2 decimals (letters print "Rp 2.000.000,00"), never negative."""
    return models.DecimalField(
        verbose_name, max_digits=15, decimal_places=2, validators=[MinValueValidator(0)], **kw
    )


class JenisBansos(models.TextChoices):
    """B1 / PCT Pasal 5: the three kinds of bansos."""

    BIAYA_HIDUP = "biaya_hidup", "Bantuan biaya hidup sehari-hari"
    PERMODALAN_USAHA = "permodalan_usaha", "Bantuan permodalan usaha"
    PENGOBATAN = "pengobatan", "Bantuan biaya pengobatan dan perawatan"


KODE_JENIS = {
    JenisBansos.BIAYA_HIDUP: "BH",
    JenisBansos.PERMODALAN_USAHA: "PU",
    JenisBansos.PENGOBATAN: "PB",
}

# The article of PCT 6(1) that sets each jenis's ceiling, for messages (B2).
PASAL_BATAS = {
    JenisBansos.BIAYA_HIDUP: "Pasal 6 ayat (1) huruf a",
    JenisBansos.PERMODALAN_USAHA: "Pasal 6 ayat (1) huruf b",
    JenisBansos.PENGOBATAN: "Pasal 6 ayat (1) huruf c angka 2",
}
LABEL_BATAS = {
    JenisBansos.BIAYA_HIDUP: "biaya hidup",
    JenisBansos.PERMODALAN_USAHA: "permodalan usaha",
    JenisBansos.PENGOBATAN: "biaya pengobatan",
}


# --------------------------------------------------------------------------------------------
# Rules as data
# --------------------------------------------------------------------------------------------


class AturanTahunan(models.Model):
    """The figures and readings of PCT Pasal 6 for one Tahun Anggaran (B2, B3, B6).

    Seeded with the PCT values by `bansos.aturan.aturan_untuk(tahun)`; the Administrator edits
    them in the admin (another kabupaten, or a revised Perbup, sets its own figures).
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

    def __str__(self):
        return f"Aturan bansos TA {self.tahun_anggaran}"

    def batas_untuk(self, jenis: str) -> Decimal:
        return {
            JenisBansos.BIAYA_HIDUP: self.batas_biaya_hidup,
            JenisBansos.PERMODALAN_USAHA: self.batas_permodalan,
            JenisBansos.PENGOBATAN: self.batas_pengobatan,
        }[jenis]

    def sesuai_biaya(self, kategori_id) -> bool:
        """PCT 6(1)c.1: pengobatan paid at cost for this category (no ceiling)."""
        return self.kategori_sesuai_biaya.filter(pk=kategori_id).exists()

    def bebas_sekali_setahun(self, kategori_id) -> bool:
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

    def __str__(self):
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

    def __str__(self):
        return self.nama


# --------------------------------------------------------------------------------------------
# The application and its path
# --------------------------------------------------------------------------------------------


class StatusPermohonan(models.TextChoices):
    """B4. Transitions (one service function each, see bansos/services.py):

    diajukan --ketahui_camat--> menunggu_verifikasi   (pengobatan starts at menunggu_verifikasi)
    diajukan | menunggu_verifikasi --kembalikan--> dikembalikan --ajukan_ulang--> diajukan or
        menunggu_verifikasi (when the Camat had already acknowledged)
    menunggu_verifikasi --verifikasi(lolos)--> terverifikasi
    menunggu_verifikasi | terverifikasi --tolak--> ditolak
    terverifikasi --rekomendasi(layak)--> direkomendasikan
    direkomendasikan --pengajuan_pencairan_buat--> diajukan_pencairan --pencairan_catat--> dicairkan
    diajukan | menunggu_verifikasi | dikembalikan --batalkan--> dibatalkan
    """

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
# Documents may be added or replaced only before verification has passed.
STATUS_BOLEH_UNGGAH = (
    StatusPermohonan.DIAJUKAN,
    StatusPermohonan.MENUNGGU_VERIFIKASI,
    StatusPermohonan.DIKEMBALIKAN,
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

    def __str__(self):
        return f"{self.nomor} — {self.penerima}"

    def save(self, *args, **kwargs):
        self.siapkan()
        super().save(*args, **kwargs)

    # --- derived ---------------------------------------------------------------------------

    @property
    def penerima(self):
        return self.perseorangan or self.kelompok

    @property
    def butuh_camat(self) -> bool:
        """PCT 7a, 9a: biaya hidup and permodalan usaha are acknowledged by the Camat;
        pengobatan comes on the facility's own letter (PCT 11a)."""
        return self.jenis != JenisBansos.PENGOBATAN

    @property
    def aturan(self) -> "AturanTahunan":
        from .aturan import aturan_untuk

        if getattr(self, "_aturan", None) is None or self._aturan.tahun_anggaran != (
            self.tahun_anggaran
        ):
            self._aturan = aturan_untuk(self.tahun_anggaran)
        return self._aturan

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

    def hitung_kunci(self) -> None:
        self.penerima_kunci = (
            f"p:{self.perseorangan_id}" if self.perseorangan_id else f"k:{self.kelompok_id}"
        )
        if (
            self.status in STATUS_TIDAK_DIHITUNG
            or not self.kategori_id
            or not self.tahun_anggaran
            or self.aturan.bebas_sekali_setahun(self.kategori_id)
        ):
            self.kunci_sekali_setahun = None
            return
        lingkup = (
            "*"
            if self.aturan.sekali_setahun_lingkup == AturanTahunan.Lingkup.SEMUA_JENIS
            else self.jenis
        )
        self.kunci_sekali_setahun = f"{self.penerima_kunci}:{self.tahun_anggaran}:{lingkup}"

    def lainnya_terhitung(self):
        """The recipient's other counted applications in the same TA (B2, B3)."""
        qs = Permohonan.objects.filter(
            penerima_kunci=self.penerima_kunci, tahun_anggaran=self.tahun_anggaran
        ).exclude(status__in=STATUS_TIDAK_DIHITUNG)
        if self.pk:
            qs = qs.exclude(pk=self.pk)
        return qs

    # --- validation ------------------------------------------------------------------------

    def siapkan(self) -> None:
        """Fill the derived fields (desa, TA, keys) so `full_clean()` sees a complete row."""
        if self.tanggal_permohonan and not self.tahun_anggaran:
            self.tahun_anggaran = self.tanggal_permohonan.year
        penerima = self.penerima
        if penerima is not None:
            self.desa_id = penerima.desa_id
            self.hitung_kunci()

    def clean(self):
        super().clean()
        penerima = self.penerima
        if (self.perseorangan_id is None) == (self.kelompok_id is None):
            raise ValidationError("Pilih satu penerima: perseorangan atau kelompok (aturan B1).")
        self.desa_id = penerima.desa_id
        if not self.tahun_anggaran and self.tanggal_permohonan:
            self.tahun_anggaran = self.tanggal_permohonan.year
        if self.jenis not in JenisBansos.values:
            return
        self._cek_bentuk()
        if (
            self._state.adding
            and self.jumlah_diminta is not None
            and self.kategori_id
            and self.tahun_anggaran
        ):
            # A new application is judged here; later steps (ajukan ulang, verifikasi,
            # rekomendasi) call periksa_kelayakan() themselves, so a return or a refusal is
            # never blocked by a rule that changed in between.
            self.periksa_kelayakan(self.jumlah_diminta)
        self.hitung_kunci()

    def _cek_bentuk(self):
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
            and self.perseorangan_id
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

    def periksa_kelayakan(self, jumlah: Decimal) -> None:
        """B1–B3 for `jumlah` (the amount asked, or the amount about to be recommended).

        The cross-row parts (yearly total, once per TA) are race-free only while the recipient
        row is locked; the services lock it before calling `full_clean()`.
        """
        jumlah = Decimal(jumlah)
        aturan = self.aturan
        self._cek_registrasi()
        if self.jenis == JenisBansos.PENGOBATAN:
            self._cek_jaminan()
            if self.biaya_tagihan is not None and jumlah > self.biaya_tagihan:
                raise ValidationError(
                    {
                        "jumlah_diminta": (
                            f"Jumlah {rupiah(jumlah)} melebihi biaya menurut kuitansi dan rincian "
                            f"biaya {rupiah(self.biaya_tagihan)} ({PCT} Pasal 6 ayat (1) huruf c)."
                        )
                    }
                )
            if self.sesuai_biaya:
                # PCT 6(1)c.1: at cost — bounded only by the invoice, checked above.
                self._cek_sekali_setahun()
                return
        batas = aturan.batas_untuk(self.jenis)
        pesan_batas = (
            f"Melebihi batas {LABEL_BATAS[self.jenis]} {rupiah(batas)} per tahun anggaran "
            f"({PCT} {PASAL_BATAS[self.jenis]})."
        )
        if jumlah > batas:
            raise ValidationError({"jumlah_diminta": pesan_batas})
        # B2 reading: the ceiling is the yearly total per recipient and jenis; it still applies
        # to korban bencana alam, who may receive more than once (PCT 6(3)).
        sudah = (
            self.lainnya_terhitung()
            .filter(jenis=self.jenis)
            .aggregate(
                t=Coalesce(
                    Sum(
                        Coalesce("rekomendasi__jumlah", "jumlah_diminta"),
                    ),
                    NOL,
                    output_field=models.DecimalField(max_digits=15, decimal_places=2),
                )
            )["t"]
        )
        if sudah + jumlah > batas:
            raise ValidationError(
                {
                    "jumlah_diminta": (
                        f"{pesan_batas[:-1]}: penerima sudah tercatat {rupiah(sudah)} pada tahun "
                        f"anggaran {self.tahun_anggaran}, sisa {rupiah(max(batas - sudah, NOL))}."
                    )
                }
            )
        self._cek_sekali_setahun()

    def _cek_registrasi(self):
        """B1 / PCT 3: the category must be an ACTIVE registration of this recipient."""
        if not self.kategori_id:
            return
        q = (
            Q(perseorangan_id=self.perseorangan_id)
            if self.perseorangan_id
            else Q(kelompok_id=self.kelompok_id)
        )
        if self.keluarga_id:
            q |= Q(keluarga_id=self.keluarga_id)
        reg = (
            Registrasi.objects.filter(q, kategori_id=self.kategori_id, status="aktif")
            .order_by("-tanggal_asesmen", "-pk")
            .first()
        )
        if reg is None:
            raise ValidationError(
                {
                    "kategori": (
                        "Penerima tidak terdaftar aktif sebagai PMKS kategori "
                        f"{self.kategori.nama}; bansos hanya bagi PMKS yang terdaftar "
                        f"({PCT} Pasal 3)."
                    )
                }
            )
        self.registrasi = reg

    def _cek_jaminan(self):
        """B1 / PCT 5 huruf c: pengobatan only for PMKS without a jaminan sosial for health."""
        if not self.perseorangan_id:
            raise ValidationError(
                f"Bantuan pengobatan hanya untuk perseorangan (pasien) ({PCT} Pasal 5 huruf c)."
            )
        jaminan = self.perseorangan.jaminan_kesehatan
        if jaminan == JaminanKesehatan.TIDAK_ADA:
            return
        if jaminan == JaminanKesehatan.BELUM_DIKETAHUI:
            raise ValidationError(
                "Status jaminan kesehatan penerima belum diketahui. Bantuan pengobatan hanya "
                "untuk PMKS yang belum mempunyai jaminan sosial; perbarui data registri terlebih "
                f"dahulu ({PCT} Pasal 5 huruf c; aturan B1)."
            )
        raise ValidationError(
            f"Penerima sudah mempunyai jaminan kesehatan "
            f"({JaminanKesehatan(jaminan).label}); bantuan pengobatan hanya untuk PMKS yang "
            f"belum mempunyai jaminan sosial ({PCT} Pasal 5 huruf c)."
        )

    def _cek_sekali_setahun(self):
        """B3 / PCT 6(3), the friendly form of the database constraint."""
        self.hitung_kunci()
        if self.kunci_sekali_setahun is None:
            return
        lain = self.lainnya_terhitung()
        if self.aturan.sekali_setahun_lingkup == AturanTahunan.Lingkup.PER_JENIS:
            lain = lain.filter(jenis=self.jenis)
        # Applications of an exempt category do not use up the once-per-year allowance.
        lain = lain.exclude(kategori__in=self.aturan.kategori_bebas_sekali_setahun.all())
        ada = lain.order_by("pk").first()
        if ada is not None:
            lingkup = (
                "bansos"
                if self.aturan.sekali_setahun_lingkup == AturanTahunan.Lingkup.SEMUA_JENIS
                else f"{self.get_jenis_display().lower()}"
            )
            raise ValidationError(
                {
                    "kunci_sekali_setahun": (
                        f"Penerima sudah memiliki permohonan {lingkup} pada tahun anggaran "
                        f"{self.tahun_anggaran} ({ada.nomor}, {ada.get_status_display().lower()}). "
                        "Bansos hanya dapat diberikan 1 (satu) kali dalam 1 (satu) Tahun "
                        f"Anggaran, kecuali untuk korban bencana alam ({PCT} Pasal 6 ayat (3))."
                    )
                }
            )


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


def _lokasi_berkas(instance, filename):
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

    def __str__(self):
        return f"{self.get_jenis_dokumen_display()} ({self.permohonan.nomor})"


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

    def __str__(self):
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

    def __str__(self):
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

    def __str__(self):
        return f"{self.nomor} ({self.nomor_surat})"

    @property
    def total(self) -> Decimal:
        return self.permohonan.aggregate(
            t=Coalesce(Sum("rekomendasi__jumlah"), NOL, output_field=models.DecimalField())
        )["t"]


def _lokasi_bukti(instance, filename):
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

    def __str__(self):
        return f"Pencairan {self.permohonan.nomor}: {rupiah(self.jumlah)}"

    def clean(self):
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
            if _norek(self.rekening_tujuan) != _norek(p.faskes.nomor_rekening):
                raise ValidationError(
                    {
                        "rekening_tujuan": (
                            "Rekening tujuan harus rekening bendahara penerimaan "
                            f"{p.faskes.nama} ({p.faskes.nomor_rekening}) "
                            f"({PCT} Pasal 11 huruf e)."
                        )
                    }
                )
        if self.tanggal and self.tanggal > timezone.localdate():
            raise ValidationError({"tanggal": "Tanggal pencairan tidak boleh di masa depan."})


def _norek(nomor: str | None) -> str:
    return "".join(ch for ch in (nomor or "") if ch.isdigit())
