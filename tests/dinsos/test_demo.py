"""`make run` loads the wilayah and the demo data; each demo login must see exactly its scope."""

from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command

from bansos.models import Permohonan
from dinsos.models import User
from ppks.models import Perseorangan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("muat_wilayah", verbosity=0)
    call_command("muat_demo", verbosity=0)
    return {u.username: u for u in User.objects.all()}


def _contoh(rows, user):
    """Every row of the demo operators' kecamatan, and the first three of each other one.

    The demo holds a whole past year (laporan/demo.py): hundreds of persons and applications.
    Opening every one for each login takes minutes and proves no more than a sample that still
    has both answers (200 inside, 404 outside) for every login and every kecamatan.
    """
    dipilih: list[Any] = []
    per_kec: Counter[str] = Counter()
    for r in rows:
        kec = r.desa.kecamatan_id
        if kec == user.kecamatan_id or per_kec[kec] < 3:
            dipilih.append(r)
            per_kec[kec] += 1
    return dipilih


def _dalam_lingkup(user, desa):
    if user.peran == "operator_desa":
        return desa.pk == user.desa_id
    if user.peran == "operator_kecamatan":
        return desa.kecamatan_id == user.kecamatan_id
    return True


def test_wilayah_pacitan_dari_kepmendagri():
    from dinsos.models import Desa, Kecamatan

    call_command("muat_wilayah", verbosity=0)  # the demo data is not needed to count the wilayah

    assert Kecamatan.objects.filter(kode__startswith="35.01.").count() == 12
    assert Desa.objects.filter(kode__startswith="35.01.").count() == 172


def test_setiap_akun_demo_melihat_tepat_wilayahnya(demo, client):
    assert set(demo) >= {
        "desa",
        "kecamatan",
        "petugas",
        "verifikator",
        "kadis",
        "bendahara",
        "admin",
    }
    orang = _contoh(Perseorangan.objects.select_related("desa").order_by("pk"), demo["kecamatan"])
    permohonan = _contoh(
        Permohonan.objects.select_related("desa").order_by("pk"), demo["kecamatan"]
    )
    # The demo spreads people beyond the operator's desa, so the 404 side is exercised too.
    assert any(not _dalam_lingkup(demo["desa"], o.desa) for o in orang)
    assert any(_dalam_lingkup(demo["desa"], o.desa) for o in orang)
    for username in ["desa", "kecamatan", "petugas"]:
        user = demo[username]
        client.force_login(user)
        for o in orang:
            resp = client.get(f"/registri/orang/{o.pk}/")
            assert resp.status_code == (200 if _dalam_lingkup(user, o.desa) else 404), (
                username,
                o.desa,
            )
        for p in permohonan:
            resp = client.get(f"/bansos/{p.pk}/")
            assert resp.status_code == (200 if _dalam_lingkup(user, p.desa) else 404)
