"""The home page gathers panels from the apps, each scoped to the user.

An app contributes through `<app>/beranda.py`, found by name (apps stay independent of one
another and of this module):

- `antrian_beranda(request) -> list[dict]`: the steps that wait for *this user's* action, each
  {"label", "keterangan", "jumlah", "tertua" (date or None), "url" (the list filtered to it)}.
  Together they are the first panel, "Menunggu tindakan Anda": a clerk's work comes before
  anything to read.
- `panel_beranda(request) -> list[dict]`: what else concerns the role, each dict with
  "template" and its context, after the queue in the order of `APPS` unless a panel says
  where it belongs for the role ("urutan", lower first). An app offers a panel only to the
  roles that can act on it.
"""

from importlib import import_module
from types import ModuleType
from typing import Any

from django.http import HttpRequest

# The order of the panels after the queue: the work in progress, then the figures, the
# registry (reference data) last.
APPS = ["bansos", "psks", "laporan", "ppks"]

PANEL_ANTRIAN = "dinsos/_antrian.html"
# A panel's default place: its app's position in `APPS` times this (room for "urutan").
URUTAN_APP = 10


def _beranda(app: str) -> ModuleType | None:
    try:
        return import_module(f"{app}.beranda")
    except ModuleNotFoundError as e:
        if e.name != f"{app}.beranda":
            raise
        return None


def antrian_beranda(request: HttpRequest) -> list[dict[str, Any]]:
    """Every step waiting for this user, from every app, in the order of `APPS`."""
    antrian: list[dict[str, Any]] = []
    for app in APPS:
        mod = _beranda(app)
        if mod is not None and hasattr(mod, "antrian_beranda"):
            antrian.extend(mod.antrian_beranda(request))
    return antrian


def panel_beranda(request: HttpRequest) -> list[dict[str, Any]]:
    antrian = {"judul": "Menunggu tindakan Anda", "template": PANEL_ANTRIAN}
    panels: list[dict[str, Any]] = [{**antrian, "antrian": antrian_beranda(request)}]
    lain: list[dict[str, Any]] = []
    for i, app in enumerate(APPS):
        mod = _beranda(app)
        if mod is not None and hasattr(mod, "panel_beranda"):
            lain.extend({"urutan": URUTAN_APP * (i + 1), **p} for p in mod.panel_beranda(request))
    return panels + sorted(lain, key=lambda p: p["urutan"])
