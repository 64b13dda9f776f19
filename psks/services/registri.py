"""The PSKS registry (S1, S2) and the programmes that fund services (ASH 41).

Workers, institutions and programmes are kabupaten-wide records kept by the KELOLA_PSKS roles;
a sub-record (licence, training, accreditation, client) is written on its locked parent and
the parent's history tells it (B9).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from dinsos.akses import Izin
from dinsos.audit import catat
from dinsos.format import tanggal as fmt_tanggal
from dinsos.models import User
from dinsos.services import kunci_untuk, simpan

from ..models import (
    Akreditasi,
    KlienLembaga,
    Lembaga,
    Lisensi,
    Pelatihan,
    ProgramLayanan,
    TenagaSosial,
)
from ._dasar import (
    A,
    M,
    bukan_masa_depan,
    kunci_kabupaten,
    perlu,
    simpan_registri,
    tolak,
    wajib_teks,
    wilayah,
)


def _pada_induk(baris: M, *, induk: Any, oleh: User, perubahan: dict[str, list[Any]]) -> M:
    """Save a sub-record and tell it in its parent's history."""
    simpan(baris)
    catat(pengguna=oleh, aksi=A.UBAH, obj=induk, perubahan=perubahan)
    return baris


@transaction.atomic
def tenaga_simpan(*, tenaga: TenagaSosial, oleh: User) -> TenagaSosial:
    """Create or update a worker (S1; ASH 33–37)."""
    perlu(oleh, Izin.KELOLA_PSKS)
    return simpan_registri(tenaga, oleh=oleh, desa_field="desa")


@transaction.atomic
def lisensi_tambah(*, lisensi: Lisensi, oleh: User) -> Lisensi:
    """Record a competence certificate or izin praktik of a Pekerja Sosial Profesional (S2)."""
    perlu(oleh, Izin.KELOLA_PSKS)
    tenaga = kunci_kabupaten(oleh, lisensi.tenaga, "desa")
    lisensi.tenaga = tenaga
    lisensi.dicatat_oleh = oleh
    return _pada_induk(
        lisensi,
        induk=tenaga,
        oleh=oleh,
        perubahan={
            lisensi.get_jenis_display(): [
                None,
                f"{lisensi.nomor} ({lisensi.penerbit}), {fmt_tanggal(lisensi.tanggal_terbit)} s.d. "
                f"{fmt_tanggal(lisensi.berlaku_sampai)}",
            ]
        },
    )


@transaction.atomic
def lisensi_cabut(*, lisensi: Lisensi, tanggal: dt.date, alasan: str, oleh: User) -> Lisensi:
    """Record that a licence was revoked or suspended from `tanggal` (S2)."""
    perlu(oleh, Izin.KELOLA_PSKS)
    lisensi = kunci_kabupaten(oleh, lisensi, "tenaga__desa")
    if lisensi.dicabut_pada:
        tolak(f"{lisensi} sudah dicatat dicabut sejak {fmt_tanggal(lisensi.dicabut_pada)}.")
    lisensi.alasan_cabut = wajib_teks(alasan, "Isi alasan pencabutan.", "alasan")
    lisensi.dicabut_pada = tanggal
    simpan(lisensi)
    catat(
        pengguna=oleh,
        aksi=A.STATUS,
        obj=lisensi.tenaga,
        perubahan={str(lisensi): ["berlaku", f"dicabut sejak {fmt_tanggal(tanggal)}"]},
        alasan=alasan,
    )
    return lisensi


@transaction.atomic
def pelatihan_tambah(*, pelatihan: Pelatihan, oleh: User) -> Pelatihan:
    """Record a training of the competence or development standard (ASH 38(2))."""
    perlu(oleh, Izin.KELOLA_PSKS)
    tenaga = kunci_kabupaten(oleh, pelatihan.tenaga, "desa")
    pelatihan.tenaga = tenaga
    pelatihan.dicatat_oleh = oleh
    return _pada_induk(
        pelatihan,
        induk=tenaga,
        oleh=oleh,
        perubahan={
            "pelatihan": [
                None,
                f"{pelatihan.nama} (standar {pelatihan.get_standar_display().lower()}), "
                f"{pelatihan.penyelenggara}",
            ]
        },
    )


@transaction.atomic
def lembaga_simpan(*, lembaga: Lembaga, oleh: User) -> Lembaga:
    """Create or update an institution and its legal data (S1; ASH 32)."""
    perlu(oleh, Izin.KELOLA_PSKS)
    return simpan_registri(lembaga, oleh=oleh, desa_field="desa")


@transaction.atomic
def akreditasi_tambah(*, akreditasi: Akreditasi, oleh: User) -> Akreditasi:
    perlu(oleh, Izin.KELOLA_PSKS)
    lembaga = kunci_kabupaten(oleh, akreditasi.lembaga, "desa")
    akreditasi.lembaga = lembaga
    akreditasi.dicatat_oleh = oleh
    return _pada_induk(
        akreditasi,
        induk=lembaga,
        oleh=oleh,
        perubahan={
            "akreditasi": [
                None,
                f"{akreditasi.peringkat} ({akreditasi.tahun}), {akreditasi.pemberi}, berlaku "
                f"sampai {fmt_tanggal(akreditasi.berlaku_sampai)}",
            ]
        },
    )


@transaction.atomic
def klien_lembaga_masuk(*, klien_lembaga: KlienLembaga, oleh: User) -> KlienLembaga:
    perlu(oleh, Izin.KELOLA_PSKS)
    wilayah(oleh, klien_lembaga.klien.desa_id)
    lembaga = kunci_kabupaten(oleh, klien_lembaga.lembaga, "desa")
    if not lembaga.aktif:
        tolak(f"{lembaga} tidak aktif.")
    bukan_masa_depan(klien_lembaga.tanggal_masuk, "Tanggal masuk")
    if KlienLembaga.objects.filter(
        lembaga=lembaga, klien=klien_lembaga.klien, tanggal_keluar__isnull=True
    ).exists():
        tolak(f"{klien_lembaga.klien.nama} masih tercatat sebagai klien {lembaga}.")
    klien_lembaga.lembaga = lembaga
    klien_lembaga.dicatat_oleh = oleh
    return _pada_induk(
        klien_lembaga,
        induk=lembaga,
        oleh=oleh,
        perubahan={"klien masuk": [None, klien_lembaga.klien.nama]},
    )


@transaction.atomic
def klien_lembaga_keluar(
    *, klien_lembaga: KlienLembaga, tanggal: dt.date, keterangan: str = "", oleh: User
) -> KlienLembaga:
    perlu(oleh, Izin.KELOLA_PSKS)
    kl = kunci_untuk(oleh, KlienLembaga, klien_lembaga)
    if kl.tanggal_keluar:
        tolak("Klien sudah tercatat keluar.")
    bukan_masa_depan(tanggal, "Tanggal keluar")
    if tanggal < kl.tanggal_masuk:
        tolak("Tanggal keluar tidak boleh sebelum tanggal masuk.", field="tanggal")
    kl.tanggal_keluar = tanggal
    if keterangan:
        kl.keterangan = (kl.keterangan + "\n" + keterangan).strip()
    simpan(kl)
    catat(
        pengguna=oleh,
        aksi=A.UBAH,
        obj=kl.lembaga,
        perubahan={"klien keluar": [kl.klien.nama, fmt_tanggal(tanggal)]},
        alasan=keterangan,
    )
    return kl


@transaction.atomic
def program_simpan(*, program: ProgramLayanan, oleh: User) -> ProgramLayanan:
    """A service programme with its source of funds (ASH 41)."""
    perlu(oleh, Izin.KELOLA_PSKS)
    return simpan_registri(program, oleh=oleh, desa_field="pk")
