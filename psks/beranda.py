"""Home-page panels of the psks app: expiry warnings (S1, S2) for the Dinas roles, and the
SLRT/service work waiting in the user's wilayah."""

from django.utils import timezone

from dinsos.akses import Izin, boleh, scope

from . import aturan
from .models import KasusRehabilitasi, PerlindunganSosial, PermintaanLayanan, Rujukan, Status
from .selectors import boleh_lihat_sdm, peringatan_kedaluwarsa


def panel_beranda(request) -> list[dict]:
    user = request.user
    panels = []
    if boleh_lihat_sdm(user):
        panels.append(
            {
                "judul": "PSKS: masa berlaku",
                "template": "psks/panel_peringatan.html",
                "peringatan": peringatan_kedaluwarsa(),
                "hari": aturan.hari_peringatan(),
            }
        )
    if boleh(user, Izin.LAYANAN_SOSIAL) or boleh_lihat_sdm(user):
        panels.append(
            {
                "judul": "Layanan kesejahteraan sosial",
                "template": "psks/panel_layanan.html",
                "slrt_baru": scope(user, PermintaanLayanan)
                .filter(status=PermintaanLayanan.StatusPermintaan.BARU)
                .count(),
                "rujukan_terbuka": scope(user, Rujukan)
                .filter(status=Rujukan.StatusRujukan.DIRUJUK)
                .count(),
                "rehab_aktif": scope(user, KasusRehabilitasi).filter(status=Status.AKTIF).count(),
                "perlindungan_lewat": scope(user, PerlindunganSosial)
                .filter(
                    status=Status.AKTIF,
                    jenis=PerlindunganSosial.Jenis.BANTUAN_LANGSUNG,
                    tanggal_selesai__lt=timezone.localdate(),
                )
                .count(),
            }
        )
    return panels
