"""The application form and lists as an officer meets them: words of an amount said once, a
failed submit that keeps the chosen files and gives every error at once, this year's list
first, the Camat's name not retyped, and a disbursement form of the jenis's own mode (B2, B4–B6).
"""

import datetime as dt
import os

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from bansos import unggahan
from bansos.models import CamatKecamatan, Permohonan
from bansos.models import StatusPermohonan as S
from tests import factories as f
from tests.bansos.conftest import HARI_INI, TA, ajukan, ke_status, pdf, penerima

pytestmark = pytest.mark.django_db

TGL = HARI_INI.isoformat()


def _form_bh(**kw):
    data = {
        "pemohon_jenis": "perseorangan",
        "jumlah_diminta": "1000000",
        "tanggal_permohonan": TGL,
        "nomor_surat_permohonan": "01/DS/2026",
        "nama_lurah": "Sutrisno",
        "tanggal_diketahui_lurah": TGL,
    }
    data.update(kw)
    return data


def _sementara() -> list[str]:
    akar = default_storage.path(unggahan.AKAR)
    return [os.path.join(d, n) for d, _, fs in os.walk(akar) for n in fs]


# --- terbilang said once -----------------------------------------------------------------------


def test_terbilang_tidak_berulang_rupiah(client_for, users, orang, aturan, pagu):
    p = ajukan(users, orang, jumlah=2_000_000)
    ke_status(users, p, "diajukan_pencairan")
    c = client_for(users["kadis"])
    for url in (f"/bansos/{p.pk}/", f"/bansos/pengajuan/{p.pengajuan_id}/"):
        html = c.get(url).content.decode()
        assert "Dua juta rupiah" in html, url
        assert "rupiah rupiah" not in html.lower(), url


# --- the recipient picker in the form ------------------------------------------------------------


def test_cari_nama_tanpa_js_menampilkan_calon_dengan_tanggal_lahir_dan_desa(
    client_for, users, wil, aturan
):
    a = penerima(
        desa=wil["desa1"], penilai=users["petugas"], nama="Sarmi", lahir=dt.date(1950, 1, 2)
    )
    b = penerima(
        desa=wil["desa1"], penilai=users["petugas"], nama="Sarmi", lahir=dt.date(1971, 3, 4)
    )
    luar = penerima(desa=wil["desa3"], penilai=users["petugas"], nama="Sarmi Lain")
    resp = client_for(users["op_desa"]).post(
        "/bansos/baru/biaya_hidup/", _form_bh(identitas="sarmi", cari_penerima="1")
    )
    html = resp.content.decode()
    assert resp.status_code == 200 and not Permohonan.objects.exists()
    assert f'name="orang" value="{a.pk}"' in html and f'name="orang" value="{b.pk}"' in html
    assert f'name="orang" value="{luar.pk}"' not in html and "Sarmi Lain" not in html
    assert "lahir 2 Januari 1950" in html and "lahir 4 Maret 1971" in html
    assert wil["desa1"].nama in html
    assert "errorlist" not in html  # a search is not a failed submit


def test_nama_saja_minta_memilih_lalu_pilihan_menurut_pk(client_for, users, wil, aturan, pagu):
    a = penerima(desa=wil["desa1"], penilai=users["petugas"], nama="Sarmi")
    penerima(desa=wil["desa1"], penilai=users["petugas"], nama="Sarmi")
    c = client_for(users["op_desa"])
    resp = c.post("/bansos/baru/biaya_hidup/", _form_bh(identitas="Sarmi"))
    assert "Pilih penerima dari hasil pencarian" in resp.content.decode()
    resp = c.post("/bansos/baru/biaya_hidup/", _form_bh(identitas="Sarmi", orang=a.pk))
    assert resp.status_code == 302
    assert Permohonan.objects.get().perseorangan == a


def test_pilihan_pk_wilayah_lain_ditolak(client_for, users, wil, aturan, pagu):
    luar = penerima(desa=wil["desa3"], penilai=users["petugas"])
    resp = client_for(users["op_desa"]).post(
        "/bansos/baru/biaya_hidup/", _form_bh(identitas="x", orang=luar.pk)
    )
    assert resp.status_code == 200 and not Permohonan.objects.exists()
    assert "tidak ditemukan di wilayah kerja Anda" in resp.content.decode()


def test_ajukan_bansos_dari_halaman_orang_terpilih_menurut_pk(client_for, users, orang, aturan):
    c = client_for(users["op_desa"])
    html = c.get(f"/registri/orang/{orang.pk}/").content.decode()
    assert f"/bansos/baru/?orang={orang.pk}" in html and "Ajukan bansos" in html
    html = c.get(f"/bansos/baru/?orang={orang.pk}").content.decode()
    assert f"/bansos/baru/biaya_hidup/?orang={orang.pk}" in html
    resp = c.get(f"/bansos/baru/biaya_hidup/?orang={orang.pk}")
    html = resp.content.decode()
    assert f'name="orang" value="{orang.pk}" checked' in html
    assert f"?orang={orang.nik}" not in html  # by pk, never by NIK
    resp = c.post("/bansos/baru/biaya_hidup/", _form_bh(orang=orang.pk))
    assert resp.status_code == 302, resp.context["form"].errors
    assert Permohonan.objects.get().perseorangan == orang


def test_ajukan_bansos_tidak_ditawarkan_tanpa_izin(client_for, users, orang):
    html = client_for(users["op_kec"]).get(f"/registri/orang/{orang.pk}/").content.decode()
    assert "Ajukan bansos" not in html


# --- a failed submit keeps the files and gives every error ---------------------------------------


def test_semua_galat_sekaligus_batas_dan_penerima(client_for, users, aturan):
    resp = client_for(users["op_desa"]).post(
        "/bansos/baru/biaya_hidup/", _form_bh(identitas="", jumlah_diminta="99000000")
    )
    form = resp.context["form"]
    assert "identitas" in form.errors  # the recipient …
    assert "Melebihi batas" in " ".join(form.errors["jumlah_diminta"])  # … and B2, together
    assert "Perbup Pacitan 1/2018" in " ".join(form.errors["jumlah_diminta"])


def test_berkas_tidak_hilang_setelah_gagal_dan_dibersihkan_setelah_sukses(
    client_for, users, orang, aturan, pagu
):
    c = client_for(users["op_desa"])
    berkas = {
        "dok_surat_permohonan": pdf("surat.pdf"),
        "dok_ktp": pdf("ktp.pdf"),
        "dok_kk": pdf("kk.pdf"),
        "dok_skm": pdf("skm.pdf"),
    }
    resp = c.post("/bansos/baru/biaya_hidup/", _form_bh(identitas="", **berkas))
    assert resp.status_code == 200 and not Permohonan.objects.exists()
    form = resp.context["form"]
    token = {k: form.fields[f"dok_{k}"].token for k in ("surat_permohonan", "ktp", "kk", "skm")}
    assert all(token.values())
    html = resp.content.decode()
    for k, t in token.items():
        assert f'name="tok_{k}" value="{t}"' in html
    assert "Sudah dipilih: ktp.pdf" in html
    assert len(_sementara()) == 4
    # Another user cannot claim the staged files.
    assert unggahan.ambil(users["petugas"], token["ktp"]) is None
    # The next submit sends only the tokens: nothing is picked again.
    data = _form_bh(identitas=orang.nik, **{f"tok_{k}": t for k, t in token.items()})
    resp = c.post("/bansos/baru/biaya_hidup/", data)
    assert resp.status_code == 302
    p = Permohonan.objects.get()
    assert sorted(p.dokumen.values_list("jenis_dokumen", flat=True)) == [
        "kk",
        "ktp",
        "skm",
        "surat_permohonan",
    ]
    assert _sementara() == []  # nothing left behind


def test_berkas_sementara_dihapus_setelah_sehari(users):
    t = unggahan.simpan(users["op_desa"], pdf("lama.pdf"))
    assert unggahan.bersihkan_kedaluwarsa() == 0
    nanti = timezone.now() + unggahan.UMUR_SEMENTARA + dt.timedelta(minutes=1)
    assert unggahan.bersihkan_kedaluwarsa(nanti) == 1
    assert unggahan.ambil(users["op_desa"], t) is None and _sementara() == []


def test_token_bukan_hex_diabaikan(users):
    assert unggahan.ambil(users["op_desa"], "../../etc/passwd") is None


# --- the list: newest first within this Tahun Anggaran -------------------------------------------


def test_daftar_bawaan_tahun_anggaran_berjalan_terbaru_dulu(client_for, users, orang, wil, aturan):
    lama = ajukan(users, orang, tanggal_permohonan=dt.date(TA - 1, 6, 1))
    a = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]))
    b = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]))
    c = client_for(users["petugas"])
    baris = list(c.get("/bansos/").context["hal"].object_list)
    assert baris == [b, a]  # last year's is not on this year's list; newest first
    semua = list(c.get("/bansos/?tahun_anggaran=").context["hal"].object_list)
    assert lama in semua and len(semua) == 3
    tahun_lalu = list(c.get(f"/bansos/?tahun_anggaran={TA - 1}").context["hal"].object_list)
    assert tahun_lalu == [lama]


# --- the Camat's name from data -----------------------------------------------------------------


def test_nama_camat_dari_data_kecamatan(client_for, users, orang, wil, aturan):
    p = ajukan(users, orang)
    c = client_for(users["op_kec"])
    form = c.get(f"/bansos/{p.pk}/").context["ketahui_form"]
    assert form.initial["nama_camat"] == ""
    CamatKecamatan.objects.create(kecamatan=wil["kec1"], nama_camat="Drs. Heru Sulistyo, M.Si.")
    html = c.get(f"/bansos/{p.pk}/").content.decode()
    assert 'value="Drs. Heru Sulistyo, M.Si."' in html  # offered, still editable
    resp = c.post(f"/bansos/{p.pk}/ketahui/", {"nama_camat": "Plt. Camat Sutarno", "tanggal": TGL})
    assert resp.status_code == 302
    p.refresh_from_db()
    assert p.nama_camat == "Plt. Camat Sutarno" and p.status == S.MENUNGGU_VERIFIKASI


def test_nama_camat_terakhir_dipakai_bila_belum_diatur(client_for, users, orang, wil, aturan):
    p1 = ajukan(users, orang)
    ke_status(users, p1, "menunggu_verifikasi")  # the walker records "Drs. Camat"
    p2 = ajukan(users, penerima(desa=wil["desa2"], penilai=users["petugas"]), oleh=users["petugas"])
    form = client_for(users["op_kec"]).get(f"/bansos/{p2.pk}/").context["ketahui_form"]
    assert form.initial["nama_camat"] == "Drs. Camat"


# --- the disbursement form shows its mode's fields only ------------------------------------------


def test_pencairan_biaya_hidup_tanpa_rekening_faskes(client_for, users, orang, aturan, pagu):
    p = ajukan(users, orang, jumlah=1_500_000)
    ke_status(users, p, "diajukan_pencairan")
    resp = client_for(users["bendahara"]).get(f"/bansos/{p.pk}/cairkan/")
    html = resp.content.decode()
    assert "faskes" not in html.lower()
    assert 'value="pemindahbukuan"' not in html and 'value="transfer"' not in html
    assert "referensi_transfer" not in resp.context["form"].fields  # cash only (PCT 7e)
    assert "js/cairkan.js" in html


def test_pencairan_pengobatan_hanya_pemindahbukuan(client_for, users, orang, aturan, pagu, faskes):
    p = ajukan(users, orang, jenis="pengobatan", jumlah=2_000_000)
    ke_status(users, p, "diajukan_pencairan")
    form = client_for(users["bendahara"]).get(f"/bansos/{p.pk}/cairkan/").context["form"]
    assert [v for v, _ in form.fields["mode"].widget.choices] == ["pemindahbukuan"]
    assert "nomor_kwitansi" not in form.fields


def test_pencairan_permodalan_tanpa_js_memeriksa_isian_mode_terpilih(
    client_for, users, wil, aturan, pagu
):
    orang = penerima(desa=wil["desa1"], penilai=users["petugas"])
    p = ajukan(users, orang, jenis="permodalan_usaha", jumlah=1_500_000)
    ke_status(users, p, "diajukan_pencairan")
    c = client_for(users["bendahara"])
    html = c.get(f"/bansos/{p.pk}/cairkan/").content.decode()
    assert 'data-mode-grup="tunai"' in html and 'data-mode-grup="nontunai"' in html
    assert 'value="pemindahbukuan"' not in html  # no faskes for permodalan usaha
    # No JavaScript: both groups were shown; the cash mode still needs its kwitansi number, and
    # a transfer reference typed before switching to cash is not kept.
    data = {"mode": "tunai", "referensi_transfer": "TRF-1", "tanggal": TGL, "bukti": pdf()}
    resp = c.post(f"/bansos/{p.pk}/cairkan/", data)
    assert resp.status_code == 200
    assert "nomor_kwitansi" in resp.context["form"].errors
    data["nomor_kwitansi"] = "KW-7"
    data["bukti"] = pdf()
    assert c.post(f"/bansos/{p.pk}/cairkan/", data).status_code == 302
    p.refresh_from_db()
    assert p.pencairan.referensi_transfer == "" and p.pencairan.nomor_kwitansi == "KW-7"


def test_kelompok_dipilih_lewat_pemilih(client_for, users, wil, aturan, pagu):
    ketua = f.buat_orang(desa=wil["desa1"], nama="Mursidi")
    kube = f.buat_kelompok(desa=wil["desa1"], ketua=ketua, nama="KUBE Ngudi Rejeki")
    kube.nama_bank, kube.nomor_rekening = "Bank Jatim", "0012345678"
    kube.save()
    f.daftarkan(kelompok=kube, kode="x", penilai=users["petugas"])
    ketua3 = f.buat_orang(desa=wil["desa3"], nama="Paimo")
    luar = f.buat_kelompok(desa=wil["desa3"], ketua=ketua3, nama="KUBE Ngudi Makmur")
    c = client_for(users["op_desa"])
    data = _form_bh(penerima_jenis="kelompok", cari_kelompok="ngudi", jumlah_diminta="1500000")
    del data["pemohon_jenis"]
    html = c.post("/bansos/baru/permodalan_usaha/", {**data, "cari_penerima": "kelompok"})
    html = html.content.decode()
    assert f'name="kelompok" value="{kube.pk}"' in html and "ketua Mursidi" in html
    assert f'name="kelompok" value="{luar.pk}"' not in html
    resp = c.post("/bansos/baru/permodalan_usaha/", {**data, "kelompok": kube.pk})
    assert resp.status_code == 302
    assert Permohonan.objects.get().kelompok == kube
