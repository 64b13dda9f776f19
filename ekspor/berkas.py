"""Where background files live, and how a finished one is published whole.

Temporary files live on the same file system as the final ones, so the rename that publishes a
finished file is atomic: no page ever offers half a file.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage

from .models import Ekspor

log = logging.getLogger(__name__)


def _lokasi_lokal() -> Path | None:
    if isinstance(default_storage, FileSystemStorage):
        return Path(default_storage.location)
    return None


def dir_sementara() -> Path:
    """Temporary files live on the same file system as the final ones, so the rename that
    publishes a finished file is atomic."""
    lokal = _lokasi_lokal()
    d = (lokal / "laporan" / ".sementara") if lokal else Path(tempfile.gettempdir())
    d.mkdir(parents=True, exist_ok=True)
    return d


def dir_cache() -> Path:
    pilihan = getattr(settings, "LAPORAN_CACHE_DIR", None)
    lokal = _lokasi_lokal()
    if pilihan:
        d = Path(pilihan)
    elif lokal:
        d = lokal / "laporan" / "cache"
    else:
        d = Path(tempfile.gettempdir()) / "dinsos-laporan-cache"
    d.mkdir(parents=True, exist_ok=True)
    return d


# Temporary files older than this belong to no running job.
BATAS_SEMENTARA = dt.timedelta(hours=6)


def bersihkan_sementara() -> None:
    batas = time.time() - BATAS_SEMENTARA.total_seconds()
    for p in dir_sementara().glob("ekspor-*.part"):
        try:
            if p.stat().st_mtime < batas:
                p.unlink()
        except OSError:
            pass


def terbitkan(ekspor: Ekspor, tmp: Path, ext: str) -> str:
    """Move the finished temporary file to its final name; returns the storage name."""
    nama = ekspor.berkas.field.generate_filename(ekspor, f"berkas.{ext}")
    lokal = _lokasi_lokal()
    if lokal is not None:
        nama = default_storage.get_available_name(nama)
        tujuan = Path(default_storage.path(nama))
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, tujuan)
        return nama
    # Object storages publish an upload whole or not at all.
    with open(tmp, "rb") as f:
        return default_storage.save(nama, File(f))


def hapus_berkas(nama: str) -> None:
    try:
        default_storage.delete(nama)
    except OSError:
        log.warning("Berkas ekspor kedaluwarsa tidak dapat dihapus", exc_info=True)
