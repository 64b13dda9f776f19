"""Uploads that never outlive a failed transaction, and the sweep of files no row owns.

A scan of a KTP or KK on disk without its row is personal data outside retention and audit
(docs/rules.md, section 4). A service that stores a file therefore never writes it to its final
name inside the transaction:

1. `simpan_tertunda()` writes the content under `sementara/berkas/<random>.<ext>` and puts that
   temporary name on the row, so the row the service saves already owns an existing file.
2. On commit (`transaction.on_commit`) the file gets its final name in the order *copy, point
   the row at the copy, delete the temporary file*: a hard link (or a copy on an object
   storage) under the final name, an `UPDATE … WHERE berkas = <temporary name>`, then the
   temporary name is removed. Whatever step a crash interrupts, the row points at a file that
   exists; what a crash can leave is a file no row owns, which the sweep removes.
3. Rollback: Django has no rollback hook, so the service is wrapped in `@berkas_transaksional`
   (outside its `@transaction.atomic`). Its `finally` sees the exception that rolled the
   service back and deletes the temporary files of that call. Inside an outer atomic block
   the service's savepoint has been rolled back, so no row can own them; at the outermost
   level the exception may also come from a commit hook after a successful commit, so the
   wrapper first asks the database whether a row owns the name (if the database does not
   answer, the file is kept for the sweep).
4. A service that returns normally inside its caller's transaction (a view storing an
   application and its documents together) cannot know that transaction's outcome. Its
   temporary files wait in a per-thread list that `periksa_menunggu()` settles as soon as no
   transaction is open on the thread — when the request ends (`request_finished`), after the
   next wrapped service, or in the sweep: moved by the commit → done; owned by a row → kept;
   otherwise the transaction rolled back, and the file is deleted.

What a crash leaves (a process killed between commit and rename, or before a rolled-back
request ended) the sweep removes: `manage.py sapu_berkas` deletes, after a grace period, every
file under the upload folders of the models' FileFields and under `sementara/` that no
FileField of any model references, and records each removal in Riwayat.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import os
import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from django.apps import apps
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage
from django.core.signals import request_finished
from django.db import Error, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.html import format_html

log = logging.getLogger(__name__)

AKAR_SEMENTARA = "sementara"
FOLDER_TUNDA = f"{AKAR_SEMENTARA}/berkas"
# Staged uploads of an unfinished form live under `sementara/` for a day
# (bansos.unggahan.UMUR_SEMENTARA): the sweep never removes them sooner.
UMUR_MINIMAL_SEMENTARA = dt.timedelta(days=1)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class _Tunda:
    """One temporary file waiting for its transaction."""

    instance: models.Model
    field_name: str
    storage: Storage
    sementara: str
    nama: str
    selesai: bool = False


@dataclass
class _Panggilan:
    tunda: list[_Tunda] = field(default_factory=list)


_lokal = threading.local()


def _tumpukan() -> list[_Panggilan]:
    if not hasattr(_lokal, "tumpukan"):
        _lokal.tumpukan = []
    tumpukan: list[_Panggilan] = _lokal.tumpukan
    return tumpukan


def _menunggu() -> list[_Tunda]:
    if not hasattr(_lokal, "menunggu"):
        _lokal.menunggu = []
    menunggu: list[_Tunda] = _lokal.menunggu
    return menunggu


def periksa_menunggu(**_kwargs: Any) -> None:
    """Settle the temporary files of services that returned inside a caller's transaction,
    once no transaction is open on this thread: a file whose commit moved it is done; one that
    a row owns stays; the others belong to a rolled-back transaction and are deleted. Runs when
    a request ends (`request_finished`), after each wrapped service and in `sapu_berkas`."""
    if transaction.get_connection().in_atomic_block:
        return
    daftar = _menunggu()
    while daftar:
        _buang_setelah_gagal(daftar.pop())


request_finished.connect(periksa_menunggu, dispatch_uid="dinsos.berkas.periksa_menunggu")


def berkas_transaksional(func: Callable[P, R]) -> Callable[P, R]:
    """Wrap a service that stores files with `simpan_tertunda()`; place it above
    `@transaction.atomic` so its `finally` runs after the rollback (see the module docstring)."""

    @functools.wraps(func)
    def pembungkus(*args: P.args, **kwargs: P.kwargs) -> R:
        panggilan = _Panggilan()
        _tumpukan().append(panggilan)
        berhasil = False
        try:
            hasil = func(*args, **kwargs)
            berhasil = True
            return hasil
        finally:
            _tumpukan().pop()
            if not berhasil:
                for t in panggilan.tunda:
                    _buang_setelah_gagal(t)
            else:
                # Inside a caller's transaction the outcome is still open: settled later.
                _menunggu().extend(t for t in panggilan.tunda if not t.selesai)
            periksa_menunggu()

    return pembungkus


def simpan_tertunda(berkas: FieldFile, nama: str, isi: File[Any]) -> str:
    """Store `isi` for the FileField `berkas` under a temporary name (returned) that moves to
    the field's own name (`upload_to` with `nama`) when the transaction commits.

    Only inside a service wrapped in `@berkas_transaksional` and an atomic block: without them
    there is no transaction whose outcome decides the file's fate.
    """
    tumpukan = _tumpukan()
    if not tumpukan or not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "simpan_tertunda() hanya di dalam layanan @berkas_transaksional dan transaksi."
        )
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else "bin"
    storage = berkas.storage
    sementara = storage.save(f"{FOLDER_TUNDA}/{secrets.token_urlsafe(24)}.{ext}", isi)
    instance = berkas.instance
    setattr(instance, berkas.field.attname, sementara)
    t = _Tunda(instance, berkas.field.name, storage, sementara, nama)
    tumpukan[-1].tunda.append(t)
    transaction.on_commit(functools.partial(_pindahkan, t), robust=True)
    return sementara


def _model_pemilik(t: _Tunda) -> models.QuerySet[Any]:
    return type(t.instance)._base_manager.filter(**{t.field_name: t.sementara})


def _buang_setelah_gagal(t: _Tunda) -> None:
    if t.selesai:
        return
    if not transaction.get_connection().in_atomic_block:
        # The exception may come from a commit hook after a successful commit: ask.
        try:
            if _model_pemilik(t).exists():
                return
        except Error:  # the database is gone: the sweep decides later
            log.warning("Berkas sementara %s ditinggal untuk penyapuan", t.sementara)
            return
    _hapus(t.storage, t.sementara)
    t.selesai = True


def _hapus(storage: Storage, nama: str) -> None:
    try:
        storage.delete(nama)
    except OSError:
        log.warning("Berkas %s tidak dapat dihapus; penyapuan akan mencobanya lagi", nama)


def _salin(storage: Storage, sumber: str, tujuan: str) -> str:
    """A second name for the same content; returns the name used."""
    if isinstance(storage, FileSystemStorage):
        for _ in range(5):
            akhir = storage.get_available_name(tujuan)
            jalur = storage.path(akhir)
            os.makedirs(os.path.dirname(jalur), exist_ok=True)
            try:
                os.link(storage.path(sumber), jalur)
                return akhir
            except FileExistsError:
                continue  # another writer took the name between the check and the link
            except OSError:
                break  # no hard links here: copy
    with storage.open(sumber, "rb") as fh:
        return storage.save(tujuan, fh)


def _pindahkan(t: _Tunda) -> None:
    t.selesai = True
    inst = t.instance
    if inst.pk is None:
        _hapus(t.storage, t.sementara)  # the service never saved its row
        return
    ff = getattr(inst, t.field_name)
    akhir = ""
    try:
        akhir = _salin(t.storage, t.sementara, ff.field.generate_filename(inst, t.nama))
        n = _model_pemilik(t).filter(pk=inst.pk).update(**{t.field_name: akhir})
    except Exception:
        # The row keeps the temporary name, which still exists: nothing is lost.
        log.exception("Berkas %s tetap pada nama sementaranya", t.sementara)
        if akhir:
            _hapus(t.storage, akhir)
        return
    if n:
        setattr(inst, ff.field.attname, akhir)
        _hapus(t.storage, t.sementara)
    else:
        _hapus(t.storage, akhir)
        if not _model_pemilik(t).exists():
            _hapus(t.storage, t.sementara)


# --- the sweep ----------------------------------------------------------------------------


def field_berkas() -> list[tuple[type[models.Model], models.FileField]]:
    """Every FileField (ImageField included) of every installed model."""
    return [
        (m, f)
        for m in apps.get_models()
        for f in m._meta.concrete_fields
        if isinstance(f, models.FileField)
    ]


def nama_dimiliki() -> set[str]:
    """Every file name some row references."""
    dimiliki: set[str] = set()
    for model, f in field_berkas():
        qs = model._base_manager.exclude(**{f.attname: ""}).values_list(f.attname, flat=True)
        dimiliki.update(n for n in qs.iterator() if n)
    return dimiliki


def akar_unggahan() -> set[str]:
    """The folders the FileFields store into (their `upload_to` without the year folders),
    and `sementara/`; caches and worker files elsewhere in the storage are no row's to own."""
    akar = {AKAR_SEMENTARA}
    for _model, f in field_berkas():
        try:
            contoh = f.generate_filename(None, "contoh.bin")
        except Exception:  # an upload_to that needs a real instance: its folder is not swept
            log.warning("Folder unggahan %s tidak dapat ditentukan", f)
            continue
        bagian = contoh.split("/")[:-1]
        while bagian and bagian[-1].isdecimal():
            bagian.pop()
        if bagian:
            akar.add("/".join(bagian))
    return akar


def _telusuri(storage: Storage, folder: str) -> Iterator[str]:
    try:
        subfolder, berkas = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for b in berkas:
        yield f"{folder}/{b}"
    for s in subfolder:
        yield from _telusuri(storage, f"{folder}/{s}")


def cari_yatim(storage: Storage, umur: dt.timedelta) -> list[str]:
    """Files under the upload folders that no row owns and that are older than `umur`."""
    sekarang = timezone.now()
    dimiliki = nama_dimiliki()
    ditemukan: set[str] = set()
    for akar in akar_unggahan():
        batas = umur
        if akar == AKAR_SEMENTARA or akar.startswith(f"{AKAR_SEMENTARA}/"):
            batas = max(umur, UMUR_MINIMAL_SEMENTARA)
        for nama in _telusuri(storage, akar):
            if nama in dimiliki or nama in ditemukan:
                continue
            with contextlib.suppress(OSError):
                if storage.get_modified_time(nama) < sekarang - batas:
                    ditemukan.add(nama)
    return sorted(ditemukan)


def dimiliki_baris(nama: str) -> bool:
    """Whether a row references `nama` now (asked again just before a removal)."""
    return any(
        model._base_manager.filter(**{f.attname: nama}).exists() for model, f in field_berkas()
    )


# --- the admin ----------------------------------------------------------------------------


def tampil_berkas(ff: FieldFile | None, url: str | None = None) -> str:
    """A private file in the admin: it has no public URL (MEDIA_URL is None, and asking the
    storage for one is an error), so its name, linked to the application's scoped download
    view when there is one — that view checks the wilayah and records the download."""
    if not ff:
        return "—"
    if url:
        return format_html('<a href="{}">{}</a>', url, ff.name)
    return str(ff.name)
