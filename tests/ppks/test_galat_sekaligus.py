"""The person form answers with every field error at once, each on its own field (R5, R7)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ppks import services
from ppks.models import Perseorangan
from tests import factories as f

from .test_aturan import data_orang

pytestmark = pytest.mark.django_db

DASAR = {"jaminan_kesehatan": "belum_diketahui", "status_dtsen": "belum_diketahui"}


def _besok() -> str:
    return (dt.date.today() + dt.timedelta(days=3)).isoformat()


def test_nik_salah_bentuk_dan_tanggal_lahir_masa_depan_dalam_satu_jawaban(client_for, users, wil):
    c = client_for(users["op_desa"])
    resp = c.post(
        "/registri/orang/baru/",
        {
            "nik": "12345",
            "nama": "Tarno",
            "tanggal_lahir": _besok(),
            "jenis_kelamin": "L",
            "alamat": "x",
            "desa": wil["desa1"].pk,
            **DASAR,
        },
    )
    assert resp.status_code == 200
    galat = resp.context["form"].errors
    assert "16 angka" in galat["nik"][0]
    assert galat["tanggal_lahir"] == ["Tanggal lahir tidak boleh di masa depan."]
    assert not Perseorangan.objects.exists()


def test_nik_ganda_desa_di_luar_wilayah_dan_tanggal_masa_depan_sekaligus(users, wil):
    ada = f.buat_orang(desa=wil["desa1"])
    data = data_orang(wil["desa3"], nik=ada.nik, lahir=dt.date.today() + dt.timedelta(days=3))
    with pytest.raises(ValidationError) as e:
        services.perseorangan_buat(oleh=users["op_desa"], data=data)
    galat = e.value.message_dict
    assert {"nik", "desa", "tanggal_lahir"} <= galat.keys()
    assert "aturan R5" in galat["nik"][0]
    assert "wilayah kerja" in galat["desa"][0]


def test_R5_beda_tanggal_lahir_di_isian_tanggal_beda_jenis_kelamin_di_isiannya(
    client_for, users, wil
):
    nik = f.buat_nik(kecamatan_kode=wil["desa1"].kecamatan_id, lahir=dt.date(1980, 5, 17), jk="L")
    c = client_for(users["op_desa"])
    resp = c.post(
        "/registri/orang/baru/",
        {
            "nik": nik,
            "nama": "Tarno",
            "tanggal_lahir": "1981-05-17",
            "jenis_kelamin": "P",
            "alamat": "x",
            "desa": wil["desa1"].pk,
            **DASAR,
        },
    )
    galat = resp.context["form"].errors
    assert "alasan_beda_nik" not in galat
    assert "17 Mei 1980" in galat["tanggal_lahir"][0] and "R5" in galat["tanggal_lahir"][0]
    assert "laki-laki" in galat["jenis_kelamin"][0].lower()


def test_ubah_galat_bentuk_dan_aturan_dalam_satu_jawaban(client_for, users, wil):
    orang = f.buat_orang(desa=wil["desa1"], lahir=dt.date(1980, 5, 17))
    c = client_for(users["op_desa"])
    resp = c.post(
        f"/registri/orang/{orang.pk}/ubah/",
        {
            "nik": "",
            "nomor_kk": "123",
            "nama": orang.nama,
            "tanggal_lahir": "1980-05-18",
            "jenis_kelamin": orang.jenis_kelamin,
            "alamat": orang.alamat,
            "desa": orang.desa_id,
            **DASAR,
        },
    )
    assert resp.status_code == 200
    galat = resp.context["form"].errors
    assert "16 angka" in galat["nomor_kk"][0]
    # R5: the changed birth date needs a reason and disagrees with the NIK; both shown now.
    assert "alasan" in galat and "R5" in galat["alasan"][0]
    assert "R5" in galat["tanggal_lahir"][0]
    orang.refresh_from_db()
    assert orang.tanggal_lahir == dt.date(1980, 5, 17)
