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
