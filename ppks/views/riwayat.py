"""The full history page of a registrant (its own rows and its registrations')."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from dinsos import akses
from dinsos.akses import Izin, perlu_izin

from .. import selectors
from ..tampilan import riwayat_tampil
from .registrasi import SUBJEK


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def riwayat(request, jenis, pk):
    if jenis not in SUBJEK:
        raise Http404
    model, _ = SUBJEK[jenis]
    # Loaded through the user's wilayah: another wilayah's history is a 404 like its record.
    subjek = akses.get_for_user_or_404(request.user, model, pk=pk)
    return render(
        request,
        "ppks/riwayat.html",
        {
            "subjek": subjek,
            "riwayat": riwayat_tampil(selectors.riwayat_subjek(subjek), request.user),
        },
    )
