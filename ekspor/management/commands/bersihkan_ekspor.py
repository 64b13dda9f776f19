"""Delete finished background files past their retention (LAPORAN_SIMPAN_HARI); for cron."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from ekspor.runner import hapus_kedaluwarsa, tandai_terhenti


class Command(BaseCommand):
    help = (
        "Menghapus berkas rekapitulasi/ekspor yang telah melewati masa simpan "
        "(LAPORAN_SIMPAN_HARI) dan menandai tugas yang terhenti."
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        terhenti = tandai_terhenti()
        n = hapus_kedaluwarsa()
        self.stdout.write(
            f"{n} berkas dihapus (masa simpan {settings.LAPORAN_SIMPAN_HARI} hari); "
            f"{terhenti} tugas terhenti ditandai gagal."
        )
