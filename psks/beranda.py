"""Home-page queue and panels of the psks app: the SLRT and service work waiting in the user's
wilayah for the roles that carry it out (`Izin.LAYANAN_SOSIAL`), and the expiry warnings
(S1, S2) for the roles that manage the PSKS registry (`Izin.KELOLA_PSKS`)."""

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from dinsos.akses import Izin, boleh, scope

from . import aturan
from .models import KasusRehabilitasi, PerlindunganSosial, PermintaanLayanan, Rujukan, Status
from .selectors import peringatan_kedaluwarsa


def _url(nama: str, **saring: str) -> str:
    return f"{reverse(nama)}?{urlencode(saring)}"


def _bantuan_lewat(user):
    return scope(user, PerlindunganSosial).filter(
        status=Status.AKTIF,
        jenis=PerlindunganSosial.Jenis.BANTUAN_LANGSUNG,
        tanggal_selesai__lt=timezone.localdate(),
    )


def antrian_beranda(request) -> list[dict[str, Any]]:
    user = request.user
    if not boleh(user, Izin.LAYANAN_SOSIAL):
        return []
    slrt = (
        scope(user, PermintaanLayanan)
        .filter(status=PermintaanLayanan.StatusPermintaan.BARU)
        .aggregate(n=Count("pk"), t=Min("tanggal"))
    )
    rujukan = (
        scope(user, Rujukan)
        .filter(status=Rujukan.StatusRujukan.DIRUJUK)
        .aggregate(n=Count("pk"), t=Min("tanggal_rujuk"))
    )
    lewat = _bantuan_lewat(user).aggregate(n=Count("pk"), t=Min("tanggal_selesai"))
    return [
        {
            "label": "Identifikasi permintaan layanan SLRT",
            "keterangan": "Permintaan layanan yang belum diidentifikasi kebutuhannya",
            "jumlah": slrt["n"],
            "tertua": slrt["t"],
            "url": _url("psks:slrt_list", status="baru"),
        },
        {
            "label": "Catat jawaban rujukan",
            "keterangan": "Rujukan SLRT yang belum dijawab instansi tujuan",
            "jumlah": rujukan["n"],
            "tertua": rujukan["t"],
            "url": _url("psks:slrt_list", rujukan="dirujuk"),
        },
        {
            "label": "Akhiri bantuan langsung yang lewat batas waktu",
            "keterangan": "Perlindungan sosial berupa bantuan langsung yang masih aktif",
            "jumlah": lewat["n"],
            "tertua": lewat["t"],
            "url": _url("psks:perlindungan_list", status="aktif"),
        },
    ]


def panel_beranda(request) -> list[dict]:
    user = request.user
    panels = []
    if boleh(user, Izin.LAYANAN_SOSIAL):
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
                "perlindungan_lewat": _bantuan_lewat(user).count(),
            }
        )
    # Licences and accreditations are renewed by those who manage the PSKS registry; a
    # finance or verification officer cannot act on them.
    if boleh(user, Izin.KELOLA_PSKS):
        panels.append(
            {
                "judul": "PSKS: masa berlaku",
                "template": "psks/panel_peringatan.html",
                "peringatan": peringatan_kedaluwarsa(),
                "hari": aturan.hari_peringatan(),
            }
        )
    return panels
