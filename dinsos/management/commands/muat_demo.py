"""Demo data for a first run: one login per role, then each app's own demo data.

An app contributes by defining `muat(stdout)` in `<app>/demo.py`.
"""

from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from dinsos.models import Desa, Peran, ProfilKantor, User

DEMO_PASSWORD = "demo12345"


class Command(BaseCommand):
    help = "Membuat data contoh dan satu akun contoh untuk setiap peran."

    @transaction.atomic
    def handle(self, *args: Any, **opts: Any) -> None:
        desa = Desa.objects.select_related("kecamatan").order_by("kode").first()
        if desa is None:
            self.stderr.write("Wilayah belum dimuat: jalankan `manage.py muat_wilayah` dahulu.")
            return
        profil = ProfilKantor.get()
        if not profil.kepala_dinas_nama:
            profil.alamat = profil.alamat or "Jl. Contoh No. 1"
            profil.kepala_dinas_nama = "Drs. Kepala Dinas Contoh, M.Si."
            profil.kepala_dinas_nip = "196801011990031001"
            profil.kepala_dinas_pangkat = "Pembina Utama Muda"
            profil.bendahara_nama = "Bendahara Contoh, S.E."
            profil.bendahara_nip = "198002022005012002"
            profil.save()
        akun: list[tuple[str, str, Peran, dict[str, Any]]] = [
            ("desa", "Operator Desa Contoh", Peran.OPERATOR_DESA, {"desa": desa}),
            (
                "kecamatan",
                "Operator Kecamatan Contoh",
                Peran.OPERATOR_KECAMATAN,
                {"kecamatan": desa.kecamatan},
            ),
            ("petugas", "Petugas Dinas Contoh", Peran.PETUGAS_DINAS, {}),
            # The verifier signs the berita acara verifikasi, under his name and NIP.
            (
                "verifikator",
                "Tim Verifikasi Contoh",
                Peran.TIM_VERIFIKASI,
                {"nip": "198503152010011004"},
            ),
            ("kadis", "Kepala Dinas Contoh", Peran.KEPALA_DINAS, {}),
            ("bendahara", "Bendahara Contoh", Peran.BENDAHARA, {}),
            ("admin", "Administrator Contoh", Peran.ADMINISTRATOR, {"is_superuser": True}),
        ]
        self.stdout.write(f"Akun contoh (kata sandi sama untuk semua: {DEMO_PASSWORD}):")
        for username, nama, peran, extra in akun:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": nama, "peran": peran, **extra}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            self.stdout.write(
                f"  {username:<12} {user.get_peran_display():<28} {user.wilayah_label}"
            )
        for app in ["ppks", "psks", "bansos", "laporan"]:
            try:
                mod = import_module(f"{app}.demo")
            except ModuleNotFoundError as e:
                if e.name != f"{app}.demo":
                    raise
                continue
            mod.muat(self.stdout)
