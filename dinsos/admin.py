from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Desa, Kecamatan, Peran, ProfilKantor, Riwayat, User

admin.site.site_header = "Administrasi Sistem Dinas Sosial"
admin.site.site_title = "Administrasi"
admin.site.index_title = "Pengaturan sistem"

_default_has_permission = admin.site.has_permission


def _hanya_administrator(request):
    # Issue 2 item 7: Django admin is for the Administrator role only.
    return _default_has_permission(request) and request.user.peran == Peran.ADMINISTRATOR


admin.site.has_permission = _hanya_administrator


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "first_name", "peran", "desa", "kecamatan", "is_active"]
    list_filter = ["peran", "is_active"]
    fieldsets = UserAdmin.fieldsets + (
        ("Peran dan wilayah", {"fields": ("peran", "nip", "jabatan", "kecamatan", "desa")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("Peran dan wilayah", {"fields": ("peran", "kecamatan", "desa")}),
    )
    autocomplete_fields = ["desa"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama"]
    search_fields = ["nama", "kode"]

    def has_add_permission(self, request):
        return False  # wilayah comes from Kepmendagri data via `muat_wilayah`, never typed

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Desa)
class DesaAdmin(KecamatanAdmin):
    list_display = ["kode", "nama", "jenis", "kecamatan"]
    list_filter = ["kecamatan", "jenis"]


@admin.register(ProfilKantor)
class ProfilKantorAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not ProfilKantor.objects.exists()


@admin.register(Riwayat)
class RiwayatAdmin(admin.ModelAdmin):
    list_display = ["waktu", "pengguna", "aksi", "objek"]
    list_filter = ["aksi"]
    search_fields = ["objek"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
