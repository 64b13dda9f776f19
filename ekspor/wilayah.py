"""The rows a background job may contain (docs/rules.md, section 4)."""

from __future__ import annotations

from types import SimpleNamespace

from django.db.models import Q

from dinsos.akses import wilayah_q

from .models import Ekspor


def peminta_saat_minta(ekspor: Ekspor) -> SimpleNamespace:
    """The requester as they were when asking: the role and wilayah copied into the job."""
    return SimpleNamespace(
        is_authenticated=True,
        is_active=True,
        peran=ekspor.peran,
        desa_id=ekspor.desa_id,
        kecamatan_id=ekspor.kecamatan_id,
    )


def wilayah_ekspor(ekspor: Ekspor, desa_field: str) -> Q:
    """The requester's scope when asking AND now: a role changed since can only narrow."""
    return wilayah_q(peminta_saat_minta(ekspor), desa_field) & wilayah_q(
        ekspor.dibuat_oleh, desa_field
    )
