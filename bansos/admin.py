"""Admin: the Administrator edits the rules as data (AturanTahunan, Pagu, Faskes, the Camat of
each kecamatan); applications are read-only here — they change only through bansos.services,
which keep the history (B9)."""

from django.contrib import admin
from django.urls import reverse

from dinsos.admin import samarkan_teks
from dinsos.audit import beda, catat, potret
from dinsos.berkas import tampil_berkas
from dinsos.models import Riwayat

from .models import (
    AturanTahunan,
    CamatKecamatan,
    DokumenPermohonan,
    Faskes,
    Pagu,
    Pencairan,
    PengajuanPencairan,
    Permohonan,
    Rekomendasi,
    Verifikasi,
)


class DicatatAdmin(admin.ModelAdmin):
    """Changes to rules and budgets are themselves part of the history (B9)."""

    def save_model(self, request, obj, form, change):
        lama = potret(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else {}
        super().save_model(request, obj, form, change)
        catat(
            pengguna=request.user,
            aksi=Riwayat.Aksi.UBAH if change else Riwayat.Aksi.BUAT,
            obj=obj,
            perubahan=beda(lama, potret(type(obj).objects.get(pk=obj.pk))),
            alasan="Diubah melalui halaman administrasi",
        )


@admin.register(AturanTahunan)
class AturanTahunanAdmin(DicatatAdmin):
    list_display = [
        "tahun_anggaran",
        "batas_biaya_hidup",
        "batas_permodalan",
        "batas_pengobatan",
        "batas_tunai_permodalan",
        "sekali_setahun_lingkup",
    ]
    filter_horizontal = ["kategori_sesuai_biaya", "kategori_bebas_sekali_setahun"]

    def has_delete_permission(self, request, obj=None):
        return False  # applications of that year were judged by these rules


@admin.register(Pagu)
class PaguAdmin(DicatatAdmin):
    list_display = ["tahun_anggaran", "jenis", "sumber_dana", "jumlah", "keterangan"]
    list_filter = ["tahun_anggaran", "jenis", "sumber_dana"]


@admin.register(Faskes)
class FaskesAdmin(DicatatAdmin):
    list_display = ["nama", "jenis", "nama_bank", "nomor_rekening", "nama_bendahara", "aktif"]
    list_filter = ["jenis", "aktif"]
    search_fields = ["nama"]


@admin.register(CamatKecamatan)
class CamatKecamatanAdmin(DicatatAdmin):
    list_display = ["kecamatan", "nama_camat"]
    search_fields = ["kecamatan__nama", "nama_camat"]


class HanyaBacaAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Permohonan)
class PermohonanAdmin(HanyaBacaAdmin):
    list_display = ["nomor", "tahun_anggaran", "jenis", "desa", "jumlah_diminta", "status"]
    list_filter = ["tahun_anggaran", "jenis", "status"]
    search_fields = ["nomor"]


@admin.register(PengajuanPencairan)
class PengajuanPencairanAdmin(HanyaBacaAdmin):
    list_display = ["nomor", "tahun_anggaran", "nomor_surat", "tanggal", "status"]


@admin.register(DokumenPermohonan)
class DokumenPermohonanAdmin(HanyaBacaAdmin):
    list_display = ["permohonan", "jenis_dokumen", "tipe", "ukuran", "diunggah"]
    # The file has no public URL; the original name may carry a NIK (docs/rules.md, section 4).
    exclude = ["berkas", "nama_asli"]
    readonly_fields = ["berkas_privat", "nama_asli_samar"]

    @admin.display(description="berkas")
    def berkas_privat(self, obj: DokumenPermohonan) -> str:
        url = reverse("bansos:dokumen_unduh", args=[obj.permohonan_id, obj.pk])
        return tampil_berkas(obj.berkas, url)

    @admin.display(description="nama asli")
    def nama_asli_samar(self, obj: DokumenPermohonan) -> str:
        return samarkan_teks(obj.nama_asli)


@admin.register(Pencairan)
class PencairanAdmin(HanyaBacaAdmin):
    exclude = ["bukti"]  # no public URL: shown by name, linked to the scoped download
    readonly_fields = ["bukti_privat"]

    @admin.display(description="bukti")
    def bukti_privat(self, obj: Pencairan) -> str:
        return tampil_berkas(obj.bukti, reverse("bansos:bukti_unduh", args=[obj.permohonan_id]))


for model in (Verifikasi, Rekomendasi):
    admin.site.register(model, HanyaBacaAdmin)
