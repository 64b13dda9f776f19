"""Small helpers shared by the psks views."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dinsos.akses import perlu_izin
from dinsos.audit import riwayat_untuk
from dinsos.forms import pasang_galat
from dinsos.riwayat import riwayat_tampil

from ..selectors import boleh_lihat_sdm

View = Callable[..., HttpResponse]

# History keys that name a reverse relation (a stage, a referral, a sub-record): their label
# is given here, since a reverse relation has no verbose name to read.
LABEL_RIWAYAT = {
    "tahap": "Tahap",
    "rujukan": "Rujukan",
    "akreditasi": "Akreditasi",
    "pelatihan": "Pelatihan",
}


def perlu_kabupaten(view):
    """403 unless the user works kabupaten-wide (workers' records, peran serta)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not boleh_lihat_sdm(request.user):
            raise PermissionDenied("Data PSKS ini hanya untuk peran tingkat Dinas.")
        return view(request, *args, **kwargs)

    return wrapped


def halaman(request, qs, per: int = 25):
    """A page of `qs` and the query string of the filters, for the pager links."""
    page = Paginator(qs, per).get_page(request.GET.get("hal"))
    q = request.GET.copy()
    q.pop("hal", None)
    return page, q.urlencode()


def jalankan(form, fungsi, **kwargs):
    """Run a service; a domain refusal is put on the form (never a 500) and None returned."""
    try:
        return fungsi(**kwargs)
    except ValidationError as e:
        pasang_galat(form, e)
        return None


def formulir(
    request: Any,
    form: forms.BaseForm,
    jalan: Callable[[dict[str, Any]], Any],
    *,
    pesan: Callable[[Any], str],
    ke: Callable[[Any], str],
    **teks: Any,
) -> HttpResponse:
    """A form page: a valid POST runs `jalan` (a service via `jalankan`); on success a message
    and a redirect to `ke(hasil)`, otherwise the form again with its errors."""
    if request.method == "POST" and form.is_valid():
        hasil = jalan(form.cleaned_data)
        if hasil:
            messages.success(request, pesan(hasil))
            return redirect(ke(hasil))
    return halaman_form(request, form=form, **teks)


def pengubah(*metode: str, izin: str) -> Callable[[View], View]:
    """The guard of a page that changes records: methods, login, then the capability."""

    def hias(view: View) -> View:
        return require_http_methods(list(metode))(login_required(perlu_izin(izin)(view)))

    return hias


def halaman_form(request, *, judul, form, tombol="Simpan", batal=None, keterangan="", **extra):
    return render(
        request,
        "psks/form.html",
        {
            "judul": judul,
            "form": form,
            "tombol": tombol,
            "batal": batal,
            "keterangan": keterangan,
            **extra,
        },
    )


def tahapan(pilihan, baris, berikut):
    """Every stage in the regulation's order with its record (or None), for the timeline."""
    dicatat = {b.tahap: b for b in baris}
    return [
        {"kode": k, "label": label, "baris": dicatat.get(k), "berikut": k == berikut}
        for k, label in pilihan
    ]


def galat_ke_pesan(request, form) -> None:
    """Show a refused form's errors as messages, for pages that no longer show the form
    (e.g. a stage posted to a case that another officer has just closed)."""
    if form is None or not form.errors:
        return
    for errors in form.errors.values():
        for e in errors:
            messages.error(request, e)


def riwayat(request, obj):
    """The history of `obj` as the one history display shows it to this user (B9)."""
    return riwayat_tampil(riwayat_untuk(obj), request.user, label=LABEL_RIWAYAT)
