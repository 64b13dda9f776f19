"""The letter-number registers of the office's printed documents."""

from django.db import models


class PenomoranSurat(models.Model):
    """The letter-number register of one kind of letter, per year.

    The number is built with `ProfilKantor.format_nomor_surat` (e.g. `{kode}/{nomor}/{bagian}/
    {tahun}`); the classification code and the section are set here by the Administrator.
    """

    class Jenis(models.TextChoices):
        REKOMENDASI = "rekomendasi", "Surat rekomendasi Kepala Dinas"
        BERITA_ACARA = "berita_acara", "Berita acara verifikasi"
        PENGAJUAN_PENCAIRAN = "pengajuan_pencairan", "Surat permohonan pencairan ke BPKAD"
        KWITANSI = "kwitansi", "Kwitansi / tanda terima"
        REKAPITULASI = "rekapitulasi", "Rekapitulasi penyaluran bansos"

    jenis = models.CharField(max_length=24, choices=Jenis.choices, unique=True)
    kode = models.CharField(
        "kode klasifikasi", max_length=30, blank=True, help_text="mis. 460 (kesejahteraan sosial)"
    )
    bagian = models.CharField(
        "kode bagian/unit", max_length=50, blank=True, help_text="mis. kode unit kerja Dinas"
    )
    tahun = models.PositiveSmallIntegerField(default=0)
    nomor_terakhir = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "penomoran surat"
        verbose_name_plural = "penomoran surat"
        ordering = ["jenis"]

    def __str__(self):
        return self.get_jenis_display()
