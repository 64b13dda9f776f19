"""Builders for bansos tests: pagu, faskes, uploads, and an application walked to any status."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bansos import services as sv
from bansos.aturan import aturan_tetapkan, dokumen_wajib
from bansos.models import Faskes, JenisBansos, Pagu, SumberDana
from ppks.models import JaminanKesehatan
from tests import factories as f

TA = timezone.localdate().year
HARI_INI = timezone.localdate()
# A real one-page PDF: uploads must parse as a PDF, not only start with %PDF- (bansos.berkas).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def pdf(nama="dokumen.pdf", isi=PDF_BYTES):
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


def buat_pagu(jenis=JenisBansos.BIAYA_HIDUP, jumlah=1_000_000_000, tahun=TA, sumber=None):
    return Pagu.objects.create(
        tahun_anggaran=tahun,
        jenis=jenis,
        sumber_dana=sumber or SumberDana.APBD,
        jumlah=Decimal(jumlah),
    )


def buat_faskes(nama="RSUD dr. Darsono", rekening="1234567890"):
    return Faskes.objects.create(
        nama=nama,
        jenis=Faskes.Jenis.RSUD,
        nama_bank="Bank Jatim",
        nomor_rekening=rekening,
        nama_rekening=f"Bendahara Penerimaan {nama}",
    )


def penerima(*, desa, kode="x", penilai, jaminan=JaminanKesehatan.TIDAK_ADA, **kw):
    """A registered person of category `kode` (x = fakir miskin)."""
    orang = f.buat_orang(desa=desa, jaminan_kesehatan=jaminan, **kw)
    f.daftarkan(orang=orang, kode=kode, penilai=penilai)
    return orang


def ajukan(users, orang, *, jenis=JenisBansos.BIAYA_HIDUP, jumlah=1_000_000, oleh=None, **kw):
    """permohonan_buat with sensible defaults for each jenis."""
    kategori = kw.pop("kategori", None) or orang_kategori(orang)
    if jenis == JenisBansos.PENGOBATAN:
        oleh = oleh or users["petugas"]
        kw.setdefault("faskes", Faskes.objects.first() or buat_faskes())
        kw.setdefault("biaya_tagihan", jumlah)
    else:
        oleh = oleh or users["op_desa"]
        kw.setdefault("nama_lurah", "Sutrisno")
        kw.setdefault("tanggal_diketahui_lurah", HARI_INI)
    return sv.permohonan_buat(
        oleh=oleh,
        jenis=jenis,
        kategori=kategori,
        jumlah_diminta=jumlah,
        perseorangan=orang if hasattr(orang, "nik") else None,
        kelompok=None if hasattr(orang, "nik") else orang,
        **kw,
    )


def orang_kategori(subjek):
    from ppks.models import Registrasi

    q = {"perseorangan": subjek} if hasattr(subjek, "nik") else {"kelompok": subjek}
    return Registrasi.objects.filter(status="aktif", **q).latest("pk").kategori


def lengkapi(users, p, oleh=None):
    for d in dokumen_wajib(p):
        sv.dokumen_unggah(
            permohonan=p, oleh=oleh or users["petugas"], jenis_dokumen=d, berkas=pdf()
        )


def ke_status(users, p, status):
    """Walk `p` along the happy path until it reaches `status`."""
    urutan = [
        "diajukan",
        "menunggu_verifikasi",
        "terverifikasi",
        "direkomendasikan",
        "diajukan_pencairan",
        "dicairkan",
    ]
    p.refresh_from_db()
    while p.status != status:
        if p.status == "diajukan":
            sv.permohonan_ketahui_camat(
                permohonan=p, oleh=_camat(users, p), nama_camat="Drs. Camat", tanggal=HARI_INI
            )
        elif p.status == "menunggu_verifikasi":
            lengkapi(users, p)
            sv.permohonan_verifikasi(
                permohonan=p,
                oleh=users["verifikator"],
                checklist={d: True for d in dokumen_wajib(p)},
                hasil="lolos",
                nomor_berita_acara="BA/001/2026",
            )
        elif p.status == "terverifikasi":
            sv.permohonan_rekomendasi(
                permohonan=p,
                oleh=users["kadis"],
                layak=True,
                jumlah=p.jumlah_diminta,
                nomor_surat="460/001/408.40/2026",
            )
        elif p.status == "direkomendasikan":
            sv.pengajuan_pencairan_buat(
                permohonan_list=[p], oleh=users["kadis"], nomor_surat="900/001/2026"
            )
        elif p.status == "diajukan_pencairan":
            cair_default(users, p)
        else:
            raise AssertionError(f"cannot walk from {p.status} to {status}")
        p.refresh_from_db()
        assert urutan.index(p.status) <= urutan.index(status)
    return p


def _camat(users, p):
    return users["op_kec"] if p.desa.kecamatan_id == "35.01.01" else users["op_kec_lain"]


def cair_default(users, p, **kw):
    from bansos.models import Pencairan

    jumlah = p.rekomendasi.jumlah
    if p.jenis == JenisBansos.PENGOBATAN:
        kw.setdefault("mode", Pencairan.Mode.PEMINDAHBUKUAN)
        kw.setdefault("referensi_transfer", "PB-001")
    elif p.jenis == JenisBansos.PERMODALAN_USAHA and jumlah > 2_000_000:
        kw.setdefault("mode", Pencairan.Mode.TRANSFER)
        kw.setdefault("referensi_transfer", "TRF-001")
    else:
        kw.setdefault("mode", Pencairan.Mode.TUNAI)
        kw.setdefault("nomor_kwitansi", "KW-001")
    kw.setdefault("bukti", pdf("bukti.pdf"))
    return sv.pencairan_catat(permohonan=p, oleh=users["bendahara"], **kw)


@pytest.fixture
def aturan(db):
    """This year's rules, set up from the PCT values when a flushed database has none."""
    return aturan_tetapkan(TA)


@pytest.fixture
def pagu(db):
    return {j: buat_pagu(j) for j in JenisBansos.values}


@pytest.fixture
def faskes(db):
    return buat_faskes()


@pytest.fixture
def orang(users, wil):
    """A fakir miskin (x) in desa1, no jaminan kesehatan."""
    return penerima(desa=wil["desa1"], penilai=users["petugas"])


_ = dt  # keep datetime importable for tests that patch dates
