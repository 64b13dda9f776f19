"""Building blocks of the demo's past Tahun Anggaran (laporan.demo): accounts, dates,
facilities, people."""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from bansos.aturan import aturan_tetapkan
from bansos.models import Faskes, JenisBansos, Pagu, SumberDana
from dinsos.models import Desa, Kecamatan, Peran, User
from ppks.models import KategoriPMKS, Kelompok, Perseorangan

from .data.demo_tahun import (
    NAMA_BELAKANG_L,
    NAMA_BELAKANG_P,
    NAMA_L,
    NAMA_P,
)

BH, PU, PB = JenisBansos.BIAYA_HIDUP, JenisBansos.PERMODALAN_USAHA, JenisBansos.PENGOBATAN
# The year's budget per jenis and source (B8). Sized for the plan below with some room left,
# as a real DPA is: the demo shows absorption below 100 %, never above.
PAGU = {
    BH: [(SumberDana.APBD, 260_000_000), (SumberDana.APBD_PROVINSI, 60_000_000)],
    PU: [(SumberDana.APBD, 325_000_000)],
    PB: [(SumberDana.APBD, 425_000_000)],
}


def pdf_contoh(judul: str) -> bytes:
    """A small but valid one-page PDF naming the document, so an officer who opens a demo
    upload sees what it stands for instead of a broken file."""
    teks = judul.replace("\\", "").replace("(", "").replace(")", "")
    isi = f"BT /F1 14 Tf 56 760 Td (Dokumen contoh) Tj 0 -22 Td /F1 11 Tf ({teks}) Tj ET"
    isi_b = isi.encode("latin-1", "replace")
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(isi_b) + isi_b + b"\nendstream",
    ]
    keluar = bytearray(b"%PDF-1.4\n")
    posisi = []
    for i, o in enumerate(objek, start=1):
        posisi.append(len(keluar))
        keluar += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(keluar)
    keluar += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1)
    for p in posisi:
        keluar += b"%010d 00000 n \n" % p
    keluar += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objek) + 1,
        xref,
    )
    return bytes(keluar)


@dataclass
class Kasus:
    """One application of the plan: who, which jenis, when, how much, and how it ends."""

    penerima: Perseorangan | Kelompok
    kategori: KategoriPMKS
    jenis: str
    bulan: int
    jumlah: int
    akhir: str = "cair"  # cair | tolak_verifikasi | tolak_rekomendasi | batal
    biaya: int | None = None  # pengobatan: the invoiced cost
    faskes: Faskes | None = None
    rekomendasi: int | None = None  # the Kepala Dinas may grant less than asked
    dikembalikan: bool = False  # one round back for completion before it passes
    uraian: str = ""
    hari: int = 1


class Tanggal:
    """The dates of one application's steps, in order and inside its month (the batch to the
    BPKAD goes at the end of the month, the money follows in the days after)."""

    def __init__(self, rng: random.Random, ta: int, bulan: int, hari: int):
        d = dt.date(ta, bulan, hari)
        self.permohonan = d
        self.lurah = d + dt.timedelta(days=rng.randint(0, 1))
        self.camat = self.lurah + dt.timedelta(days=rng.randint(1, 3))
        self.verifikasi = self.camat + dt.timedelta(days=rng.randint(2, 5))
        self.ajukan_ulang = self.verifikasi + dt.timedelta(days=2)
        self.verifikasi_ulang = self.ajukan_ulang + dt.timedelta(days=1)
        self.rekomendasi = self.verifikasi_ulang + dt.timedelta(days=rng.randint(1, 3))


def hari_pengajuan(ta: int, bulan: int) -> dt.date:
    # December batches go early so the money is out before the books close.
    return dt.date(ta, bulan, 21 if bulan == 12 else 26)


def hari_terakhir_permohonan(bulan: int) -> int:
    return 5 if bulan == 12 else 10


def akun_demo() -> dict | None:
    u = {
        x.username: x
        for x in User.objects.filter(
            username__in=["desa", "petugas", "verifikator", "kadis", "bendahara"], is_active=True
        )
    }
    return u if len(u) == 5 else None


def operator_kecamatan(kecamatan: list[Kecamatan]) -> dict[str, User]:
    """The Operator Kecamatan who records each Camat's acknowledgment (PCT 7a, 9a).

    Only an operator of the recipient's own kecamatan may record it, so every kecamatan needs
    one. Where the demo has no login for a kecamatan, an account without a usable password is
    made: it appears in the history as the officer who acted, but nobody can sign in with it.
    """
    hasil = {}
    for k in kecamatan:
        u = (
            User.objects.filter(peran=Peran.OPERATOR_KECAMATAN, kecamatan=k, is_active=True)
            .order_by("pk")
            .first()
        )
        if u is None:
            u = User(
                username=f"operator.kec.{k.nama.lower().replace(' ', '')}",
                first_name=f"Operator Kecamatan {k.nama}",
                peran=Peran.OPERATOR_KECAMATAN,
                kecamatan=k,
            )
            u.set_unusable_password()
            u.save()
        hasil[k.pk] = u
    return hasil


def pagu(ta: int) -> None:
    aturan_tetapkan(ta)
    for jenis, baris in PAGU.items():
        for sumber, jumlah in baris:
            Pagu.objects.get_or_create(
                tahun_anggaran=ta,
                jenis=jenis,
                sumber_dana=sumber,
                defaults={"jumlah": Decimal(jumlah), "keterangan": f"DPA Dinas Sosial {ta}"},
            )


def faskes(kecamatan: list[Kecamatan]) -> tuple[Faskes, dict[str, Faskes]]:
    """The RSUD (for the larger bills) and one Puskesmas per kecamatan, each with the
    bendahara penerimaan account the money goes to (PCT 11e)."""
    rsud = Faskes.objects.filter(jenis=Faskes.Jenis.RSUD, aktif=True).order_by("pk").first()
    if rsud is None:
        rsud = Faskes.objects.create(
            nama="RSUD Kabupaten",
            jenis=Faskes.Jenis.RSUD,
            nama_bank="Bank Jatim",
            nomor_rekening="0011220001",
            nama_rekening="Bendahara Penerimaan RSUD Kabupaten",
        )
    puskesmas = {}
    for i, k in enumerate(kecamatan, start=1):
        nama = f"Puskesmas {k.nama}"
        puskesmas[k.pk], _ = Faskes.objects.get_or_create(
            nama=nama,
            defaults={
                "jenis": Faskes.Jenis.PUSKESMAS,
                "nama_bank": "Bank Jatim",
                "nomor_rekening": f"00556677{i:02d}",
                "nama_rekening": f"Bendahara Penerimaan {nama}",
            },
        )
    return rsud, puskesmas


def desa_bergilir(semua_desa: list[Desa]) -> list[Desa]:
    """Every desa, taking one from each kecamatan in turn, so the first N cover every kecamatan
    and the whole list covers every desa."""
    per_kec: dict[str, list[Desa]] = {}
    for d in semua_desa:
        per_kec.setdefault(d.kecamatan_id, []).append(d)
    antre = [list(v) for v in per_kec.values()]
    hasil = []
    while any(antre):
        for daftar in antre:
            if daftar:
                hasil.append(daftar.pop(0))
    return hasil


def nama(rng: random.Random, jk: str) -> str:
    depan = rng.choice(NAMA_L if jk == "L" else NAMA_P)
    belakang = NAMA_BELAKANG_L if jk == "L" else NAMA_BELAKANG_P
    return f"{depan} {rng.choice(belakang)}" if rng.random() < 0.45 else depan


def lahir_acak(rng: random.Random, dari: int, sampai: int) -> dt.date:
    tahun = rng.randint(dari, sampai)
    return dt.date(tahun, rng.randint(1, 12), rng.randint(1, 28))


def nik(desa: Desa, lahir: dt.date, jk: str, urut: int) -> str:
    # R5: region of the kecamatan, birth date (day + 40 for women), serial. The serials start
    # above those of ppks/demo.py, so the two demos never produce the same NIK.
    hari = lahir.day + (40 if jk == "P" else 0)
    return f"{desa.kecamatan_id.replace('.', '')}{hari:02d}{lahir:%m}{lahir:%y}{urut:04d}"
