"""Background documents: create, run, retry (issue 4 item 3).

A request only creates an `Ekspor` row and enqueues the task (`laporan.tasks.susun_ekspor`); the
task worker (`python manage.py db_worker`, the queue is a database table) builds the file.

No half file, ever: the builder writes to a temporary file beside the final location; only
when it is complete is it renamed into place (an atomic rename on one file system) and the row
marked `selesai` with it. A worker stopped mid-task leaves the row `berjalan` with a heartbeat
that stops; `tandai_terhenti()` turns such rows into `gagal`, and the temporary file is removed
on the next run. A failed job keeps its message and can be retried ("Coba lagi").

Finished files are deleted `LAPORAN_SIMPAN_HARI` days after they were made (`hapus_kedaluwarsa`,
run before every job and by `manage.py bersihkan_ekspor`): they hold names and addresses, and a
copy kept forever on the server is a copy that can leak. The row stays, `kedaluwarsa`, as the
record of who asked for what; the same job can be made again with the data of that day.
"""

import datetime as dt
import logging
import os
import tempfile
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from dinsos.akses import Izin, boleh, wilayah_q
from dinsos.audit import catat
from dinsos.models import Peran, Riwayat

from .models import Ekspor

log = logging.getLogger(__name__)

# A running job whose heartbeat is older than this was stopped with its worker.
BATAS_DIAM = dt.timedelta(minutes=10)
# Temporary files older than this belong to no running job.
BATAS_SEMENTARA = dt.timedelta(hours=6)


class EksporGagal(ValidationError):
    """A builder's clear reason for not making the file (shown to the user as is)."""


# --- places on disk ---------------------------------------------------------------------------


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


def _bersihkan_sementara() -> None:
    batas = time.time() - BATAS_SEMENTARA.total_seconds()
    for p in dir_sementara().glob("ekspor-*.part"):
        try:
            if p.stat().st_mtime < batas:
                p.unlink()
        except OSError:
            pass


def _terbitkan(ekspor: Ekspor, tmp: Path, ext: str) -> str:
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


# --- scope -------------------------------------------------------------------------------------


def wilayah_ekspor(ekspor: Ekspor, desa_field: str) -> Q:
    """The rows the job may contain: the requester's scope when asking AND now (section 4)."""
    saat_minta = SimpleNamespace(
        is_authenticated=True,
        is_active=True,
        peran=ekspor.peran,
        desa_id=ekspor.desa_id,
        kecamatan_id=ekspor.kecamatan_id,
    )
    return wilayah_q(saat_minta, desa_field) & wilayah_q(ekspor.dibuat_oleh, desa_field)


# --- services ----------------------------------------------------------------------------------


def ekspor_buat(*, oleh, jenis: str, parameter: dict, judul: str = "") -> Ekspor:
    """Record the request (with the requester's scope), log it, and enqueue the task."""
    if not boleh(oleh, Izin.EKSPOR):
        raise ValidationError("Peran Anda tidak berwenang mengekspor data.")
    if jenis not in Ekspor.Jenis.values:
        raise ValidationError("Jenis ekspor tidak dikenal.")
    with transaction.atomic():
        e = Ekspor(
            jenis=jenis,
            parameter=parameter,
            judul=judul[:255],
            dibuat_oleh=oleh,
            peran=oleh.peran,
            desa_id=oleh.desa_id if oleh.peran == Peran.OPERATOR_DESA else None,
            kecamatan_id=oleh.kecamatan_id if oleh.peran == Peran.OPERATOR_KECAMATAN else None,
            wilayah_label=oleh.wilayah_label,
        )
        e.full_clean()
        e.save()
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.EKSPOR,
            obj=e,
            perubahan={"parameter": [None, parameter]},
            alasan=e.get_jenis_display(),
        )
    _antrekan(e)
    e.refresh_from_db()
    return e


def ekspor_ulang(*, ekspor: Ekspor | int, oleh) -> Ekspor:
    """ "Coba lagi" / "Susun ulang": a failed or expired job of the same requester goes back to
    the queue, with its own parameters and scope."""
    pk = ekspor.pk if isinstance(ekspor, Ekspor) else ekspor
    tandai_terhenti()
    with transaction.atomic():
        e = Ekspor.objects.select_for_update().filter(pk=pk, dibuat_oleh=oleh).first()
        if e is None:
            raise Http404("Ekspor tidak ditemukan.")
        if not e.bisa_diulang:
            raise ValidationError(
                f"Ekspor ini berstatus “{e.get_status_display()}”; hanya ekspor yang gagal "
                "atau yang berkasnya sudah dihapus yang dapat disusun ulang."
            )
        alasan = "Coba lagi" if e.status == Ekspor.Status.GAGAL else "Susun ulang"
        e.status = Ekspor.Status.ANTRI
        e.progres = 0
        e.tahap = ""
        e.pesan_galat = ""
        e.dimulai = e.berakhir = e.denyut = None
        e.save(
            update_fields=[
                "status", "progres", "tahap", "pesan_galat", "dimulai", "berakhir", "denyut",
            ]
        )  # fmt: skip
        catat(pengguna=oleh, aksi=Riwayat.Aksi.EKSPOR, obj=e, alasan=alasan)
    _antrekan(e)
    e.refresh_from_db()
    return e


def _antrekan(e: Ekspor) -> None:
    from .tasks import susun_ekspor

    try:
        hasil = susun_ekspor.enqueue(e.pk)
    except Exception as exc:  # the queue itself is down: say so instead of waiting forever
        log.exception("Ekspor %s tidak dapat dimasukkan ke antrean", e.pk)
        Ekspor.objects.filter(pk=e.pk).update(
            status=Ekspor.Status.GAGAL,
            pesan_galat=f"Tidak dapat dimasukkan ke antrean tugas: {type(exc).__name__}.",
            berakhir=timezone.now(),
        )
        return
    Ekspor.objects.filter(pk=e.pk).update(task_id=str(hasil.id)[:64])


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
            transaction.on_commit(lambda nama=nama: _hapus_berkas(nama))
        n += 1
    return n


def _hapus_berkas(nama: str) -> None:
    try:
        default_storage.delete(nama)
    except OSError:
        log.warning("Berkas ekspor kedaluwarsa tidak dapat dihapus", exc_info=True)


class Pelapor:
    """Progress and heartbeat, written at most every half second (plus every stage change)."""

    def __init__(self, ekspor_id: int):
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
    _bersihkan_sementara()
    hapus_kedaluwarsa()
    tmp = dir_sementara() / f"ekspor-{e.pk}-{uuid.uuid4().hex}.part"
    pelapor = Pelapor(e.pk)
    try:
        if not boleh(e.dibuat_oleh, Izin.EKSPOR):
            raise EksporGagal("Akun yang meminta ekspor ini tidak lagi berwenang mengekspor data.")
        from .pembangun import PEMBANGUN

        hasil = PEMBANGUN[e.jenis](e, tmp, pelapor)
        pelapor(99, "Menyimpan berkas")
        ukuran = tmp.stat().st_size
        nama = _terbitkan(e, tmp, hasil.ext)
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
