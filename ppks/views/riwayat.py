"""The full history page of a registrant (its own rows and its registrations')."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dinsos.akses import Izin, perlu_izin

from .. import selectors
from .registrasi import muat_subjek


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def riwayat(request, jenis, pk):
    # Loaded through the user's wilayah: another wilayah's history is a 404 like its record.
    subjek, _ = muat_subjek(request, jenis, pk)
    return render(
        request,
        "ppks/riwayat.html",
        {
            "subjek": subjek,
            "judul": selectors.judul_subjek(request.user, subjek),
            "riwayat": selectors.riwayat_subjek_tampil(subjek, request.user),
        },
    )
