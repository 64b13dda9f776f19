"""Background documents: ask for one, retry one.

A request only creates an `Ekspor` row and enqueues the task (`ekspor.tasks.susun_ekspor`); the
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

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from dinsos.akses import Izin, boleh
from dinsos.audit import catat
from dinsos.models import Peran, Riwayat, User

from .models import Ekspor
from .runner import tandai_terhenti
from .tasks import susun_ekspor

log = logging.getLogger(__name__)


def ekspor_buat(*, oleh: User, jenis: str, parameter: dict[str, Any], judul: str = "") -> Ekspor:
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


def ekspor_ulang(*, ekspor: Ekspor | int, oleh: User) -> Ekspor:
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
