import json
import re
from typing import cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from .format import samarkan_nik
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

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        # The role/wilayah record names who changed it (User.save; docs/rules.md, section 4).
        obj.diubah_oleh = cast(User, request.user)
        super().save_model(request, obj, form, change)


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


# A NIK or a KK number: 16 digits not part of a longer number (an 18-digit NIP stays).
_ANGKA_IDENTITAS = re.compile(r"(?<!\d)\d{16}(?!\d)")


def samarkan_teks(teks: str) -> str:
    """Every NIK or KK number in a text masked as `|nik_samar` does (docs/rules.md, section 4):
    the admin has no logged reveal, so it never shows one whole."""
    return _ANGKA_IDENTITAS.sub(lambda m: samarkan_nik(m.group()), teks)


@admin.register(Riwayat)
class RiwayatAdmin(admin.ModelAdmin):
    list_display = ["waktu", "pengguna", "aksi", "objek_samar"]
    list_filter = ["aksi"]
    # By the record's name only: a search is a GET, so its term lands in the access log.
    search_fields = ["objek"]
    # History rows hold old and new NIKs; every text is shown through the mask.
    fields = ("waktu", "pengguna", "aksi", "content_type", "object_id",
              "objek_samar", "perubahan_samar", "alasan_samar")  # fmt: skip
    readonly_fields = fields

    @admin.display(description="objek")
    def objek_samar(self, obj: Riwayat) -> str:
        return samarkan_teks(obj.objek)

    @admin.display(description="perubahan")
    def perubahan_samar(self, obj: Riwayat) -> str:
        return samarkan_teks(json.dumps(obj.perubahan, ensure_ascii=False, default=str))

    @admin.display(description="alasan")
    def alasan_samar(self, obj: Riwayat) -> str:
        return samarkan_teks(obj.alasan)

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Riwayat | None:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            # The page title and breadcrumbs print str(obj); the row is never saved again
            # (Riwayat.save refuses), so masking the loaded copy changes nothing stored.
            obj.objek = samarkan_teks(obj.objek)
        return obj

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Riwayat], search_term: str
    ) -> tuple[QuerySet[Riwayat], bool]:
        if _ANGKA_IDENTITAS.search(search_term):
            return queryset.none(), False  # no lookup by NIK here (docs/rules.md, section 4)
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
