"""The one history display (B9): field labels, formatted values, masks for what a role may not
see (personal data, docs/rules.md section 4). A timeline never prints a whole NIK: seeing one
whole is a logged action of its own (the reveal button), which a timeline would bypass.

Every app shows `dinsos.Riwayat` rows through `riwayat_tampil()`; an app adds its own labels,
hidden bookkeeping columns and value formats as keyword arguments.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

from dinsos import akses
from dinsos.akses import Izin, boleh
from dinsos.format import rupiah, samarkan_nik, tanggal, waktu
from dinsos.models import Desa, Kecamatan, Riwayat, User

# Always masked in a timeline: showing them whole would be an unlogged full-NIK view.
SELALU_SAMAR = {"nik"}
# Masked unless the role needs personal data (Izin.LIHAT_NIK_LENGKAP).
SAMAR_KECUALI_BERHAK = {"nomor_kk"}
# Specific personal data (UU 27/2022): hidden from roles without the right.
RAHASIA = {"catatan_disabilitas", "catatan_kesehatan", "nomor_jaminan"}

LABEL_TAMBAHAN = {
    "subjek": "Registran",
    "anggota": "Anggota",
    "kriteria": "Kriteria terpenuhi",
    "saringan": "Saringan",
    "jumlah": "Jumlah baris",
    "berkas": "Berkas",
}


# Abbreviations the regulations write in capitals, whatever a field's name or verbose name says.
SINGKATAN = {"nik", "kk", "rt", "rw", "npwp", "dtsen", "pmks", "ppks", "psks", "slrt", "ta",
             "ash", "lks", "kpm", "bpjs", "sk", "nip"}  # fmt: skip


def _rapikan(teks: str) -> str:
    """ "nomor_kk" → "Nomor KK", "rt" → "RT": a label as a clerk reads it."""
    kata = re.split(r"(\W+)", teks.replace("_", " ").strip())
    kata = [k.upper() if k.lower() in SINGKATAN else k for k in kata]
    hasil = "".join(kata)
    return hasil[:1].upper() + hasil[1:]


def _label(model: type[models.Model] | None, nama: str, label: Mapping[str, str]) -> str:
    if nama in label:
        return label[nama]
    if nama in LABEL_TAMBAHAN:
        return LABEL_TAMBAHAN[nama]
    if model is not None:
        try:
            teks = str(getattr(model._meta.get_field(nama), "verbose_name", "") or "")
            # A reverse relation has no verbose_name of its own.
            return _rapikan(teks or nama)
        except FieldDoesNotExist:
            pass
    return _rapikan(nama)


def _teks(nilai: Any) -> str:
    if nilai is None or nilai == "":
        return "—"
    if isinstance(nilai, list):
        return ", ".join(str(x) for x in nilai) or "—"
    if isinstance(nilai, dict):
        return "; ".join(f"{k}: {_teks(v)}" for k, v in nilai.items()) or "—"
    if nilai is True:
        return "ya"
    if nilai is False:
        return "tidak"
    return str(nilai)


def _samarkan(nama: str, nilai: Any, berhak: bool) -> Any:
    if nilai in (None, ""):
        return nilai
    if nama in SELALU_SAMAR or (nama in SAMAR_KECUALI_BERHAK and not berhak):
        return samarkan_nik(str(nilai))
    if nama in RAHASIA and not berhak:
        return "(disembunyikan)"
    return nilai


def _pilihan(model: type[models.Model] | None, nama: str, nilai: Any) -> Any:
    """A coded value as the label a clerk reads (`belum_diketahui` → "Belum diketahui")."""
    if model is None or not isinstance(nilai, str):
        return nilai
    try:
        field = model._meta.get_field(nama)
    except FieldDoesNotExist:
        return nilai
    pilihan = dict(getattr(field, "flatchoices", None) or ())
    return pilihan.get(nilai, nilai)


def format_uang(nilai: Any) -> str:
    try:
        return rupiah(Decimal(str(nilai)))
    except (InvalidOperation, ValueError):
        return str(nilai)


def format_tanggal(nilai: Any) -> Any:
    if isinstance(nilai, str) and len(nilai) == 10:
        try:
            return tanggal(dt.date.fromisoformat(nilai))
        except ValueError:
            return nilai
    return nilai


Format = Callable[[Any], Any]
TampilFK = Callable[[Any], str]
# A text a service wrote for a row ("Budi (REG-…)"): the lookup (field, value) that finds the
# row it names, or None when the text names none.
Pengenal = Callable[[str], tuple[str, str] | None]

# What a viewer reads in place of a row outside its wilayah (rules section 4): nothing of the
# row itself, only that it exists.
LUAR_WILAYAH = "data di luar wilayah Anda"

# How a row another row points to is named in a history (B9). Only what identifies it to a
# clerk: a person pointed to is shown by registry number, never by name or NIK; a row of a
# scoped model outside the viewer's wilayah is shown as its `luar` text only.
_TAMPIL_FK: dict[type[models.Model], tuple[TampilFK, tuple[str, ...]]] = {}
_LUAR: dict[type[models.Model], str] = {}
# Fields whose history values are texts naming a scoped row: (history model, field) → the
# model named and how to find the row from the text.
_TEKS: dict[tuple[type[models.Model], str], tuple[type[models.Model], Pengenal]] = {}


def daftarkan_tampil_fk(
    model: type[models.Model],
    fungsi: TampilFK,
    *,
    terkait: tuple[str, ...] = (),
    luar: str = LUAR_WILAYAH,
) -> None:
    """Name the rows of `model` in histories with `fungsi` (`terkait`: select_related); a row
    of a scoped model outside the viewer's wilayah reads `luar`."""
    _TAMPIL_FK[model] = (fungsi, terkait)
    _LUAR[model] = luar


def daftarkan_teks_rujukan(
    model: type[models.Model], nama: str, dirujuk: type[models.Model], pengenal: Pengenal
) -> None:
    """The history of `model` writes field `nama` as texts naming rows of `dirujuk` (a member
    "Nama (REG-…)"): each text is shown only to a viewer whose wilayah holds the row it names;
    anyone else reads the `luar` text of `dirujuk`. A text that names no row the viewer may
    see is hidden too (failing closed)."""
    _TEKS[(model, nama)] = (dirujuk, pengenal)


def _nama_pengguna(u: User) -> str:
    return u.get_full_name() or u.username


daftarkan_tampil_fk(Desa, lambda d: d.label_lengkap, terkait=("kecamatan",))
daftarkan_tampil_fk(Kecamatan, lambda k: f"Kec. {k.nama}")
daftarkan_tampil_fk(User, _nama_pengguna)


def _terbatas(user: Any) -> bool:
    """Whether `user` sees less than the whole kabupaten (wilayah_q is the one scope)."""
    return akses.wilayah_q(user) != Q()


def _berwilayah(model: type[models.Model]) -> bool:
    return hasattr(model, "WILAYAH_DESA_FIELD")


def _tampil_bawaan(obj: models.Model) -> str:
    # A registrant is named by its registry number; anything else by its own str().
    nomor = getattr(obj, "nomor_registrasi", None)
    return str(nomor) if nomor else str(obj)


def _field(model: type[models.Model] | None, nama: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(nama)
    except FieldDoesNotExist:
        return None


def _kunci(field: Any, nilai: Any) -> Any:
    """The primary key a history value holds for a foreign key, or None if it holds none."""
    if nilai in (None, "") or isinstance(nilai, (list, dict, bool)):
        return None
    try:
        return field.target_field.to_python(nilai)
    except Exception:  # a value written as text (an old row's str()) is shown as written
        return None


@dataclass
class _Rujukan:
    """What the entries point to, loaded for one viewer in one query per model (no N+1)."""

    terbatas: bool
    # model → pk → name, only rows the viewer may see when the model is scoped.
    nama: dict[type[models.Model], dict[Any, str]] = dc_field(default_factory=dict)
    # model → the (field, value) lookups of named texts that find a row the viewer may see.
    teks: dict[type[models.Model], set[tuple[str, str]]] = dc_field(default_factory=dict)


def _nilai_teks(nilai: Any) -> list[str]:
    return [v for v in (nilai if isinstance(nilai, list) else [nilai]) if isinstance(v, str)]


def _muat_rujukan(entri: list[tuple[Riwayat, type[models.Model] | None]], user: Any) -> _Rujukan:
    hasil = _Rujukan(terbatas=_terbatas(user))
    kunci: dict[type[models.Model], set[Any]] = defaultdict(set)
    cari: dict[type[models.Model], set[tuple[str, str]]] = defaultdict(set)
    for r, model in entri:
        perubahan = r.perubahan if isinstance(r.perubahan, dict) else {}
        for nama, nilai in perubahan.items():
            teks = _TEKS.get((model, nama)) if model is not None else None
            if teks is not None and hasil.terbatas:
                dirujuk, pengenal = teks
                for item in nilai if isinstance(nilai, list) else [nilai]:
                    for v in _nilai_teks(item):
                        if (p := pengenal(v)) is not None:
                            cari[dirujuk].add(p)
            fld = _field(model, nama)
            if fld is None or not (fld.many_to_one or fld.one_to_one) or not fld.concrete:
                continue
            for v in nilai if isinstance(nilai, list) else [nilai]:
                k = _kunci(fld, v)
                if k is not None:
                    kunci[fld.related_model].add(k)
    for terkait_model, pks in kunci.items():
        fungsi, terkait = _TAMPIL_FK.get(terkait_model, (_tampil_bawaan, ()))
        qs = terkait_model._default_manager.select_related(*terkait)
        if hasil.terbatas and _berwilayah(terkait_model):
            qs = akses.scope(user, qs)
        hasil.nama[terkait_model] = {pk: fungsi(obj) for pk, obj in qs.in_bulk(list(pks)).items()}
    for dirujuk, lookups in cari.items():
        per_kolom: dict[str, set[str]] = defaultdict(set)
        for kolom, nilai in lookups:
            per_kolom[kolom].add(nilai)
        terlihat: set[tuple[str, str]] = set()
        for kolom, nilai_set in per_kolom.items():
            ada = akses.scope(user, dirujuk).filter(**{f"{kolom}__in": list(nilai_set)})
            terlihat |= {(kolom, str(v)) for v in ada.values_list(kolom, flat=True)}
        hasil.teks[dirujuk] = terlihat
    return hasil


def _teks_terlihat(model: type[models.Model], nama: str, nilai: Any, ruj: _Rujukan) -> Any:
    """A text naming a scoped row, or the `luar` text when the viewer may not see that row."""
    dirujuk, pengenal = _TEKS[(model, nama)]
    luar = _LUAR.get(dirujuk, LUAR_WILAYAH)
    terlihat = ruj.teks.get(dirujuk, set())

    def satu(v: Any) -> Any:
        if not isinstance(v, str):
            return v
        p = pengenal(v)
        return v if p is not None and p in terlihat else luar

    return [satu(v) for v in nilai] if isinstance(nilai, list) else satu(nilai)


def _nilai_field(
    model: type[models.Model] | None,
    nama: str,
    nilai: Any,
    ruj: _Rujukan,
) -> Any:
    """A stored value as its field shows it: a pointed-to row by name, a date in Indonesian,
    a choice code as its label; a row outside the viewer's wilayah as the `luar` text."""
    fld = _field(model, nama)
    if (fld is not None and (fld.many_to_one or fld.one_to_one) and fld.concrete) and (
        (k := _kunci(fld, nilai)) is not None
    ):
        terkait = fld.related_model
        if ruj.terbatas and _berwilayah(terkait) and k not in ruj.nama.get(terkait, {}):
            return _LUAR.get(terkait, LUAR_WILAYAH)
        return ruj.nama.get(terkait, {}).get(k, nilai)
    if ruj.terbatas and model is not None and (model, nama) in _TEKS:
        return _teks_terlihat(model, nama, nilai, ruj)
    if fld is None:
        return nilai
    if (fld.many_to_one or fld.one_to_one) and fld.concrete:
        # A text in a field that points to a scoped row cannot be checked: hidden (closed).
        if ruj.terbatas and _berwilayah(fld.related_model):
            return _LUAR.get(fld.related_model, LUAR_WILAYAH)
        return nilai
    if isinstance(nilai, str) and isinstance(fld, models.DateTimeField):
        try:
            return waktu(dt.datetime.fromisoformat(nilai))
        except ValueError:
            return nilai
    if isinstance(nilai, str) and isinstance(fld, models.DateField):
        return format_tanggal(nilai)
    return _pilihan(model, nama, nilai)


def riwayat_tampil(
    entri: Iterable[Riwayat],
    user: Any,
    *,
    label: Mapping[str, str] | None = None,
    sembunyikan: Iterable[str] = (),
    format_nilai: Mapping[str, Format] | None = None,
    pisahkan_status: bool = False,
    urutkan: bool = True,
) -> list[dict[str, Any]]:
    """History rows ready for a template, masked for `user`.

    `label` renames fields, `sembunyikan` drops bookkeeping columns, `format_nilai` formats the
    values of named fields (amounts, codes). With `pisahkan_status` a status change is returned
    apart (`status`: (from, to)) for a timeline that shows it as the entry's headline.
    """
    berhak = boleh(user, Izin.LIHAT_NIK_LENGKAP)
    label = label or {}
    format_nilai = format_nilai or {}
    sembunyi = set(sembunyikan)
    hasil = []
    dengan_model: list[tuple[Riwayat, type[models.Model] | None]] = [
        (
            r,
            ContentType.objects.get_for_id(r.content_type_id).model_class()
            if r.content_type_id
            else None,
        )
        for r in entri
    ]
    rujukan = _muat_rujukan(dengan_model, user)
    for r, model in dengan_model:
        baris = []
        status = None
        perubahan = r.perubahan if isinstance(r.perubahan, dict) else {}
        for nama, nilai in perubahan.items():
            if nama in sembunyi:
                continue
            if isinstance(nilai, list) and len(nilai) == 2:
                lama, baru = nilai
            else:
                lama, baru = None, nilai
            fmt = format_nilai.get(nama)

            def tampil(
                v: Any,
                nama: str = nama,
                fmt: Format | None = fmt,
                model: type[models.Model] | None = model,
            ) -> str:
                v = _samarkan(nama, v, berhak)
                if v in (None, ""):
                    return "—"
                if fmt is not None:
                    return _teks(fmt(v))
                return _teks(_nilai_field(model, nama, v, rujukan))

            if pisahkan_status and nama == "status":
                status = (tampil(lama) if lama else "", tampil(baru))
                continue
            baris.append(
                {"label": _label(model, nama, label), "lama": tampil(lama), "baru": tampil(baru)}
            )
        hasil.append(
            {
                "waktu": r.waktu,
                "pengguna": r.pengguna,
                "aksi": r.get_aksi_display(),
                "aksi_kode": r.aksi,
                "unduh": r.aksi == Riwayat.Aksi.UNDUH,
                "objek": r.objek,
                "jenis": str(model._meta.verbose_name) if model else "",
                "alasan": r.alasan,
                "status": status,
                "perubahan": sorted(baris, key=lambda b: b["label"]) if urutkan else baris,
            }
        )
    return hasil
