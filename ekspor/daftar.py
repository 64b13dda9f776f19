"""List exports: every filtered list of the system as xlsx, by one mechanism.

A list page declares itself once, in its app's `daftar.py`, registered from the app's
`AppConfig.ready()` (so the task worker, which never loads the URLconf, knows every list too):

- `saring(user, data) -> (form, queryset)`: THE function the page itself calls, so the file
  holds exactly what the page lists — the user's scope, the list's own filter form, its order;
- its columns (`Kolom`), with real types (date cells, rupiah and number cells); a NIK or KK
  column is marked `nik=True` and written masked unless the requester holds
  `Izin.LIHAT_NIK_LENGKAP` when the file is built (docs/rules.md, section 4);
- who may see the list (capabilities, an optional check) and the path to its Desa for
  `wilayah_ekspor`, or None for kabupaten-wide records (institutions, programmes).

The request keeps only the values of the form's own fields, never a `rahasia` one (the NIK
search), and never the page number. The worker binds the same form again FOR THE REQUESTER:
a value outside the requester's choices makes the form invalid and the job fails with that
reason instead of widening; the rows are then narrowed once more by `wilayah_ekspor` (the
scope when asking AND now). So a job can never hold more than its requester may see.
"""

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, QueryDict
from django.utils import timezone

from dinsos.akses import Izin, boleh
from dinsos.format import angka, samarkan_nik
from dinsos.forms import galat_form
from dinsos.models import User

from . import xlsx
from .models import Ekspor
from .runner import EksporGagal, Hasil, Lapor
from .services import ekspor_buat
from .wilayah import peminta_saat_minta, wilayah_ekspor

# Excel's own row limit, less the header row.
BARIS_MAKS = 1_048_575
CHUNK = 2000
# Never carried from a list page into a job: the pager, and the form's CSRF token.
BUKAN_SARINGAN = frozenset({"hal", "sebelum", "sesudah", "csrfmiddlewaretoken"})


@dataclass(frozen=True)
class Kolom:
    judul: str
    ambil: Callable[[Any], Any]
    jenis: str = "teks"  # as laporan.xlsx.Kolom: teks | angka | tahun | rupiah | tanggal
    lebar: float = 16
    # A NIK or KK number: whole only for Izin.LIHAT_NIK_LENGKAP (docs/rules.md, section 4).
    nik: bool = False


@dataclass(frozen=True)
class Daftar:
    nama: str  # registry key, in URLs and job parameters: "psks.rehabilitasi"
    judul: str
    berkas: str  # download name stem
    url_daftar: str  # the list page (url name), to go back to
    saring: Callable[[Any, QueryDict], tuple[Any, Any]]
    kolom: Sequence[Kolom]
    desa_field: str | None  # for wilayah_ekspor; None: kabupaten-wide records
    izin: tuple[str, ...] = ()  # capabilities the list page needs
    syarat: Callable[[Any], bool] | None = None  # any further check of the list page
    rahasia: frozenset[str] = field(default_factory=frozenset)  # never stored (NIK search)
    urutan: tuple[str, ...] = ()  # when the page orders outside the queryset (keyset pager)
    jenis: str = Ekspor.Jenis.DAFTAR_XLSX

    def boleh(self, user: Any) -> bool:
        return (
            boleh(user, Izin.EKSPOR)
            and all(boleh(user, i) for i in self.izin)
            and (self.syarat is None or bool(self.syarat(user)))
        )


_DAFTAR: dict[str, Daftar] = {}


def daftarkan(*daftar: Daftar) -> None:
    for d in daftar:
        if d.jenis not in Ekspor.Jenis.values:
            raise ValueError(f"Jenis ekspor {d.jenis!r} tidak dikenal.")
        _DAFTAR[d.nama] = d


def semua() -> dict[str, Daftar]:
    return dict(_DAFTAR)


def ambil(nama: str) -> Daftar | None:
    return semua().get(nama or "")


# --- the filters of a list page ----------------------------------------------------------------


def data_saringan(d: Daftar, data: QueryDict | Mapping[str, Any] | None) -> QueryDict:
    """The page's query (or a job's stored filters) without the pager and the secret fields."""
    q = QueryDict(mutable=True)
    items = data.lists() if isinstance(data, QueryDict) else (data or {}).items()
    for k, v in items:
        if k in BUKAN_SARINGAN or k in d.rahasia:
            continue
        # An empty value stays: "aktif=" (all) is not the same as no "aktif" (the default).
        q.setlist(k, [str(x) for x in (v if isinstance(v, list | tuple) else [v])])
    return q


def _sah(form: forms.BaseForm | None) -> bool:
    return form is None or not getattr(form, "is_bound", True) or form.is_valid()


def _galat(form: forms.BaseForm) -> str:
    return galat_form(form, pemisah="; ")


def uraian_saringan(
    form: forms.BaseForm | None, rahasia: frozenset[str] = frozenset()
) -> dict[str, str]:
    """The filters in use as {label: shown value}, for the job's title and the audit trail."""
    if form is None or not _sah(form) or not hasattr(form, "cleaned_data"):
        return {}
    hasil: dict[str, str] = {}
    for nama, f in form.fields.items():
        nilai = form.cleaned_data.get(nama)
        if nama in rahasia or nilai in (None, "", [], ()):
            continue
        if isinstance(nilai, Model):
            tampil = str(nilai)
        elif (pilihan := getattr(f, "choices", None)) is not None:
            tampil = str(dict((str(k), v) for k, v in pilihan).get(str(nilai), nilai))
        else:
            tampil = str(nilai)
        hasil[str(form[nama].label or nama)] = tampil
    return hasil


def _disimpan(d: Daftar, form: forms.BaseForm | None, data: QueryDict) -> dict[str, Any]:
    """Only the form's own fields go into the job (a stray parameter is not even stored)."""
    nama = set(form.fields) if form is not None else set()
    simpan: dict[str, Any] = {}
    for k in sorted(nama - d.rahasia):
        nilai = data.getlist(k)
        if nilai:
            simpan[k] = nilai[0] if len(nilai) == 1 else nilai
    return simpan


def mulai(*, oleh: User, nama: str, data: Any) -> Ekspor:
    """Start the export of list `nama` as filtered by `data` (the list page's query)."""
    d = ambil(nama)
    if d is None:
        raise Http404("Daftar tidak dikenal.")
    if not d.boleh(oleh):
        raise PermissionDenied("Peran Anda tidak berwenang mengekspor daftar ini.")
    data = data_saringan(d, data)
    form, _qs = d.saring(oleh, data)
    if not _sah(form):
        raise ValidationError(
            f"Saringan tidak valid; periksa kembali isian saringan ({_galat(form)})."
        )
    return ekspor_buat(
        oleh=oleh,
        jenis=d.jenis,
        parameter={"daftar": d.nama, "saringan": _disimpan(d, form, data)},
        judul=judul_dengan_saringan(d.judul, uraian_saringan(form, d.rahasia)),
    )


def judul_dengan_saringan(judul: str, uraian: dict[str, str]) -> str:
    """ "Jaminan sosial — Status: Berjalan; Kecamatan: Arjosari": the job page and "Unduhan saya"
    then say which filters the file applies."""
    return judul + (" — " + "; ".join(f"{k}: {v}" for k, v in uraian.items()) if uraian else "")


# --- the builder (run by the worker) -----------------------------------------------------------


def _samar(k: Kolom) -> Kolom:
    asli = k.ambil

    def ambil(o: Any) -> Any:
        v = asli(o)
        return samarkan_nik(v) if v else ""

    return replace(k, ambil=ambil)


def baris_ekspor(e: Ekspor) -> tuple[Daftar, Any, list[Kolom], dict[str, str], bool]:
    """The list, its rows (scoped and filtered as the page does) and its columns for job `e`."""
    d = ambil(e.parameter.get("daftar", ""))
    if d is None or d.jenis != e.jenis:
        raise EksporGagal("Daftar yang diminta tidak dikenal.")
    peminta = e.dibuat_oleh
    if not (d.boleh(peminta) and d.boleh(peminta_saat_minta(e))):
        raise EksporGagal("Akun yang meminta ekspor ini tidak berwenang melihat daftar tersebut.")
    form, qs = d.saring(peminta, data_saringan(d, e.parameter.get("saringan") or {}))
    if not _sah(form):
        raise EksporGagal(
            "Saringan ekspor ini tidak berlaku untuk wilayah Anda saat ini "
            f"({_galat(form)}). Buka kembali daftarnya dan ekspor ulang."
        )
    if d.desa_field:
        qs = qs.filter(wilayah_ekspor(e, d.desa_field))
    if d.urutan:
        qs = qs.order_by(*d.urutan)
    nik_lengkap = boleh(peminta, Izin.LIHAT_NIK_LENGKAP) and boleh(
        peminta_saat_minta(e), Izin.LIHAT_NIK_LENGKAP
    )
    kolom = [_samar(k) if k.nik and not nik_lengkap else k for k in d.kolom]
    ada_nik = any(k.nik for k in d.kolom)
    return d, qs, kolom, uraian_saringan(form, d.rahasia), nik_lengkap and ada_nik


def _nama_lembar(judul: str) -> str:
    # Excel refuses these characters in a sheet name.
    return re.sub(r"[\\/*?:\[\]]", "-", judul)[:31]


def bangun_xlsx(e: Ekspor, tmp: Path, lapor: Lapor) -> Hasil:
    """Builder of Ekspor.Jenis.DAFTAR_XLSX and REGISTRI_XLSX: one sheet, rows read in chunks
    (memory stays flat for a million persons), progress reported while writing."""
    lapor(1, "Menghitung baris")
    d, qs, kolom, saringan, nik_lengkap = baris_ekspor(e)
    total = qs.count()
    if total > BARIS_MAKS:
        raise EksporGagal(
            f"Daftar ini berisi {angka(total)} baris, melebihi batas lembar kerja Excel "
            f"({angka(BARIS_MAKS)} baris). Persempit saringannya, misalnya per kecamatan."
        )
    lapor(3, f"Menulis {angka(total)} baris")

    def baris() -> Iterator[list[Any]]:
        for i, o in enumerate(qs.iterator(chunk_size=CHUNK), 1):
            if i > BARIS_MAKS:
                break
            if i % 500 == 0:
                lapor(
                    5 + int(90 * i / max(1, total)), f"Menulis baris {angka(i)} dari {angka(total)}"
                )
            yield [k.ambil(o) for k in kolom]

    n = xlsx.daftar_xlsx(
        _nama_lembar(d.judul), [xlsx.Kolom(k.judul, k.jenis, k.lebar) for k in kolom], baris(), tmp
    )
    return Hasil(
        "xlsx",
        f"{d.berkas}-{timezone.localdate():%Y%m%d}.xlsx",
        n,
        # Logged once the file is published: what was written, and whether NIKs were whole.
        riwayat={"daftar": d.nama, "saringan": saringan, "jumlah": n, "nik_lengkap": nik_lengkap},
    )
