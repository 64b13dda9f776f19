"""S5: pemberdayaan sosial for persons, families and groups (ASH 20–23) and peningkatan
peran serta of institutions and volunteers in the stages of ASH 27."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from psks import services
from psks.models import Status
from tests import factories as f

from . import bantu as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def prog(db):
    return b.program("pemberdayaan")


def buat(prog, oleh, **kw):
    data = {
        "program": prog,
        "cara": ["a"],
        "bentuk": ["2b"],
        "kriteria": ["b"],
        "tanggal_mulai": b.hari(-5),
        "oleh": oleh,
    }
    data.update(kw)
    return services.pemberdayaan_buat(**data)


def test_s5_perseorangan_memenuhi_kriteria_pasal_21(wil, users, prog):
    orang = b.ppks(desa=wil["desa1"], penilai=users["petugas"])
    with pytest.raises(ValidationError) as e:
        buat(prog, users["op_desa"], perseorangan=orang, kriteria=[])
    assert "s5_kriteria" in b.kode(e.value)
    assert "Pasal 21" in e.value.messages[0]
    p = buat(prog, users["op_desa"], perseorangan=orang, kriteria=["a", "d"])
    assert p.kriteria == ["a", "d"] and p.desa == wil["desa1"]


def test_s5_kriteria_menurut_jenis_sasaran(wil, users, prog):
    """Pasal 22(2) has only a–c: a 'd' criterion is unknown for a family."""
    kepala = f.buat_orang(desa=wil["desa1"])
    kk = f.buat_keluarga(desa=wil["desa1"], kepala=kepala)
    with pytest.raises(ValidationError, match="belum terdaftar aktif"):
        buat(prog, users["petugas"], keluarga=kk, kriteria=["c"])
    f.daftarkan(keluarga=kk, kode="y", penilai=users["petugas"])
    with pytest.raises(ValidationError, match="tidak dikenal"):
        buat(prog, users["petugas"], keluarga=kk, kriteria=["d"])
    p = buat(prog, users["petugas"], keluarga=kk, kriteria=["c"])
    assert p.jenis_subjek == "keluarga"


def test_s5_bentuk_sesuai_cara_pasal_20(wil, users, prog):
    orang = b.ppks(desa=wil["desa1"], penilai=users["petugas"])
    with pytest.raises(ValidationError) as e:
        buat(prog, users["petugas"], perseorangan=orang, cara=["b"], bentuk=["2b"])
    assert "s5_bentuk" in b.kode(e.value)
    with pytest.raises(ValidationError, match="pilih sedikitnya satu"):
        buat(prog, users["petugas"], perseorangan=orang, cara=["a", "b"], bentuk=["2b"])
    p = buat(prog, users["petugas"], perseorangan=orang, cara=["a", "b", "e"], bentuk=["3d", "2b"])
    assert p.bentuk == ["2b", "3d"]


def test_s5_kelompok_dan_selesai(wil, users, prog):
    ketua = f.buat_orang(desa=wil["desa1"])
    kel = f.buat_kelompok(desa=wil["desa1"], ketua=ketua)
    f.daftarkan(kelompok=kel, kode="x", penilai=users["petugas"])
    p = buat(prog, users["op_desa"], kelompok=kel, kriteria=["a", "c"])
    services.pemberdayaan_selesaikan(
        pemberdayaan=p, tanggal=b.hari(), hasil="Usaha berjalan", oleh=users["op_desa"]
    )
    p.refresh_from_db()
    assert p.status == Status.SELESAI


def test_s5_satu_sasaran_dan_wilayah(wil, users, prog):
    orang = b.ppks(desa=wil["desa1"], penilai=users["petugas"])
    with pytest.raises(ValidationError, match="tepat satu"):
        buat(prog, users["petugas"])
    with pytest.raises(PermissionDenied):
        buat(prog, users["op_desa_lain"], perseorangan=orang)


def test_s5_peran_serta_lembaga_harus_lks_dan_tahap_pasal_27(wil, users):
    prog = b.program("peran_serta")
    lk3 = b.lks(desa=wil["desa1"], jenis="lk3")
    data = {
        "nama_kegiatan": "Bimtek manajemen LKS",
        "program": prog,
        "kriteria": ["a"],
        "tanggal_mulai": b.hari(-20),
        "oleh": users["kadis"],
    }
    with pytest.raises(ValidationError) as e:
        services.peran_serta_buat(lembaga=lk3, **data)
    assert "s5_lembaga" in b.kode(e.value)
    k = services.peran_serta_buat(lembaga=b.lks(desa=wil["desa1"]), **data)
    with pytest.raises(ValidationError) as e:
        services.peran_serta_tahap_catat(
            kegiatan=k, tahap="pelaksanaan", tanggal=b.hari(-10), oleh=users["kadis"]
        )
    assert "s5_urutan" in b.kode(e.value) and "Pasal 27" in e.value.messages[0]
    for i, t in enumerate(["persiapan", "pelaksanaan", "pendayagunaan_berkelanjutan"]):
        services.peran_serta_tahap_catat(
            kegiatan=k, tahap=t, tanggal=b.hari(-15 + i), oleh=users["kadis"]
        )
    k.refresh_from_db()
    assert k.status == Status.SELESAI


def test_s5_peran_serta_relawan_kriteria_pasal_26(users):
    prog = b.program("peran_serta")
    relawan = b.tenaga(jenis="relawan_sosial")
    with pytest.raises(ValidationError, match="Pasal 26"):
        services.peran_serta_buat(
            nama_kegiatan="Pelatihan relawan",
            tenaga=relawan,
            program=prog,
            kriteria=[],
            tanggal_mulai=b.hari(),
            oleh=users["petugas"],
        )
    with pytest.raises(PermissionDenied):
        services.peran_serta_buat(
            nama_kegiatan="Pelatihan relawan",
            tenaga=relawan,
            program=prog,
            kriteria=["a"],
            tanggal_mulai=b.hari(),
            oleh=users["op_desa"],
        )
