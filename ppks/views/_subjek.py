"""What the pages of the four kinds of registrant do the same way: the list, the member
buttons and the delete confirmation. The service each page calls decides the rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dinsos import akses, masukan
from dinsos.akses import Izin, boleh
from dinsos.forms import pesan

from ..forms import HapusForm
from ..models import Perseorangan
from ..selectors import Halaman, Subjek


def tampil_daftar(
    request: HttpRequest,
    template: str,
    saringan: forms.Form,
    hal: Halaman,
    **konteks: Any,
) -> HttpResponse:
    """A list page; the filter links keep the filters but drop the pager's keys."""
    q = request.GET.copy()
    q.pop("sebelum", None)
    q.pop("sesudah", None)
    return render(
        request,
        template,
        {
            "saringan": saringan,
            "hal": hal,
            "qs_saringan": q.urlencode(),
            "boleh_ubah": boleh(request.user, Izin.UBAH_REGISTRI),
            **konteks,
        },
    )


def jalankan(request: HttpRequest, layanan: Callable[[], object], sukses: str) -> bool:
    """Call a service for a button; its refusal or its success becomes the page's message."""
    try:
        layanan()
    except ValidationError as e:
        messages.error(request, pesan(e))
        return False
    messages.success(request, sukses)
    return True


def galat_tombol(form: forms.Form) -> str:
    """A button's form errors as one message (the page it returns to has no form to show)."""
    return " ".join(str(m) for ms in form.errors.values() for m in ms)


def keluarkan_anggota(
    request: HttpRequest,
    subjek: Subjek,
    orang_pk: int,
    layanan: Callable[..., object],
    argumen: str,
    dari: str,
) -> HttpResponse:
    """Remove a member from a family or a group (`argumen` names the record for the service)."""
    orang = akses.get_for_user_or_404(request.user, Perseorangan, pk=orang_pk)
    jalankan(
        request,
        lambda: layanan(
            **{argumen: subjek},
            orang=orang,
            oleh=request.user,
            alasan=masukan.teks(request.POST.get("alasan", "")),  # refused: the message
        ),
        f"{orang.nama} telah dikeluarkan dari {dari}.",
    )
    return redirect(subjek.get_absolute_url())


def hapus_subjek(
    request: HttpRequest,
    subjek: Subjek,
    hapus: Callable[[str], object],
    sukses: str,
    ke: str,
) -> HttpResponse:
    """Confirm with a reason, then delete through the service; a refusal returns to the record."""
    form = HapusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not jalankan(request, lambda: hapus(form.cleaned_data["alasan"]), sukses):
            return redirect(subjek.get_absolute_url())
        return redirect(ke)
    return render(
        request,
        "ppks/konfirmasi_hapus.html",
        {"form": form, "objek": subjek, "batal": subjek.get_absolute_url()},
    )
