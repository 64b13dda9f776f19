"""Builders for the laporan tests: applications walked through the real bansos services up to
the disbursement, so every document is printed from data made the way production makes it."""

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from bansos import services as sv
from bansos.aturan import aturan_tetapkan, dokumen_wajib
from bansos.models import Faskes, JenisBansos, Pagu, Pencairan, SumberDana
from dinsos.models import ProfilKantor
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


def unggahan(nama="dokumen.pdf"):
    return SimpleUploadedFile(nama, PDF_BYTES, content_type="application/pdf")


def teks_pdf(isi: bytes) -> str:
    """All text of a PDF, pages joined; whitespace runs collapsed so wrapped lines still match."""
    r = PdfReader(io.BytesIO(isi))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in r.pages)


def penerima(*, desa, penilai, nama=None, jaminan=JaminanKesehatan.TIDAK_ADA):
    orang = f.buat_orang(desa=desa, nama=nama, jaminan_kesehatan=jaminan)
    f.daftarkan(orang=orang, kode="x", penilai=penilai)
    return orang


def _camat(users, p):
    return users["op_kec"] if p.desa.kecamatan_id == "35.01.01" else users["op_kec_lain"]


def ajukan(users, orang, *, jenis=JenisBansos.BIAYA_HIDUP, jumlah=1_000_000):
    kw: dict[str, Any] = {}
    if jenis == JenisBansos.PENGOBATAN:
        oleh = users["petugas"]
        kw["faskes"] = Faskes.objects.first()
        kw["biaya_tagihan"] = jumlah
    else:
        oleh = users["op_desa"] if orang.desa_id == users["op_desa"].desa_id else users["petugas"]
        kw["nama_lurah"] = "Sutrisno"
        kw["tanggal_diketahui_lurah"] = HARI_INI
        kw["rekening_bank"] = "Bank Jatim"
        kw["rekening_nomor"] = "99887766"
        kw["rekening_nama"] = orang.nama
    return sv.permohonan_buat(
        oleh=oleh,
        jenis=jenis,
        kategori=f.kategori("x"),
        jumlah_diminta=jumlah,
        perseorangan=orang,
        nomor_surat_permohonan="SP/001",
        **kw,
    )


def verifikasi(users, p):
    if p.status == "diajukan":
        sv.permohonan_ketahui_camat(
            permohonan=p, oleh=_camat(users, p), nama_camat="Drs. Camat", tanggal=HARI_INI
        )
    for d in dokumen_wajib(p):
        sv.dokumen_unggah(permohonan=p, oleh=users["petugas"], jenis_dokumen=d, berkas=unggahan())
    return sv.permohonan_verifikasi(
        permohonan=p,
        oleh=users["verifikator"],
        checklist={d: True for d in dokumen_wajib(p)},
        hasil="lolos",
        nomor_berita_acara=f"BA/{p.pk:03d}/{TA}",
    )


def rekomendasikan(users, p, jumlah=None):
    return sv.permohonan_rekomendasi(
        permohonan=p,
        oleh=users["kadis"],
        layak=True,
        jumlah=jumlah or p.jumlah_diminta,
        nomor_surat=f"460/{p.pk:03d}/408.40/{TA}",
    )


def cairkan(users, p):
    p.refresh_from_db()
    jumlah = p.rekomendasi.jumlah
    if p.jenis == JenisBansos.PENGOBATAN:
        kw: dict[str, Any] = {
            "mode": Pencairan.Mode.PEMINDAHBUKUAN,
            "referensi_transfer": f"PB-{p.pk}",
        }
    elif p.jenis == JenisBansos.PERMODALAN_USAHA and jumlah > 2_000_000:
        kw = {"mode": Pencairan.Mode.TRANSFER, "referensi_transfer": f"TRF-{p.pk}"}
    else:
        kw = {"mode": Pencairan.Mode.TUNAI, "nomor_kwitansi": f"KW-{p.pk:04d}"}
    return sv.pencairan_catat(
        permohonan=p, oleh=users["bendahara"], bukti=unggahan("bukti.pdf"), **kw
    )


def sampai_dicairkan(users, orang, *, jenis=JenisBansos.BIAYA_HIDUP, jumlah=1_000_000):
    p = ajukan(users, orang, jenis=jenis, jumlah=jumlah)
    verifikasi(users, p)
    rekomendasikan(users, p)
    sv.pengajuan_pencairan_buat(
        permohonan_list=[p], oleh=users["kadis"], nomor_surat=f"900/{p.pk:03d}/408.40"
    )
    cairkan(users, p)
    p.refresh_from_db()
    return p


@pytest.fixture
def kantor(db):
    profil = ProfilKantor.get()
    profil.nama_kabupaten = "Contohjaya"
    profil.alamat = "Jl. Merdeka No. 17"
    profil.kota_surat = "Contohjaya"
    profil.kepala_dinas_nama = "Dra. Sri Rahayu, M.Si."
    profil.kepala_dinas_nip = "196801011990032001"
    profil.bendahara_nama = "Budi Santoso, S.E."
    profil.bendahara_nip = "198002022005011002"
    profil.save()
    return profil


@pytest.fixture
def bansos_siap(db, users, kantor):
    """Rules, pagu and a facility for the current Tahun Anggaran."""
    aturan_tetapkan(TA)
    for j in JenisBansos.values:
        Pagu.objects.create(
            tahun_anggaran=TA, jenis=j, sumber_dana=SumberDana.APBD, jumlah=Decimal(10**9)
        )
    Faskes.objects.create(
        nama="RSUD Contoh",
        jenis=Faskes.Jenis.RSUD,
        nama_bank="Bank Jatim",
        nomor_rekening="1234567890",
        nama_rekening="Bendahara Penerimaan RSUD Contoh",
        nama_bendahara="Ani Lestari",
    )
    return users
