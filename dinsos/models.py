"""The office itself: its wilayah, its users and roles, its letterhead, and the audit trail."""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models


class Kecamatan(models.Model):
    # Kemendagri dotted code, e.g. "35.01.01"; stable across renames, so it is the key.
    kode = models.CharField("kode Kemendagri", max_length=8, primary_key=True)
    nama = models.CharField(max_length=100)

    class Meta:
        verbose_name = "kecamatan"
        verbose_name_plural = "kecamatan"
        ordering = ["nama"]

    def __str__(self) -> str:
        return f"Kec. {self.nama}"


class Desa(models.Model):
    class Jenis(models.TextChoices):
        DESA = "desa", "Desa"
        KELURAHAN = "kelurahan", "Kelurahan"

    kode = models.CharField("kode Kemendagri", max_length=13, primary_key=True)
    nama = models.CharField(max_length=100)
    jenis = models.CharField(max_length=10, choices=Jenis.choices, default=Jenis.DESA)
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="desa_set")
    kode_pos = models.CharField(max_length=5, blank=True)

    class Meta:
        verbose_name = "desa/kelurahan"
        verbose_name_plural = "desa/kelurahan"
        ordering = ["nama"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.nama}"

    @property
    def label_lengkap(self) -> str:
        return f"{self}, Kec. {self.kecamatan.nama}"


class Peran(models.TextChoices):
    OPERATOR_DESA = "operator_desa", "Operator Desa/Kelurahan"
    OPERATOR_KECAMATAN = "operator_kecamatan", "Operator Kecamatan"
    PETUGAS_DINAS = "petugas_dinas", "Petugas Dinas"
    TIM_VERIFIKASI = "tim_verifikasi", "Tim Verifikasi"
    KEPALA_DINAS = "kepala_dinas", "Kepala Dinas"
    BENDAHARA = "bendahara", "Bendahara"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    peran = models.CharField(max_length=20, choices=Peran.choices, default=Peran.PETUGAS_DINAS)
    nip = models.CharField("NIP", max_length=18, blank=True)
    jabatan = models.CharField(max_length=100, blank=True)
    desa = models.ForeignKey(
        Desa, null=True, blank=True, on_delete=models.PROTECT, related_name="operator_set"
    )
    kecamatan = models.ForeignKey(
        Kecamatan, null=True, blank=True, on_delete=models.PROTECT, related_name="operator_set"
    )

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
        constraints = [
            # An operator without a wilayah would either see nothing or, worse, everything.
            models.CheckConstraint(
                name="operator_desa_punya_desa",
                condition=~models.Q(peran="operator_desa") | models.Q(desa__isnull=False),
            ),
            models.CheckConstraint(
                name="operator_kecamatan_punya_kecamatan",
                condition=~models.Q(peran="operator_kecamatan") | models.Q(kecamatan__isnull=False),
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.peran == Peran.OPERATOR_DESA and not self.desa_id:
            raise ValidationError({"desa": "Operator Desa/Kelurahan wajib memiliki satu desa."})
        if self.peran == Peran.OPERATOR_KECAMATAN and not self.kecamatan_id:
            raise ValidationError(
                {"kecamatan": "Operator Kecamatan wajib memiliki satu kecamatan."}
            )

    # Role and wilayah decide what a user sees (docs/rules.md, section 4): every change of
    # them is recorded with old and new values. The admin sets `diubah_oleh` to the acting user.
    FIELD_AKSES = ("peran", "desa", "kecamatan")
    diubah_oleh: "User | None" = None

    def _akses_tercatat(self) -> dict[str, str]:
        return {
            "peran": self.get_peran_display() if self.peran else "",
            "desa": str(self.desa) if self.desa_id and self.desa is not None else "",
            "kecamatan": (
                str(self.kecamatan) if self.kecamatan_id and self.kecamatan is not None else ""
            ),
        }

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Django admin is for the Administrator only (docs/rules.md, section 4).
        self.is_staff = self.peran == Peran.ADMINISTRATOR or self.is_superuser
        lama: dict[str, str] | None = None
        baru_dibuat = self._state.adding or self.pk is None
        hanya = kwargs.get("update_fields")
        # A login saves only last_login: no role can have changed, so no extra query.
        tersentuh = hanya is None or bool(
            set(hanya) & {"peran", "desa", "desa_id", "kecamatan", "kecamatan_id"}
        )
        if not baru_dibuat and tersentuh:
            sebelum = User.objects.filter(pk=self.pk).select_related("desa", "kecamatan").first()
            if sebelum is not None:
                lama = sebelum._akses_tercatat()
        super().save(*args, **kwargs)
        if lama is None and not (baru_dibuat and self.diubah_oleh is not None):
            # A new account made outside the admin (demo data, tests, a shell) has no actor
            # to record; one made in the admin is recorded like a change from nothing.
            return
        sekarang = self._akses_tercatat()
        lama = lama or {k: "" for k in self.FIELD_AKSES}
        perubahan = {k: [lama[k], sekarang[k]] for k in self.FIELD_AKSES if lama[k] != sekarang[k]}
        if perubahan:
            Riwayat.objects.create(
                pengguna=self.diubah_oleh if getattr(self.diubah_oleh, "pk", None) else None,
                aksi=Riwayat.Aksi.UBAH_PERAN,
                content_type=ContentType.objects.get_for_model(self),
                object_id=str(self.pk),
                objek=str(self)[:255],
                perubahan=perubahan,
            )

    @property
    def wilayah_label(self) -> str:
        if self.peran == Peran.OPERATOR_DESA and self.desa_id and self.desa is not None:
            return self.desa.label_lengkap
        if self.peran == Peran.OPERATOR_KECAMATAN and self.kecamatan_id:
            return str(self.kecamatan)
        return "Seluruh kabupaten"


# The regulation on penyelenggaraan kesejahteraan sosial each kabupaten cites on the psks pages
# and in their messages (docs/rules.md S1–S8), by KABUPATEN_KODE; elsewhere a neutral name
# until the office enters its own in the profile.
DASAR_HUKUM_KESOS = {"12.09": "Perbup Asahan 53/2022"}
DASAR_HUKUM_KESOS_UMUM = "Peraturan Bupati tentang Penyelenggaraan Kesejahteraan Sosial"


def dasar_hukum_kesos_bawaan() -> str:
    return DASAR_HUKUM_KESOS.get(settings.KABUPATEN_KODE, DASAR_HUKUM_KESOS_UMUM)


class ProfilKantor(models.Model):
    """The office's identity, as printed on letters: data, never written into a template."""

    nama_pemerintah = models.CharField(
        "nama pemerintah daerah", max_length=150, default="Pemerintah Kabupaten"
    )
    nama_kabupaten = models.CharField(max_length=100, blank=True)
    nama_dinas = models.CharField(max_length=150, default="Dinas Sosial")
    alamat = models.CharField(max_length=255, blank=True)
    telepon = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    kota_surat = models.CharField(
        "tempat penandatanganan surat", max_length=100, blank=True, help_text="mis. Pacitan"
    )
    logo = models.ImageField(upload_to="kop/", blank=True)
    kepala_dinas_nama = models.CharField("nama Kepala Dinas", max_length=150, blank=True)
    kepala_dinas_nip = models.CharField("NIP Kepala Dinas", max_length=18, blank=True)
    kepala_dinas_pangkat = models.CharField(max_length=100, blank=True)
    bendahara_nama = models.CharField("nama Bendahara", max_length=150, blank=True)
    bendahara_nip = models.CharField("NIP Bendahara", max_length=18, blank=True)
    format_nomor_surat = models.CharField(
        max_length=100,
        default="{kode}/{nomor}/{bagian}/{tahun}",
        help_text="Tersedia: {kode}, {nomor}, {bagian}, {bulan_romawi}, {tahun}",
    )
    ukuran_kertas = models.CharField(
        max_length=2, choices=[("A4", "A4"), ("F4", "F4 (215 × 330 mm)")], default="A4"
    )
    dasar_hukum_kesos = models.CharField(
        "dasar hukum penyelenggaraan kesejahteraan sosial",
        max_length=255,
        default=dasar_hukum_kesos_bawaan,
        help_text="Peraturan yang dikutip halaman PSKS dan layanan sosial, mis. Perbup Asahan "
        "53/2022.",
    )

    class Meta:
        verbose_name = "profil kantor"
        verbose_name_plural = "profil kantor"

    def __str__(self) -> str:
        return f"{self.nama_dinas} {self.nama_kabupaten}".strip()

    @classmethod
    def get(cls) -> "ProfilKantor":
        obj = cls.objects.order_by("pk").first()
        return obj or cls(pk=1)


class Riwayat(models.Model):
    """Append-only audit trail: every change, transition, import, export and full-NIK view.

    The application never updates or deletes these rows; database triggers (migration 0002)
    refuse it, so neither a bug nor the admin can rewrite history (PCT 14, ASH 42–43, B9).
    """

    class Aksi(models.TextChoices):
        BUAT = "buat", "Dibuat"
        UBAH = "ubah", "Diubah"
        HAPUS = "hapus", "Dihapus"
        STATUS = "status", "Perubahan status"
        IMPOR = "impor", "Impor"
        EKSPOR = "ekspor", "Ekspor"
        LIHAT_NIK = "lihat_nik", "Melihat NIK lengkap"
        UNDUH = "unduh", "Mengunduh berkas"
        # Sign-ins and account changes (docs/rules.md, section 4: who had access, and when).
        MASUK = "masuk", "Masuk"
        KELUAR = "keluar", "Keluar"
        GAGAL_MASUK = "gagal_masuk", "Gagal masuk"
        UBAH_PERAN = "ubah_peran", "Perubahan peran/wilayah"

    waktu = models.DateTimeField(auto_now_add=True, db_index=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    aksi = models.CharField(max_length=12, choices=Aksi.choices)
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, blank=True)
    objek = models.CharField("objek", max_length=255, blank=True)
    # {field: [lama, baru]} for changes; {"status": [dari, ke]} for transitions.
    perubahan = models.JSONField(default=dict, blank=True)
    alasan = models.TextField(blank=True)

    class Meta:
        verbose_name = "riwayat"
        verbose_name_plural = "riwayat"
        ordering = ["-waktu", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "waktu"])]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.get_aksi_display()} {self.objek}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError("Riwayat tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValidationError("Riwayat tidak dapat dihapus.")
