"""Writing the audit trail (dinsos.Riwayat). Reading it goes through the record it belongs to,
so a user sees the history of exactly the records they may see."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import Riwayat


def _nilai(v: Any) -> Any:
    if isinstance(v, models.Model):
        return str(v)
    if isinstance(v, dt.date | dt.datetime | Decimal):
        return str(v)
    if isinstance(v, list | tuple | set):
        return sorted(str(x) for x in v)
    return v


def potret(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-able picture of a row's own fields, for diffing before and after a change."""
    hasil: dict[str, Any] = {}
    for f in instance._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        if f.primary_key:
            continue
        nilai = getattr(instance, f.attname)
        hasil[f.name] = _nilai(nilai)
    return hasil


def beda(lama: dict[str, Any], baru: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        k: [lama.get(k), baru.get(k)]
        for k in baru.keys() | lama.keys()
        if lama.get(k) != baru.get(k)
    }


def catat(
    *,
    pengguna: Any,
    aksi: str,
    obj: models.Model | None = None,
    perubahan: dict[str, Any] | None = None,
    alasan: str = "",
    objek: str = "",
) -> Riwayat:
    return Riwayat.objects.create(
        pengguna=pengguna if getattr(pengguna, "pk", None) else None,
        aksi=aksi,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        objek=(objek or str(obj))[:255] if obj is not None or objek else "",
        perubahan=perubahan or {},
        alasan=alasan,
    )


def catat_banyak(entries: list[Riwayat]) -> None:
    """For bulk imports: one INSERT for a batch of history rows."""
    Riwayat.objects.bulk_create(entries, batch_size=1000)


def riwayat_untuk(obj: models.Model) -> models.QuerySet[Riwayat]:
    return (
        Riwayat.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .select_related("pengguna")
        .order_by("-waktu", "-pk")
    )
