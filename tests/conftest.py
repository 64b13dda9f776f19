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


@pytest.fixture(autouse=True)
def _flush_riwayat_sqlite(request):
    """Transactional tests end with a flush (DELETE FROM every table on SQLite), which the
    append-only triggers on dinsos_riwayat would refuse. Drop them just before that flush;
    the flush's post_migrate signal recreates them (dinsos.apps)."""
    if not _transaksional(request):
        yield
        return
    # Set the database fixture up inside this one so that it is torn down after it.
    request.getfixturevalue(
        "live_server" if "live_server" in request.fixturenames else "transactional_db"
    )
    yield
    from django.db import connection

    from dinsos.db import lepas_append_only

    if connection.vendor == "sqlite":
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
