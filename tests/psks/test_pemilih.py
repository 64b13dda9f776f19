"""The one recipient picker (ppks.pemilih) on the PSKS service forms: a client is found by name
within the user's wilayah (namesakes told apart by birth date and desa), chosen by pk, and
another wilayah's pk is refused; a typed whole NIK or registry number still works."""

import datetime as dt

import pytest
from django.urls import reverse

from psks.forms import PemberdayaanForm
from psks.models import PermintaanLayanan
from tests import factories as f

from . import bantu as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def sarmi(wil, users):
    a = f.buat_orang(desa=wil["desa1"], nama="Sarmi Wati", lahir=dt.date(1950, 1, 2))
    c = f.buat_orang(desa=wil["desa3"], nama="Sarmi Wati", lahir=dt.date(1980, 5, 6))
    return a, c


def _isi(**lain):
    return {
        "saluran": "datang_langsung",
        "tanggal": b.hari().isoformat(),
        "uraian": "Rumah rusak",
        **lain,
    }


def test_form_memuat_pemilih(client_for, users):
    isi = client_for(users["op_desa"]).get(reverse("psks:slrt_baru")).content.decode()
    assert "data-pemilih" in isi and 'name="cari_penerima"' in isi and "js/pemilih.js" in isi


def test_cari_nama_hanya_di_wilayah(client_for, users, wil, sarmi):
    a, c = sarmi
    resp = client_for(users["op_desa"]).post(
        reverse("psks:slrt_baru"), _isi(identitas_klien="sarmi", cari_penerima="orang")
    )
    assert resp.status_code == 200 and not PermintaanLayanan.objects.exists()
    isi = resp.content.decode()
    assert f'name="identitas_klien_pilih" value="{a.pk}"' in isi
    assert f'value="{c.pk}"' not in isi
    assert "lahir 2 Januari 1950" in isi and wil["desa1"].nama in isi


def test_nama_saja_meminta_pilihan(client_for, users, sarmi):
    a, _ = sarmi
    resp = client_for(users["op_desa"]).post(
        reverse("psks:slrt_baru"), _isi(identitas_klien="Sarmi")
    )
    assert resp.status_code == 200 and not PermintaanLayanan.objects.exists()
    assert "Pilih klien dari hasil pencarian" in resp.content.decode()
    assert f'value="{a.pk}"' in resp.content.decode()


def test_pilih_menurut_pk(client_for, users, sarmi):
    a, _ = sarmi
    resp = client_for(users["op_desa"]).post(
        reverse("psks:slrt_baru"), _isi(identitas_klien="Sarmi", identitas_klien_pilih=a.pk)
    )
    assert resp.status_code == 302
    assert PermintaanLayanan.objects.get().klien == a


def test_pk_wilayah_lain_ditolak(client_for, users, sarmi):
    _, c = sarmi
    resp = client_for(users["op_desa"]).post(
        reverse("psks:slrt_baru"), _isi(identitas_klien="Sarmi", identitas_klien_pilih=c.pk)
    )
    assert resp.status_code == 200 and not PermintaanLayanan.objects.exists()
    assert "Klien yang dipilih tidak ditemukan di wilayah Anda." in resp.content.decode()


def test_nik_utuh_tetap_diterima(client_for, users, sarmi):
    a, _ = sarmi
    resp = client_for(users["op_desa"]).post(reverse("psks:slrt_baru"), _isi(identitas_klien=a.nik))
    assert resp.status_code == 302 and PermintaanLayanan.objects.get().klien == a


def test_pemberdayaan_perseorangan_menurut_pk(client_for, users, sarmi):
    a, c = sarmi
    form_luar = {"jenis_sasaran": "perseorangan", "identitas_klien_pilih": c.pk}
    form = PemberdayaanForm(form_luar, user=users["op_desa"])
    assert not form.is_valid()
    assert "tidak ditemukan di wilayah Anda" in form.errors["identitas_klien"][0]
    form = PemberdayaanForm({**form_luar, "identitas_klien_pilih": a.pk}, user=users["op_desa"])
    form.is_valid()
    assert "identitas_klien" not in form.errors
    assert form.cleaned_data["subjek"] == {"perseorangan": a}
    # Another target: the person box is not judged.
    form = PemberdayaanForm(
        {"jenis_sasaran": "kelompok", "identitas_klien": "x"}, user=users["op_desa"]
    )
    form.is_valid()
    assert "identitas_klien" not in form.errors


def test_riwayat_layanan_dicari_menurut_nama(client_for, users, sarmi):
    a, c = sarmi
    cl = client_for(users["op_desa"])
    resp = cl.post(reverse("psks:cari"), {"identitas": "Sarmi"})
    isi = resp.content.decode()
    assert resp.status_code == 200 and f'value="{a.pk}"' in isi and f'value="{c.pk}"' not in isi
    resp = cl.post(reverse("psks:cari"), {"identitas": "Sarmi", "identitas_pilih": a.pk})
    assert resp.url == reverse("psks:orang", args=[a.pk])
    resp = cl.post(reverse("psks:cari"), {"identitas": "Sarmi", "identitas_pilih": c.pk})
    assert resp.url == reverse("psks:slrt_list")
