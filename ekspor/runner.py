"""The worker's side of a background job: claim it, build it, publish it, or say why not.

Each kind of job has a builder, registered by the app that knows the data
(`daftarkan_pembangun()` in its `AppConfig.ready()`): it gets the job, a temporary path to write
and a progress callback, reads its rows under `wilayah_ekspor(job, …)` and returns a `Hasil`.
This app knows no domain: the registry is how the domain apps above it plug in.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dinsos.akses import Izin, boleh
from dinsos.audit import catat
from dinsos.models import Riwayat

from .berkas import bersihkan_sementara, dir_sementara, hapus_berkas, terbitkan
from .models import Ekspor

log = logging.getLogger(__name__)

# A running job whose heartbeat is older than this was stopped with its worker.
BATAS_DIAM = dt.timedelta(minutes=10)


class EksporGagal(ValidationError):
    """A builder's clear reason for not making the file (shown to the user as is)."""


@dataclass
class Hasil:
    ext: str
    nama_unduhan: str
    jumlah_baris: int
    # Written to the audit trail (Riwayat EKSPOR) once the file is published, when given.
    riwayat: dict[str, Any] | None = None


Lapor = Callable[..., None]
Pembangun = Callable[[Ekspor, Path, Lapor], Hasil]

PEMBANGUN: dict[str, Pembangun] = {}


def daftarkan_pembangun(jenis: str, pembangun: Pembangun) -> None:
    """Register the builder of one `Ekspor.Jenis` (each app, in its AppConfig.ready())."""
    if jenis not in Ekspor.Jenis.values:
        raise ValueError(f"Jenis ekspor {jenis!r} tidak dikenal.")
    PEMBANGUN[jenis] = pembangun


def pembangun_untuk(jenis: str) -> Pembangun:
    try:
        return PEMBANGUN[jenis]
    except KeyError:
        raise EksporGagal(f"Tidak ada penyusun untuk jenis ekspor {jenis!r}.") from None


def tandai_terhenti() -> int:
    """Jobs whose worker died mid-way (heartbeat stopped) become `gagal`, retryable."""
    batas = timezone.now() - BATAS_DIAM
    return Ekspor.objects.filter(status=Ekspor.Status.BERJALAN, denyut__lt=batas).update(
        status=Ekspor.Status.GAGAL,
        pesan_galat=(
            "Proses terhenti sebelum selesai (task worker berhenti atau dimatikan). Berkas tidak "
            "dibuat; silakan coba lagi."
        ),
        berakhir=timezone.now(),
    )


def hapus_kedaluwarsa(*, sekarang: dt.datetime | None = None) -> int:
    """Delete the files of jobs finished more than LAPORAN_SIMPAN_HARI days ago; returns how
    many. The row is marked first, so no page offers a download of a file about to go."""
    batas = (sekarang or timezone.now()) - dt.timedelta(days=settings.LAPORAN_SIMPAN_HARI)
    n = 0
    for pk in Ekspor.objects.filter(status=Ekspor.Status.SELESAI, berakhir__lt=batas).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            e = Ekspor.objects.select_for_update().filter(pk=pk).first()
            if e is None or e.status != Ekspor.Status.SELESAI:
                continue
            nama = e.berkas.name
            e.status = Ekspor.Status.KEDALUWARSA
            e.berkas = ""
            e.ukuran_berkas = None
            e.tahap = f"Berkas dihapus otomatis setelah {settings.LAPORAN_SIMPAN_HARI} hari"
            e.save(update_fields=["status", "berkas", "ukuran_berkas", "tahap"])
            catat(
                pengguna=None,
                aksi=Riwayat.Aksi.HAPUS,
                obj=e,
                perubahan={"berkas": [nama, None]},
                alasan=f"Masa simpan {settings.LAPORAN_SIMPAN_HARI} hari berakhir",
            )
            # The file goes only once the row no longer points at it.
            transaction.on_commit(functools.partial(hapus_berkas, nama))
        n += 1
    return n


class Pelapor:
    """Progress and heartbeat, written at most every half second (plus every stage change)."""

    def __init__(self, ekspor_id: int) -> None:
        self.pk = ekspor_id
        self._terakhir = 0.0
        self._persen = -1
        self._tahap = ""

    def __call__(self, persen: int, tahap: str = "") -> None:
        persen = max(0, min(99, int(persen)))  # 100 only together with the file
        now = time.monotonic()
        if tahap == self._tahap and (persen == self._persen or now - self._terakhir < 0.5):
            return
        self._terakhir, self._persen, self._tahap = now, persen, tahap
        Ekspor.objects.filter(pk=self.pk, status=Ekspor.Status.BERJALAN).update(
            progres=persen, tahap=tahap[:200], denyut=timezone.now()
        )


def _klaim(ekspor_id: int) -> Ekspor | None:
    with transaction.atomic():
        e = Ekspor.objects.select_for_update().filter(pk=ekspor_id).first()
        if e is None or e.status != Ekspor.Status.ANTRI:
            return None  # already taken, done, or deleted: running it twice would be wrong
        now = timezone.now()
        e.status = Ekspor.Status.BERJALAN
        e.dimulai = e.denyut = now
        e.percobaan += 1
        e.progres = 0
        e.tahap = "Memulai"
        e.save(update_fields=["status", "dimulai", "denyut", "percobaan", "progres", "tahap"])
    return Ekspor.objects.select_related("dibuat_oleh").get(pk=ekspor_id)


def jalankan(ekspor_id: int) -> None:
    """Body of the task: build the file under the requester's scope, publish it atomically."""
    e = _klaim(ekspor_id)
    if e is None:
        return
    bersihkan_sementara()
    hapus_kedaluwarsa()
    tmp = dir_sementara() / f"ekspor-{e.pk}-{uuid.uuid4().hex}.part"
    pelapor = Pelapor(e.pk)
    try:
        if not boleh(e.dibuat_oleh, Izin.EKSPOR):
            raise EksporGagal("Akun yang meminta ekspor ini tidak lagi berwenang mengekspor data.")
        hasil = pembangun_untuk(e.jenis)(e, tmp, pelapor)
        pelapor(99, "Menyimpan berkas")
        ukuran = tmp.stat().st_size
        nama = terbitkan(e, tmp, hasil.ext)
        with transaction.atomic():
            Ekspor.objects.filter(pk=e.pk).update(
                status=Ekspor.Status.SELESAI,
                berkas=nama,
                nama_unduhan=hasil.nama_unduhan,
                ukuran_berkas=ukuran,
                jumlah_baris=hasil.jumlah_baris,
                progres=100,
                tahap="Selesai",
                berakhir=timezone.now(),
                denyut=timezone.now(),
            )
            if getattr(hasil, "riwayat", None) is not None:
                # What the file really holds (rows, NIK whole or masked), known only now.
                catat(
                    pengguna=e.dibuat_oleh,
                    aksi=Riwayat.Aksi.EKSPOR,
                    obj=e,
                    perubahan=hasil.riwayat,
                    alasan=f"Berkas disusun: {hasil.nama_unduhan}",
                )
    except BaseException as exc:
        if isinstance(exc, ValidationError):
            pesan = " ".join(exc.messages)
        elif isinstance(exc, Exception):
            log.exception("Ekspor %s gagal", e.pk)
            pesan = f"Terjadi kesalahan saat menyusun berkas ({type(exc).__name__}: {exc})"
        else:  # SystemExit/KeyboardInterrupt: the worker is being stopped
            pesan = "Proses dihentikan sebelum selesai (task worker dihentikan)."
        Ekspor.objects.filter(pk=e.pk).update(
            status=Ekspor.Status.GAGAL, pesan_galat=pesan[:2000], berakhir=timezone.now()
        )
        raise
    finally:
        tmp.unlink(missing_ok=True)
