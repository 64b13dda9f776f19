"""The import's Kecamatan column, its error file with the rows themselves, and persons listed
on several rows (R5: one NIK, one person; R2: a registration per category; R7: the desa)."""

import io

import pytest
from openpyxl import load_workbook

from dinsos.models import Desa, Kecamatan, Riwayat
from ppks.models import Perseorangan, Registrasi
from tests import factories as f

from .bantu import JUDUL, xlsx
from .test_impor import LAHIR, baris, berkas_terakhir, unggah

pytestmark = pytest.mark.django_db

JUDUL_KEC = [*JUDUL[:10], "Kecamatan", *JUDUL[10:]]


def _dengan_kec(row: list, kec: str) -> list:
    return [*row[:10], kec, *row[10:]]


@pytest.fixture
def widoro_kedua(wil):
    """A second "Widoro", in Punung (as in Pacitan, where the name exists twice)."""
    return Desa.objects.create(kode="35.01.02.2009", nama="Widoro", kecamatan=wil["kec2"])


def test_nama_desa_ganda_tanpa_kecamatan_ditolak_dengan_daftar_kecamatan(
    client_for, users, wil, widoro_kedua
):
    unggah(client_for(users["petugas"]), xlsx([baris(desa="Widoro")]))
    [(no, kolom, pesan)] = berkas_terakhir().galat
    assert (no, kolom) == (2, "Desa")
    assert "Kec. Donorojo" in pesan and "Kec. Punung" in pesan and "kolom Kecamatan" in pesan


def test_kolom_kecamatan_nama_atau_kode_menentukan_desa(client_for, users, wil, widoro_kedua):
    c = client_for(users["petugas"])
    rows = [
        _dengan_kec(baris(desa="Widoro", nama="Satu"), "Punung"),
        _dengan_kec(baris(desa="Widoro", nama="Dua"), "35.01.01"),
        _dengan_kec(baris(desa="Widoro", nama="Tiga"), "Kec. Donorojo"),
        _dengan_kec(baris(desa="Kendal", nama="Empat"), "Donorojo"),  # Kendal is in Punung
        _dengan_kec(baris(desa="Widoro", nama="Lima"), "Antah Berantah"),
        _dengan_kec(baris(desa="35.01.01.2001", nama="Enam"), "Punung"),  # code disagrees
    ]
    unggah(c, xlsx(rows, judul=JUDUL_KEC))
    b = berkas_terakhir()
    g = {no: (kolom, pesan) for no, kolom, pesan in b.galat}
    assert set(g) == {5, 6, 7}
    assert g[5][0] == "Desa" and "Kec. Punung" in g[5][1]
    assert g[6][0] == "Kecamatan"
    assert g[7][0] == "Desa" and "Punung" in g[7][1]
    c.post(f"/registri/impor/{b.pk}/", {"aksi": "valid"})
    desa = dict(Perseorangan.objects.values_list("nama", "desa_id"))
    assert desa == {"Satu": widoro_kedua.pk, "Dua": wil["desa1"].pk, "Tiga": wil["desa1"].pk}


def test_templat_dan_petunjuk_memuat_kecamatan(client_for, users):
    resp = client_for(users["petugas"]).get("/registri/impor/templat.xlsx")
    wb = load_workbook(io.BytesIO(resp.content))
    assert [c.value for c in wb["Data"][1]] == JUDUL_KEC
    assert any(r[0] == "Kecamatan" for r in wb["Petunjuk"].iter_rows(values_only=True))


def test_berkas_kesalahan_mengulang_isi_baris(client_for, users, wil):
    c = client_for(users["op_desa"])
    rows = [baris(nama="Baik"), baris(nama="Salah Desa", desa="Kampung Antah", jk="X")]
    unggah(c, xlsx(rows))
    b = berkas_terakhir()
    resp = c.get(f"/registri/impor/{b.pk}/kesalahan.xlsx")
    assert resp["Cache-Control"] == "no-store"
    isi = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert isi[0] == ("Baris", "Kesalahan", *JUDUL)
    [(no, pesan, *sel)] = isi[1:]
    assert no == 3 and "Jenis Kelamin:" in pesan and "Desa:" in pesan
    assert sel[JUDUL.index("Nama")] == "Salah Desa" and sel[JUDUL.index("NIK")] == rows[1][0]
    # Handing personal data back is logged.
    assert Riwayat.objects.filter(aksi=Riwayat.Aksi.UNDUH, object_id=str(b.pk)).exists()


def test_satu_orang_dua_kategori_menjadi_satu_orang_dua_registrasi(client_for, users, wil):
    c = client_for(users["op_desa"])
    nik = f.buat_nik(lahir=LAHIR)
    rows = [baris(nik=nik, kat="x", krit="a"), baris(nik=nik, kat="y", krit="a")]
    unggah(c, xlsx(rows))
    b = berkas_terakhir()
    assert (b.jumlah_valid, b.jumlah_galat, b.galat) == (2, 0, [])
    assert b.ringkasan["baru"] == 1
    c.post(f"/registri/impor/{b.pk}/", {"aksi": "semua"})
    orang = Perseorangan.objects.get()
    assert orang.nik == nik
    assert Registrasi.objects.filter(perseorangan=orang).count() == 2
    hasil = Riwayat.objects.get(aksi=Riwayat.Aksi.IMPOR).perubahan
    assert (hasil["dibuat"], hasil["registrasi_baru"], hasil["tidak_berubah"]) == (1, 2, 0)


def test_baris_sama_persis_diimpor_sekali_dan_disebut(client_for, users, wil):
    c = client_for(users["op_desa"])
    nik = f.buat_nik(lahir=LAHIR)
    rows = [baris(nik=nik), baris(nama="Lain"), baris(nik=nik)]
    unggah(c, xlsx(rows))
    b = berkas_terakhir()
    assert (b.jumlah_valid, b.jumlah_galat) == (3, 0)
    assert b.ringkasan["berulang"] == [[4, 2]]
    html = c.get(f"/registri/impor/{b.pk}/").content.decode()
    assert "Baris 4 sama dengan baris 2" in html
    c.post(f"/registri/impor/{b.pk}/", {"aksi": "semua"})
    assert Perseorangan.objects.filter(nik=nik).count() == 1
    assert Registrasi.objects.filter(perseorangan__nik=nik).count() == 1
    assert Riwayat.objects.get(aksi=Riwayat.Aksi.IMPOR).perubahan["baris_berulang"] == 1


@pytest.mark.parametrize(
    "beda", [{"nama": "Sukirman"}, {"lahir": "18-08-1975"}, {"jk": "P"}], ids=str
)
def test_baris_bertentangan_keduanya_ditolak_dan_saling_menyebut(client_for, users, wil, beda):
    c = client_for(users["op_desa"])
    nik = f.buat_nik(lahir=LAHIR)
    rows = [baris(nama="Valid"), baris(nik=nik), baris(nik=nik, kat="y", **beda)]
    unggah(c, xlsx(rows))
    b = berkas_terakhir()
    g = {no: (kolom, pesan) for no, kolom, pesan in b.galat}
    assert set(g) == {3, 4}
    assert "baris 4" in g[3][1] and "baris 3" in g[4][1] and "R5" in g[3][1]
    kolom = {"nama": "Nama", "lahir": "Tanggal Lahir", "jk": "Jenis Kelamin"}[next(iter(beda))]
    assert kolom in g[3][1]
    # "Impor baris yang valid saja" imports the valid person.
    c.post(f"/registri/impor/{b.pk}/", {"aksi": "valid"})
    assert list(Perseorangan.objects.values_list("nama", flat=True)) == ["Valid"]


def test_kategori_sama_kriteria_berbeda_keduanya_ditolak(client_for, users, wil):
    nik = f.buat_nik(lahir=LAHIR)
    rows = [baris(nik=nik, kat="x", krit="a"), baris(nik=nik, kat="x", krit="b")]
    unggah(client_for(users["op_desa"]), xlsx(rows))
    g = {no: (kolom, pesan) for no, kolom, pesan in berkas_terakhir().galat}
    assert set(g) == {2, 3}
    assert g[2][0] == "Kriteria" and "baris 3" in g[2][1] and "baris 2" in g[3][1]


def test_orang_terdaftar_di_dua_baris_diperbarui_sekali(client_for, users, wil):
    ada = f.buat_orang(desa=wil["desa1"], lahir=LAHIR, nama="Sumarno")
    c = client_for(users["op_desa"])
    rows = [
        baris(nik=ada.nik, kat="x", krit="a", alamat="Dusun Baru"),
        baris(nik=ada.nik, kat="y", krit="a", alamat="Dusun Baru"),
    ]
    unggah(c, xlsx(rows))
    b = berkas_terakhir()
    assert b.galat == [] and b.ringkasan["sudah_ada"] == 1
    c.post(f"/registri/impor/{b.pk}/", {"aksi": "semua"})
    ada.refresh_from_db()
    assert ada.alamat == "Dusun Baru" and Perseorangan.objects.count() == 1
    assert Registrasi.objects.filter(perseorangan=ada).count() == 2
    assert Kecamatan.objects.count() == 2  # nothing else touched
