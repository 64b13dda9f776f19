from typing import cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model
from django.http import HttpRequest

from .models import Desa, Kecamatan, Peran, ProfilKantor, Riwayat, User

admin.site.site_header = "Administrasi Sistem Dinas Sosial"
admin.site.site_title = "Administrasi"
admin.site.index_title = "Pengaturan sistem"

_default_has_permission = admin.site.has_permission


def _hanya_administrator(request: HttpRequest) -> bool:
    # Django admin is for the Administrator role only: it edits without the services
    # (docs/rules.md, section 4).
    return (
        _default_has_permission(request) and cast(User, request.user).peran == Peran.ADMINISTRATOR
    )


# Patched on the one site rather than subclassed, so every app's admin registers as usual.
admin.site.has_permission = _hanya_administrator  # type: ignore[method-assign]


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "first_name", "peran", "desa", "kecamatan", "is_active"]
    list_filter = ["peran", "is_active"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Peran dan wilayah", {"fields": ("peran", "nip", "jabatan", "kecamatan", "desa")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("Peran dan wilayah", {"fields": ("peran", "kecamatan", "desa")}),
    )
    autocomplete_fields = ["desa"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama"]
    search_fields = ["nama", "kode"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # wilayah comes from Kepmendagri data via `muat_wilayah`, never typed

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Desa)
class DesaAdmin(KecamatanAdmin):
    list_display = ["kode", "nama", "jenis", "kecamatan"]
    list_filter = ["kecamatan", "jenis"]


@admin.register(ProfilKantor)
class ProfilKantorAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return not ProfilKantor.objects.exists()


@admin.register(Riwayat)
class RiwayatAdmin(admin.ModelAdmin):
    list_display = ["waktu", "pengguna", "aksi", "objek"]
    list_filter = ["aksi"]
    search_fields = ["objek"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
