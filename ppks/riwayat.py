"""How the registry's rows are named when a history points to them (the one display,
`dinsos.riwayat`). A person is named by registry number only and a family by its masked KK
number: a history may point to another wilayah's registrant (docs/rules.md section 4)."""

from dinsos.format import samarkan_nik
from dinsos.riwayat import daftarkan_tampil_fk

from .models import KategoriPMKS, Keluarga, Perseorangan


def daftarkan() -> None:
    daftarkan_tampil_fk(Perseorangan, lambda o: o.nomor_registrasi)
    daftarkan_tampil_fk(Keluarga, lambda k: f"Keluarga, KK {samarkan_nik(k.nomor_kk)}")
    daftarkan_tampil_fk(KategoriPMKS, str)
