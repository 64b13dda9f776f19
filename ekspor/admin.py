"""Admin: background jobs are read-only (they are made and changed by the worker alone)."""

import json
from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from dinsos.admin import samarkan_teks
from dinsos.berkas import tampil_berkas

from .models import Ekspor


@admin.register(Ekspor)
class EksporAdmin(admin.ModelAdmin):
    list_display = ["pk", "jenis", "status", "progres", "dibuat_oleh", "dibuat", "berakhir"]
    list_filter = ["jenis", "status"]
    # The file has no public URL and is served to its requester alone: shown by name only.
    # The parameters may hold a searched NIK (docs/rules.md, section 4): shown masked.
    readonly_fields = tuple(
        {"berkas": "berkas_privat", "parameter": "parameter_samar"}.get(f.name, f.name)
        for f in Ekspor._meta.fields
    )
    fields = readonly_fields

    @admin.display(description="berkas")
    def berkas_privat(self, obj: Ekspor) -> str:
        return tampil_berkas(obj.berkas)

    @admin.display(description="parameter")
    def parameter_samar(self, obj: Ekspor) -> str:
        return samarkan_teks(json.dumps(obj.parameter, ensure_ascii=False, default=str))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
