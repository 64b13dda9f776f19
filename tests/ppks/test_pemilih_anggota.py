"""The one recipient picker (ppks.pemilih) on the registry's member forms: adding a family or
group member and choosing a group chair by name within the user's wilayah, by pk from the
results, and never another wilayah's person; a typed whole NIK or registry number still works."""

import datetime as dt

import pytest

from ppks.forms import KelompokForm, KeluargaForm
from ppks.models import Kelompok
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def sarmi(wil):
    a = f.buat_orang(desa=wil["desa1"], nama="Sarmi Wati", lahir=dt.date(1950, 1, 2))
    c = f.buat_orang(desa=wil["desa3"], nama="Sarmi Wati", lahir=dt.date(1980, 5, 6))
    return a, c


@pytest.fixture
def kk(wil):
    return f.buat_keluarga(desa=wil["desa1"], kepala=f.buat_orang(desa=wil["desa1"]))


def test_halaman_keluarga_memuat_pemilih(client_for, users, kk):
    isi = client_for(users["op_desa"]).get(kk.get_absolute_url()).content.decode()
    assert "data-pemilih" in isi and 'name="identitas"' in isi and "js/pemilih.js" in isi


def test_cari_nama_anggota_hanya_di_wilayah(client_for, users, wil, sarmi, kk):
    a, c = sarmi
    resp = client_for(users["op_desa"]).post(
        f"/registri/keluarga/{kk.pk}/anggota/",
        {"identitas": "sarmi", "hubungan": "anak", "cari_penerima": "orang"},
    )
    assert resp.status_code == 200 and a not in kk.anggota.all()
    isi = resp.content.decode()
    assert f'name="identitas_pilih" value="{a.pk}"' in isi and f'value="{c.pk}"' not in isi
    assert "lahir 2 Januari 1950" in isi and wil["desa1"].nama in isi


def test_nama_saja_menampilkan_hasil_untuk_dipilih(client_for, users, sarmi, kk):
    a, _ = sarmi
    resp = client_for(users["op_desa"]).post(
        f"/registri/keluarga/{kk.pk}/anggota/", {"identitas": "Sarmi", "hubungan": "anak"}
    )
    isi = resp.content.decode()
    assert resp.status_code == 200 and "Pilih orang dari hasil pencarian" in isi
    assert f'value="{a.pk}"' in isi and a not in kk.anggota.all()


def test_anggota_keluarga_menurut_pk(client_for, users, sarmi, kk):
    a, _ = sarmi
    resp = client_for(users["op_desa"]).post(
        f"/registri/keluarga/{kk.pk}/anggota/",
        {"identitas": "Sarmi", "identitas_pilih": a.pk, "hubungan": "anak"},
    )
    assert resp.status_code == 302 and a in kk.anggota.all()


def test_pk_wilayah_lain_ditolak(client_for, users, sarmi, kk):
    _, c = sarmi
    resp = client_for(users["op_desa"]).post(
        f"/registri/keluarga/{kk.pk}/anggota/",
        {"identitas": "Sarmi", "identitas_pilih": c.pk, "hubungan": "anak"},
    )
    assert resp.status_code == 200 and c not in kk.anggota.all()
    assert "Orang yang dipilih tidak ditemukan di wilayah kerja Anda." in resp.content.decode()


def test_anggota_kelompok_menurut_pk(client_for, users, wil, sarmi):
    a, c = sarmi
    kel = f.buat_kelompok(desa=wil["desa1"], ketua=f.buat_orang(desa=wil["desa1"]))
    c_ = client_for(users["op_desa"])
    url = f"/registri/kelompok/{kel.pk}/anggota/"
    assert c_.post(url, {"identitas": "x", "identitas_pilih": c.pk}).status_code == 200
    assert c_.post(url, {"identitas": "Sarmi", "identitas_pilih": a.pk}).status_code == 302
    assert set(kel.anggota.all()) == {kel.ketua, a}


def test_ketua_kelompok_baru_menurut_pk(client_for, users, wil, sarmi):
    a, c = sarmi
    data = {"nama": "KUBE Lestari", "desa": wil["desa1"].pk, "ketua": "Sarmi"}
    cl = client_for(users["op_desa"])
    resp = cl.post("/registri/kelompok/baru/", {**data, "ketua_pilih": c.pk})
    assert resp.status_code == 200 and "ketua" in resp.context["form"].errors
    resp = cl.post("/registri/kelompok/baru/", {**data, "ketua_pilih": a.pk})
    assert resp.status_code == 302 and Kelompok.objects.get().ketua == a


def test_kepala_keluarga_boleh_kosong_dan_menurut_pk(users, wil, sarmi):
    a, c = sarmi
    data = {"nomor_kk": "3501012001009999", "alamat": "Krajan", "desa": wil["desa1"].pk}
    form = KeluargaForm(data, user=users["op_desa"])
    assert form.is_valid() and form.cleaned_data["kepala"] is None
    form = KeluargaForm({**data, "kepala_pilih": a.pk}, user=users["op_desa"])
    assert form.is_valid() and form.cleaned_data["kepala"] == a
    form = KeluargaForm({**data, "kepala_pilih": c.pk}, user=users["op_desa"])
    assert not form.is_valid() and "kepala" in form.errors


def test_ketua_menurut_nik_utuh_tetap_diterima(users, wil, sarmi):
    a, _ = sarmi
    data = {"nama": "KUBE", "desa": wil["desa1"].pk, "ketua": a.nik}
    form = KelompokForm(data, user=users["op_desa"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["ketua"] == a
