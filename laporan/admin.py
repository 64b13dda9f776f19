"""Admin: the Administrator sets the letter-number registers; background jobs are read-only."""

from django.contrib import admin

from .models import Ekspor, PenomoranSurat


@admin.register(PenomoranSurat)
class PenomoranSuratAdmin(admin.ModelAdmin):
    list_display = ["jenis", "kode", "bagian", "tahun", "nomor_terakhir"]


@admin.register(Ekspor)
class EksporAdmin(admin.ModelAdmin):
    list_display = ["pk", "jenis", "status", "progres", "dibuat_oleh", "dibuat", "berakhir"]
    list_filter = ["jenis", "status"]
    readonly_fields = [f.name for f in Ekspor._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
