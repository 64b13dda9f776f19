"""Rows of one file that name the same NIK (R5: one NIK, one person).

A person may be listed once per category: the rows become one person with a registration per
category. A row repeating another exactly is imported once and named in the report. Rows that
disagree about the person (name, birth date, sex, or another stated field) are a conflict: each
is refused, naming the rows it disagrees with, since the file cannot say which is right.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..models import KategoriPMKS, KriteriaPMKS
from .kolom import FIELD_BOLEH_KOSONG, FIELD_ORANG_IMPOR, KOLOM_FIELD


@dataclass
class BarisTerurai:
    no: int
    data: dict[str, Any]
    kategori: KategoriPMKS | None
    kriteria: list[KriteriaPMKS]


def _sama(field: str, a: Any, b: Any) -> bool:
    if field == "nama":
        return str(a).casefold() == str(b).casefold()
    return bool(a == b)


def _kosong(nilai: Any) -> bool:
    return nilai is None or nilai == ""


def _beda(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """The columns two rows state differently (a cell left empty states nothing)."""
    return [
        KOLOM_FIELD[f]
        for f in FIELD_ORANG_IMPOR
        if f != "nik" and not _kosong(a.get(f)) and not _kosong(b.get(f))
        if not _sama(f, a[f], b[f])
    ]


@dataclass
class HasilGanda:
    galat: list[tuple[int, str, str]] = field(default_factory=list)
    berulang: list[tuple[int, int]] = field(default_factory=list)  # (row, the row it repeats)
    baris_galat: set[int] = field(default_factory=set)

    def tambah_galat(self, no: int, kolom: str, pesan: str) -> None:
        self.galat.append((no, kolom, pesan))
        self.baris_galat.add(no)


def periksa_ganda(terurai: list[BarisTerurai], baris_galat: set[int]) -> HasilGanda:
    """Group the rows by NIK: conflicts become row errors, exact repeats `berulang`, and the
    rows of one person share one set of person data. `baris_galat`: rows already refused."""
    hasil = HasilGanda(baris_galat=set(baris_galat))
    per_nik: defaultdict[str, list[BarisTerurai]] = defaultdict(list)
    for b in terurai:
        if b.data.get("nik") and len(b.data["nik"]) == 16:
            per_nik[b.data["nik"]].append(b)
    for kelompok in per_nik.values():
        if len(kelompok) > 1:
            _satu_orang(kelompok, hasil)
    return hasil


def _satu_orang(kelompok: list[BarisTerurai], hasil: HasilGanda) -> None:
    konflik: defaultdict[int, list[str]] = defaultdict(list)
    for i, a in enumerate(kelompok):
        for b in kelompok[i + 1 :]:
            beda = _beda(a.data, b.data)
            if beda:
                kolom = ", ".join(beda)
                konflik[a.no].append(f"baris {b.no} ({kolom})")
                konflik[b.no].append(f"baris {a.no} ({kolom})")
    if konflik:
        for no, lain in konflik.items():
            hasil.tambah_galat(
                no,
                "NIK",
                "NIK yang sama tercatat dengan data berbeda di " + "; ".join(lain) + ". Satu NIK "
                "untuk satu orang: perbaiki baris yang salah (aturan R5).",
            )
        return
    # One person: what the rows state (they agree), an empty cell taken from another row.
    data = dict(kelompok[0].data)
    for f in FIELD_ORANG_IMPOR:
        nilai = next((b.data[f] for b in kelompok if not _kosong(b.data.get(f))), None)
        if nilai is not None:
            data[f] = nilai
        elif f in FIELD_BOLEH_KOSONG:
            data[f] = data.get(f) or ""
    for b in kelompok:
        b.data = dict(data)
    # A registration per category; the same category twice is a repeat or a conflict.
    pertama: dict[int, BarisTerurai] = {}
    for b in kelompok:
        if b.kategori is None:
            continue
        asal = pertama.get(b.kategori.pk)
        if asal is None:
            pertama[b.kategori.pk] = b
            continue
        if {k.pk for k in asal.kriteria} == {k.pk for k in b.kriteria}:
            if b.no not in hasil.baris_galat:
                hasil.berulang.append((b.no, asal.no))
            continue
        for x, y in ((asal, b), (b, asal)):
            hasil.tambah_galat(
                x.no,
                "Kriteria",
                f"Orang yang sama pada kategori yang sama tercatat dengan kriteria berbeda di "
                f"baris {y.no}; satu registrasi per kategori (aturan R2).",
            )
