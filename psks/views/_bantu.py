"""Small helpers shared by the psks views."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render

from dinsos.akses import kecamatan_untuk

from ..selectors import boleh_lihat_sdm


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
        if hasattr(e, "error_dict"):
            for field, errors in e.error_dict.items():
                target = field if field in form.fields and field != NON_FIELD_ERRORS else None
                for err in errors:
                    form.add_error(target, err)
        else:
            for pesan in e.messages:
                form.add_error(None, pesan)
        return None


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


class FilterLayanan(forms.Form):
    """Filters every service list shares: status and kecamatan."""

    status = forms.ChoiceField(required=False)
    kecamatan = forms.ChoiceField(required=False)

    def __init__(self, *args, user, status_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Semua status"), *status_choices]
        kec = list(kecamatan_untuk(user))
        if len(kec) > 1:
            self.fields["kecamatan"].choices = [("", "Semua kecamatan")] + [
                (k.pk, k.nama) for k in kec
            ]
        else:
            del self.fields["kecamatan"]

    def saring(self, qs, desa_field: str):
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d.get("status"):
            qs = qs.filter(status=d["status"])
        if d.get("kecamatan"):
            qs = qs.filter(**{f"{desa_field}__kecamatan": d["kecamatan"]})
        return qs


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
