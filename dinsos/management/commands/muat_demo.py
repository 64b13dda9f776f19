"""Demo data for a first run: one login per role, then each app's own demo data.

An app contributes by defining `muat(stdout)` in `<app>/demo.py`.
"""

import io
import math
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image, ImageDraw

from dinsos.models import Desa, Peran, ProfilKantor, User

DEMO_PASSWORD = "demo12345"

# Telephone area code and postal code of the kabupaten's seat, so that the demo letterhead
# looks like one; any other kabupaten gets the address without them.
KODE_AREA_POS = {"35.01": ("0357", "63511"), "12.09": ("0623", "21216")}
# What an earlier demo wrote: replaced by the real-looking address below.
ALAMAT_LAMA = "Jl. Contoh No. 1"


def logo_demo() -> bytes:
    """A plain emblem drawn here (a shield with a star), never a real government's logo."""
    lebar, tinggi = 240, 280
    gambar = Image.new("RGBA", (lebar, tinggi), (0, 0, 0, 0))
    d = ImageDraw.Draw(gambar)
    perisai = [
        (120, 6),
        (232, 44),
        (232, 140),
        (206, 210),
        (120, 274),
        (34, 210),
        (8, 140),
        (8, 44),
    ]
    d.polygon(perisai, fill="#d9a400")
    dalam = [
        (120, 22),
        (216, 55),
        (216, 138),
        (193, 200),
        (120, 256),
        (47, 200),
        (24, 138),
        (24, 55),
    ]
    d.polygon(dalam, fill="#0b5c8c")
    bintang = [
        (
            120 + (48 if i % 2 == 0 else 20) * math.cos(-math.pi / 2 + i * math.pi / 5),
            120 + (48 if i % 2 == 0 else 20) * math.sin(-math.pi / 2 + i * math.pi / 5),
        )
        for i in range(10)
    ]
    d.polygon(bintang, fill="#ffffff")
    # An arc under the star, the garland of many regional emblems.
    d.arc([60, 150, 180, 240], start=20, end=160, fill="#ffffff", width=10)
    keluaran = io.BytesIO()
    gambar.save(keluaran, format="PNG")
    return keluaran.getvalue()


def isi_profil_demo() -> ProfilKantor:
    """Fill the office profile of the demo, field by field, only where it is still empty.

    The kop surat prints the logo, address and telephone from here (laporan/pdf.py); an office
    that has typed its own keeps them.
    """
    profil = ProfilKantor.get()
    kota = (profil.kota_surat or profil.nama_kabupaten or "").strip()
    area, pos = KODE_AREA_POS.get(settings.KABUPATEN_KODE, ("", ""))
    if not profil.alamat or profil.alamat == ALAMAT_LAMA:
        profil.alamat = " ".join(f"Jl. Jenderal Sudirman No. 25, {kota} {pos}".split()).rstrip(",")
    if not profil.telepon:
        profil.telepon = f"({area}) 881234" if area else "881234"
    if not profil.kepala_dinas_nama:
        profil.kepala_dinas_nama = "Drs. Kepala Dinas Contoh, M.Si."
        profil.kepala_dinas_nip = "196801011990031001"
        profil.kepala_dinas_pangkat = "Pembina Utama Muda"
    if not profil.bendahara_nama:
        profil.bendahara_nama = "Bendahara Contoh, S.E."
        profil.bendahara_nip = "198002022005012002"
    if not profil.logo:
        profil.logo.save("logo-demo.png", ContentFile(logo_demo()), save=False)
    profil.save()
    return profil


class Command(BaseCommand):
    help = "Membuat data contoh dan satu akun contoh untuk setiap peran."

    @transaction.atomic
    def handle(self, *args: Any, **opts: Any) -> None:
        desa = Desa.objects.select_related("kecamatan").order_by("kode").first()
        if desa is None:
            self.stderr.write("Wilayah belum dimuat: jalankan `manage.py muat_wilayah` dahulu.")
            return
        isi_profil_demo()
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
