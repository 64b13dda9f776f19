"""Forms check shape only: which year, jenis, kecamatan (of the user's own), period, format."""

from typing import Any, cast

from django import forms
from django.utils import timezone

from bansos.models import JenisBansos, Permohonan, StatusPermohonan
from dinsos.akses import desa_untuk, kecamatan_untuk
from dinsos.models import ProfilKantor


def pilihan_tahun() -> list[tuple[int, str]]:
    tahun = set(Permohonan.objects.values_list("tahun_anggaran", flat=True).distinct())
    tahun.add(timezone.localdate().year)
    return [(t, str(t)) for t in sorted(tahun, reverse=True)]


class RekapForm(forms.Form):
    tahun_anggaran = forms.TypedChoiceField(label="Tahun anggaran", coerce=int)
    jenis = forms.ChoiceField(
        label="Jenis bantuan", required=False, choices=[("", "Semua jenis"), *JenisBansos.choices]
    )
    kecamatan = forms.ChoiceField(label="Kecamatan", required=False)
    dari = forms.DateField(
        label="Dicairkan dari tanggal",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sampai = forms.DateField(
        label="sampai tanggal",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    format = forms.ChoiceField(
        label="Bentuk berkas",
        choices=[("pdf", "PDF (untuk dicetak dan ditandatangani)"), ("xlsx", "Lembar kerja xlsx")],
        initial="pdf",
    )
    ukuran_kertas = forms.ChoiceField(
        label="Ukuran kertas", choices=[("A4", "A4"), ("F4", "F4 (215 × 330 mm)")]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["tahun_anggaran"]).choices = pilihan_tahun()
        self.fields["tahun_anggaran"].initial = timezone.localdate().year
        kec = list(kecamatan_untuk(user).values_list("kode", "nama"))
        # An operator sees only his own kecamatan: another one is not even a valid choice.
        cast(forms.ChoiceField, self.fields["kecamatan"]).choices = [
            ("", "Semua kecamatan dalam wilayah Anda")
        ] + [(k, f"Kec. {n}") for k, n in kec]
        self.fields["ukuran_kertas"].initial = ProfilKantor.get().ukuran_kertas

    def clean(self) -> dict[str, Any]:
        # Form.clean() returns cleaned_data, never None.
        data = cast(dict[str, Any], super().clean())
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and dari > sampai:
            self.add_error("sampai", "Tanggal akhir tidak boleh sebelum tanggal awal.")
        return data


class EksporPermohonanForm(forms.Form):
    """The filters of the bansos list page (bansos.filters.PermohonanFilter, same names), passed
    on to the background export; every filter of the list has its field here."""

    q = forms.CharField(label="Nomor atau nama penerima", required=False, max_length=150)
    tahun_anggaran = forms.IntegerField(label="Tahun anggaran", required=False, min_value=2000)
    jenis = forms.ChoiceField(
        label="Jenis bantuan", required=False, choices=[("", "Semua jenis"), *JenisBansos.choices]
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Semua status"), *StatusPermohonan.choices]
    )
    kecamatan = forms.ChoiceField(label="Kecamatan", required=False)
    desa = forms.ChoiceField(label="Desa/Kelurahan", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kecamatan"]).choices = [("", "Semua kecamatan")] + [
            (k, f"Kec. {n}") for k, n in kecamatan_untuk(user).values_list("kode", "nama")
        ]
        cast(forms.ChoiceField, self.fields["desa"]).choices = [("", "Semua desa/kelurahan")] + [
            (d.kode, d.label_lengkap) for d in desa_untuk(user)
        ]
