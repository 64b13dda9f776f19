"""Builders for the psks tests (plain functions with keyword arguments)."""

import datetime as dt
import itertools

from django.utils import timezone

from psks.models import Lembaga, Lisensi, ProgramLayanan, TenagaSosial
from tests import factories as f

_seq = itertools.count(1)


def hari(n: int = 0) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def program(jenis: str, *, sumber="apbd", aktif=True) -> ProgramLayanan:
    return ProgramLayanan.objects.create(
        nama=f"Program {jenis} {next(_seq)}",
        jenis_layanan=jenis,
        tahun_anggaran=hari().year,
        sumber_dana=sumber,
        aktif=aktif,
    )


def tenaga(*, jenis="relawan_sosial", nama=None, aktif=True) -> TenagaSosial:
    return TenagaSosial.objects.create(
        nama=nama or f"Tenaga {next(_seq)}",
        jenis=jenis,
        asal="masyarakat",
        pengalaman="Pendampingan PPKS",
        pendidikan_terakhir="s1",
        bidang_pendidikan="Pekerjaan Sosial",
        aktif=aktif,
    )


def lisensi(t, jenis, *, terbit=None, sampai=None, dicabut=None) -> Lisensi:
    return Lisensi.objects.create(
        tenaga=t,
        jenis=jenis,
        nomor=f"{jenis}-{next(_seq)}",
        penerbit="Kementerian Sosial RI",
        tanggal_terbit=terbit or hari(-365),
        berlaku_sampai=sampai or hari(365),
        dicabut_pada=dicabut,
        alasan_cabut="Pelanggaran kode etik" if dicabut else "",
    )


def psp(
    *, izin_sampai=None, sertifikat_sampai=None, izin_terbit=None, sertifikat=True, nama=None
) -> TenagaSosial:
    """A Pekerja Sosial Profesional; by default certificate and izin praktik valid a year."""
    t = tenaga(jenis=TenagaSosial.PSP, nama=nama)
    if sertifikat:
        lisensi(t, Lisensi.Jenis.SERTIFIKAT, sampai=sertifikat_sampai or hari(3 * 365))
    lisensi(
        t,
        Lisensi.Jenis.IZIN_PRAKTIK,
        terbit=izin_terbit or hari(-365),
        sampai=izin_sampai or hari(365),
    )
    return t


def lks(*, nama=None, jenis="lks", desa) -> Lembaga:
    return Lembaga.objects.create(
        nama=nama or f"LKS {next(_seq)}", jenis=jenis, alamat="Jl. Contoh", desa=desa
    )


# PMKS categories by their ASH 6(2) criterion (ppks/data/kategori_pmks.py).
KATEGORI = {
    "kemiskinan": "x",  # fakir miskin
    "keterlantaran": "h",  # lanjut usia telantar (>= 60)
    "kedisabilitasan": "i",  # penyandang disabilitas
}


def ppks(*, desa, kriteria="kemiskinan", penilai, dtsen="terdaftar", **extra):
    """A person with an active registration whose category has the given ASH criterion."""
    lahir = dt.date(1950, 1, 1) if kriteria == "keterlantaran" else dt.date(1980, 5, 17)
    orang = f.buat_orang(desa=desa, lahir=lahir, status_dtsen=dtsen, **extra)
    f.daftarkan(orang=orang, kode=KATEGORI[kriteria], penilai=penilai)
    return orang


def kode(e) -> set[str]:
    """The codes of a ValidationError, whether it carries a field dict or a list."""
    if hasattr(e, "error_dict"):
        return {x.code for errs in e.error_dict.values() for x in errs}
    return {x.code for x in e.error_list}
