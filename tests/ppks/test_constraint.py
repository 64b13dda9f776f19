"""A clash only the database sees (two users racing) gets the registry's own message.

The services check uniqueness before saving; these rows skip that check (`validasi=False`) so
the database refuses them, and the message is found by the constraint's name (`dinsos.services`).
"""

import pytest
from django.core.exceptions import ValidationError

import ppks.services  # noqa: F401  (registers the registry's constraint messages)
from dinsos.services import simpan
from ppks.models import Keluarga, Perseorangan, Registrasi
from ppks.services import PESAN_NIK_GANDA
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_nik_ganda_di_database_menjadi_pesan_R5(wil):
    orang = f.buat_orang(desa=wil["desa1"])
    kembar = Perseorangan(
        nik=orang.nik,
        nama="X",
        tanggal_lahir=orang.tanggal_lahir,
        jenis_kelamin="L",
        alamat="-",
        desa=wil["desa1"],
    )
    with pytest.raises(ValidationError) as e:
        simpan(kembar, validasi=False)
    assert e.value.message_dict == {"nik": [PESAN_NIK_GANDA]}
    assert Perseorangan.objects.count() == 1


def test_nomor_kk_ganda_di_database(wil):
    kk = f.buat_keluarga(desa=wil["desa1"])
    with pytest.raises(ValidationError) as e:
        simpan(Keluarga(nomor_kk=kk.nomor_kk, alamat="-", desa=wil["desa1"]), validasi=False)
    assert e.value.message_dict == {"nomor_kk": ["Nomor KK ini sudah terdaftar."]}


def test_registrasi_aktif_ganda_di_database(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    f.daftarkan(orang=orang, penilai=users["petugas"])
    kedua = Registrasi(
        perseorangan=orang, kategori=f.kategori("x"), penilai=users["petugas"], desa=wil["desa1"]
    )
    with pytest.raises(ValidationError) as e:
        simpan(kedua, validasi=False)
    assert e.value.messages == [
        "Registran ini sudah memiliki registrasi aktif pada kategori tersebut."
    ]
    assert Registrasi.objects.filter(perseorangan=orang).count() == 1


def test_di_luar_wilayah_tetap_permission_denied_dan_404(users, wil):
    """kunci_untuk answers 404 on a page, and older callers still catch PermissionDenied."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    lain = f.buat_orang(desa=wil["desa3"])
    for jenis in (PermissionDenied, Http404):
        with pytest.raises(jenis):
            ppks.services.perseorangan_ubah(orang=lain, oleh=users["op_desa"], data={"nama": "X"})
