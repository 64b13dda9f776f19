"""The registry's panel on the home page: counts for the user's wilayah (one GROUP BY each)."""

from dinsos.akses import Izin, boleh

from . import selectors


def panel_beranda(request) -> list[dict]:
    if not boleh(request.user, Izin.LIHAT_REGISTRI):
        return []
    return [
        {
            "judul": "Registri PMKS/PPKS",
            "template": "ppks/_bagian/panel_beranda.html",
            "per_kategori": selectors.hitungan_per_kategori(request.user),
            "per_kecamatan": selectors.hitungan_per_kecamatan(request.user),
        }
    ]
