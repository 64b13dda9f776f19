"""Home-page panel: the Kepala Dinas's dashboard (also for Petugas Dinas and Administrator)."""

from django.utils import timezone

from dinsos.models import Peran

from .dasbor import data_dasbor, tenggat_rekap

PERAN_PANEL = {Peran.KEPALA_DINAS, Peran.ADMINISTRATOR, Peran.PETUGAS_DINAS}


def panel_beranda(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    if user.peran in PERAN_PANEL:
        return [
            {
                "template": "laporan/panel_beranda.html",
                # The Kepala Dinas's own view of the office: right after the work waiting.
                **({"urutan": 15} if user.peran == Peran.KEPALA_DINAS else {}),
                **data_dasbor(user, timezone.localdate().year),
            }
        ]
    tenggat = tenggat_rekap()
    if tenggat["peringatan"] and user.peran == Peran.BENDAHARA:
        # B7: the finance side sees the deadline too once December starts.
        return [{"template": "laporan/panel_tenggat.html", "tenggat": tenggat}]
    return []
