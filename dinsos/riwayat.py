"""The one history display (B9): field labels, formatted values, masks for what a role may not
see (personal data, docs/rules.md section 4). A timeline never prints a whole NIK: seeing one
whole is a logged action of its own (the reveal button), which a timeline would bypass.

Every app shows `dinsos.Riwayat` rows through `riwayat_tampil()`; an app adds its own labels,
hidden bookkeeping columns and value formats as keyword arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from dinsos.akses import Izin, boleh
from dinsos.format import rupiah, samarkan_nik, tanggal
from dinsos.models import Riwayat

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


def _label(model: type[models.Model] | None, nama: str, label: Mapping[str, str]) -> str:
    if nama in label:
        return label[nama]
    if nama in LABEL_TAMBAHAN:
        return LABEL_TAMBAHAN[nama]
    if model is not None:
        try:
            teks = str(getattr(model._meta.get_field(nama), "verbose_name", "") or "")
            if not teks:  # a reverse relation has no verbose_name of its own
                return nama.replace("_", " ").capitalize()
            # Only the first letter: "NIK" and "RT" stay as the regulations write them.
            return teks[:1].upper() + teks[1:]
        except FieldDoesNotExist:
            pass
    return nama.replace("_", " ").capitalize()


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
    for r in entri:
        model = None
        if r.content_type_id:
            model = ContentType.objects.get_for_id(r.content_type_id).model_class()
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
                return _teks(_pilihan(model, nama, v))

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
