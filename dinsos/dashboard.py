"""The home page gathers panels from the apps, each scoped to the user.

An app contributes by defining `panel_beranda(request) -> list[dict]` in `<app>/beranda.py`;
each dict has "judul", "template" and its context. Apps stay independent of one another.
"""

from importlib import import_module
from typing import Any

from django.http import HttpRequest

APPS = ["ppks", "bansos", "psks", "laporan"]


def panel_beranda(request: HttpRequest) -> list[dict[str, Any]]:
    panels: list[dict[str, Any]] = []
    for app in APPS:
        try:
            mod = import_module(f"{app}.beranda")
        except ModuleNotFoundError as e:
            if e.name != f"{app}.beranda":
                raise
            continue
        panels.extend(mod.panel_beranda(request))
    return panels
