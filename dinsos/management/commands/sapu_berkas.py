"""Remove files of the private storage that no row owns (docs/rules.md, section 4); for cron.

A file left by a crash between a commit and its rename, or by a transaction rolled back around a
service that had already returned, is personal data outside retention and audit. Only the
upload folders of the models' FileFields and `sementara/` are swept (see `dinsos.berkas`); a
file referenced by any FileField of any model is never touched, and each removal is a Riwayat
row.
"""

import datetime as dt
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandParser

from dinsos import berkas
from dinsos.audit import catat
from dinsos.models import Riwayat


class Command(BaseCommand):
    help = (
        "Menghapus berkas pada penyimpanan privat yang tidak dimiliki baris data mana pun "
        "dan lebih tua dari masa tenggang; setiap penghapusan dicatat dalam riwayat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--umur-jam",
            type=int,
            default=24,
            help="Masa tenggang dalam jam (bawaan 24); berkas yang lebih baru tidak dihapus.",
        )
        parser.add_argument(
            "--coba", action="store_true", help="Hanya menampilkan berkas yang akan dihapus."
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        umur = dt.timedelta(hours=max(1, opts["umur_jam"]))
        berkas.periksa_menunggu()
        calon = berkas.cari_yatim(default_storage, umur)
        dihapus = 0
        for nama in calon:
            if opts["coba"]:
                self.stdout.write(f"akan dihapus: {nama}")
                continue
            if berkas.dimiliki_baris(nama):
                continue  # a row took it since the list was made
            try:
                default_storage.delete(nama)
            except OSError as e:
                self.stderr.write(f"{nama} tidak dapat dihapus: {e}")
                continue
            catat(
                pengguna=None,
                aksi=Riwayat.Aksi.HAPUS,
                objek=f"Berkas {nama}",
                perubahan={"berkas": [nama, None]},
                alasan="Berkas tanpa baris pemilik dihapus oleh penyapuan berkas (sapu_berkas).",
            )
            dihapus += 1
        if opts["coba"]:
            self.stdout.write(f"{len(calon)} berkas tanpa pemilik akan dihapus.")
        else:
            self.stdout.write(f"{dihapus} berkas tanpa pemilik dihapus.")
