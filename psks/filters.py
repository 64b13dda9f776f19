"""The filter forms of the psks list pages; the lists they filter are in psks.selectors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar, cast

from django import forms
from django.db.models import Model, QuerySet

from dinsos import forms as dforms
from dinsos.akses import kecamatan_untuk

from .models import (
    ASAL_SDM,
    BENTUK_JAMINAN,
    JENIS_LEMBAGA,
    JENIS_SDM,
    SASARAN_REHABILITASI,
    TAHAP_REHABILITASI,
    PerlindunganSosial,
    PermintaanLayanan,
    ProgramLayanan,
    Rujukan,
    Status,
)

S = PermintaanLayanan.StatusPermintaan
R = Rujukan.StatusRujukan
M = TypeVar("M", bound=Model)


def _pilihan(form: forms.Form, nama: str, choices: Iterable[tuple[Any, Any]]) -> None:
    # The stubs type form.fields as plain Field; these fields are all ChoiceFields.
    cast(forms.ChoiceField, form.fields[nama]).choices = list(choices)


class FilterLayanan(dforms.Form):
    """Filters every service list shares: status and kecamatan."""

    status = forms.ChoiceField(required=False)
    kecamatan = forms.ChoiceField(required=False)

    def __init__(
        self,
        *args: Any,
        user: Any,
        status_choices: Iterable[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _pilihan(self, "status", [("", "Semua status"), *status_choices])
        kec = list(kecamatan_untuk(user))
        if len(kec) > 1:
            _pilihan(self, "kecamatan", [("", "Semua kecamatan")] + [(k.pk, k.nama) for k in kec])
        else:
            del self.fields["kecamatan"]

    def saring(self, qs: QuerySet[M], desa_field: str) -> QuerySet[M]:
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d.get("status"):
            qs = qs.filter(status=d["status"])
        if d.get("kecamatan"):
            qs = qs.filter(**{f"{desa_field}__kecamatan": d["kecamatan"]})
        return qs


class FilterRehab(FilterLayanan):
    sasaran = forms.ChoiceField(required=False)
    tahap = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, status_choices=Status.choices, **kwargs)
        _pilihan(self, "sasaran", [("", "Semua sasaran"), *SASARAN_REHABILITASI])
        _pilihan(
            self, "tahap", [("", "Semua tahap"), ("belum", "Belum dimulai"), *TAHAP_REHABILITASI]
        )

    def saring(self, qs: QuerySet[M], desa_field: str) -> QuerySet[M]:
        qs = super().saring(qs, desa_field)
        if self.is_valid():
            d = self.cleaned_data
            if d.get("sasaran"):
                qs = qs.filter(sasaran=d["sasaran"])
            if d.get("tahap") == "belum":
                qs = qs.filter(tahap_terakhir="")
            elif d.get("tahap"):
                qs = qs.filter(tahap_terakhir=d["tahap"])
        return qs


class FilterJaminan(FilterLayanan):
    bentuk = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, status_choices=Status.choices, **kwargs)
        _pilihan(self, "bentuk", [("", "Semua bentuk"), *BENTUK_JAMINAN])

    def saring(self, qs: QuerySet[M], desa_field: str) -> QuerySet[M]:
        qs = super().saring(qs, desa_field)
        if self.is_valid() and self.cleaned_data.get("bentuk"):
            qs = qs.filter(bentuk=self.cleaned_data["bentuk"])
        return qs


class FilterPemberdayaan(FilterLayanan):
    sasaran = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Semua sasaran"),
            ("perseorangan", "Perseorangan"),
            ("keluarga", "Keluarga"),
            ("kelompok", "Kelompok"),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, status_choices=Status.choices, **kwargs)

    def saring(self, qs: QuerySet[M], desa_field: str) -> QuerySet[M]:
        qs = super().saring(qs, desa_field)
        if self.is_valid() and self.cleaned_data.get("sasaran"):
            qs = qs.filter(**{f"{self.cleaned_data['sasaran']}__isnull": False})
        return qs


class FilterPerlindungan(FilterLayanan):
    jenis = forms.ChoiceField(
        required=False, choices=[("", "Semua jenis"), *PerlindunganSosial.Jenis.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, status_choices=Status.choices, **kwargs)

    def saring(self, qs: QuerySet[M], desa_field: str) -> QuerySet[M]:
        qs = super().saring(qs, desa_field)
        if self.is_valid() and self.cleaned_data.get("jenis"):
            qs = qs.filter(jenis=self.cleaned_data["jenis"])
        return qs


class FilterSLRT(FilterLayanan):
    saluran = forms.ChoiceField(
        required=False, choices=[("", "Semua saluran"), *PermintaanLayanan.Saluran.choices]
    )
    rujukan = forms.ChoiceField(
        label="Rujukan",
        required=False,
        choices=[("", "Semua"), *R.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, status_choices=S.choices, **kwargs)

    def saring(self, qs: QuerySet[M], desa_field: str) -> QuerySet[M]:
        qs = super().saring(qs, desa_field)
        if self.is_valid():
            d = self.cleaned_data
            if d.get("saluran"):
                qs = qs.filter(saluran=d["saluran"])
            if d.get("rujukan"):
                qs = qs.filter(rujukan__status=d["rujukan"]).distinct()
        return qs


class FilterSDM(dforms.Form):
    q = forms.CharField(label="Nama", required=False)
    jenis = forms.ChoiceField(choices=[("", "Semua jenis"), *JENIS_SDM], required=False)
    asal = forms.ChoiceField(choices=[("", "Semua unsur"), *ASAL_SDM], required=False)
    praktik = forms.ChoiceField(
        label="Izin praktik",
        required=False,
        choices=[
            ("", "Semua"),
            ("berlaku", "Berlaku"),
            ("akan_habis", "Segera berakhir"),
            ("tidak_berlaku", "Tidak dapat praktik"),
        ],
    )
    aktif = forms.ChoiceField(
        choices=[("1", "Aktif"), ("0", "Tidak aktif"), ("", "Semua")], required=False
    )


class FilterLembaga(dforms.Form):
    q = forms.CharField(label="Nama", required=False)
    jenis = forms.ChoiceField(choices=[("", "Semua jenis"), *JENIS_LEMBAGA], required=False)
    akreditasi = forms.ChoiceField(
        required=False,
        choices=[("", "Semua"), ("A", "A"), ("B", "B"), ("C", "C"), ("belum", "Belum")],
    )
    aktif = forms.ChoiceField(
        choices=[("1", "Aktif"), ("0", "Tidak aktif"), ("", "Semua")], required=False
    )


class FilterProgram(dforms.Form):
    jenis = forms.ChoiceField(
        label="Jenis layanan",
        required=False,
        choices=[("", "Semua"), *ProgramLayanan.Jenis.choices],
    )
    tahun = forms.IntegerField(label="Tahun anggaran", required=False, min_value=0)


class FilterPeranSerta(dforms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Semua"), *Status.choices]
    )
