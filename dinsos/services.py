"""The service kit: what every state-changing service of every app does the same way.

A service is one function per state change, named `<noun>_<verb>` and called with keyword
arguments only:

    def perseorangan_ubah(*, orang: Perseorangan, oleh: User, data: Mapping[str, Any],
                          alasan: str = "") -> Perseorangan

`oleh` is always the acting user; the record being changed is passed as an instance (or a
primary key) and loaded again under a row lock through `kunci_untuk()`. Inside one
`transaction.atomic()` a service then

1. loads and locks the record for the user: `kunci_untuk()` (a record outside the user's
   wilayah is `TidakDitemukan`, answered 404 like a record that does not exist);
2. checks the role and the rule (raising `ValidationError` with a formal Indonesian message);
3. saves through `simpan()`: `full_clean()`, then `save()` in a savepoint, a violated database
   constraint mapped *by its name* to the message registered for it (`pesan_constraint()`);
4. writes the history row with `dinsos.audit.catat()` (who, when, what, why: B9).

Nothing here knows an app; apps register their constraint messages at import time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connections, models, transaction
from django.db.models import Model, QuerySet
from django.http import Http404

from . import akses

M = TypeVar("M", bound=Model)

__all__ = [
    "TidakDitemukan",
    "kunci_untuk",
    "terlihat",
    "simpan",
    "pesan_constraint",
    "constraint_dilanggar",
]


class TidakDitemukan(Http404, PermissionDenied):
    """A record outside the user's wilayah, or one that does not exist: the same answer.

    Django's request handler checks `Http404` before `PermissionDenied`, so every page answers
    404. It is also a `PermissionDenied` because for a caller of a service the two mean the
    same thing — the user may not act on this record — and older callers catch that.
    """

    def __init__(self, message: str = "Data tidak ditemukan atau di luar wilayah kerja Anda."):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def kunci_untuk(
    oleh: Any,
    qs: QuerySet[M] | type[M],
    pk: Any,
    *,
    desa_field: str | None = None,
    pesan: str | None = None,
) -> M:
    """Load one row through the user's scope and lock it (`SELECT … FOR UPDATE OF self`).

    `of=("self",)` keeps the lock on the record alone: the scope joins the Desa table, and
    locking every desa row a query touched would serialise unrelated work.
    """
    if not isinstance(qs, QuerySet):
        qs = qs._default_manager.all()
    key = pk.pk if isinstance(pk, Model) else pk
    obj = akses.scope(oleh, qs, desa_field).select_for_update(of=("self",)).filter(pk=key).first()
    if obj is None:
        raise TidakDitemukan(pesan) if pesan else TidakDitemukan()
    return obj


def terlihat(oleh: Any, obj: Model, *, desa_field: str | None = None) -> bool:
    """Whether `obj` is inside the user's wilayah (for a related record a service receives)."""
    return akses.scope(oleh, type(obj), desa_field).filter(pk=obj.pk).exists()


# --- database constraints, by name --------------------------------------------------------

# constraint name (or "<app_label>.<model>.<field>" for a field's own unique=True) →
# message, or (field, message) to put the message next to a form field.
_PESAN: dict[str, str | tuple[str, str]] = {}


def pesan_constraint(daftar: Mapping[str, str | tuple[str, str]]) -> None:
    """Register the Indonesian message of each named constraint (called by each app once)."""
    _PESAN.update(daftar)


def _kolom_ke_constraint(model: type[Model], kolom: set[str]) -> str | None:
    """The name Django gave the unique constraint on exactly these columns, if any."""
    opts = model._meta
    for c in opts.constraints:
        if isinstance(c, models.UniqueConstraint) and c.fields:
            # A UniqueConstraint names concrete fields only, each of which has a column.
            cols = {opts.get_field(f).column for f in c.fields}  # type: ignore[union-attr]
            if cols == kolom:
                return c.name
    for f in opts.concrete_fields:
        if f.unique and not f.primary_key and {f.column} == kolom:
            return f"{opts.label_lower}.{f.name}"
    return None


_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)$")
_SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\w+)")


def constraint_dilanggar(e: IntegrityError, model: type[Model]) -> str | None:
    """The name of the constraint an IntegrityError reports, read from the driver, not guessed.

    PostgreSQL reports it in the error's diagnostics. SQLite names a CHECK constraint but a
    unique one only by its columns, which are matched against the model's constraints. A field's
    own `unique=True` is named `<app_label>.<model>.<field>`.
    """
    sebab = e.__cause__
    diag = getattr(sebab, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        nama = diag.constraint_name
        if any(c.name == nama for c in model._meta.constraints):
            return nama
        # unique=True fields and indexes get generated names: resolve them to their columns.
        with connections[model._default_manager.db].cursor() as cur:
            info = connections[model._default_manager.db].introspection.get_constraints(
                cur, model._meta.db_table
            )
        if nama in info and info[nama].get("unique"):
            return _kolom_ke_constraint(model, set(info[nama]["columns"])) or nama
        return nama
    teks = str(sebab or e)
    if m := _SQLITE_CHECK.search(teks):
        return m.group(1)
    if m := _SQLITE_UNIQUE.search(teks):
        kolom = {bagian.strip().split(".")[-1] for bagian in m.group(1).split(",")}
        return _kolom_ke_constraint(model, kolom)
    return None


def galat_constraint(e: IntegrityError, model: type[Model]) -> ValidationError | None:
    """The registered message for the violated constraint as a ValidationError, or None."""
    nama = constraint_dilanggar(e, model)
    if nama is None or nama not in _PESAN:
        return None
    pesan = _PESAN[nama]
    if isinstance(pesan, tuple):
        field, teks = pesan
        return ValidationError({field: teks}, code=nama)
    return ValidationError(pesan, code=nama)


def simpan(
    obj: M,
    *,
    exclude: Iterable[str] | None = None,
    validasi: bool = True,
    **save_kwargs: Any,
) -> M:
    """`full_clean()` then `save()` in a savepoint; a violated constraint becomes its message.

    The savepoint keeps the caller's transaction usable after the database refuses the row, so
    the service can raise a clean `ValidationError` and the whole step rolls back as one.
    """
    if validasi:
        obj.full_clean(exclude=list(exclude) if exclude else None)
    try:
        with transaction.atomic():
            obj.save(**save_kwargs)
    except IntegrityError as e:
        galat = galat_constraint(e, type(obj))
        if galat is None:
            raise
        raise galat from e
    return obj
