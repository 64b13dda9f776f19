"""Registry services: each change writes its history; deletes are guarded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dinsos.audit import riwayat_untuk
from dinsos.models import Riwayat
from ppks import services
from ppks.models import Kelompok, Keluarga, Komunitas, Perseorangan, Registrasi
from tests import factories as f
from tests.ppks.bantu import kriteria_pertama, riwayat_terbaru

from .test_aturan import data_orang, registrasi

pytestmark = pytest.mark.django_db


def test_buat_ubah_hapus_perseorangan_tercatat(users, wil):
    petugas = users["petugas"]
    orang = services.perseorangan_buat(oleh=petugas, data=data_orang(wil["desa1"]))
    buat = riwayat_untuk(orang).get()
    assert buat.aksi == Riwayat.Aksi.BUAT and buat.pengguna == petugas
    assert buat.perubahan["nama"] == [None, "Sutrisno"]

    services.perseorangan_ubah(
        orang=orang, oleh=petugas, data={"nama": "Sutrisno Hadi", "alamat": "Dusun Krajan"}
    )
    ubah = riwayat_terbaru(orang)
    assert ubah.aksi == Riwayat.Aksi.UBAH
    assert ubah.perubahan == {"nama": ["Sutrisno", "Sutrisno Hadi"]}

    # No change, no history row.
    services.perseorangan_ubah(orang=orang, oleh=petugas, data={"nama": "Sutrisno Hadi"})
    assert riwayat_untuk(orang).count() == 2

    pk = orang.pk
    services.perseorangan_hapus(orang=orang, oleh=petugas, alasan="Salah input")
    assert not Perseorangan.objects.filter(pk=pk).exists()
    hapus = Riwayat.objects.get(object_id=str(pk), aksi=Riwayat.Aksi.HAPUS)
    assert hapus.alasan == "Salah input" and hapus.pengguna == petugas


def test_hapus_ditolak_bila_ada_registrasi(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    registrasi(users["petugas"], orang, "x")
    with pytest.raises(ValidationError) as e:
        services.perseorangan_hapus(orang=orang, oleh=users["petugas"])
    assert "memiliki registrasi" in " ".join(e.value.messages)
    assert Perseorangan.objects.filter(pk=orang.pk).exists()
    assert not Riwayat.objects.filter(aksi=Riwayat.Aksi.HAPUS).exists()


def test_hapus_ditolak_bila_masih_dirujuk_protect(users, wil):
    """A PROTECT reference (here: chair of a group) becomes a message, never a 500."""
    ketua = f.buat_orang(desa=wil["desa1"])
    f.buat_kelompok(desa=wil["desa1"], ketua=ketua)
    with pytest.raises(ValidationError) as e:
        services.perseorangan_hapus(orang=ketua, oleh=users["petugas"])
    assert "masih dipakai" in " ".join(e.value.messages)
    assert Perseorangan.objects.filter(pk=ketua.pk).exists()
    assert not Riwayat.objects.filter(aksi=Riwayat.Aksi.HAPUS).exists()


def test_pindah_desa_ikut_memindah_registrasi(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    reg = registrasi(users["petugas"], orang, "x")
    services.perseorangan_ubah(orang=orang, oleh=users["petugas"], data={"desa": wil["desa3"]})
    reg.refresh_from_db()
    assert reg.desa == wil["desa3"]


def test_ubah_status_registrasi_wajib_alasan_dan_tercatat(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    reg = registrasi(users["petugas"], orang, "x")
    with pytest.raises(ValidationError):
        services.registrasi_ubah_status(
            registrasi=reg, oleh=users["petugas"], status="selesai", alasan=""
        )
    services.registrasi_ubah_status(
        registrasi=reg, oleh=users["petugas"], status="selesai", alasan="Sudah bekerja tetap"
    )
    reg.refresh_from_db()
    assert reg.status == Registrasi.Status.SELESAI
    r = riwayat_terbaru(reg)
    assert r.aksi == Riwayat.Aksi.STATUS and r.perubahan == {"status": ["aktif", "selesai"]}
    with pytest.raises(ValidationError):
        services.registrasi_ubah_status(
            registrasi=reg, oleh=users["petugas"], status="ditolak", alasan="x"
        )
    # Ended: the person may be registered again in the same category.
    registrasi(users["petugas"], orang, "x")


def test_keluarga_anggota_dan_kepala(users, wil):
    op = users["op_desa"]
    kepala = f.buat_orang(desa=wil["desa1"])
    istri = f.buat_orang(desa=wil["desa1"], jk="P")
    kk = services.keluarga_buat(
        oleh=op,
        data={"nomor_kk": "3501 0120 0100 0001", "alamat": "Dusun Krajan", "desa": wil["desa1"]},
        kepala=kepala,
    )
    assert kk.nomor_kk == "3501012001000001"
    kepala.refresh_from_db()
    assert kepala.keluarga == kk and kepala.hubungan_keluarga == "kepala"
    assert kepala.nomor_kk == kk.nomor_kk
    services.keluarga_tambah_anggota(keluarga=kk, orang=istri, hubungan="suami_istri", oleh=op)
    assert set(kk.anggota.all()) == {kepala, istri}
    with pytest.raises(ValidationError):
        services.keluarga_tambah_anggota(keluarga=kk, orang=istri, hubungan="kepala", oleh=op)
    # Someone of another desa is not within the operator's reach.
    luar = f.buat_orang(desa=wil["desa3"])
    with pytest.raises(ValidationError):
        services.keluarga_tambah_anggota(keluarga=kk, orang=luar, hubungan="anak", oleh=op)
    services.keluarga_keluarkan_anggota(keluarga=kk, orang=kepala, oleh=op, alasan="Pindah KK")
    kk.refresh_from_db()
    assert kk.kepala is None
    aksi = list(riwayat_untuk(kk).values_list("aksi", flat=True))
    assert aksi.count(Riwayat.Aksi.UBAH) == 3 and Riwayat.Aksi.BUAT in aksi
    with pytest.raises(ValidationError):
        services.keluarga_buat(
            oleh=op,
            data={"nomor_kk": "3501012001000001", "alamat": "x", "desa": wil["desa1"]},
        )
    services.keluarga_hapus(keluarga=kk, oleh=op, alasan="Salah input")
    istri.refresh_from_db()
    assert istri.keluarga is None and not Keluarga.objects.exists()


def test_kelompok_ketua_selalu_anggota(users, wil):
    op = users["op_desa"]
    ketua, a1, a2 = (f.buat_orang(desa=wil["desa1"]) for _ in range(3))
    kel = services.kelompok_buat(
        oleh=op,
        data={"nama": "KUBE Maju", "desa": wil["desa1"], "nomor_rekening": "0012"},
        ketua=ketua,
        anggota=[a1],
    )
    assert set(kel.anggota.all()) == {ketua, a1}
    services.kelompok_tambah_anggota(kelompok=kel, orang=a2, oleh=op)
    with pytest.raises(ValidationError):
        services.kelompok_keluarkan_anggota(kelompok=kel, orang=ketua, oleh=op)
    services.kelompok_ubah(kelompok=kel, oleh=op, data={}, ketua=a2)
    services.kelompok_keluarkan_anggota(kelompok=kel, orang=ketua, oleh=op)
    kel.refresh_from_db()
    assert kel.ketua == a2 and set(kel.anggota.all()) == {a1, a2}
    assert riwayat_untuk(kel).count() == 4
    kat = f.kategori("x")
    services.registrasi_buat(oleh=op, kelompok=kel, kategori=kat, kriteria=[kriteria_pertama(kat)])
    with pytest.raises(ValidationError):
        services.kelompok_hapus(kelompok=kel, oleh=op)
    assert Kelompok.objects.filter(pk=kel.pk).exists()


def test_komunitas(users, wil):
    op = users["petugas"]
    kom = services.komunitas_buat(
        oleh=op, data={"nama": "KAT Dusun Sumber", "desa": wil["desa3"], "jumlah_jiwa": 40}
    )
    services.komunitas_ubah(komunitas=kom, oleh=op, data={"jumlah_jiwa": 42}, alasan="Sensus")
    r = riwayat_terbaru(kom)
    assert r.perubahan == {"jumlah_jiwa": [40, 42]} and r.alasan == "Sensus"
    with pytest.raises(PermissionDenied):
        services.komunitas_ubah(komunitas=kom, oleh=users["op_desa"], data={"nama": "X"})
    services.komunitas_hapus(komunitas=kom, oleh=op)
    assert not Komunitas.objects.exists()


def test_ganti_kepala_keluarga(users, wil):
    op = users["op_desa"]
    suami, istri = f.buat_orang(desa=wil["desa1"]), f.buat_orang(desa=wil["desa1"], jk="P")
    kk = services.keluarga_buat(
        oleh=op,
        data={"nomor_kk": "3501012001000002", "alamat": "Krajan", "desa": wil["desa1"]},
        kepala=suami,
    )
    services.keluarga_tambah_anggota(keluarga=kk, orang=istri, hubungan="suami_istri", oleh=op)
    services.keluarga_ubah(keluarga=kk, oleh=op, data={}, kepala=istri, alasan="Suami wafat")
    kk.refresh_from_db()
    suami.refresh_from_db()
    istri.refresh_from_db()
    assert kk.kepala == istri and istri.hubungan_keluarga == "kepala"
    assert suami.hubungan_keluarga == "lainnya" and suami.keluarga == kk
    assert riwayat_untuk(kk).first().alasan == "Suami wafat"  # type: ignore[union-attr]  # just written
