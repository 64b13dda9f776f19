"""Shared fixtures: the wilayah, one user per role, and the PostgreSQL marker handling."""

import os

import pytest

from dinsos.models import Peran

from . import factories as f


def pytest_collection_modifyitems(config, items):
    # Concurrency tests need real PostgreSQL. On SQLite they are reported as skipped with the
    # reason, never silently; CI runs the suite a second time on PostgreSQL where they run.
    on_pg = os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))
    if on_pg:
        return
    skip = pytest.mark.skip(reason="butuh PostgreSQL (set DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def _transaksional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


def _pakai_db(request) -> bool:
    return bool(
        request.node.get_closest_marker("django_db")
        or {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _riwayat_append_only(request):
    """Keep the append-only triggers on dinsos_riwayat in place for every test (B9).

    Transactional tests end with a flush — DELETE FROM every table on SQLite — which those
    triggers would refuse, so they are dropped just before that flush and recreated at the
    start of the next test (a flush with serialized_rollback emits no post_migrate)."""
    if not _pakai_db(request):
        yield
        return
    from django.db import connection

    from dinsos.db import lepas_append_only, pastikan_append_only

    transaksional = _transaksional(request)
    if transaksional:
        # Set the database fixture up inside this one so that it is torn down after it.
        nama = "live_server" if "live_server" in request.fixturenames else "transactional_db"
        request.getfixturevalue(nama)
    else:
        request.getfixturevalue("db")
    pastikan_append_only(connection, "dinsos_riwayat")
    # The 26 categories are reference data (R2): a flush after a serialized transactional test
    # emits no post_migrate, so they are put back here for whichever test comes next.
    from ppks.kategori import sinkronkan
    from ppks.models import KategoriPMKS, KriteriaPMKS

    if not KategoriPMKS.objects.exists():
        sinkronkan(KategoriPMKS, KriteriaPMKS)
    yield
    if transaksional and connection.vendor == "sqlite":
        lepas_append_only(connection, "dinsos_riwayat")


@pytest.fixture
def wil(db):
    return f.wilayah()


@pytest.fixture
def users(wil):
    """One user per role; operators in desa1 / kec1. 'luar' is an operator of another desa."""
    return {
        "op_desa": f.buat_user(peran=Peran.OPERATOR_DESA, desa=wil["desa1"], username="opdesa"),
        "op_desa_lain": f.buat_user(
            peran=Peran.OPERATOR_DESA, desa=wil["desa3"], username="oplain"
        ),
        "op_kec": f.buat_user(
            peran=Peran.OPERATOR_KECAMATAN, kecamatan=wil["kec1"], username="opkec"
        ),
        "op_kec_lain": f.buat_user(
            peran=Peran.OPERATOR_KECAMATAN, kecamatan=wil["kec2"], username="opkeclain"
        ),
        "petugas": f.buat_user(peran=Peran.PETUGAS_DINAS, username="petugas"),
        "verifikator": f.buat_user(peran=Peran.TIM_VERIFIKASI, username="verifikator"),
        "kadis": f.buat_user(peran=Peran.KEPALA_DINAS, username="kadis"),
        "bendahara": f.buat_user(peran=Peran.BENDAHARA, username="bendahara"),
        "admin": f.buat_user(peran=Peran.ADMINISTRATOR, username="admin", is_superuser=True),
    }


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
