"""The registry rules R1, R2, R4, R5, R6, R7 as enforced by ppks.services (docs/rules.md §1)."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from dinsos.models import Desa, Kecamatan, Riwayat
from ppks import services
from ppks.models import Perseorangan, Registrasi
from tests import factories as f

from .bantu import hari_ini, kriteria_pertama, tahun_lalu

pytestmark = pytest.mark.django_db


def data_orang(desa, **kw):
    lahir = kw.pop("lahir", dt.date(1980, 5, 17))
    jk = kw.pop("jk", "L")
    d = {
        "nik": f.buat_nik(kecamatan_kode=desa.kecamatan_id, lahir=lahir, jk=jk),
        "nama": "Sutrisno",
        "tanggal_lahir": lahir,
        "jenis_kelamin": jk,
        "alamat": "Dusun Krajan",
        "desa": desa,
    }
    d.update(kw)
    return d


def galat(e: pytest.ExceptionInfo) -> str:
    return " ".join(e.value.messages)


def registrasi(oleh, orang, kode, huruf=("a",)):
    kat = f.kategori(kode)
    return services.registrasi_buat(
        oleh=oleh,
        perseorangan=orang,
        kategori=kat,
        kriteria=list(kat.kriteria.filter(huruf__in=huruf)),
    )


# --- R4: age and sex bounds -----------------------------------------------------------------


@pytest.mark.parametrize(
    "kode,lahir,jk,boleh",
    [
        ("a", lambda: tahun_lalu(5), "L", True),  # balita telantar: 5 years old is still balita
        ("a", lambda: tahun_lalu(6), "L", False),  # 6th birthday today: no longer
        ("a", lambda: tahun_lalu(6, 1), "P", True),  # turns 6 tomorrow
        ("b", lambda: tahun_lalu(6), "L", True),  # anak telantar 6–18
        ("b", lambda: tahun_lalu(19), "L", False),
        ("c", lambda: tahun_lalu(12), "L", True),  # ABH >= 12 and < 18
        ("c", lambda: tahun_lalu(12, 1), "L", False),
        ("c", lambda: tahun_lalu(18), "L", False),
        ("h", lambda: tahun_lalu(60), "P", True),  # lansia telantar >= 60
        ("h", lambda: tahun_lalu(60, 1), "P", False),  # 59, turns 60 tomorrow
        ("w", lambda: tahun_lalu(30), "P", True),  # PRSE: female 18–59
        ("w", lambda: tahun_lalu(30), "L", False),  # male refused
        ("w", lambda: tahun_lalu(60), "P", False),
        ("w", lambda: tahun_lalu(18), "P", True),
        ("o", lambda: tahun_lalu(17), "L", False),  # BWBLP: adult
        ("p", lambda: tahun_lalu(18), "P", True),  # ODHA: adult
    ],
)
def test_R4_batas_usia_dan_jenis_kelamin(users, wil, kode, lahir, jk, boleh):
    orang = f.buat_orang(desa=wil["desa1"], lahir=lahir(), jk=jk)
    if boleh:
        reg = registrasi(users["petugas"], orang, kode)
        assert reg.status == Registrasi.Status.AKTIF
    else:
        with pytest.raises(ValidationError) as e:
            registrasi(users["petugas"], orang, kode)
        assert "aturan R4" in galat(e)
        assert not Registrasi.objects.exists()


def test_R4_dihitung_pada_tanggal_asesmen(users, wil):
    """R4: the bound holds on the registration's date, not today."""
    orang = f.buat_orang(desa=wil["desa1"], lahir=tahun_lalu(6, 10))  # turns 6 in 10 days
    kat = f.kategori("b")
    with pytest.raises(ValidationError):
        services.registrasi_buat(
            oleh=users["petugas"],
            perseorangan=orang,
            kategori=kat,
            kriteria=[kriteria_pertama(kat)],
            tanggal_asesmen=hari_ini(),
        )


# --- R5: NIK --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nik,kode",
    [
        ("35010117058", "16 angka"),
        ("35010117058000AB", "16 angka"),
        ("9999991705800001", "kode wilayah"),  # not a kecamatan of Kemendagri
        ("3501013205800001", "tanggal lahir yang sah"),  # day 32
        ("3501011713800001", "tanggal lahir yang sah"),  # month 13
        ("3501011705800000", "0000"),
    ],
)
def test_R5_nik_tidak_sah_ditolak(users, wil, nik, kode):
    with pytest.raises(ValidationError) as e:
        services.perseorangan_buat(oleh=users["petugas"], data=data_orang(wil["desa1"], nik=nik))
    assert kode in galat(e)
    assert "R5" in galat(e)
    assert not Perseorangan.objects.exists()


def test_R5_nik_dinormalisasi_dari_spasi_dan_titik(users, wil):
    nik = f.buat_nik(lahir=dt.date(1980, 5, 17))
    bertitik = f"{nik[:6]}.{nik[6:12]}.{nik[12:]}"
    orang = services.perseorangan_buat(
        oleh=users["petugas"], data=data_orang(wil["desa1"], nik=bertitik)
    )
    assert orang.nik == nik


def test_R5_perempuan_tanggal_ditambah_40(users, wil):
    lahir = dt.date(1985, 3, 9)
    nik = f.buat_nik(lahir=lahir, jk="P")
    assert nik[6:8] == "49"
    orang = services.perseorangan_buat(
        oleh=users["petugas"], data=data_orang(wil["desa1"], nik=nik, lahir=lahir, jk="P")
    )
    assert orang.jenis_kelamin == "P"
    # The same NIK recorded as a man disagrees with the NIK (R5).
    with pytest.raises(ValidationError) as e:
        services.perseorangan_buat(
            oleh=users["petugas"],
            data=data_orang(wil["desa1"], nik=f.buat_nik(lahir=lahir, jk="P"), lahir=lahir),
        )
    assert "jenis kelamin" in galat(e)


def test_R5_beda_dengan_nik_ditolak_tanpa_alasan_diterima_dengan_alasan(users, wil):
    nik = f.buat_nik(lahir=dt.date(1980, 5, 17))
    data = data_orang(wil["desa1"], nik=nik, lahir=dt.date(1980, 6, 1))
    with pytest.raises(ValidationError) as e:
        services.perseorangan_buat(oleh=users["petugas"], data=data)
    assert "tanggal_lahir" in e.value.message_dict
    assert "aturan R5" in galat(e)

    alasan = "Tanggal lahir di KTP salah cetak; sesuai akta kelahiran."
    orang = services.perseorangan_buat(
        oleh=users["petugas"], data={**data, "alasan_beda_nik": alasan}
    )
    r = Riwayat.objects.get(object_id=str(orang.pk), aksi=Riwayat.Aksi.BUAT)
    assert r.alasan == alasan
    assert r.perubahan["alasan_beda_nik"] == [None, alasan]


def test_R5_ubah_tanggal_lahir_wajib_alasan_dan_dicatat(users, wil):
    orang = f.buat_orang(desa=wil["desa1"], lahir=dt.date(1980, 5, 17))
    baru = {"tanggal_lahir": dt.date(1980, 5, 18), "alasan_beda_nik": "Sesuai akta kelahiran."}
    with pytest.raises(ValidationError) as e:
        services.perseorangan_ubah(orang=orang, oleh=users["petugas"], data=baru)
    assert "alasan" in e.value.message_dict
    services.perseorangan_ubah(
        orang=orang, oleh=users["petugas"], data=baru, alasan="Koreksi berdasarkan akta."
    )
    r = Riwayat.objects.filter(object_id=str(orang.pk), aksi=Riwayat.Aksi.UBAH).get()
    assert r.alasan == "Koreksi berdasarkan akta."
    assert r.perubahan["tanggal_lahir"] == ["1980-05-17", "1980-05-18"]


def test_R5_nik_unik(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    with pytest.raises(ValidationError) as e:
        services.perseorangan_buat(
            oleh=users["petugas"], data=data_orang(wil["desa2"], nik=orang.nik)
        )
    assert "sudah terdaftar" in galat(e)
    assert Perseorangan.objects.count() == 1


def test_R5_nik_unik_juga_di_database(wil):
    orang = f.buat_orang(desa=wil["desa1"])
    kembar = Perseorangan(nik=orang.nik, nama="X", jenis_kelamin="L", alamat="-", desa=wil["desa1"])
    with pytest.raises(IntegrityError), transaction.atomic():
        kembar.save()


@pytest.mark.parametrize(
    "lahir,pesan",
    [
        (lambda: hari_ini() + dt.timedelta(days=1), "masa depan"),
        (lambda: dt.date(1850, 1, 1), "tidak masuk akal"),
    ],
)
def test_tanggal_lahir_mustahil_ditolak(users, wil, lahir, pesan):
    d = lahir()
    data = data_orang(wil["desa1"], lahir=d, alasan_beda_nik="uji")
    data["nik"] = f.buat_nik(lahir=dt.date(1980, 5, 17))
    with pytest.raises(ValidationError) as e:
        services.perseorangan_buat(oleh=users["petugas"], data=data)
    assert pesan in galat(e)


# --- R6: without NIK ------------------------------------------------------------------------


def test_R6_tanpa_nik_wajib_alasan(users, wil):
    with pytest.raises(ValidationError) as e:
        services.perseorangan_buat(oleh=users["petugas"], data=data_orang(wil["desa1"], nik=""))
    assert "aturan R6" in galat(e)


def test_R6_tanpa_nik_hanya_untuk_kategori_yang_membolehkan(users, wil):
    orang = services.perseorangan_buat(
        oleh=users["petugas"],
        data=data_orang(wil["desa1"], nik=None, alasan_tanpa_nik="Tidak punya KTP"),
    )
    assert orang.nik is None and orang.nomor_registrasi.startswith("REG-")
    with pytest.raises(ValidationError) as e:
        registrasi(users["petugas"], orang, "x")
    assert "aturan R6" in galat(e)
    reg = registrasi(users["petugas"], orang, "k")  # gelandangan, PCT 4(10)
    assert reg.perseorangan == orang


def test_R6_dua_orang_tanpa_nik_boleh(users, wil):
    for _ in range(2):
        services.perseorangan_buat(
            oleh=users["petugas"],
            data=data_orang(wil["desa1"], nik="", alasan_tanpa_nik="Tidak punya KTP"),
        )
    assert Perseorangan.objects.filter(nik__isnull=True).count() == 2


# --- R2: criteria ---------------------------------------------------------------------------


def test_R2_paling_sedikit_satu_kriteria(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    with pytest.raises(ValidationError) as e:
        services.registrasi_buat(
            oleh=users["petugas"], perseorangan=orang, kategori=f.kategori("x"), kriteria=[]
        )
    assert "aturan R2" in galat(e)


def test_R2_kriteria_harus_milik_kategori(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    with pytest.raises(ValidationError) as e:
        services.registrasi_buat(
            oleh=users["petugas"],
            perseorangan=orang,
            kategori=f.kategori("x"),
            kriteria=[kriteria_pertama(f.kategori("h"))],
        )
    assert "bukan kriteria kategori" in galat(e)


def test_R2_registrasi_mencatat_kriteria_asesor_tanggal_dan_riwayat(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    reg = registrasi(users["op_desa"], orang, "x", huruf=("a", "b"))
    assert sorted(reg.kriteria.values_list("huruf", flat=True)) == ["a", "b"]
    assert reg.penilai == users["op_desa"] and reg.tanggal_asesmen == hari_ini()
    assert reg.desa == wil["desa1"]
    r = Riwayat.objects.get(object_id=str(reg.pk), aksi=Riwayat.Aksi.BUAT)
    assert r.perubahan["kriteria"] == [None, ["a", "b"]]


def test_satu_registrasi_aktif_per_orang_dan_kategori(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    registrasi(users["petugas"], orang, "x")
    with pytest.raises(ValidationError) as e:
        registrasi(users["petugas"], orang, "x")
    assert "sudah memiliki registrasi aktif" in galat(e)


# --- R1: exactly one registrant -------------------------------------------------------------


def test_R1_tepat_satu_subjek(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    kk = f.buat_keluarga(desa=wil["desa1"], kepala=orang)
    kat = f.kategori("x")
    salah: tuple[dict[str, Any], ...] = ({}, {"perseorangan": orang, "keluarga": kk})
    for subjek in salah:
        with pytest.raises(ValidationError) as e:
            services.registrasi_buat(
                oleh=users["petugas"], kategori=kat, kriteria=[kriteria_pertama(kat)], **subjek
            )
        assert "aturan R1" in galat(e)
    reg = services.registrasi_buat(
        oleh=users["petugas"], kategori=kat, kriteria=[kriteria_pertama(kat)], keluarga=kk
    )
    assert reg.jenis_subjek == "keluarga" and reg.desa == wil["desa1"]


def test_R1_tepat_satu_subjek_di_database(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    kk = f.buat_keluarga(desa=wil["desa1"])
    reg = Registrasi(
        perseorangan=orang,
        keluarga=kk,
        kategori=f.kategori("x"),
        penilai=users["petugas"],
        desa=wil["desa1"],
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        reg.save()


# --- R7 and the wilayah ---------------------------------------------------------------------


def test_R7_desa_di_luar_kabupaten_ditolak(users, wil):
    kec = Kecamatan.objects.create(kode="35.02.01", nama="Ngrayun")
    luar = Desa.objects.create(kode="35.02.01.2001", nama="Baosan Lor", kecamatan=kec)
    with pytest.raises(ValidationError) as e:
        services.perseorangan_buat(
            oleh=users["petugas"], data=data_orang(luar, nik=f.buat_nik(kecamatan_kode="35.02.01"))
        )
    assert "luar kabupaten" in galat(e) and "R7" in galat(e)


def test_operator_desa_hanya_untuk_desanya(users, wil):
    with pytest.raises(ValidationError) as e:
        services.perseorangan_buat(oleh=users["op_desa"], data=data_orang(wil["desa2"]))
    assert "luar wilayah kerja" in galat(e)
    orang = services.perseorangan_buat(oleh=users["op_desa"], data=data_orang(wil["desa1"]))
    with pytest.raises(ValidationError):
        services.perseorangan_ubah(orang=orang, oleh=users["op_desa"], data={"desa": wil["desa2"]})
    lain = f.buat_orang(desa=wil["desa3"])
    with pytest.raises(PermissionDenied):
        services.perseorangan_ubah(orang=lain, oleh=users["op_desa"], data={"nama": "X"})


@pytest.mark.parametrize("peran", ["op_kec", "verifikator", "kadis", "bendahara"])
def test_peran_tanpa_hak_ubah_ditolak_di_layanan(users, wil, peran):
    with pytest.raises(PermissionDenied):
        services.perseorangan_buat(oleh=users[peran], data=data_orang(wil["desa1"]))
    orang = f.buat_orang(desa=wil["desa1"])
    with pytest.raises(PermissionDenied):
        registrasi(users[peran], orang, "x")


def test_R5_abad_tidak_ada_di_nik(users, wil):
    """A NIK holds yy only: someone born in 1925 has the same digits as someone born in 2025."""
    lahir = dt.date(1925, 3, 4)
    orang = services.perseorangan_buat(
        oleh=users["petugas"], data=data_orang(wil["desa1"], lahir=lahir)
    )
    assert orang.tanggal_lahir == lahir and orang.alasan_beda_nik == ""
