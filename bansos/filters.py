"""The filters of the bansos lists: status, jenis, kecamatan, desa, tahun anggaran, plus a search
by application number or the recipient's name. The choices and the rows are both limited to the
user's wilayah; a NIK is never a filter here, so it never lands in a URL
(docs/rules.md section 4)."""

import django_filters
from django.db.models import Q

from dinsos import akses

from .models import JenisBansos, Pagu, Permohonan, StatusPermohonan


def _kecamatan(request):
    return akses.kecamatan_untuk(request.user).order_by("nama")


def _desa(request):
    return akses.desa_untuk(request.user).order_by("kecamatan__nama", "nama")


def pilihan_tahun() -> list[tuple[str, str]]:
    tahun = set(Permohonan.objects.values_list("tahun_anggaran", flat=True).distinct())
    tahun |= set(Pagu.objects.values_list("tahun_anggaran", flat=True).distinct())
    return [(str(t), str(t)) for t in sorted(tahun, reverse=True)]


class PermohonanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Nomor atau nama penerima", method="cari")
    status = django_filters.ChoiceFilter(
        label="Status", choices=StatusPermohonan.choices, empty_label="Semua status"
    )
    jenis = django_filters.ChoiceFilter(
        label="Jenis bansos", choices=JenisBansos.choices, empty_label="Semua jenis"
    )
    kecamatan = django_filters.ModelChoiceFilter(
        label="Kecamatan",
        field_name="desa__kecamatan",
        queryset=_kecamatan,
        empty_label="Semua kecamatan",
    )
    desa = django_filters.ModelChoiceFilter(
        label="Desa/kelurahan", queryset=_desa, empty_label="Semua desa/kelurahan"
    )
    tahun_anggaran = django_filters.ChoiceFilter(
        label="Tahun anggaran", choices=pilihan_tahun, empty_label="Semua tahun"
    )

    class Meta:
        model = Permohonan
        fields = ["q", "status", "jenis", "kecamatan", "desa", "tahun_anggaran"]

    def __init__(self, data=None, queryset=None, *, request, **kwargs):
        # Rows always come from the user's scope, whatever queryset a caller passes.
        base = akses.scope(request.user, queryset if queryset is not None else Permohonan)
        super().__init__(data, base, request=request, **kwargs)
        self.form.fields["desa"].label_from_instance = lambda d: (
            f"{d.nama} — Kec. {d.kecamatan.nama}"
        )

    def cari(self, qs, name, value):
        return cari_permohonan(qs, value)


def cari_permohonan(qs, value: str):
    """The list's search box: an application number, or part of the recipient's name. Shared
    with the list's xlsx export (laporan.pembangun.permohonan_terfilter)."""
    value = (value or "").strip()
    if not value:
        return qs
    return qs.filter(
        Q(nomor__iexact=value)
        | Q(perseorangan__nama__icontains=value)
        | Q(kelompok__nama__icontains=value)
    )
