"""Import of xlsx/csv: validation per row and column, confirmation,
valid-only import, idempotent re-import, content-based type detection, size limit, rollback."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from dinsos.models import Desa, Kecamatan, Riwayat
from ppks import impor
from ppks.models import BerkasImpor, Perseorangan, Registrasi
from tests import factories as f

from .bantu import JUDUL, csv_bytes, tahun_lalu, xlsx

pytestmark = pytest.mark.django_db

LAHIR = dt.date(1975, 8, 17)


def baris(nik=None, nama="Sumarno", lahir=LAHIR, jk="L", desa="Widoro", kat="x", krit="a", **kw):
    nik = nik or f.buat_nik(lahir=lahir if isinstance(lahir, dt.date) else LAHIR, jk=jk[:1])
    b = {
        "NIK": nik,
        "No KK": kw.get("kk", ""),
        "Nama": nama,
        "Tempat Lahir": "Pacitan",
        "Tanggal Lahir": lahir if not isinstance(lahir, dt.date) else lahir.strftime("%d-%m-%Y"),
        "Jenis Kelamin": jk,
        "Alamat": kw.get("alamat", "Dusun Krajan"),
        "RT": kw.get("rt", "1"),
        "RW": "2",
        "Desa": desa,
        "Kategori": kat,
        "Kriteria": krit,
    }
    return [b[j] for j in JUDUL]


def unggah(c, isi: bytes, nama="data.xlsx"):
    return c.post("/registri/impor/", {"berkas": SimpleUploadedFile(nama, isi)})


def berkas_terakhir():
    return BerkasImpor.objects.latest("pk")


def test_impor_lengkap_dengan_pratinjau_lalu_konfirmasi(
    client_for, users, wil, django_capture_on_commit_callbacks
):
    c = client_for(users["op_desa"])
    isi = xlsx([baris(nama="Sumarno"), baris(nama="Sutini", jk="Perempuan", kat="Fakir Miskin")])
    resp = unggah(c, isi)
    assert resp.status_code == 302
    b = berkas_terakhir()
    assert (b.jumlah_baris, b.jumlah_valid, b.jumlah_galat) == (2, 2, 0)
    assert not Perseorangan.objects.exists()  # nothing written before confirmation
    assert b.berkas and b.berkas.storage.exists(b.berkas.name)

    nama = b.berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(f"/registri/impor/{b.pk}/", {"aksi": "semua"})
    assert resp.status_code == 302
    assert Perseorangan.objects.count() == 2
    sutini = Perseorangan.objects.get(nama="Sutini")
    assert sutini.jenis_kelamin == "P" and sutini.rt == "001" and sutini.tanggal_lahir == LAHIR
    reg = Registrasi.objects.get(perseorangan=sutini)
    assert reg.sumber_data == "impor" and reg.penilai == users["op_desa"]
    assert list(reg.kriteria.values_list("huruf", flat=True)) == ["a"]
    assert reg.desa == wil["desa1"]
    # History: one row per person and per registration, plus one summary row.
    assert Riwayat.objects.filter(aksi=Riwayat.Aksi.BUAT).count() == 4
    ringkas = Riwayat.objects.get(aksi=Riwayat.Aksi.IMPOR)
    assert ringkas.perubahan["dibuat"] == 2 and ringkas.pengguna == users["op_desa"]
    b.refresh_from_db()
    assert b.status == "selesai" and not b.berkas and not b.berkas.storage.exists(nama)


def test_impor_ulang_memperbarui_tanpa_duplikat(client_for, users, wil):
    c = client_for(users["petugas"])
    nik = f.buat_nik(lahir=LAHIR)
    isi = xlsx([baris(nik=nik)])
    for _ in range(2):
        unggah(c, isi)
        c.post(f"/registri/impor/{berkas_terakhir().pk}/", {"aksi": "semua"})
    assert Perseorangan.objects.count() == 1 and Registrasi.objects.count() == 1
    # Idempotent: the second run wrote no history besides its summary.
    # The test client's login is in the history too (Riwayat.Aksi.MASUK); not counted here.
    assert Riwayat.objects.exclude(aksi__in=[Riwayat.Aksi.IMPOR, Riwayat.Aksi.MASUK]).count() == 2
    assert Riwayat.objects.filter(aksi=Riwayat.Aksi.IMPOR).count() == 2

    unggah(c, xlsx([baris(nik=nik, alamat="Dusun Ngasem")]))
    c.post(f"/registri/impor/{berkas_terakhir().pk}/", {"aksi": "semua"})
    orang = Perseorangan.objects.get()
    assert orang.alamat == "Dusun Ngasem"
    ubah = Riwayat.objects.get(aksi=Riwayat.Aksi.UBAH)
    assert ubah.perubahan == {"alamat": ["Dusun Krajan", "Dusun Ngasem"]}
    assert "Impor berkas" in ubah.alasan


def test_galat_per_baris_dan_kolom_serta_laporan(client_for, users, wil):
    c = client_for(users["op_desa"])
    rows = [
        baris(nama="Baik"),
        baris(nik="12345"),  # row 3: R5 shape
        baris(lahir="31-02-1980"),  # row 4: impossible date
        baris(jk="X"),  # row 5
        baris(desa="Kampung Antah"),  # row 6
        baris(kat="w", jk="L"),  # row 7: PRSE is for women (R4)
        baris(krit=""),  # row 8: R2
        baris(lahir=(dt.date.today() + dt.timedelta(days=3)).strftime("%Y-%m-%d")),  # row 9
        baris(kat="zz"),  # row 10
    ]
    unggah(c, xlsx(rows))
    b = berkas_terakhir()
    assert (b.jumlah_baris, b.jumlah_valid, b.jumlah_galat) == (9, 1, 8)
    per_baris: dict[int, list[tuple[str, str]]] = {}
    for no, kolom, pesan in b.galat:
        per_baris.setdefault(no, []).append((kolom, pesan))
    assert per_baris[3][0][0] == "NIK" and "16 angka" in per_baris[3][0][1]
    assert per_baris[4][0] == ("Tanggal Lahir", "Tanggal tidak ada di kalender (mis. 31-02).")
    assert per_baris[5][0][0] == "Jenis Kelamin"
    assert per_baris[6][0][0] == "Desa" and "R7" in per_baris[6][0][1]
    assert per_baris[7][0][0] == "Kategori" and "aturan R4" in per_baris[7][0][1]
    assert per_baris[8][0] == (
        "Kriteria",
        "Kolom Kriteria wajib diisi (aturan R2): tulis huruf kriteria yang terpenuhi, mis. “a, c”.",
    )
    assert any("masa depan" in p for _, p in per_baris[9])
    assert per_baris[10][0][0] == "Kategori"
    # No message quotes the NIK.
    assert not any("3501" in p for _, _, p in b.galat)

    html = c.get(f"/registri/impor/{b.pk}/").content.decode()
    assert "Impor baris yang valid saja" in html and 'value="semua"' not in html
    resp = c.get(f"/registri/impor/{b.pk}/kesalahan.xlsx")
    wb = load_workbook(io.BytesIO(resp.content))
    isi = list(wb.active.iter_rows(values_only=True))
    # One line per refused row: its errors, then the row's own cells under the file's headings.
    assert isi[0] == ("Baris", "Kesalahan", *JUDUL) and len(isi) == b.jumlah_galat + 1
    assert isi[1][0] == 3 and isi[1][1].startswith("NIK: NIK harus terdiri dari 16 angka")
    assert list(isi[1][2:]) == [None if v == "" else v for v in rows[1]]

    # "Impor" with errors writes nothing.
    c.post(f"/registri/impor/{b.pk}/", {"aksi": "semua"})
    assert not Perseorangan.objects.exists()
    # The user may choose to import only the valid rows.
    c.post(f"/registri/impor/{b.pk}/", {"aksi": "valid"})
    assert list(Perseorangan.objects.values_list("nama", flat=True)) == ["Baik"]
    assert Riwayat.objects.get(aksi=Riwayat.Aksi.IMPOR).perubahan["dilewati_karena_galat"] == 8


def test_nik_ganda_dalam_berkas(client_for, users, wil):
    # R5: rows giving one NIK to two different names are both refused, naming each other.
    nik = f.buat_nik(lahir=LAHIR)
    unggah(
        client_for(users["petugas"]),
        xlsx([baris(nik=nik), baris(), baris(nik=nik, nama="Sukirman")]),
    )
    b = berkas_terakhir()
    assert b.jumlah_valid == 1
    assert {(g[0], g[1]) for g in b.galat} == {(2, "NIK"), (4, "NIK")}
    assert "baris 4" in b.galat[0][2]


def test_nik_sudah_terdaftar_di_luar_wilayah(client_for, users, wil):
    lain = f.buat_orang(desa=wil["desa3"], lahir=LAHIR)
    unggah(client_for(users["op_desa"]), xlsx([baris(nik=lain.nik)]))
    b = berkas_terakhir()
    assert b.galat[0][1] == "NIK" and "luar wilayah kerja" in b.galat[0][2]


def test_desa_di_luar_kabupaten_dan_di_luar_wilayah(client_for, users, wil):
    kec = Kecamatan.objects.create(kode="35.02.01", nama="Ngrayun")
    Desa.objects.create(kode="35.02.01.2001", nama="Baosan Lor", kecamatan=kec)
    rows = [
        baris(desa="35.02.01.2001"),  # another kabupaten, by code
        baris(desa="Baosan Lor"),  # another kabupaten, by name
        baris(desa="Kendal"),  # in the kabupaten, not in this operator's desa
        baris(desa="35.01.01.2001"),  # own desa by code
        baris(desa="3501012001"),  # own desa by code without dots
        baris(desa="desa widoro"),  # own desa, name with prefix, other case
    ]
    unggah(client_for(users["op_desa"]), xlsx(rows))
    g = {no: (kolom, pesan) for no, kolom, pesan in berkas_terakhir().galat}
    assert set(g) == {2, 3, 4}
    assert "luar kabupaten" in g[2][1] and "R7" in g[3][1]
    assert "luar wilayah kerja" in g[4][1]


def test_variasi_judul_kolom_dan_csv_titik_koma(client_for, users, wil):
    judul = [
        " nik ",
        "No. KK",
        "NAMA LENGKAP",
        "tempat lahir",
        "Tgl Lahir",
        "JK",
        "ALAMAT",
        "rt",
        "Rw",
        "Desa/Kelurahan",
        "Kategori PMKS",
        "kriteria",
    ]
    lahir = dt.date(1950, 1, 31)
    rows = [
        baris(lahir="1950-01-31", nik=f.buat_nik(lahir=lahir), kat="h", krit="a, b"),
        baris(lahir="31/01/1950", nik=f.buat_nik(lahir=lahir), kat="Lanjut Usia Telantar"),
    ]
    isi = csv_bytes(rows, judul=judul, pemisah=";", enc="cp1252")
    resp = unggah(client_for(users["petugas"]), isi, nama="data dari kantor.csv")
    assert resp.status_code == 302
    b = berkas_terakhir()
    assert b.jenis == "csv" and b.jumlah_valid == 2, b.galat


def test_tanggal_excel_asli_dan_nik_angka(client_for, users, wil):
    nik = f.buat_nik(lahir=LAHIR)
    row = baris(nik=nik)
    row[JUDUL.index("Tanggal Lahir")] = dt.datetime(1975, 8, 17)
    row[JUDUL.index("NIK")] = int(nik)  # typed into Excel as a number
    row[JUDUL.index("RT")] = 3
    unggah(client_for(users["petugas"]), xlsx([row]))
    b = berkas_terakhir()
    assert b.jumlah_valid == 1, b.galat


@pytest.mark.parametrize(
    "isi,pesan",
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "bukan lembar kerja"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\n", "bukan lembar kerja"),
        (b"Ini hanya surat biasa.\nTidak ada tabel di sini.\n", "bukan lembar kerja"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (b"PK\x03\x04 rusak", "bukan lembar kerja"),
    ],
)
def test_bukan_lembar_kerja_walau_bernama_xlsx(client_for, users, wil, isi, pesan):
    resp = unggah(client_for(users["petugas"]), isi, nama="data.xlsx")
    assert resp.status_code == 200
    assert pesan in " ".join(resp.context["form"].errors["berkas"])
    assert not BerkasImpor.objects.exists()


def test_zip_lain_bukan_xlsx(client_for, users, wil):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w/>")
    resp = unggah(client_for(users["petugas"]), buf.getvalue(), nama="data.xlsx")
    assert "bukan lembar kerja" in " ".join(resp.context["form"].errors["berkas"])


def test_csv_bernama_xlsx_tetap_dibaca_sebagai_csv(client_for, users, wil):
    unggah(client_for(users["petugas"]), csv_bytes([baris()]), nama="data.xlsx")
    assert berkas_terakhir().jenis == "csv"


def test_kolom_wajib_hilang(client_for, users, wil):
    judul = [j for j in JUDUL if j != "Desa"]
    rows = [[v for j, v in zip(JUDUL, baris(), strict=True) if j != "Desa"]]
    resp = unggah(client_for(users["petugas"]), xlsx(rows, judul=judul))
    assert "Kolom wajib tidak ditemukan" in " ".join(resp.context["form"].errors["berkas"])


def test_kolom_kriteria_tidak_ada_setiap_baris_galat(client_for, users, wil):
    judul = JUDUL[:-1]
    unggah(client_for(users["petugas"]), xlsx([baris()[:-1], baris()[:-1]], judul=judul))
    b = berkas_terakhir()
    assert b.jumlah_valid == 0 and {g[1] for g in b.galat} == {"Kriteria"}


def test_berkas_terlalu_besar(client_for, users, wil, settings):
    settings.IMPORT_MAX_BYTES = 1000
    resp = unggah(client_for(users["petugas"]), b"NIK,Nama\n" + b"1" * 2000, nama="x.csv")
    assert "melebihi batas" in " ".join(resp.context["form"].errors["berkas"])
    assert not BerkasImpor.objects.exists()


def test_berkas_pratinjau_hanya_milik_pengunggah(client_for, users, wil):
    unggah(client_for(users["op_desa"]), xlsx([baris()]))
    b = berkas_terakhir()
    c = client_for(users["petugas"])
    assert c.get(f"/registri/impor/{b.pk}/").status_code == 404
    assert c.get(f"/registri/impor/{b.pk}/kesalahan.xlsx").status_code == 404
    assert c.post(f"/registri/impor/{b.pk}/", {"aksi": "semua"}).status_code == 404
    assert not Perseorangan.objects.exists()
    assert client_for(users["kadis"]).get(f"/registri/impor/{b.pk}/").status_code == 403


def test_batal_menghapus_berkas(client_for, users, wil):
    c = client_for(users["op_desa"])
    unggah(c, xlsx([baris()]))
    b = berkas_terakhir()
    nama = b.berkas.name
    c.post(f"/registri/impor/{b.pk}/", {"aksi": "batal"})
    b.refresh_from_db()
    assert b.status == "dibatalkan" and not b.berkas.storage.exists(nama)
    c.post(f"/registri/impor/{b.pk}/", {"aksi": "semua"})
    assert not Perseorangan.objects.exists()


def test_galat_di_tengah_jalan_tidak_meninggalkan_data(users, wil, monkeypatch):
    """Everything in one transaction: a failure while writing history leaves nothing."""
    tabel = impor.baca_berkas(xlsx([baris(), baris(), baris()]))
    hasil = impor.validasi(tabel, users["petugas"])
    berkas = BerkasImpor.objects.create(
        pengguna=users["petugas"], nama_asli="x.xlsx", jenis="xlsx", ukuran=1, sha256="0"
    )

    def gagal(_):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(impor.tulis, "catat_banyak", gagal)  # patched where terapkan looks it up
    with pytest.raises(RuntimeError):
        impor.terapkan(hasil, oleh=users["petugas"], berkas=berkas, hanya_valid=False)
    assert not Perseorangan.objects.exists() and not Registrasi.objects.exists()
    assert not Riwayat.objects.exists()
    berkas.refresh_from_db()
    assert berkas.status == "pratinjau"


def test_konfirmasi_memvalidasi_ulang(client_for, users, wil):
    """Between preview and confirmation the registry may change: the file is checked again."""
    c = client_for(users["petugas"])
    nik = f.buat_nik(lahir=LAHIR)
    unggah(c, xlsx([baris(nik=nik)]))
    b = berkas_terakhir()
    lain = f.buat_orang(desa=wil["desa1"], lahir=dt.date(1975, 8, 18))
    Perseorangan.objects.filter(pk=lain.pk).update(nik=nik)  # a colleague registered it meanwhile
    c.post(f"/registri/impor/{b.pk}/", {"aksi": "semua"})
    b.refresh_from_db()
    assert b.status == "pratinjau" and b.jumlah_galat == 1
    assert Perseorangan.objects.count() == 1


def test_templat_berisi_judul_kolom(client_for, users):
    resp = client_for(users["op_desa"]).get("/registri/impor/templat.xlsx")
    wb = load_workbook(io.BytesIO(resp.content))
    # The optional Kecamatan column follows Desa.
    assert [c.value for c in wb["Data"][1]] == [*JUDUL[:10], "Kecamatan", *JUDUL[10:]]
    assert "Kategori" in wb.sheetnames


def test_tanggal_format_yang_diterima():
    assert impor.tanggal("17-08-1975") == LAHIR
    assert impor.tanggal("17/08/1975") == LAHIR
    assert impor.tanggal("1975-08-17") == LAHIR
    assert impor.tanggal(dt.datetime(1975, 8, 17)) == LAHIR
    with pytest.raises(Exception, match="tidak dikenali"):
        impor.tanggal("17 Agustus 1975")


def test_batas_usia_tidak_diperiksa_ulang_untuk_registrasi_yang_sudah_aktif(client_for, users, wil):
    """A person already active in the category needs no new registration, so no R4 check."""
    anak = f.buat_orang(desa=wil["desa1"], lahir=tahun_lalu(7))  # registered as balita before
    Registrasi.objects.create(perseorangan=anak, kategori=f.kategori("a"), penilai=users["petugas"])
    row = baris(nik=anak.nik, lahir=tahun_lalu(7), kat="a")
    unggah(client_for(users["petugas"]), xlsx([row]))
    assert berkas_terakhir().jumlah_valid == 1
