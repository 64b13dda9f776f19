"""Forms check shape and normalise input; the services in ppks.services decide the rules.

Model forms here skip Django's model validation (`_post_clean`): the service calls
`full_clean()` itself, inside its transaction, and its errors are put back on the form fields
by `dinsos.forms.pasang_galat`, so every entry point (page, import, command) gets the same rules.
"""

import re
from typing import cast

from django import forms
from django.conf import settings

from dinsos import akses
from dinsos import forms as dforms
from dinsos.akses import Izin
from dinsos.models import Desa

from . import nik as nikmod
from . import pemilih, selectors
from .models import (
    KategoriPMKS,
    Kelompok,
    Keluarga,
    Komunitas,
    KriteriaPMKS,
    Perseorangan,
    Registrasi,
)
from .services import FIELD_KELOMPOK, FIELD_KELUARGA, FIELD_KOMUNITAS, FIELD_ORANG

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def desa_pilihan(user):
    """Desa/kelurahan of this kabupaten (R7) within the user's wilayah."""
    return (
        akses.desa_untuk(user)
        .filter(kode__startswith=settings.KABUPATEN_KODE + ".")
        .order_by("kecamatan__nama", "nama")
    )


class DesaField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nama} — Kec. {obj.kecamatan.nama}"


class _BentukSaja(dforms.ModelForm):
    """A ModelForm for widgets and shape only; the service validates the model."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if "desa" in self.fields:
            lama = self.fields["desa"]
            self.fields["desa"] = DesaField(
                queryset=desa_pilihan(user),
                label=lama.label,
                required=True,
                empty_label="— pilih desa/kelurahan —",
            )

    def _post_clean(self):
        pass


def _angka(nilai: str | None) -> str:
    return nikmod.normalisasi(nilai or "").strip()


class OrangForm(_BentukSaja):
    alasan = forms.CharField(
        label="Alasan perubahan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Wajib bila NIK, tanggal lahir atau jenis kelamin diubah (aturan R5); "
        "dicatat dalam riwayat.",
    )

    class Meta:
        model = Perseorangan
        fields = FIELD_ORANG
        widgets = {
            "tanggal_lahir": TANGGAL,
            "alasan_tanpa_nik": forms.Textarea(attrs={"rows": 2}),
            "alasan_beda_nik": forms.Textarea(attrs={"rows": 2}),
            "catatan_disabilitas": forms.Textarea(attrs={"rows": 2}),
            "catatan_kesehatan": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"nik": "NIK", "nomor_kk": "Nomor KK", "desil_dtsen": "Desil DTSEN"}

    def __init__(self, *args, ubah: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.ubah = ubah
        nik = cast(forms.CharField, self.fields["nik"])
        nik.max_length = None
        nik.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": 24})
        cast(forms.CharField, self.fields["nomor_kk"]).max_length = None
        self.fields["nomor_kk"].widget.attrs.update({"inputmode": "numeric", "maxlength": 24})
        if ubah:
            # The whole NIK is not printed into the edit page: showing it is a full-NIK view.
            nik.label = "NIK baru"
            nik.help_text = "Kosongkan bila NIK tidak berubah."
        else:
            del self.fields["alasan"]
            nik.help_text = (
                "16 angka. Kosongkan hanya untuk gelandangan/PMKS T4 tanpa KTP dan isi alasannya "
                "(aturan R6)."
            )
        cast(forms.ChoiceField, self.fields["jenis_kelamin"]).choices = [
            ("", "— pilih —"),
            *(Perseorangan._meta.get_field("jenis_kelamin").choices or []),
        ]
        if not akses.boleh(self.user, Izin.LIHAT_NIK_LENGKAP):
            for f in ("catatan_disabilitas", "catatan_kesehatan"):
                self.fields.pop(f, None)

    def clean_nik(self):
        nik = _angka(self.cleaned_data.get("nik"))
        if nik and not re.fullmatch(r"\d{16}", nik):
            raise forms.ValidationError("NIK harus terdiri dari 16 angka (aturan R5).")
        return nik or None

    def clean_nomor_kk(self):
        kk = _angka(self.cleaned_data.get("nomor_kk"))
        if kk and not re.fullmatch(r"\d{16}", kk):
            raise forms.ValidationError("Nomor KK harus terdiri dari 16 angka.")
        return kk

    def data_layanan(self) -> tuple[dict, str]:
        data = dict(self.cleaned_data)
        alasan = data.pop("alasan", "") or ""
        if self.ubah and not data.get("nik"):
            data.pop("nik", None)
        return data, alasan


class KeluargaForm(_BentukSaja):
    kepala = pemilih.PemilihOrangField(
        label="Kepala keluarga: cari nama, NIK atau nomor registrasi",
        required=False,
        help_text="Orang yang sudah terdaftar sebagai perseorangan di wilayah kerja Anda.",
    )
    alasan = forms.CharField(label="Alasan perubahan", required=False)

    class Meta:
        model = Keluarga
        fields = FIELD_KELUARGA
        labels = {"nomor_kk": "Nomor KK"}

    def __init__(self, *args, ubah: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        pemilih.siapkan(self, self.user)
        cast(forms.CharField, self.fields["nomor_kk"]).max_length = None
        self.fields["nomor_kk"].widget.attrs.update({"inputmode": "numeric", "maxlength": 24})
        if not ubah:
            del self.fields["alasan"]
        else:
            self.fields["kepala"].help_text = "Kosongkan bila kepala keluarga tidak berganti."

    def clean_nomor_kk(self):
        kk = _angka(self.cleaned_data.get("nomor_kk"))
        if not re.fullmatch(r"\d{16}", kk):
            raise forms.ValidationError("Nomor KK harus terdiri dari 16 angka.")
        return kk


class AnggotaKeluargaForm(dforms.Form):
    identitas = pemilih.PemilihOrangField(required=True)
    hubungan = forms.ChoiceField(
        label="Hubungan dalam keluarga", choices=Perseorangan.Hubungan.choices
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        pemilih.siapkan(self, user)


class AnggotaForm(AnggotaKeluargaForm):
    # None removes the inherited field (Django's documented way); the stubs expect a Field.
    hubungan = None  # type: ignore[assignment]


class KelompokForm(_BentukSaja):
    ketua = pemilih.PemilihOrangField(
        label="Ketua: cari nama, NIK atau nomor registrasi", required=True
    )
    anggota = forms.CharField(
        label="Anggota lain (NIK atau nomor registrasi, satu per baris)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    )
    alasan = forms.CharField(label="Alasan perubahan", required=False)

    class Meta:
        model = Kelompok
        fields = FIELD_KELOMPOK
        widgets = {"tanggal_dibentuk": TANGGAL}

    def __init__(self, *args, ubah: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        pemilih.siapkan(self, self.user)
        if ubah:
            del self.fields["anggota"]
            self.fields["ketua"].required = False
            self.fields["ketua"].help_text = "Kosongkan bila ketua tidak berganti."
        else:
            del self.fields["alasan"]

    def clean_anggota(self):
        hasil, galat = [], []
        for i, baris in enumerate((self.cleaned_data.get("anggota") or "").splitlines(), 1):
            if not baris.strip():
                continue
            orang = selectors.cari_orang(self.user, baris)
            if orang is None:
                galat.append(f"baris {i}")
            else:
                hasil.append(orang)
        if galat:
            raise forms.ValidationError(
                "Tidak ditemukan di wilayah kerja Anda: " + ", ".join(galat) + "."
            )
        return hasil


class KomunitasForm(_BentukSaja):
    alasan = forms.CharField(label="Alasan perubahan", required=False)

    class Meta:
        model = Komunitas
        fields = FIELD_KOMUNITAS

    def __init__(self, *args, ubah: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not ubah:
            del self.fields["alasan"]


class KriteriaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.huruf}. {obj.teks}"


class RegistrasiForm(dforms.Form):
    kategori = forms.ModelChoiceField(
        label="Kategori PMKS",
        queryset=KategoriPMKS.objects.all(),
        empty_label="— pilih kategori —",
    )
    kriteria = KriteriaChoiceField(
        label="Kriteria yang terpenuhi",
        queryset=KriteriaPMKS.objects.select_related("kategori"),
        widget=forms.CheckboxSelectMultiple,
        required=False,  # R2 "at least one" is the service's rule, with its own message
    )
    tanggal_asesmen = forms.DateField(
        label="Tanggal asesmen", required=False, widget=TANGGAL, help_text="Kosong = hari ini."
    )
    sumber_data = forms.ChoiceField(
        label="Sumber data",
        choices=[c for c in Registrasi.Sumber.choices if c[0] != Registrasi.Sumber.IMPOR],
        initial=Registrasi.Sumber.PENDATAAN,
    )
    catatan = forms.CharField(
        label="Catatan asesmen", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class StatusRegistrasiForm(dforms.Form):
    status = forms.ChoiceField(
        label="Status baru",
        choices=[
            (Registrasi.Status.SELESAI, Registrasi.Status.SELESAI.label),
            (Registrasi.Status.DITOLAK, Registrasi.Status.DITOLAK.label),
        ],
    )
    alasan = forms.CharField(label="Alasan", widget=forms.Textarea(attrs={"rows": 3}))


class HapusForm(dforms.Form):
    alasan = forms.CharField(
        label="Alasan penghapusan", widget=forms.Textarea(attrs={"rows": 2}), required=True
    )


class ImporForm(dforms.Form):
    berkas = forms.FileField(
        label="Berkas (.xlsx atau .csv)",
        help_text="Satu baris per orang. Unduh templat untuk urutan kolom.",
    )


class SaringanSederhana(dforms.Form):
    """Filters of the family, group and community lists."""

    nama = forms.CharField(label="Nama (sebagian)", required=False, max_length=100)
    desa = DesaField(
        label="Desa/kelurahan",
        queryset=Desa.objects.none(),
        required=False,
        empty_label="Semua desa/kelurahan",
    )

    def __init__(self, *args, user, label_nama: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["desa"]).queryset = desa_pilihan(user)
        if label_nama:
            self.fields["nama"].label = label_nama

    def saring(self, qs, field_nama: str):
        if not self.is_valid():
            return qs.none()
        nama = " ".join((self.cleaned_data.get("nama") or "").split())
        if nama:
            qs = qs.filter(**{f"{field_nama}__icontains": nama})
        if self.cleaned_data.get("desa"):
            qs = qs.filter(desa=self.cleaned_data["desa"])
        return qs
