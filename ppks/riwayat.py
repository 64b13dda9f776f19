"""How the registry's rows are named when a history points to them (the one display,
`dinsos.riwayat`). A person is named by registry number only and a family by its masked KK
number; a registrant outside the viewer's wilayah is not named at all, only said to be outside
(docs/rules.md section 4)."""

import re

from dinsos.format import samarkan_nik
from dinsos.riwayat import daftarkan_tampil_fk, daftarkan_teks_rujukan

from .models import KategoriPMKS, Kelompok, Keluarga, Perseorangan

ANGGOTA_LUAR = "anggota di luar wilayah Anda"

# The services write a member as "Nama (REG-…)" and a family head, when set, by name alone.
_DENGAN_NOMOR = re.compile(r"\((REG-[0-9A-Z]+)\)\s*$")


def _pengenal_orang(teks: str) -> tuple[str, str] | None:
    if m := _DENGAN_NOMOR.search(teks):
        return ("nomor_registrasi", m.group(1))
    teks = teks.strip()
    return ("nama", teks) if teks else None


def daftarkan() -> None:
    daftarkan_tampil_fk(Perseorangan, lambda o: o.nomor_registrasi, luar=ANGGOTA_LUAR)
    daftarkan_tampil_fk(
        Keluarga,
        lambda k: f"Keluarga, KK {samarkan_nik(k.nomor_kk)}",
        luar="keluarga di luar wilayah Anda",
    )
    daftarkan_tampil_fk(KategoriPMKS, str)
    for model, nama in (
        (Keluarga, "anggota"),
        (Keluarga, "kepala"),
        (Kelompok, "anggota"),
        (Kelompok, "ketua"),
    ):
        daftarkan_teks_rujukan(model, nama, Perseorangan, _pengenal_orang)
