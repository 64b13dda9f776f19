"""Demo data (idempotent, made through the services) and the admin for rules as data."""

import io

import pytest

from bansos import demo
from bansos.models import AturanTahunan, Faskes, Pagu, Permohonan
from dinsos.models import Peran, Riwayat
from tests import factories as f
from tests.bansos.conftest import TA, penerima

pytestmark = pytest.mark.django_db


@pytest.fixture
def akun_demo(wil):
    d = wil["desa1"]
    return {
        "desa": f.buat_user(peran=Peran.OPERATOR_DESA, desa=d, username="desa"),
        "kecamatan": f.buat_user(
            peran=Peran.OPERATOR_KECAMATAN, kecamatan=d.kecamatan, username="kecamatan"
        ),
        "petugas": f.buat_user(peran=Peran.PETUGAS_DINAS, username="petugas"),
        "verifikator": f.buat_user(peran=Peran.TIM_VERIFIKASI, username="verifikator"),
        "kadis": f.buat_user(peran=Peran.KEPALA_DINAS, username="kadis"),
        "bendahara": f.buat_user(peran=Peran.BENDAHARA, username="bendahara"),
    }


def test_demo_without_registrations_skips_gracefully(akun_demo):
    out = io.StringIO()
    demo.muat(out)
    assert "dilewati" in out.getvalue()
    assert Pagu.objects.filter(tahun_anggaran=TA).count() == 3
    assert Pagu.objects.filter(tahun_anggaran=TA + 1).count() == 3
    assert AturanTahunan.objects.filter(tahun_anggaran=TA + 1).exists()
    assert Faskes.objects.count() == 2


def test_demo_is_idempotent_and_uses_the_services(akun_demo, wil):
    for i in range(12):
        penerima(desa=wil["desa1" if i % 2 else "desa2"], penilai=akun_demo["petugas"])
    demo.muat(io.StringIO())
    n = Permohonan.objects.count()
    assert n >= 8
    statuses = set(Permohonan.objects.values_list("status", flat=True))
    assert {"diajukan", "menunggu_verifikasi", "dicairkan", "ditolak"} <= statuses
    assert Riwayat.objects.filter(aksi=Riwayat.Aksi.STATUS).exists()
    demo.muat(io.StringIO())
    assert Permohonan.objects.count() == n
    assert Pagu.objects.count() == 6 and Faskes.objects.count() == 2


def test_admin_pages_for_the_administrator(users, client_for, aturan):
    c = client_for(users["admin"])
    for model in ["aturantahunan", "pagu", "faskes", "permohonan", "pengajuanpencairan"]:
        assert c.get(f"/admin/bansos/{model}/").status_code == 200
    assert c.get(f"/admin/bansos/aturantahunan/{aturan.pk}/change/").status_code == 200
    assert c.get("/admin/bansos/permohonan/add/").status_code == 403


def test_admin_edit_of_rules_is_recorded(users, client_for, aturan):
    c = client_for(users["admin"])
    data = {
        "tahun_anggaran": aturan.tahun_anggaran,
        "batas_biaya_hidup": "2500000",
        "batas_permodalan": "5000000",
        "batas_pengobatan": "7500000",
        "batas_tunai_permodalan": "2000000",
        "sekali_setahun_lingkup": "per_jenis",
        "kategori_sesuai_biaya": list(aturan.kategori_sesuai_biaya.values_list("pk", flat=True)),
        "kategori_bebas_sekali_setahun": list(
            aturan.kategori_bebas_sekali_setahun.values_list("pk", flat=True)
        ),
        "dasar_hukum": aturan.dasar_hukum,
        "catatan": "",
    }
    r = c.post(f"/admin/bansos/aturantahunan/{aturan.pk}/change/", data)
    assert r.status_code == 302, r.content[:2000]
    aturan.refresh_from_db()
    assert aturan.batas_biaya_hidup == 2_500_000
    rw = Riwayat.objects.filter(aksi=Riwayat.Aksi.UBAH).latest("pk")
    assert rw.perubahan["batas_biaya_hidup"] == ["2000000.00", "2500000.00"]


def test_admin_not_for_other_roles(users, client_for):
    assert client_for(users["kadis"]).get("/admin/bansos/pagu/").status_code == 302
