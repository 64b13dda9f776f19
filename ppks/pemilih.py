"""The one recipient picker: find a registrant the user may see by name, NIK or registry number.

Every form that takes a registrant (a bansos recipient, a family or group member, a family
head or group chair, a PSKS client) searches here, through the user's scope
(`dinsos.akses.scope`), so an Operator Desa never finds another desa's person. A result carries
what tells namesakes apart — birth date and desa — and the NIK masked unless the role may see it
whole (docs/rules.md section 4). The query arrives in a POST body, never in a URL.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from dinsos import akses, masukan
from dinsos.akses import Izin, boleh
from dinsos.format import samarkan_nik, tanggal

from . import nik as nikmod
from . import selectors
from .models import Kelompok, Perseorangan, Registrasi

BATAS_HASIL = 20
JENIS = ("orang", "kelompok")


@dataclass(frozen=True)
class Calon:
    """One search result, as both the page and the JSON answer show it."""

    pk: int
    jenis: str
    nama: str
    nomor_registrasi: str
    nik: str
    tanggal_lahir: str
    desa: str
    aktif: bool

    @property
    def label(self) -> str:
        bagian = [self.nama]
        if self.nik:
            bagian.append(f"NIK {self.nik}")
        if self.tanggal_lahir:
            bagian.append(f"lahir {self.tanggal_lahir}")
        bagian.append(self.desa)
        return " · ".join(bagian)

    def sebagai_dict(self) -> dict[str, Any]:
        return {**asdict(self), "label": self.label}


def _desa(desa: Any) -> str:
    return f"{desa.nama}, Kec. {desa.kecamatan.nama}"


def cari_orang(user: Any, teks: str, batas: int = BATAS_HASIL) -> list[Calon]:
    """Persons in the user's wilayah whose NIK or registry number is `teks`, or whose name
    contains it; the exact matches first, then by name."""
    teks = (teks or "").strip()
    if len(teks) < 2 or masukan.ada_kendali(teks):  # a NUL cannot even be sent to PostgreSQL
        return []
    qs = akses.scope(user, Perseorangan).select_related("desa__kecamatan")
    nik = nikmod.normalisasi(teks)
    if nik.isdigit() and len(nik) == 16:
        qs = qs.filter(nik=nik)
    elif teks.upper().startswith("REG-"):
        qs = qs.filter(nomor_registrasi=teks.upper())
    else:
        qs = qs.filter(nama__icontains=teks)
    lengkap = boleh(user, Izin.LIHAT_NIK_LENGKAP)
    daftar = list(qs.order_by("nama", "tanggal_lahir", "pk")[:batas])
    aktif = set(
        Registrasi.objects.filter(
            perseorangan__in=daftar, status=Registrasi.Status.AKTIF
        ).values_list("perseorangan_id", flat=True)
    )
    return [
        Calon(
            pk=o.pk,
            jenis="orang",
            nama=o.nama,
            nomor_registrasi=o.nomor_registrasi,
            nik=(o.nik if lengkap else samarkan_nik(o.nik)) if o.nik else "",
            tanggal_lahir=tanggal(o.tanggal_lahir),
            desa=_desa(o.desa),
            aktif=o.pk in aktif,
        )
        for o in daftar
    ]


def cari_kelompok(
    user: Any, teks: str, batas: int = BATAS_HASIL, *, semua: bool = False
) -> list[Calon]:
    """Groups in the user's wilayah by name, or by the name of their ketua (`semua`: every
    group of the wilayah, for a form that lists a desa's few groups at once)."""
    teks = (teks or "").strip()
    if (len(teks) < 2 and not semua) or masukan.ada_kendali(teks):
        return []
    qs = akses.scope(user, Kelompok).select_related("desa__kecamatan", "ketua")
    if teks:
        qs = qs.filter(Q(nama__icontains=teks) | Q(ketua__nama__icontains=teks))
    daftar = list(qs.order_by("nama", "pk")[:batas])
    aktif = set(
        Registrasi.objects.filter(kelompok__in=daftar, status=Registrasi.Status.AKTIF).values_list(
            "kelompok_id", flat=True
        )
    )
    return [
        Calon(
            pk=k.pk,
            jenis="kelompok",
            nama=k.nama,
            nomor_registrasi=f"ketua {k.ketua.nama}",
            nik="",
            tanggal_lahir="",
            desa=_desa(k.desa),
            aktif=k.pk in aktif,
        )
        for k in daftar
    ]


def cari(user: Any, teks: str, jenis: str = "orang") -> list[Calon]:
    return cari_kelompok(user, teks) if jenis == "kelompok" else cari_orang(user, teks)


# --- The picker as a form field --------------------------------------------------------------
# Every form that takes a person (a family member or head, a group member or chair, a PSKS
# client) uses this one field: the text box takes a whole NIK or registry number as before, or
# a name whose results are listed to choose one by pk (`<name>_pilih`); both resolve only within
# `dinsos.akses.scope` (docs/rules.md section 4), so another wilayah's pk is refused.


class PemilihOrangWidget(forms.Widget):
    """The search box, its "Cari" and the results (templates/ppks/_pemilih_widget.html)."""

    template_name = "ppks/_pemilih_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None, judul: str = "Pilih orang") -> None:
        # No autocomplete attribute: a search box keeps the browser's default, and "off" on
        # type=search fails the accessibility check (axe autocomplete-valid).
        super().__init__(attrs or {})
        self.judul = judul
        self.calon: list[Calon] = []
        self.sudah_cari = False

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, Any]:
        return {
            "teks": data.get(name) or "",
            "pk": data.get(f"{name}_pilih") or "",
            "cari": bool(data.get("cari_penerima")),
        }

    def use_required_attribute(self, initial: Any) -> bool:
        # A person chosen by pk needs no text; the field says what is missing.
        return False

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_pilih" not in data

    def format_value(self, value: Any) -> str:
        if isinstance(value, dict):
            return str(value.get("teks") or "")
        if isinstance(value, Perseorangan):
            return value.nomor_registrasi
        return "" if value is None else str(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        ctx = super().get_context(name, value, attrs)
        pk = str(value.get("pk") or "") if isinstance(value, dict) else ""
        ctx["pemilih"] = {
            "nama": f"{name}_pilih",
            "jenis": "orang",
            "judul": self.judul,
            "calon": self.calon,
            "terpilih": masukan.angka_id(pk),
            "sudah_cari": self.sudah_cari,
        }
        return ctx

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        # The project's template engine (not the form renderer's), which finds templates/.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


class PemilihOrangField(forms.Field):
    """A person the user may see: chosen by pk from the results, or typed whole (NIK or
    registry number). `user` is set by the form (`siapkan`); cleaned value: a Perseorangan."""

    widget = PemilihOrangWidget
    user: Any = None
    # Overridable per form with `error_messages` (a PSKS form says "klien").
    default_error_messages = {
        "kosong": "Cari dan pilih orang menurut nama, NIK atau nomor registrasi.",
        "pilih": "Pilih orang dari hasil pencarian (nama yang sama dibedakan menurut tanggal "
        "lahir dan desa).",
        "luar": "Orang yang dipilih tidak ditemukan di wilayah kerja Anda.",
        "tidak_ada": "Orang dengan nama, NIK atau nomor registrasi tersebut tidak ditemukan di "
        "wilayah kerja Anda. Daftarkan dahulu sebagai perseorangan di registri.",
    }

    def __init__(self, *, max_length: int = 150, judul: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("label", "Cari orang: nama, NIK atau nomor registrasi")
        kwargs.setdefault(
            "help_text",
            "Hanya orang di wilayah kerja Anda; nama yang sama dibedakan menurut tanggal lahir "
            "dan desa.",
        )
        super().__init__(**kwargs)
        self.widget.attrs["maxlength"] = str(max_length)
        if judul:
            cast(PemilihOrangWidget, self.widget).judul = judul

    def clean(self, value: Any) -> Perseorangan | None:
        if not isinstance(value, dict):
            value = {"teks": value or "", "pk": "", "cari": False}
        teks, pk = str(value["teks"]).strip(), str(value["pk"]).strip()
        masukan.tanpa_kendali(teks)
        masukan.tanpa_kendali(pk)
        widget = cast(PemilihOrangWidget, self.widget)
        if value["cari"]:
            # The plain "Cari" (no JavaScript) lists the results and never saves the form.
            widget.calon, widget.sudah_cari = cari_orang(self.user, teks), True
            raise self._galat("pilih" if widget.calon else "tidak_ada")
        # ASCII digits only: "²".isdigit() is True but int("²") fails.
        nomor = masukan.angka_id(pk)
        if nomor is not None:
            orang = akses.scope(self.user, Perseorangan).filter(pk=nomor).first()
            if orang is None:
                raise self._galat("luar")
            # Shown again, still chosen, if another field of the form fails.
            widget.calon = cari_orang(self.user, orang.nomor_registrasi)
            return orang
        if not teks:
            if self.required:
                raise self._galat("kosong")
            return None
        orang = selectors.cari_orang(self.user, teks)
        if orang is not None:
            return orang
        widget.calon, widget.sudah_cari = cari_orang(self.user, teks), True
        raise self._galat("pilih" if widget.calon else "tidak_ada")

    @property
    def calon(self) -> list[Calon]:
        """The results listed by the last clean (a name, not a whole number, was typed)."""
        return cast(PemilihOrangWidget, self.widget).calon

    def _galat(self, kode: str) -> forms.ValidationError:
        return forms.ValidationError(self.error_messages[kode], code=kode)


def siapkan(form: forms.BaseForm, user: Any) -> None:
    """Give each picker field of `form` the user whose scope it searches."""
    for field in form.fields.values():
        if isinstance(field, PemilihOrangField):
            field.user = user
