"""Test data builders. Plain functions with keyword arguments: easy to read, easy to grep."""

import datetime as dt
import itertools

from dinsos.models import Desa, Kecamatan, User
from ppks.models import KategoriPMKS, Kelompok, Keluarga, Perseorangan, Registrasi

_seq = itertools.count(1)


def buat_nik(*, kecamatan_kode="35.01.01", lahir=dt.date(1980, 5, 17), jk="L", urut=None) -> str:
    hari = lahir.day + (40 if jk == "P" else 0)
    urut = urut if urut is not None else next(_seq) % 10000 or 1
    tgl = f"{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}"
    return f"{kecamatan_kode.replace('.', '')}{tgl}{urut:04d}"


def wilayah():
    """Two kecamatan of Kabupaten Pacitan (real Kemendagri codes) with two and one desa."""
    k1, _ = Kecamatan.objects.get_or_create(kode="35.01.01", defaults={"nama": "Donorojo"})
    k2, _ = Kecamatan.objects.get_or_create(kode="35.01.02", defaults={"nama": "Punung"})
    d1, _ = Desa.objects.get_or_create(
        kode="35.01.01.2001", defaults={"nama": "Widoro", "kecamatan": k1}
    )
    d2, _ = Desa.objects.get_or_create(
        kode="35.01.01.2002", defaults={"nama": "Sendang", "kecamatan": k1}
    )
    d3, _ = Desa.objects.get_or_create(
        kode="35.01.02.2001", defaults={"nama": "Kendal", "kecamatan": k2}
    )
    return {"kec1": k1, "kec2": k2, "desa1": d1, "desa2": d2, "desa3": d3}


def buat_user(*, peran, username=None, desa=None, kecamatan=None, **extra) -> User:
    username = username or f"{peran}-{next(_seq)}"
    user = User(
        username=username,
        peran=peran,
        desa=desa,
        kecamatan=kecamatan,
        first_name=username.title(),
        **extra,
    )
    user.set_password("rahasia")
    user.save()
    return user


def buat_orang(
    *, desa: Desa, nama=None, lahir=dt.date(1980, 5, 17), jk="L", nik=None, tanpa_nik=False, **extra
) -> Perseorangan:
    if not tanpa_nik and nik is None:
        nik = buat_nik(kecamatan_kode=desa.kecamatan_id, lahir=lahir, jk=jk)
    orang = Perseorangan(
        nik=None if tanpa_nik else nik,
        alasan_tanpa_nik="Tidak memiliki KTP, ditemukan di jalan" if tanpa_nik else "",
        nama=nama or f"Warga {next(_seq)}",
        tanggal_lahir=lahir,
        jenis_kelamin=jk,
        alamat="Dusun Krajan",
        desa=desa,
        **extra,
    )
    orang.full_clean()
    orang.save()
    return orang


def buat_keluarga(*, desa, kepala=None, nomor_kk=None) -> Keluarga:
    kk = Keluarga.objects.create(
        nomor_kk=nomor_kk or f"3501{next(_seq):012d}",
        alamat="Dusun Krajan",
        desa=desa,
        kepala=kepala,
    )
    return kk


def buat_kelompok(*, desa, ketua, anggota=(), nama=None) -> Kelompok:
    kel = Kelompok.objects.create(nama=nama or f"KUBE {next(_seq)}", ketua=ketua, desa=desa)
    kel.anggota.set([ketua, *anggota])
    return kel


def kategori(kode: str) -> KategoriPMKS:
    return KategoriPMKS.objects.get(kode=kode)


def daftarkan(*, orang=None, kode="x", penilai, tanggal=None, **subjek) -> Registrasi:
    """Register a registrant in category `kode` with its first criterion (x = fakir miskin)."""
    kat = kategori(kode)
    reg = Registrasi(
        perseorangan=orang,
        kategori=kat,
        penilai=penilai,
        tanggal_asesmen=tanggal or dt.date.today(),
        **subjek,
    )
    reg.full_clean()
    reg.save()
    kriteria = kat.kriteria.first()
    assert kriteria is not None, "every category has its criteria (seeded by migration)"
    reg.kriteria.set([kriteria])
    return reg
