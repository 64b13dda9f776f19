"""Each step of B4 through the pages, by each role: allowed, 403 for a role that never takes it,
404 outside the wilayah, and a step out of order answered with a message (never a 500)."""

from decimal import Decimal

import pytest

from bansos.aturan import dokumen_wajib
from bansos.models import PengajuanPencairan, Permohonan, Verifikasi
from bansos.models import StatusPermohonan as S
from dinsos.models import Riwayat
from tests.bansos.conftest import HARI_INI, PDF_BYTES, TA, ajukan, ke_status, lengkapi, pdf

pytestmark = pytest.mark.django_db

SEMUA = ["op_desa", "op_desa_lain", "op_kec", "op_kec_lain", "petugas", "verifikator", "kadis",
         "bendahara", "admin"]  # fmt: skip
TGL = HARI_INI.isoformat()


@pytest.fixture
def p(users, orang, aturan, pagu):
    return ajukan(users, orang, jumlah=1_500_000)


def _status(p):
    return Permohonan.objects.get(pk=p.pk).status


def _pesan(resp):
    return [str(m) for m in resp.context["messages"]] if resp.context else []


# (url suffix, POST data, status before, the one role that may, the other wilayah's same role)
LANGKAH = {
    "ketahui": ("ketahui/", {"nama_camat": "Drs. Camat", "tanggal": TGL}, "diajukan", "op_kec"),
    "kembalikan": ("kembalikan/", {"alasan": "KK belum ada"}, "diajukan", "op_kec"),
    "batalkan": ("batalkan/", {"alasan": "Pindah domisili"}, "diajukan", "op_desa"),
    "verifikasi": (
        "verifikasi/",
        {"hasil": "dikembalikan", "catatan": "KK buram", "tanggal": TGL},
        "menunggu_verifikasi",
        "verifikator",
    ),
    "rekomendasi": (
        "rekomendasi/",
        {"keputusan": "layak", "jumlah": "1500000", "nomor_surat": "460/1", "tanggal": TGL},
        "terverifikasi",
        "kadis",
    ),
}
BERWENANG = {
    "ketahui": {"op_kec", "op_kec_lain"},
    "kembalikan": {"op_kec", "op_kec_lain"},
    "batalkan": {"op_desa", "op_desa_lain", "petugas"},
    "verifikasi": {"verifikator"},
    "rekomendasi": {"kadis"},
}
DI_LUAR_WILAYAH = {"op_desa_lain", "op_kec_lain"}


@pytest.mark.parametrize("peran", SEMUA)
@pytest.mark.parametrize("langkah", list(LANGKAH))
def test_langkah_per_peran(client_for, users, p, langkah, peran):
    url, data, awal, _ = LANGKAH[langkah]
    ke_status(users, p, awal)
    resp = client_for(users[peran]).post(f"/bansos/{p.pk}/{url}", data)
    if peran not in BERWENANG[langkah]:
        assert resp.status_code == 403
        assert _status(p) == awal
    elif peran in DI_LUAR_WILAYAH:
        assert resp.status_code == 404
        assert _status(p) == awal
    else:
        assert resp.status_code == 302 and resp["Location"] == f"/bansos/{p.pk}/"
        assert _status(p) != awal


def test_ketahui_camat_lewat_halaman(client_for, users, p):
    c = client_for(users["op_kec"])
    resp = c.post(
        f"/bansos/{p.pk}/ketahui/", {"nama_camat": "Drs. Camat", "tanggal": TGL}, follow=True
    )
    assert _status(p) == S.MENUNGGU_VERIFIKASI
    assert any("diketahui Camat" in m for m in _pesan(resp))
    assert "Menunggu verifikasi" in resp.content.decode()
    r = Riwayat.objects.filter(object_id=str(p.pk), aksi=Riwayat.Aksi.STATUS).latest("pk")
    assert r.pengguna == users["op_kec"]
    assert r.perubahan["status"] == ["diajukan", "menunggu_verifikasi"]


@pytest.mark.parametrize(
    ("peran", "url", "data", "status_awal"),
    [
        ("op_kec", "ketahui/", {"nama_camat": "Camat", "tanggal": TGL}, "menunggu_verifikasi"),
        ("op_kec", "kembalikan/", {"alasan": "x"}, "menunggu_verifikasi"),
        ("op_desa", "ajukan-ulang/", {}, "diajukan"),
        ("op_desa", "batalkan/", {"alasan": "x"}, "terverifikasi"),
        (
            "verifikator",
            "verifikasi/",
            {"hasil": "ditolak", "catatan": "x", "tanggal": TGL},
            "diajukan",
        ),  # fmt: skip
        (
            "kadis",
            "rekomendasi/",
            {"keputusan": "layak", "jumlah": "1000", "nomor_surat": "1", "tanggal": TGL},
            "menunggu_verifikasi",
        ),  # fmt: skip
    ],
)
def test_langkah_tidak_berurutan_dijawab_pesan(client_for, users, p, peran, url, data, status_awal):
    """An illegal step (out of order) is refused with the service's message, not a 500."""
    ke_status(users, p, status_awal)
    resp = client_for(users[peran]).post(f"/bansos/{p.pk}/{url}", data, follow=True)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert f"berstatus “{S(status_awal).label}”" in html
    assert _status(p) == status_awal


@pytest.mark.parametrize(
    ("peran", "url", "status_awal"),
    [
        ("verifikator", "verifikasi/", "diajukan"),
        ("kadis", "rekomendasi/", "menunggu_verifikasi"),
        ("bendahara", "cairkan/", "direkomendasikan"),
        ("op_desa", "ubah/", "terverifikasi"),
    ],
)
def test_halaman_langkah_di_luar_urutan_diarahkan_dengan_pesan(
    client_for, users, p, peran, url, status_awal
):
    ke_status(users, p, status_awal)
    resp = client_for(users[peran]).get(f"/bansos/{p.pk}/{url}", follow=True)
    assert resp.status_code == 200
    assert resp.redirect_chain[-1][0] == f"/bansos/{p.pk}/"
    assert any(S(status_awal).label in m for m in _pesan(resp))


def test_kembalikan_tanpa_alasan_ditolak_dengan_pesan(client_for, users, p):
    resp = client_for(users["op_kec"]).post(f"/bansos/{p.pk}/kembalikan/", {}, follow=True)
    assert any("Isi alasan pengembalian" in m for m in _pesan(resp))
    assert _status(p) == S.DIAJUKAN


def test_dikembalikan_lalu_diajukan_ulang(client_for, users, p):
    client_for(users["op_kec"]).post(f"/bansos/{p.pk}/kembalikan/", {"alasan": "KK buram"})
    assert _status(p) == S.DIKEMBALIKAN
    html = client_for(users["op_desa"]).get(f"/bansos/{p.pk}/").content.decode()
    assert "KK buram" in html and "Ajukan ulang" in html
    client_for(users["op_desa"]).post(f"/bansos/{p.pk}/ajukan-ulang/", {"catatan": "Sudah"})
    assert _status(p) == S.DIAJUKAN


# --- verification sheet ------------------------------------------------------------------------


def _lembar(p, **kw):
    data = {"hasil": "lolos", "nomor_berita_acara": "BA/1", "tanggal": TGL}
    data.update({f"cek_{k}": "on" for k in dokumen_wajib(p)})
    data.update(kw)
    return data


def test_verifikasi_lolos(client_for, users, p):
    ke_status(users, p, "menunggu_verifikasi")
    lengkapi(users, p)
    c = client_for(users["verifikator"])
    assert c.get(f"/bansos/{p.pk}/verifikasi/").status_code == 200
    resp = c.post(f"/bansos/{p.pk}/verifikasi/", _lembar(p))
    assert resp.status_code == 302
    assert _status(p) == S.TERVERIFIKASI
    v = Verifikasi.objects.get(permohonan=p)
    assert v.checklist == {k: True for k in dokumen_wajib(p)} and v.nomor_berita_acara == "BA/1"


def test_verifikasi_lolos_tanpa_dokumen_ditolak_b5(client_for, users, p):
    ke_status(users, p, "menunggu_verifikasi")
    resp = client_for(users["verifikator"]).post(f"/bansos/{p.pk}/verifikasi/", _lembar(p))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "dokumen wajib belum diunggah" in html and "aturan B5" in html
    assert _status(p) == S.MENUNGGU_VERIFIKASI


def test_verifikasi_lolos_dengan_centang_kurang_ditolak(client_for, users, p):
    ke_status(users, p, "menunggu_verifikasi")
    lengkapi(users, p)
    data = _lembar(p)
    del data["cek_kk"]
    resp = client_for(users["verifikator"]).post(f"/bansos/{p.pk}/verifikasi/", data)
    assert "belum dinyatakan sesuai" in resp.content.decode()
    assert _status(p) == S.MENUNGGU_VERIFIKASI


def test_verifikasi_tolak_wajib_catatan(client_for, users, p):
    ke_status(users, p, "menunggu_verifikasi")
    c = client_for(users["verifikator"])
    resp = c.post(f"/bansos/{p.pk}/verifikasi/", {"hasil": "ditolak", "tanggal": TGL})
    assert "Isi catatan" in resp.content.decode()
    c.post(f"/bansos/{p.pk}/verifikasi/", {"hasil": "ditolak", "catatan": "Mampu", "tanggal": TGL})
    assert _status(p) == S.DITOLAK
    html = c.get(f"/bansos/{p.pk}/").content.decode()
    assert "Permohonan ditolak. Alasan: Mampu" in html


# --- recommendation, batch, disbursement ------------------------------------------------------


def test_rekomendasi_layak_dan_melebihi_dimohon(client_for, users, p):
    ke_status(users, p, "terverifikasi")
    c = client_for(users["kadis"])
    resp = c.get(f"/bansos/{p.pk}/rekomendasi/")
    assert resp.status_code == 200 and "sisa" in resp.content.decode()
    data = {"keputusan": "layak", "jumlah": "1600000", "nomor_surat": "460/1", "tanggal": TGL}
    resp = c.post(f"/bansos/{p.pk}/rekomendasi/", data)
    assert resp.status_code == 200 and "melebihi jumlah yang dimohon" in resp.content.decode()
    data["jumlah"] = "1250000"
    assert c.post(f"/bansos/{p.pk}/rekomendasi/", data).status_code == 302
    p.refresh_from_db()
    assert p.status == S.DIREKOMENDASIKAN and p.jumlah_rekomendasi == 1_250_000


def test_rekomendasi_melebihi_pagu_dijelaskan_b8(client_for, users, p, pagu):
    ke_status(users, p, "terverifikasi")
    pagu["biaya_hidup"].jumlah = 1_000_000
    pagu["biaya_hidup"].save()
    data = {"keputusan": "layak", "jumlah": "1500000", "nomor_surat": "460/1", "tanggal": TGL}
    resp = client_for(users["kadis"]).post(f"/bansos/{p.pk}/rekomendasi/", data)
    html = resp.content.decode()
    assert resp.status_code == 200 and "aturan B8" in html and "Sisa pagu" in html
    assert _status(p) == S.TERVERIFIKASI


def test_rekomendasi_tidak_layak(client_for, users, p):
    ke_status(users, p, "terverifikasi")
    data = {"keputusan": "tidak", "alasan": "Sudah menerima PKH", "tanggal": TGL}
    client_for(users["kadis"]).post(f"/bansos/{p.pk}/rekomendasi/", data)
    assert _status(p) == S.DITOLAK


def test_pengajuan_pencairan_lewat_halaman(client_for, users, p):
    ke_status(users, p, "direkomendasikan")
    c = client_for(users["kadis"])
    resp = c.get("/bansos/pengajuan/baru/", {"tahun": TA, "pilih": p.pk})
    assert resp.status_code == 200 and p.nomor in resp.content.decode()
    resp = c.post(
        f"/bansos/pengajuan/baru/?tahun={TA}",
        {"permohonan": [p.pk], "nomor_surat": "900/1", "tanggal": TGL},
    )
    batch = PengajuanPencairan.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/bansos/pengajuan/{batch.pk}/"
    assert _status(p) == S.DIAJUKAN_PENCAIRAN
    html = c.get(f"/bansos/pengajuan/{batch.pk}/").content.decode()
    assert p.nomor in html and "Rp 1.500.000,00" in html


def test_pengajuan_tanpa_nomor_surat_dijawab_galat(client_for, users, p):
    ke_status(users, p, "direkomendasikan")
    resp = client_for(users["kadis"]).post(
        f"/bansos/pengajuan/baru/?tahun={TA}", {"permohonan": [p.pk], "tanggal": TGL}
    )
    assert resp.status_code == 200 and _status(p) == S.DIREKOMENDASIKAN


def test_pencairan_lewat_halaman(client_for, users, p):
    ke_status(users, p, "diajukan_pencairan")
    c = client_for(users["bendahara"])
    resp = c.get(f"/bansos/{p.pk}/cairkan/")
    assert resp.status_code == 200
    assert resp.context["form"].initial["mode"] == "tunai"
    data = {"mode": "tunai", "nomor_kwitansi": "KW-9", "tanggal": TGL, "bukti": pdf("kw.pdf")}
    resp = c.post(f"/bansos/{p.pk}/cairkan/", data)
    assert resp.status_code == 302
    p.refresh_from_db()
    assert p.status == S.DICAIRKAN and p.pencairan.jumlah == 1_500_000
    assert p.pengajuan.status == PengajuanPencairan.Status.SELESAI


def test_pencairan_transfer_untuk_biaya_hidup_ditolak_b6(client_for, users, p):
    ke_status(users, p, "diajukan_pencairan")
    data = {
        "mode": "transfer",
        "referensi_transfer": "TRF",
        "rekening_tujuan": "123",
        "tanggal": TGL,
        "bukti": pdf(),
    }
    resp = client_for(users["bendahara"]).post(f"/bansos/{p.pk}/cairkan/", data)
    assert resp.status_code == 200 and "secara tunai" in resp.content.decode()
    assert _status(p) == S.DIAJUKAN_PENCAIRAN


@pytest.mark.parametrize("peran", SEMUA)
def test_cairkan_per_peran(client_for, users, p, peran):
    ke_status(users, p, "diajukan_pencairan")
    data = {"mode": "tunai", "nomor_kwitansi": "KW", "tanggal": TGL, "bukti": pdf()}
    resp = client_for(users[peran]).post(f"/bansos/{p.pk}/cairkan/", data)
    assert resp.status_code == (302 if peran == "bendahara" else 403)


# --- application form and corrections ----------------------------------------------------------


def _form_bh(orang, **kw):
    data = {
        "identitas": orang.nik,
        "pemohon_jenis": "perseorangan",
        "jumlah_diminta": "1000000",
        "tanggal_permohonan": TGL,
        "nomor_surat_permohonan": "01/DS/2026",
        "nama_lurah": "Sutrisno",
        "tanggal_diketahui_lurah": TGL,
    }
    data.update(kw)
    return data


def test_buat_permohonan_dengan_unggahan(client_for, users, orang, aturan):
    c = client_for(users["op_desa"])
    assert c.get("/bansos/baru/biaya_hidup/").status_code == 200
    resp = c.post(
        "/bansos/baru/biaya_hidup/",
        _form_bh(orang, dok_surat_permohonan=pdf("surat.pdf"), dok_ktp=pdf("ktp.pdf")),
        follow=True,
    )
    p = Permohonan.objects.get()
    assert resp.redirect_chain[-1][0] == f"/bansos/{p.pk}/"
    assert p.status == S.DIAJUKAN and p.perseorangan == orang and p.kategori.kode == "x"
    assert set(p.dokumen.values_list("jenis_dokumen", flat=True)) == {"surat_permohonan", "ktp"}
    pesan = " ".join(_pesan(resp))
    assert "telah diajukan" in pesan and "Fotokopi Kartu Keluarga" in pesan
    assert resp.context["kurang"] == ["kk", "skm"]


def test_buat_permohonan_orang_desa_lain_tidak_ditemukan(client_for, users, wil, aturan):
    from tests.bansos.conftest import penerima

    lain = penerima(desa=wil["desa3"], penilai=users["petugas"])
    resp = client_for(users["op_desa"]).post("/bansos/baru/biaya_hidup/", _form_bh(lain))
    assert (
        resp.status_code == 200 and "tidak ditemukan di wilayah kerja Anda" in resp.content.decode()
    )
    assert not Permohonan.objects.exists()


def test_buat_permohonan_melebihi_batas_b2_dijelaskan(client_for, users, orang, aturan):
    resp = client_for(users["op_desa"]).post(
        "/bansos/baru/biaya_hidup/", _form_bh(orang, jumlah_diminta="2500000")
    )
    html = resp.content.decode()
    assert resp.status_code == 200 and "Melebihi batas biaya hidup" in html
    assert "Pasal 6 ayat (1) huruf a" in html
    assert not Permohonan.objects.exists()


def test_buat_permohonan_kedua_dalam_setahun_ditolak_b3(client_for, users, orang, aturan):
    c = client_for(users["op_desa"])
    c.post("/bansos/baru/biaya_hidup/", _form_bh(orang, jumlah_diminta="500000"))
    resp = c.post("/bansos/baru/biaya_hidup/", _form_bh(orang, jumlah_diminta="500000"))
    assert "Pasal 6 ayat (3)" in resp.content.decode()
    assert Permohonan.objects.count() == 1


def test_buat_permohonan_gagal_unggah_tidak_menyimpan_apa_pun(client_for, users, orang, aturan):
    teks = pdf("ktp.pdf", isi=b"bukan pdf sama sekali")
    resp = client_for(users["op_desa"]).post(
        "/bansos/baru/biaya_hidup/", _form_bh(orang, dok_ktp=teks)
    )
    assert resp.status_code == 200 and "bukan PDF, JPEG atau PNG" in resp.content.decode()
    assert not Permohonan.objects.exists()


def test_ubah_permohonan(client_for, users, p):
    c = client_for(users["op_desa"])
    assert c.get(f"/bansos/{p.pk}/ubah/").status_code == 200
    data = {
        "jumlah_diminta": "1200000",
        "tanggal_permohonan": p.tanggal_permohonan.isoformat(),
        "nomor_surat_permohonan": "02/DS",
        "uraian": "",
        "nama_lurah": p.nama_lurah,
        "tanggal_diketahui_lurah": p.tanggal_diketahui_lurah.isoformat(),
        "alasan": "Salah ketik",
    }
    assert c.post(f"/bansos/{p.pk}/ubah/", data).status_code == 302
    p.refresh_from_db()
    assert p.jumlah_diminta == 1_200_000 and p.nomor_surat_permohonan == "02/DS"
    r = Riwayat.objects.filter(object_id=str(p.pk), aksi=Riwayat.Aksi.UBAH).latest("pk")
    lama, baru = r.perubahan["jumlah_diminta"]
    assert r.alasan == "Salah ketik" and (Decimal(lama), Decimal(baru)) == (1_500_000, 1_200_000)
    html = c.get(f"/bansos/{p.pk}/").content.decode()
    assert "Jumlah yang dimohon: Rp 1.500.000,00 → Rp 1.200.000,00" in html
    assert client_for(users["op_desa_lain"]).get(f"/bansos/{p.pk}/ubah/").status_code == 404
    assert client_for(users["op_kec"]).get(f"/bansos/{p.pk}/ubah/").status_code == 403


def test_get_pada_aksi_post_saja_ditolak(client_for, users, p):
    c = client_for(users["op_kec"])
    assert c.get(f"/bansos/{p.pk}/ketahui/").status_code == 405
    assert c.get(f"/bansos/{p.pk}/kembalikan/").status_code == 405


def test_csrf_wajib_untuk_perubahan_status(users, p):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(users["op_kec"])
    resp = c.post(f"/bansos/{p.pk}/ketahui/", {"nama_camat": "Camat", "tanggal": TGL})
    assert resp.status_code == 403 and _status(p) == S.DIAJUKAN


_ = PDF_BYTES


def test_buat_permohonan_permodalan_untuk_kelompok(client_for, users, wil, aturan):
    from tests import factories as f

    ketua = f.buat_orang(desa=wil["desa1"])
    kel = f.buat_kelompok(desa=wil["desa1"], ketua=ketua, nama="KUBE Mawar")
    kel.nama_bank, kel.nomor_rekening = "Bank Jatim", "0123456789"
    kel.save()
    f.daftarkan(kode="x", penilai=users["petugas"], kelompok=kel)
    c = client_for(users["op_desa"])
    html = c.get("/bansos/baru/permodalan_usaha/").content.decode()
    assert "KUBE Mawar" in html and "Rekening penerima" in html
    data = _form_bh(
        ketua,
        penerima_jenis="kelompok",
        identitas="",
        kelompok=kel.pk,
        jumlah_diminta="3000000",
    )
    del data["pemohon_jenis"]
    resp = c.post("/bansos/baru/permodalan_usaha/", data, follow=True)
    p = Permohonan.objects.get()
    assert p.kelompok == kel and p.perseorangan is None and p.rekening_nomor == "0123456789"
    # PCT 10: a group needs its formation letter and the account (non-cash above the limit).
    assert resp.context["kurang"] == [
        "surat_permohonan",
        "ktp",
        "pembentukan_kelompok",
        "rekening_penerima",
    ]


def test_buat_permohonan_pengobatan_oleh_petugas(client_for, users, orang, aturan, faskes):
    c = client_for(users["petugas"])
    data = {
        "identitas": orang.nik,
        "faskes": faskes.pk,
        "biaya_tagihan": "4000000",
        "jumlah_diminta": "4000000",
        "tanggal_permohonan": TGL,
        "nomor_surat_permohonan": "445/RSUD/2026",
    }
    resp = c.post("/bansos/baru/pengobatan/", data, follow=True)
    p = Permohonan.objects.get()
    assert p.jenis == "pengobatan" and p.faskes == faskes and p.pemohon_jenis == "faskes"
    assert p.status == S.MENUNGGU_VERIFIKASI  # PCT 11a: no Camat step
    assert "Diterima Dinas" in resp.content.decode()


def test_buat_permohonan_kategori_ganda_wajib_dipilih(client_for, users, orang, aturan):
    from tests import factories as f

    f.daftarkan(orang=orang, kode="u", penilai=users["petugas"])  # also korban bencana alam
    c = client_for(users["op_desa"])
    resp = c.post("/bansos/baru/biaya_hidup/", _form_bh(orang))
    assert "terdaftar pada beberapa kategori" in resp.content.decode()
    assert not Permohonan.objects.exists()
    c.post("/bansos/baru/biaya_hidup/", _form_bh(orang, kategori=f.kategori("x").pk))
    assert Permohonan.objects.get().kategori.kode == "x"


def test_formulir_diisi_dari_halaman_registri_tanpa_nik_di_url(client_for, users, orang, wil):
    from tests.bansos.conftest import penerima

    resp = client_for(users["op_desa"]).get(f"/bansos/baru/biaya_hidup/?orang={orang.pk}")
    assert resp.context["form"].initial["identitas"] == orang.nomor_registrasi
    lain = penerima(desa=wil["desa3"], penilai=users["petugas"])
    resp = client_for(users["op_desa"]).get(f"/bansos/baru/biaya_hidup/?orang={lain.pk}")
    assert "identitas" not in resp.context["form"].initial  # another desa: nothing leaks
