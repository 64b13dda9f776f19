"""Admin: the Administrator sets the letter-number registers."""

from django.contrib import admin

from .models import PenomoranSurat


@admin.register(PenomoranSurat)
class PenomoranSuratAdmin(admin.ModelAdmin):
    list_display = ["jenis", "kode", "bagian", "tahun", "nomor_terakhir"]
