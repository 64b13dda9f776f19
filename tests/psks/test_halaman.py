"""Pages: each role's allowed and forbidden cases, wilayah scoping (404 outside), and the
refusals shown to the clerk with the rule named."""

from typing import Any

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from psks import services
from psks.models import KasusRehabilitasi, Lisensi, PermintaanLayanan, Rujukan, TahapRehabilitasi

from . import bantu as b

pytestmark = pytest.mark.django_db

SEMUA = ["op_desa", "op_desa_lain", "op_kec", "op_kec_lain", "petugas", "verifikator", "kadis",
         "bendahara", "admin"]  # fmt: skip
DINAS = ["petugas", "verifikator", "kadis", "bendahara", "admin"]


@pytest.fixture
def data(wil, users):
    """A case in desa1 (from an SLRT referral) and one in desa3 (kecamatan 2)."""
    u = users["petugas"]
    pekerja = b.psp(nama="Siti Berizin")
    b.psp(nama="Budi Kedaluwarsa", izin_sampai=b.hari(-3))
    prog = b.program("rehabilitasi")
    hasil: dict[str, Any] = {"pekerja": pekerja, "prog": prog}
    for nama, desa in [("d1", "desa1"), ("d3", "desa3")]:
        orang = b.ppks(desa=wil[desa], kriteria="keterlantaran", penilai=u)
        p = services.slrt_permintaan_catat(
            klien=orang,
            saluran="telepon",
            tanggal=b.hari(-10),
            uraian="Butuh pendampingan",
            kebutuhan=["rehabilitasi"],
            oleh=u,
        )
        r = services.slrt_rujuk(permintaan=p, tujuan="rehabilitasi", tanggal=b.hari(-9), oleh=u)
        k = services.rehabilitasi_buat(
            klien=orang,
            sasaran="b",
            setting="keluarga",
            bentuk=["a"],
            pekerja=pekerja,
            program=prog,
            tanggal_mulai=b.hari(-8),
            rujukan=r,
            oleh=u,
        )
        hasil[nama] = {"orang": orang, "permintaan": p, "rujukan": r, "kasus": k}
    return hasil


@pytest.mark.parametrize("peran", SEMUA)
@pytest.mark.parametrize(
    "nama",
    [
        "psks:index",
        "psks:slrt_list",
        "psks:rehab_list",
        "psks:jaminan_list",
        "psks:pemberdayaan_list",
        "psks:perlindungan_list",
        "psks:lembaga_list",
        "psks:program_list",
    ],
)
def test_daftar_terbuka_untuk_semua_peran(client_for, users, data, peran, nama):
    assert client_for(users[peran]).get(reverse(nama)).status_code == 200


def test_tanpa_login_dialihkan_ke_halaman_masuk(client):
    for nama in ("psks:rehab_list", "psks:rehab_baru", "psks:sdm_list", "psks:lembaga_baru"):
        resp = client.get(reverse(nama))
        assert resp.status_code == 302 and "/masuk/" in resp.url, nama


def test_daftar_rehab_dibatasi_wilayah(client_for, users, data):
    isi = client_for(users["op_desa"]).get(reverse("psks:rehab_list")).content.decode()
    assert data["d1"]["kasus"].nomor in isi and data["d3"]["kasus"].nomor not in isi
    isi = client_for(users["kadis"]).get(reverse("psks:rehab_list")).content.decode()
    assert data["d1"]["kasus"].nomor in isi and data["d3"]["kasus"].nomor in isi


@pytest.mark.parametrize(
    "peran,boleh",
    [("op_desa", True), ("op_kec", True), ("op_desa_lain", False), ("op_kec_lain", False)]
    + [(p, True) for p in DINAS],
)
@pytest.mark.parametrize("halaman", ["rehab", "slrt", "orang"])
def test_detail_404_di_luar_wilayah(client_for, users, data, peran, boleh, halaman):
    d = data["d1"]
    url = {
        "rehab": reverse("psks:rehab_detail", args=[d["kasus"].pk]),
        "slrt": reverse("psks:slrt_detail", args=[d["permintaan"].pk]),
        "orang": reverse("psks:orang", args=[d["orang"].pk]),
    }[halaman]
    assert client_for(users[peran]).get(url).status_code == (200 if boleh else 404)


@pytest.mark.parametrize("peran", SEMUA)
def test_sdm_hanya_peran_dinas(client_for, users, data, peran):
    c = client_for(users[peran])
    kode = 200 if peran in DINAS else 403
    assert c.get(reverse("psks:sdm_list")).status_code == kode
    assert c.get(reverse("psks:sdm_detail", args=[data["pekerja"].pk])).status_code == kode


@pytest.mark.parametrize("peran", SEMUA)
def test_kelola_psks_petugas_kadis_admin(client_for, users, data, peran):
    c = client_for(users[peran])
    kode = 200 if peran in ("petugas", "kadis", "admin") else 403
    assert c.get(reverse("psks:sdm_baru")).status_code == kode
    assert c.get(reverse("psks:lembaga_baru")).status_code == kode
    assert c.get(reverse("psks:program_baru")).status_code == kode


@pytest.mark.parametrize("peran", SEMUA)
def test_layanan_sosial_operator_desa_dan_petugas(client_for, users, data, peran):
    c = client_for(users[peran])
    kode = 200 if peran in ("op_desa", "op_desa_lain", "petugas") else 403
    assert c.get(reverse("psks:slrt_baru")).status_code == kode
    assert c.get(reverse("psks:rehab_baru")).status_code == kode


def test_klien_di_luar_wilayah_404_dan_tidak_ditemukan(client_for, users, data):
    c = client_for(users["op_desa"])
    luar = data["d3"]["orang"]
    assert c.get(reverse("psks:slrt_baru") + f"?klien={luar.pk}").status_code == 404
    resp = c.post(
        reverse("psks:slrt_baru"),
        {
            "identitas_klien": luar.nik,
            "saluran": "datang_langsung",
            "tanggal": b.hari().isoformat(),
            "uraian": "x",
        },
    )
    assert resp.status_code == 200
    assert "tidak ditemukan di wilayah Anda" in resp.content.decode()
    assert not PermintaanLayanan.objects.filter(klien=luar, dicatat_oleh=users["op_desa"]).exists()


def test_tahap_luar_wilayah_404_dan_peran_403(client_for, users, data):
    url = reverse("psks:rehab_tahap", args=[data["d1"]["kasus"].pk])
    isian = {"tahap": "pendekatan_awal", "tanggal": b.hari().isoformat()}
    assert client_for(users["op_desa_lain"]).post(url, isian).status_code == 404
    assert client_for(users["op_kec"]).post(url, isian).status_code == 403
    assert client_for(users["kadis"]).post(url, isian).status_code == 403
    assert not TahapRehabilitasi.objects.exists()


def test_halaman_tahap_menjelaskan_penolakan(client_for, users, data):
    """S3 in the page: a skipped stage is refused with the rule, a correct one recorded."""
    c = client_for(users["op_desa"])
    kasus = data["d1"]["kasus"]
    url = reverse("psks:rehab_tahap", args=[kasus.pk])
    resp = c.post(url, {"tahap": "pemecahan_masalah", "tanggal": b.hari().isoformat()})
    isi = resp.content.decode()
    assert resp.status_code == 200
    assert "aturan S3" in isi and "Pasal 15 ayat (2)" in isi
    resp = c.post(url, {"tahap": "pendekatan_awal", "tanggal": b.hari(-7).isoformat()})
    assert resp.status_code == 302
    isi = c.get(reverse("psks:rehab_detail", args=[kasus.pk])).content.decode()
    assert "Pendekatan awal" in isi and "tahap berikutnya" in isi


def test_halaman_kasus_baru_dari_rujukan_menolak_pekerja_tanpa_izin(client_for, users, wil, data):
    u = users["petugas"]
    c = client_for(u)
    orang = b.ppks(desa=wil["desa2"], kriteria="keterlantaran", penilai=u)
    p = services.slrt_permintaan_catat(
        klien=orang, saluran="datang_langsung", tanggal=b.hari(-2), uraian="x",
        kebutuhan=["rehabilitasi"], oleh=u,
    )  # fmt: skip
    r = services.slrt_rujuk(permintaan=p, tujuan="rehabilitasi", tanggal=b.hari(-1), oleh=u)
    url = reverse("psks:rehab_baru") + f"?rujukan={r.pk}"
    page = c.get(url).content.decode()
    assert orang.nama in page and r.nomor in page
    budi = data["pekerja"].__class__.objects.get(nama="Budi Kedaluwarsa")
    isian = {
        "sasaran": "b",
        "setting": "keluarga",
        "bentuk": ["a", "b"],
        "pekerja": budi.pk,
        "program": data["prog"].pk,
        "tanggal_mulai": b.hari().isoformat(),
    }
    resp = c.post(url, isian)
    isi = resp.content.decode()
    assert resp.status_code == 200
    assert "Penugasan kasus rehabilitasi ditolak" in isi and "aturan S2 dan S3" in isi
    isian["pekerja"] = data["pekerja"].pk
    resp = c.post(url, isian)
    assert resp.status_code == 302
    kasus = KasusRehabilitasi.objects.get(rujukan=r)
    assert kasus.klien == orang
    r.refresh_from_db()
    assert r.status == Rujukan.StatusRujukan.DITERIMA


def test_halaman_perlindungan_pemakaman_ditolak(client_for, users, wil):
    miskin = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"])
    prog = b.program("perlindungan")
    c = client_for(users["op_desa"])
    resp = c.post(
        reverse("psks:perlindungan_baru") + f"?klien={miskin.pk}",
        {
            "jenis": "a",
            "bentuk_a": ["f"],
            "program": prog.pk,
            "tanggal_mulai": b.hari().isoformat(),
            "tanggal_selesai": b.hari(7).isoformat(),
        },
    )
    isi = resp.content.decode()
    assert resp.status_code == 200 and "Pasal 29 ayat (3)" in isi and "keterlantaran" in isi


def test_alur_slrt_lewat_halaman(client_for, users, wil):
    c = client_for(users["op_desa"])
    orang = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"])
    resp = c.post(
        reverse("psks:slrt_baru"),
        {
            "identitas_klien": orang.nomor_registrasi,
            "saluran": "petugas_desa",
            "pelapor_nama": "Kasun",
            "tanggal": b.hari().isoformat(),
            "uraian": "Rumah rusak",
        },
    )
    assert resp.status_code == 302
    p = PermintaanLayanan.objects.get(klien=orang)
    resp = c.post(
        reverse("psks:slrt_rujuk", args=[p.pk]),
        {"tujuan": "bansos", "tanggal": b.hari().isoformat()},
    )
    assert "Identifikasi kebutuhan dahulu" in resp.content.decode()
    c.post(reverse("psks:slrt_kebutuhan", args=[p.pk]), {"kebutuhan": ["bansos"]})
    resp = c.post(
        reverse("psks:slrt_rujuk", args=[p.pk]),
        {"tujuan": "bansos", "referensi": "PMH-1", "tanggal": b.hari().isoformat()},
    )
    assert resp.status_code == 302
    r = p.rujukan.get()
    c.post(reverse("psks:rujukan_terima", args=[r.pk]), {"tanggal": b.hari().isoformat()})
    c.post(
        reverse("psks:rujukan_selesai", args=[r.pk]),
        {"tanggal": b.hari().isoformat(), "teks": "Bansos diberikan"},
    )
    r.refresh_from_db()
    assert r.status == "selesai"
    isi = c.get(reverse("psks:orang", args=[orang.pk])).content.decode()
    assert "PMH-1" in isi and "Bansos diberikan" in isi
    assert orang.nik not in isi  # NIK shown masked only


def test_cari_orang_lewat_post(client_for, users, data):
    c = client_for(users["op_desa"])
    orang = data["d1"]["orang"]
    resp = c.post(reverse("psks:cari"), {"identitas": orang.nik})
    assert resp.status_code == 302 and resp.url == reverse("psks:orang", args=[orang.pk])
    resp = c.post(reverse("psks:cari"), {"identitas": data["d3"]["orang"].nik})
    assert resp.url == reverse("psks:slrt_list")


def test_beranda_menampilkan_peringatan_untuk_dinas(client_for, users, data):
    isi = client_for(users["kadis"]).get("/").content.decode()
    assert "PSKS: masa berlaku" in isi and "Budi Kedaluwarsa" in isi
    isi = client_for(users["op_desa"]).get("/").content.decode()
    assert "Budi Kedaluwarsa" not in isi
    assert "kasus rehabilitasi berjalan" in isi


def test_daftar_sdm_menandai_izin(client_for, users, data):
    b.psp(nama="Dewi Segera", izin_sampai=b.hari(30))
    isi = client_for(users["petugas"]).get(reverse("psks:sdm_list")).content.decode()
    assert "Peringatan masa berlaku" in isi
    assert "Dewi Segera" in isi and "30 hari lagi" in isi
    isi = (
        client_for(users["petugas"])
        .get(reverse("psks:sdm_list") + "?praktik=tidak_berlaku&aktif=")
        .content.decode()
    )
    assert "Budi Kedaluwarsa" in isi and "Siti Berizin" not in isi


def test_kelola_lisensi_lewat_halaman(client_for, users):
    t = b.tenaga(jenis="pekerja_sosial_profesional")
    c = client_for(users["kadis"])
    resp = c.post(
        reverse("psks:lisensi_baru", args=[t.pk]),
        {
            "jenis": "izin_praktik",
            "nomor": "IPPS-9",
            "penerbit": "Kemensos",
            "tanggal_terbit": b.hari(-1).isoformat(),
            "berlaku_sampai": b.hari(400).isoformat(),
        },
    )
    assert resp.status_code == 302
    assert Lisensi.objects.filter(tenaga=t, nomor="IPPS-9").exists()
    isi = c.get(reverse("psks:sdm_detail", args=[t.pk])).content.decode()
    assert "belum memiliki sertifikat kompetensi" in isi


def test_tag_layanan_psks_untuk_halaman_orang_ppks(users, data):
    """The one-line include for the ppks person page renders scoped services."""
    req = RequestFactory().get("/")
    req.user = users["op_desa"]
    html = Template("{% load psks_layanan %}{% layanan_psks orang %}").render(
        Context({"request": req, "orang": data["d1"]["orang"]})
    )
    assert data["d1"]["kasus"].nomor in html and "Riwayat layanan lengkap" in html


def test_tahap_untuk_kasus_yang_sudah_ditutup_dijelaskan(client_for, users, data):
    kasus = data["d1"]["kasus"]
    services.rehabilitasi_hentikan(
        kasus=kasus, tanggal=b.hari(), alasan="Klien meninggal dunia", oleh=users["petugas"]
    )
    resp = client_for(users["op_desa"]).post(
        reverse("psks:rehab_tahap", args=[kasus.pk]),
        {"tahap": "pendekatan_awal", "tanggal": b.hari().isoformat()},
    )
    isi = resp.content.decode()
    assert resp.status_code == 200 and "sudah dihentikan" in isi
