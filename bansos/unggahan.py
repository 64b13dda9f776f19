"""Uploads kept across a failed submit of the application form (B5 supporting documents).

A phone user who picked four scans must not pick them again because the amount was too high:
every valid file of a submit is staged in the private storage under a random token, the page
sends the token back in a hidden field, and the next submit re-attaches the file. The token is
bound to the user (a path under the user's pk), so nobody else can claim it. After a successful
submit the staged files are deleted; files of an abandoned form are deleted after
`UMUR_SEMENTARA` by the next staging call.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import get_valid_filename

from . import berkas as berkasmod

AKAR = "sementara/bansos"
UMUR_SEMENTARA = dt.timedelta(days=1)
_TOKEN = re.compile(r"[0-9a-f]{32}")


def _folder(user: Any, token: str) -> str:
    return f"{AKAR}/{int(user.pk)}/{token}"


def simpan(user: Any, berkas: Any) -> str:
    """Stage a valid upload; returns its token. An invalid file is never staged."""
    berkasmod.validasi_berkas(berkas)
    bersihkan_kedaluwarsa()
    token = uuid.uuid4().hex
    nama = get_valid_filename(getattr(berkas, "name", "") or "berkas")[:100] or "berkas"
    berkas.seek(0)
    default_storage.save(f"{_folder(user, token)}/{nama}", berkas)
    berkas.seek(0)
    return token


def _nama_berkas(user: Any, token: str) -> str | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    try:
        _, isi = default_storage.listdir(_folder(user, token))
    except (FileNotFoundError, OSError):
        return None
    return f"{_folder(user, token)}/{isi[0]}" if isi else None


def ambil(user: Any, token: str) -> SimpleUploadedFile | None:
    """The staged file of this user's token as an upload again, or None (gone, or not theirs)."""
    nama = _nama_berkas(user, token)
    if nama is None:
        return None
    with default_storage.open(nama, "rb") as fh:
        isi = fh.read()
    try:
        jenis = berkasmod.periksa_berkas(SimpleUploadedFile("x", isi))
    except ValidationError:
        return None
    return SimpleUploadedFile(nama.rsplit("/", 1)[-1], isi, content_type=jenis.mime)


def hapus(user: Any, token: str) -> None:
    nama = _nama_berkas(user, token)
    if nama is not None:
        default_storage.delete(nama)
        _hapus_folder(nama.rsplit("/", 1)[0])


def _hapus_folder(folder: str) -> None:
    # FileSystemStorage leaves empty directories behind; they are removed so nothing lingers.
    with contextlib.suppress(OSError, NotImplementedError):
        os.rmdir(default_storage.path(folder))


def bersihkan_kedaluwarsa(sekarang: dt.datetime | None = None) -> int:
    """Delete staged files older than UMUR_SEMENTARA (forms left unfinished); returns how many."""
    batas = (sekarang or timezone.now()) - UMUR_SEMENTARA
    dihapus = 0
    try:
        pengguna, _ = default_storage.listdir(AKAR)
    except (FileNotFoundError, OSError):
        return 0
    for u in pengguna:
        try:
            token_list, _ = default_storage.listdir(f"{AKAR}/{u}")
        except (FileNotFoundError, OSError):
            continue
        for t in token_list:
            folder = f"{AKAR}/{u}/{t}"
            _, isi = default_storage.listdir(folder)
            for nama in isi:
                if default_storage.get_modified_time(f"{folder}/{nama}") < batas:
                    default_storage.delete(f"{folder}/{nama}")
                    dihapus += 1
            _hapus_folder(folder)
    return dihapus
