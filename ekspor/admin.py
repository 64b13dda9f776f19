"""Admin: background jobs are read-only (they are made and changed by the worker alone)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Ekspor


@admin.register(Ekspor)
class EksporAdmin(admin.ModelAdmin):
    list_display = ["pk", "jenis", "status", "progres", "dibuat_oleh", "dibuat", "berakhir"]
    list_filter = ["jenis", "status"]
    readonly_fields = [f.name for f in Ekspor._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
