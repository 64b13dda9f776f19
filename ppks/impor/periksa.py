"""Checking every row through the same rules as the forms (R2, R4, R5, R7, unique NIK).

Nothing is written; the errors are (row, column, message), never a NIK value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from dinsos import akses
from dinsos.models import Desa, Kecamatan, User

from ..models import KategoriPMKS, KriteriaPMKS, Perseorangan, Registrasi
from .baca import Tabel
from .ganda import BarisTerurai, periksa_ganda
from .kolom import (
    BATCH,
    FIELD_BOLEH_KOSONG,
    FIELD_ORANG_IMPOR,
    JK,
    JUDUL,
    KOLOM_FIELD,
    _angka_teks,
    _norm_judul,
    _norm_teks,
    _rt_rw,
    tanggal,
)


@dataclass
class BarisSiap:
    no: int
    data: dict[str, Any]
    orang_lama: Perseorangan | None
    kategori: KategoriPMKS
    kriteria: list[KriteriaPMKS]


@dataclass
class HasilValidasi:
    jumlah_baris: int = 0
    siap: list[BarisSiap] = field(default_factory=list)
    galat: list[tuple[int, str, str]] = field(default_factory=list)
    baris_galat: set[int] = field(default_factory=set)
    # (row, the row it repeats): imported once, named in the report.
    berulang: list[tuple[int, int]] = field(default_factory=list)

    def tambah_galat(self, no: int, kolom: str, pesan: str) -> None:
        self.galat.append((no, kolom, pesan))
        self.baris_galat.add(no)

    @property
    def jumlah_valid(self) -> int:
        # A repeated row is valid: it is imported, once.
        return len(self.siap) + len(self.berulang)

    def ringkasan(self) -> dict[str, Any]:
        # Persons, not rows: one person may be on a row per category.
        baru = {b.data["nik"] for b in self.siap if b.orang_lama is None}
        ada = {b.data["nik"] for b in self.siap if b.orang_lama is not None}
        return {
            "baris": self.jumlah_baris,
            "valid": self.jumlah_valid,
            "bermasalah": len(self.baris_galat),
            "baru": len(baru),
            "sudah_ada": len(ada),
            "berulang": [list(x) for x in self.berulang],
        }


class _Konteks:
    """Lookups loaded once per file, so validating a row costs no query."""

    def __init__(self, oleh: User) -> None:
        self.oleh = oleh
        self.hari_ini = timezone.localdate()
        kab = settings.KABUPATEN_KODE + "."
        semua_desa = list(Desa.objects.select_related("kecamatan"))
        self.desa_kode = {d.kode: d for d in semua_desa}
        self.desa_nama: defaultdict[str, list[Desa]] = defaultdict(list)
        for d in semua_desa:
            if d.kode.startswith(kab):
                self.desa_nama[_norm_judul(d.nama)].append(d)
        self.kecamatan_kode: dict[str, Kecamatan] = {}
        self.kecamatan_nama: defaultdict[str, list[Kecamatan]] = defaultdict(list)
        for kc in Kecamatan.objects.filter(kode__startswith=kab):
            self.kecamatan_kode[kc.kode] = kc
            self.kecamatan_nama[_norm_judul(kc.nama)].append(kc)
        self.boleh_desa = set(akses.desa_untuk(oleh).values_list("kode", flat=True))
        self.kab = kab
        self.kategori_kode: dict[str, KategoriPMKS] = {}
        self.kategori_nama: dict[str, KategoriPMKS] = {}
        self.kriteria: defaultdict[int, dict[str, KriteriaPMKS]] = defaultdict(dict)
        for k in KategoriPMKS.objects.all():
            self.kategori_kode[k.kode] = k
            self.kategori_nama[_norm_judul(k.nama)] = k
        for kr in KriteriaPMKS.objects.all():
            self.kriteria[kr.kategori_id][kr.huruf.lower()] = kr

    def kecamatan(self, nilai: Any) -> Kecamatan | None:
        """The optional Kecamatan cell, by name or Kemendagri code; None when empty."""
        teks = _norm_teks(nilai)
        if not teks:
            return None
        angka = re.sub(r"\D", "", teks)
        if angka and len(angka) == 6 and re.fullmatch(r"[\d .]+", teks):
            k = self.kecamatan_kode.get(f"{angka[0:2]}.{angka[2:4]}.{angka[4:6]}")
            calon = [k] if k else []
        else:
            nama = _norm_judul(re.sub(r"^(kecamatan|kec\.?)\s*", "", teks, flags=re.I))
            calon = self.kecamatan_nama.get(nama, [])
        if len(calon) != 1:
            raise ValidationError(
                f"Kecamatan “{teks}” tidak ada di kabupaten ini; isi nama kecamatan atau kode "
                "Kemendagri-nya (mis. 35.01.01), atau kosongkan."
            )
        return calon[0]

    def desa(self, nilai: Any, kecamatan: Kecamatan | None = None) -> Desa:
        teks = _norm_teks(nilai)
        if not teks:
            raise ValidationError("Desa/kelurahan wajib diisi (aturan R7).")
        angka = re.sub(r"\D", "", teks)
        d = None
        if angka and len(angka) == 10 and re.fullmatch(r"[\d .]+", teks):
            kode = f"{angka[0:2]}.{angka[2:4]}.{angka[4:6]}.{angka[6:10]}"
            if not kode.startswith(self.kab):
                raise ValidationError(
                    f"Desa/kelurahan dengan kode {kode} berada di luar kabupaten ini; registri "
                    "hanya untuk penduduk yang berdomisili di kabupaten (aturan R7)."
                )
            d = self.desa_kode.get(kode)
            if d is None:
                raise ValidationError(f"Kode desa/kelurahan {kode} tidak dikenal.")
            if kecamatan is not None and d.kecamatan_id != kecamatan.kode:
                raise ValidationError(
                    f"Kode desa/kelurahan {kode} ({d.nama}) tidak berada di Kecamatan "
                    f"{kecamatan.nama} yang tertulis pada kolom Kecamatan."
                )
        else:
            nama = _norm_judul(re.sub(r"^(desa|kelurahan|kel\.?|ds\.?)\s+", "", teks, flags=re.I))
            calon = self.desa_nama.get(nama, [])
            if kecamatan is not None:
                if calon and not [c for c in calon if c.kecamatan_id == kecamatan.kode]:
                    raise ValidationError(
                        f"Desa/kelurahan “{teks}” tidak ada di Kecamatan {kecamatan.nama}; "
                        "ada di "
                        + ", ".join(sorted(f"Kec. {c.kecamatan.nama}" for c in calon))
                        + " (aturan R7)."
                    )
                calon = [c for c in calon if c.kecamatan_id == kecamatan.kode]
            if len(calon) > 1:
                calon = [c for c in calon if c.kode in self.boleh_desa] or calon
            if not calon:
                raise ValidationError(
                    f"Desa/kelurahan “{teks}” tidak ada di kabupaten ini (aturan R7). Periksa "
                    "ejaan atau gunakan kode Kemendagri."
                )
            if len(calon) > 1:
                pilihan = ", ".join(sorted(f"Kec. {c.kecamatan.nama}" for c in calon))
                raise ValidationError(
                    f"Nama desa “{teks}” ada di lebih dari satu kecamatan ({pilihan}); isi kolom "
                    "Kecamatan atau gunakan kode Kemendagri desa/kelurahan."
                )
            d = calon[0]
        if d.kode not in self.boleh_desa:
            raise ValidationError(f"Desa/kelurahan {d.nama} berada di luar wilayah kerja Anda.")
        return d

    def kategori(self, nilai: Any) -> KategoriPMKS:
        teks = _norm_teks(nilai)
        if not teks:
            raise ValidationError("Kategori PMKS wajib diisi (aturan R2).")
        m = re.match(r"^([a-zA-Z])(?:[.)]\s*.*)?$", teks)
        k = self.kategori_kode.get(m.group(1).lower()) if m else None
        k = k or self.kategori_nama.get(_norm_judul(teks))
        if k is None:
            raise ValidationError(
                f"Kategori “{teks}” tidak dikenal; isi huruf a–z atau nama kategori PMKS "
                "(aturan R2)."
            )
        return k

    def kriteria_untuk(self, kategori: KategoriPMKS, nilai: Any) -> list[KriteriaPMKS]:
        teks = _norm_teks(nilai).lower()
        if not teks:
            raise ValidationError(
                "Kolom Kriteria wajib diisi (aturan R2): tulis huruf kriteria yang terpenuhi, "
                "mis. “a, c”."
            )
        huruf = [h for h in re.split(r"[^a-z]+", teks) if h]
        tersedia = self.kriteria[kategori.pk]
        asing = [h for h in huruf if h not in tersedia]
        if not huruf or asing:
            raise ValidationError(
                f"Kriteria {', '.join(asing) or teks} tidak ada pada kategori {kategori.nama} "
                f"(tersedia {', '.join(sorted(tersedia))}; aturan R2)."
            )
        return [tersedia[h] for h in dict.fromkeys(huruf)]


def _sel(tabel: Tabel, baris: list[Any], key: str) -> Any:
    i = tabel.kolom.get(key)
    return baris[i] if i is not None and i < len(baris) else None


def validasi(tabel: Tabel, oleh: User) -> HasilValidasi:
    """Check every row; write nothing. Errors are (row, column, message), never a NIK value."""
    ktx = _Konteks(oleh)
    hasil = HasilValidasi(jumlah_baris=len(tabel.baris))
    terurai: list[BarisTerurai] = []
    for no, baris in tabel.baris:
        data, kat, krit = _urai_baris(no, baris, tabel, ktx, hasil)
        terurai.append(BarisTerurai(no, data, kat, krit))
    # R5: rows naming one NIK are one person (a registration per category), a repeat, or a
    # conflict that refuses every row concerned.
    ganda = periksa_ganda(terurai, hasil.baris_galat)
    for g in ganda.galat:
        hasil.tambah_galat(*g)
    hasil.berulang = ganda.berulang
    berulang = {no for no, _ in hasil.berulang}

    lama: dict[str | None, Perseorangan] = {}
    semua_nik = list(dict.fromkeys(b.data["nik"] for b in terurai if b.data.get("nik")))
    for i in range(0, len(semua_nik), BATCH):
        for o in Perseorangan.objects.filter(nik__in=semua_nik[i : i + BATCH]):
            lama[o.nik] = o
    aktif = registrasi_aktif(o.pk for o in lama.values())

    for b in terurai:
        no, data, kat, krit = b.no, b.data, b.kategori, b.kriteria
        if no in berulang or no in hasil.baris_galat or kat is None:  # no category: an error
            continue
        orang_lama = lama.get(data["nik"])
        if orang_lama is not None:
            # An empty optional cell keeps what the registry holds; it never erases data.
            for f in FIELD_BOLEH_KOSONG:
                if not data[f]:
                    data[f] = getattr(orang_lama, f)
        sudah_aktif = orang_lama is not None and (orang_lama.pk, kat.pk) in aktif
        if not _cek_model(no, data, orang_lama, kat, ktx, hasil, cek_batas=not sudah_aktif):
            continue
        hasil.siap.append(BarisSiap(no, data, orang_lama, kat, krit))
    # A repeat of a row the model rules refused shares its fault: refused with it.
    for no, asal in [x for x in hasil.berulang if x[1] in hasil.baris_galat]:
        hasil.tambah_galat(no, "NIK", f"Baris ini sama dengan baris {asal} yang bermasalah.")
    hasil.berulang = [x for x in hasil.berulang if x[0] not in hasil.baris_galat]
    urutan = {j: i for i, j in enumerate(JUDUL.values())}
    hasil.galat.sort(key=lambda g: (g[0], urutan.get(g[1], 99)))
    return hasil


def _urai_baris(
    no: int, baris: list[Any], tabel: Tabel, ktx: _Konteks, hasil: HasilValidasi
) -> tuple[dict[str, Any], KategoriPMKS | None, list[KriteriaPMKS]]:
    data: dict[str, Any] = {}
    kat = None
    krit: list[KriteriaPMKS] = []

    def galat(kolom: str, e: ValidationError) -> None:
        for m in e.messages if isinstance(e, ValidationError) else [str(e)]:
            hasil.tambah_galat(no, kolom, m)

    nik = _angka_teks(_sel(tabel, baris, "nik"))
    if not nik:
        galat(
            "NIK",
            ValidationError(
                "NIK wajib diisi pada impor; orang tanpa NIK (aturan R6) didaftarkan lewat "
                "formulir."
            ),
        )
    elif not re.fullmatch(r"\d{16}", nik):
        galat("NIK", ValidationError("NIK harus terdiri dari 16 angka (aturan R5)."))
    data["nik"] = nik or None

    kk = _angka_teks(_sel(tabel, baris, "nomor_kk"))
    if kk and not re.fullmatch(r"\d{16}", kk):
        galat("No KK", ValidationError("Nomor KK harus terdiri dari 16 angka."))
    data["nomor_kk"] = kk

    data["nama"] = _norm_teks(_sel(tabel, baris, "nama"))
    if not data["nama"]:
        galat("Nama", ValidationError("Nama wajib diisi."))
    data["tempat_lahir"] = _norm_teks(_sel(tabel, baris, "tempat_lahir"))

    mentah = _sel(tabel, baris, "tanggal_lahir")
    data["tanggal_lahir"] = None
    if _norm_teks(mentah) == "" and not isinstance(mentah, dt.date):
        galat("Tanggal Lahir", ValidationError("Tanggal lahir wajib diisi."))
    else:
        try:
            data["tanggal_lahir"] = tanggal(mentah)
        except ValidationError as e:
            galat("Tanggal Lahir", e)

    jk = _norm_judul(_sel(tabel, baris, "jenis_kelamin"))
    data["jenis_kelamin"] = JK.get(jk, "")
    if not data["jenis_kelamin"]:
        galat(
            "Jenis Kelamin",
            ValidationError("Jenis kelamin harus L/P, Laki-laki atau Perempuan."),
        )

    data["alamat"] = _norm_teks(_sel(tabel, baris, "alamat"))
    if not data["alamat"]:
        galat("Alamat", ValidationError("Alamat wajib diisi."))
    data["rt"] = _rt_rw(_sel(tabel, baris, "rt"))
    data["rw"] = _rt_rw(_sel(tabel, baris, "rw"))

    kecamatan = None
    try:
        kecamatan = ktx.kecamatan(_sel(tabel, baris, "kecamatan"))
    except ValidationError as e:
        galat("Kecamatan", e)
    else:
        try:
            data["desa"] = ktx.desa(_sel(tabel, baris, "desa"), kecamatan)
        except ValidationError as e:
            galat("Desa", e)

    try:
        kat = ktx.kategori(_sel(tabel, baris, "kategori"))
    except ValidationError as e:
        galat("Kategori", e)
    else:
        try:
            krit = ktx.kriteria_untuk(kat, _sel(tabel, baris, "kriteria"))
        except ValidationError as e:
            galat("Kriteria", e)
    return data, kat, krit


def _cek_model(
    no: int,
    data: dict[str, Any],
    orang_lama: Perseorangan | None,
    kat: KategoriPMKS,
    ktx: _Konteks,
    hasil: HasilValidasi,
    cek_batas: bool = True,
) -> bool:
    """The model's own rules (R5 and field shapes) and the category bounds (R4)."""
    ada_galat = False

    def galat(kolom: str, pesan: str) -> None:
        nonlocal ada_galat
        ada_galat = True
        hasil.tambah_galat(no, kolom, pesan)

    if orang_lama is not None:
        if orang_lama.desa_id not in ktx.boleh_desa:
            galat(
                "NIK",
                "NIK ini sudah terdaftar di registri di luar wilayah kerja Anda; hubungi "
                "Dinas Sosial untuk pindah domisili.",
            )
            return False
        for f, kolom, label in [
            ("tanggal_lahir", "Tanggal Lahir", "tanggal lahir"),
            ("jenis_kelamin", "Jenis Kelamin", "jenis kelamin"),
        ]:
            if getattr(orang_lama, f) != data[f]:
                galat(
                    kolom,
                    f"Berbeda dengan {label} yang tercatat di registri. Perubahan {label} harus "
                    "lewat formulir ubah data dengan alasan (aturan R5).",
                )
        if orang_lama.keluarga_id and data["nomor_kk"] and data["nomor_kk"] != orang_lama.nomor_kk:
            galat(
                "No KK",
                "Berbeda dengan nomor KK keluarga yang tercatat; pindah KK dilakukan lewat "
                "halaman keluarga.",
            )
        if ada_galat:
            return False
        calon = Perseorangan(**{f: getattr(orang_lama, f) for f in ("alasan_beda_nik",)})
    else:
        calon = Perseorangan()
    for f in FIELD_ORANG_IMPOR:
        setattr(calon, f, data[f])
    try:
        calon.clean_fields(exclude=["desa", "keluarga", "dibuat_oleh", "nomor_registrasi"])
        calon.clean()
    except ValidationError as e:
        for f, pesan in e.message_dict.items():
            kolom = KOLOM_FIELD.get(f, "NIK")
            for m in pesan:
                galat(kolom, m)
        return False
    if not cek_batas:
        return True
    try:
        kat.cek_batas(
            tanggal_lahir=calon.tanggal_lahir, jenis_kelamin=calon.jenis_kelamin, pada=ktx.hari_ini
        )
    except ValidationError as e:
        for m in e.messages:
            galat("Kategori", m)
        return False
    return True


def registrasi_aktif(ids: Iterable[int]) -> set[tuple[int, int]]:
    """(person, category) pairs with an active registration, in batches of BATCH ids."""
    daftar = list(ids)
    aktif: set[tuple[int, int]] = set()
    for i in range(0, len(daftar), BATCH):
        aktif.update(
            Registrasi.objects.filter(
                perseorangan_id__in=daftar[i : i + BATCH], status=Registrasi.Status.AKTIF
            ).values_list("perseorangan_id", "kategori_id")
        )
    return aktif
