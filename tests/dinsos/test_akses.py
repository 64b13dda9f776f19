import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from dinsos import akses
from dinsos.audit import catat
from dinsos.models import Riwayat
from ppks.models import Perseorangan
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_scope_by_role(users, wil):
    di_desa1 = f.buat_orang(desa=wil["desa1"])
    di_desa2 = f.buat_orang(desa=wil["desa2"])
    di_kec2 = f.buat_orang(desa=wil["desa3"])

    def terlihat(u):
        return set(akses.scope(u, Perseorangan))

    assert terlihat(users["op_desa"]) == {di_desa1}
    assert terlihat(users["op_kec"]) == {di_desa1, di_desa2}
    assert terlihat(users["op_kec_lain"]) == {di_kec2}
    for peran in ["petugas", "verifikator", "kadis", "bendahara", "admin"]:
        assert terlihat(users[peran]) == {di_desa1, di_desa2, di_kec2}


def test_inactive_user_sees_nothing(users, wil):
    f.buat_orang(desa=wil["desa1"])
    u = users["petugas"]
    u.is_active = False
    assert not akses.scope(u, Perseorangan).exists()


def test_operator_without_wilayah_is_refused_by_the_database(wil):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.buat_user(peran="operator_desa", desa=None)


def test_riwayat_cannot_be_edited_or_deleted(users):
    """B9 / PCT 14: history rows are append-only, enforced by the database itself."""
    r = catat(pengguna=users["petugas"], aksi=Riwayat.Aksi.BUAT, objek="contoh")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute("UPDATE dinsos_riwayat SET alasan = 'diubah' WHERE id = %s", [r.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute("DELETE FROM dinsos_riwayat WHERE id = %s", [r.pk])
    with pytest.raises(ValidationError):
        r.delete()
    assert Riwayat.objects.filter(pk=r.pk, alasan="").exists()


def test_admin_only_for_administrator(client, users):
    for nama, boleh in [("admin", True), ("petugas", False), ("kadis", False)]:
        client.force_login(users[nama])
        resp = client.get("/admin/")
        assert (resp.status_code == 200) == boleh, nama
