"""`{% tombol_ekspor "psks.rehabilitasi" %}`: a list page's "Ekspor ke Excel (.xlsx)" button.

A POST form (CSRF) carrying the page's current filters as hidden fields, so they never need
to be typed again and a secret field (the NIK search) is never among them: the NIK search is
itself a POST and never in the page's query. Nothing is shown to a role that may not export
the list (ekspor.daftar.Daftar.boleh).
"""

from typing import Any

from django import template
from django.urls import reverse

from ekspor import daftar

register = template.Library()


@register.inclusion_tag("ekspor/_tombol.html", takes_context=True)
def tombol_ekspor(
    context: template.Context, nama: str, label: str = "Ekspor ke Excel (.xlsx)"
) -> dict[str, Any]:
    d = daftar.ambil(nama)
    request = context.get("request")
    user = getattr(request, "user", None)
    if d is None or request is None or not d.boleh(user):
        return {"tampil": False}
    data = daftar.data_saringan(d, request.GET)
    return {
        "tampil": True,
        "aksi": reverse("ekspor:daftar_mulai", args=[nama]),
        "label": label,
        "saringan": [(k, v) for k, nilai in data.lists() for v in nilai],
        "csrf_token": context.get("csrf_token"),
    }
