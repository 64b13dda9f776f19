"""The registry's panel on the home page: counts for the user's wilayah (one GROUP BY each),
for the roles that keep the registry; the others reach it from the menu."""

from dinsos.akses import Izin, boleh
from dinsos.models import Peran

from . import selectors


def panel_beranda(request) -> list[dict]:
    # The roles that keep the registry, and the Kepala Dinas who plans from its figures; after
    # the role's own queue (dinsos.dashboard), never before it.
    user = request.user
    if not (boleh(user, Izin.UBAH_REGISTRI) or getattr(user, "peran", None) == Peran.KEPALA_DINAS):
        return []
    return [
        {
            "judul": "Registri PMKS/PPKS",
            "template": "ppks/_bagian/panel_beranda.html",
            "per_kategori": selectors.hitungan_per_kategori(user),
            "per_kecamatan": selectors.hitungan_per_kecamatan(user),
        }
    ]
