"""Bansos pages by role: list (filters, scope), inbox, detail (buttons only where usable, the
reasons shown), pagu and pengajuan pages (Dinas only), menu and home-page panel."""

import pytest

from bansos.models import JenisBansos
from tests.bansos.conftest import TA, ajukan, ke_status, penerima

pytestmark = pytest.mark.django_db

SEMUA = ["op_desa", "op_desa_lain", "op_kec", "op_kec_lain", "petugas", "verifikator", "kadis",
         "bendahara", "admin"]  # fmt: skip
# Who sees an application of desa1 (kec1).
MELIHAT_DESA1 = {"op_desa", "op_kec", "petugas", "verifikator", "kadis", "bendahara", "admin"}
DINAS = {"petugas", "verifikator", "kadis", "bendahara", "admin"}


@pytest.fixture
def p(users, orang, aturan, pagu):
    return ajukan(users, orang, jumlah=1_500_000)


@pytest.fixture
def p_lain(users, wil, aturan, pagu):
    """An application of desa3 (kec2), made by that desa's operator."""
    o = penerima(desa=wil["desa3"], penilai=users["petugas"])
    return ajukan(users, o, oleh=users["op_desa_lain"])


@pytest.mark.parametrize("peran", SEMUA)
def test_detail_per_peran_404_di_luar_wilayah(client_for, users, p, peran):
    resp = client_for(users[peran]).get(f"/bansos/{p.pk}/")
    assert resp.status_code == (200 if peran in MELIHAT_DESA1 else 404)
    if resp.status_code == 200:
        html = resp.content.decode()
        assert p.nomor in html and "Diajukan, menunggu diketahui Camat" in html
        assert p.perseorangan.nik not in html  # masked (docs/rules.md section 4)


@pytest.mark.parametrize("peran", SEMUA)
def test_daftar_hanya_wilayah_sendiri(client_for, users, p, p_lain, peran):
    resp = client_for(users[peran]).get("/bansos/")
    assert resp.status_code == 200
    terlihat = set(resp.context["hal"].object_list)
    assert (p in terlihat) == (peran in MELIHAT_DESA1)
    assert (p_lain in terlihat) == (peran in DINAS | {"op_desa_lain", "op_kec_lain"})


def test_daftar_disaring_status_jenis_kecamatan_desa_tahun(client_for, users, wil, p, p_lain):
    c = client_for(users["petugas"])

    def hasil(**q):
        return set(c.get("/bansos/", q).context["hal"].object_list)

    assert hasil(status="diajukan") == {p, p_lain}
    assert hasil(status="dicairkan") == set()
    assert hasil(jenis=JenisBansos.BIAYA_HIDUP) == {p, p_lain}
    assert hasil(jenis=JenisBansos.PENGOBATAN) == set()
    assert hasil(kecamatan=wil["kec1"].pk) == {p}
    assert hasil(desa=wil["desa3"].pk) == {p_lain}
    assert hasil(tahun_anggaran=TA) == {p, p_lain}
    assert hasil(q=p.nomor) == {p}
    assert hasil(q=p.perseorangan.nama) == {p}


def test_saringan_desa_operator_hanya_desanya(client_for, users, wil, p):
    resp = client_for(users["op_kec"]).get("/bansos/")
    pilihan = {str(v) for v, _ in resp.context["saringan"].form.fields["desa"].choices if v}
    assert pilihan == {wil["desa1"].pk, wil["desa2"].pk}
    # A desa outside the wilayah is not a valid choice: no rows leak through the filter.
    resp = client_for(users["op_kec"]).get("/bansos/", {"desa": wil["desa3"].pk})
    assert list(resp.context["hal"].object_list) == []


def test_kotak_masuk_per_peran(client_for, users, orang, aturan, pagu, wil):
    diajukan = ajukan(users, orang, jumlah=1_000_000)
    o2 = penerima(desa=wil["desa1"], penilai=users["petugas"])
    menunggu = ke_status(users, ajukan(users, o2), "menunggu_verifikasi")
    o3 = penerima(desa=wil["desa2"], penilai=users["petugas"])
    terverifikasi = ke_status(users, ajukan(users, o3, oleh=users["petugas"]), "terverifikasi")
    o4 = penerima(desa=wil["desa1"], penilai=users["petugas"])
    rekom = ke_status(users, ajukan(users, o4), "direkomendasikan")
    o5 = penerima(desa=wil["desa1"], penilai=users["petugas"])
    cair = ke_status(users, ajukan(users, o5), "diajukan_pencairan")

    def isi(peran):
        resp = client_for(users[peran]).get("/bansos/kotak-masuk/")
        assert resp.status_code == 200
        return [set(b.items) for b in resp.context["bagian"]]

    assert isi("op_desa") == [set(), {diajukan}]
    assert isi("op_kec") == [{diajukan}]
    assert isi("op_kec_lain") == [set()]
    assert isi("verifikator") == [{menunggu}]
    assert isi("kadis") == [{terverifikasi}, {rekom}]
    assert isi("bendahara") == [{cair}]
    assert isi("petugas") == [{diajukan, menunggu, terverifikasi, rekom, cair}]


def test_panel_beranda_menunjukkan_yang_menunggu(client_for, users, p):
    html = client_for(users["op_kec"]).get("/").content.decode()
    assert "Menunggu tindakan Anda" in html
    assert p.nomor in html
    html = client_for(users["verifikator"]).get("/").content.decode()
    assert p.nomor not in html


def test_menu_sesuai_kemampuan(client_for, users, p):
    html = client_for(users["op_desa"]).get("/bansos/").content.decode()
    assert "/bansos/baru/" in html and "/bansos/pagu/" not in html
    assert "/bansos/pengajuan/" not in html
    html = client_for(users["kadis"]).get("/bansos/").content.decode()
    assert "/bansos/baru/" not in html and "/bansos/pagu/" in html
    assert "/bansos/pengajuan/" in html


# --- buttons only where usable, reasons where not ----------------------------------------------


def _aksi(resp):
    return resp.context["langkah"]


def test_tombol_sesuai_peran_dan_status(client_for, users, p):
    html = client_for(users["op_kec"]).get(f"/bansos/{p.pk}/").content.decode()
    assert "Catat diketahui Camat" in html and "Kembalikan untuk dilengkapi" in html
    html = client_for(users["verifikator"]).get(f"/bansos/{p.pk}/").content.decode()
    assert "Buka lembar verifikasi" not in html  # not yet acknowledged by the Camat
    assert "Catat diketahui Camat" not in html
    html = client_for(users["op_desa"]).get(f"/bansos/{p.pk}/").content.decode()
    assert "Ubah data permohonan" in html and "Batalkan permohonan" in html
    assert "Catat diketahui Camat" not in html
    html = client_for(users["bendahara"]).get(f"/bansos/{p.pk}/").content.decode()
    assert 'id="tindakan"' not in html  # nothing to do: no dead buttons


def test_dokumen_kurang_ditampilkan_dengan_alasan(client_for, users, p):
    ke_status(users, p, "menunggu_verifikasi")
    resp = client_for(users["verifikator"]).get(f"/bansos/{p.pk}/")
    html = resp.content.decode()
    assert "Buka lembar verifikasi" in html
    assert "Dokumen wajib yang belum diunggah" in html and "aturan B5" in html
    assert [b["kode"] for b in resp.context["checklist"]] == [
        "surat_permohonan",
        "ktp",
        "kk",
        "skm",
    ]
    assert resp.context["kurang"] == ["surat_permohonan", "ktp", "kk", "skm"]
    lembar = client_for(users["verifikator"]).get(f"/bansos/{p.pk}/verifikasi/").content.decode()
    assert "Belum dapat dinyatakan memenuhi syarat" in lembar
    assert 'value="lolos"' not in lembar  # the passing option is not offered while incomplete


def test_alasan_pemisahan_tugas_b4(client_for, users, p, monkeypatch):
    """A Kepala Dinas who verified the application sees why he cannot recommend it (B4)."""
    from bansos.models import Verifikasi

    ke_status(users, p, "terverifikasi")
    Verifikasi.objects.filter(permohonan=p).update(verifikator=users["kadis"])
    resp = client_for(users["kadis"]).get(f"/bansos/{p.pk}/")
    html = resp.content.decode()
    assert "Anda memverifikasi permohonan ini sehingga tidak dapat merekomendasikannya" in html
    assert "Beri rekomendasi" not in html
    resp = client_for(users["kadis"]).get(f"/bansos/{p.pk}/rekomendasi/", follow=True)
    assert "tidak dapat dilakukan sekarang" in resp.content.decode()


def test_riwayat_ditampilkan_sebagai_timeline(client_for, users, p):
    ke_status(users, p, "terverifikasi")
    resp = client_for(users["petugas"]).get(f"/bansos/{p.pk}/")
    html = resp.content.decode()
    assert "Diajukan, menunggu diketahui Camat → Menunggu verifikasi" in html
    assert "Menunggu verifikasi → Terverifikasi, menunggu rekomendasi" in html
    assert "Drs. Camat" in html
    statuses = [r["status"] for r in resp.context["riwayat"] if r["status"]]
    assert statuses[0][1] == "Terverifikasi, menunggu rekomendasi"  # newest first


# --- pagu and pengajuan: Dinas only ------------------------------------------------------------


@pytest.mark.parametrize("peran", SEMUA)
def test_pagu_hanya_peran_dinas(client_for, users, p, peran):
    resp = client_for(users[peran]).get("/bansos/pagu/")
    assert resp.status_code == (200 if peran in DINAS else 403)


def test_pagu_terpakai_dan_sisa(client_for, users, p, pagu):
    ke_status(users, p, "direkomendasikan")
    resp = client_for(users["kadis"]).get("/bansos/pagu/", {"tahun": TA})
    baris = {b["jenis"]: b for b in resp.context["baris"]}
    bh = baris[JenisBansos.BIAYA_HIDUP]
    assert bh["pagu"] == pagu[JenisBansos.BIAYA_HIDUP].jumlah
    assert bh["rekomendasi"] == 1_500_000 and bh["dicairkan"] == 0
    assert bh["sisa"] == pagu[JenisBansos.BIAYA_HIDUP].jumlah - 1_500_000
    ke_status(users, p, "dicairkan")
    resp = client_for(users["kadis"]).get("/bansos/pagu/", {"tahun": TA})
    bh = {b["jenis"]: b for b in resp.context["baris"]}[JenisBansos.BIAYA_HIDUP]
    assert bh["rekomendasi"] == 0 and bh["dicairkan"] == 1_500_000


@pytest.mark.parametrize("peran", SEMUA)
def test_pengajuan_halaman_per_peran(client_for, users, p, peran):
    ke_status(users, p, "diajukan_pencairan")
    c = client_for(users[peran])
    assert c.get("/bansos/pengajuan/").status_code == (200 if peran in DINAS else 403)
    batch = p.__class__.objects.get(pk=p.pk).pengajuan
    resp = c.get(f"/bansos/pengajuan/{batch.pk}/")
    assert resp.status_code == (200 if peran in DINAS else 403)
    assert c.get("/bansos/pengajuan/baru/").status_code == (200 if peran == "kadis" else 403)


def test_anonim_diarahkan_ke_halaman_masuk(client, p):
    for url in ("/bansos/", "/bansos/kotak-masuk/", f"/bansos/{p.pk}/", "/bansos/pagu/"):
        resp = client.get(url)
        assert resp.status_code == 302 and "/masuk/" in resp["Location"]


def test_pilih_jenis_pengobatan_hanya_petugas(client_for, users, aturan):
    html = client_for(users["op_desa"]).get("/bansos/baru/").content.decode()
    assert "/bansos/baru/biaya_hidup/" in html and "/bansos/baru/pengobatan/" not in html
    assert client_for(users["op_desa"]).get("/bansos/baru/pengobatan/").status_code == 403
    html = client_for(users["petugas"]).get("/bansos/baru/").content.decode()
    assert "/bansos/baru/pengobatan/" in html and "Rp 2.000.000,00" in html
    for peran in ("op_kec", "verifikator", "kadis", "bendahara", "admin"):
        assert client_for(users[peran]).get("/bansos/baru/").status_code == 403
    assert client_for(users["petugas"]).get("/bansos/baru/bukan-jenis/").status_code == 404
