"""The registry list costs the same number of SQL queries whatever the number of rows, and never
counts the table (the list must stay flat at a million persons, docs/performance.md).

The benchmark (bench/registry.py) measures the same pages over HTTP at 10k and 1M rows; these
tests keep the two properties it relies on from regressing, on SQLite and on PostgreSQL.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ppks.models import Perseorangan
from tests import factories as f

pytestmark = pytest.mark.django_db

KATEGORI = ["x", "h", "i", "u"]  # fakir miskin, lanjut usia telantar, disabilitas, bencana alam


def _isi(wil, penilai, n: int, mulai: int = 0) -> list[Perseorangan]:
    """n persons over three desa, older people (so every category's R4 bounds hold), several
    with one or two active registrations (so the category prefetch has rows to fetch)."""
    desa = [wil["desa1"], wil["desa2"], wil["desa3"]]
    orang = []
    for i in range(mulai, mulai + n):
        o = f.buat_orang(
            desa=desa[i % 3],
            nama=f"Sri Wahyuni Santoso {i}" if i % 2 else f"Budi Santoso {i}",
            lahir=dt.date(1950, 1, 1) + dt.timedelta(days=i),
            jk="P" if i % 2 else "L",
            status_dtsen="terdaftar" if i % 3 else "tidak_terdaftar",
        )
        for kode in KATEGORI[: i % 3]:
            f.daftarkan(orang=o, kode=kode, penilai=penilai)
        orang.append(o)
    return orang


def _tangkap(client, method, params):
    with CaptureQueriesContext(connection) as ctx:
        if method == "post":
            resp = client.post("/registri/", params)
        else:
            resp = client.get("/registri/", params)
    assert resp.status_code == 200
    return resp, [q["sql"] for q in ctx.captured_queries]


def _count_orang(queries):
    """Queries that COUNT rows of ppks_perseorangan (a full-table count at every page load is
    exactly what the keyset pager exists to avoid)."""
    return [
        sql
        for sql in queries
        if re.search(r"\bCOUNT\s*\(", sql, re.I) and re.search(r'FROM\s+"?ppks_perseorangan', sql)
    ]


# (role, method, parameters): the list, each filter alone and together, a NIK search by POST.
HALAMAN = [
    ("petugas", "get", {}),
    ("petugas", "get", {"nama": "wahyu"}),
    ("petugas", "get", {"kategori": "x"}),
    ("petugas", "get", {"kategori": "x", "kecamatan": "35.01.01", "dtsen": "terdaftar"}),
    ("petugas", "get", {"kategori": "h", "status": "aktif", "desa": "35.01.02.2001"}),
    ("petugas", "get", {"dtsen": "terdaftar", "nama": "santoso", "kecamatan": "35.01.01"}),
    ("petugas", "post", "NIK"),
    ("op_kec", "get", {}),
    ("op_kec", "get", {"kategori": "x", "dtsen": "terdaftar"}),
    ("op_desa", "get", {"nama": "santoso"}),
]


@pytest.mark.parametrize(("peran", "method", "params"), HALAMAN)
def test_jumlah_query_sama_untuk_3_dan_30_baris(client_for, users, wil, peran, method, params):
    """A constant number of SQL queries per list page (no N+1 on the category
    badges, the desa or the kecamatan of each row), for every filter and role."""
    c = client_for(users[peran])
    sedikit = _isi(wil, users["petugas"], 3)
    if params == "NIK":
        params = {"nik": sedikit[0].nik}
    c.get("/registri/")  # first request of a session fills per-process caches
    resp3, q3 = _tangkap(c, method, params)
    n3 = len(resp3.context["hal"].items)

    _isi(wil, users["petugas"], 30, mulai=3)
    resp30, q30 = _tangkap(c, method, params)
    n30 = len(resp30.context["hal"].items)

    assert n30 > n3 or method == "post", "the larger registry must show more rows"
    assert len(q30) == len(q3), (
        f"{peran} {params}: {len(q3)} queries with {n3} rows, {len(q30)} with {n30} rows:\n"
        + "\n".join(q30)
    )


def test_jumlah_query_sama_di_halaman_berikutnya(client_for, users, wil):
    """The second page (keyset ?sebelum=<id>) costs what the first costs: no OFFSET, no count."""
    _isi(wil, users["petugas"], 80)  # 53 of them in category x: more than one page
    c = client_for(users["petugas"])
    c.get("/registri/")
    resp1, q1 = _tangkap(c, "get", {"kategori": "x"})
    hal = resp1.context["hal"]
    assert hal.berikutnya
    resp2, q2 = _tangkap(c, "get", {"kategori": "x", "sebelum": hal.berikutnya})
    assert resp2.context["hal"].items
    assert len(q2) == len(q1)
    assert not any(re.search(r"\bOFFSET\b", sql) for sql in q1 + q2)


@pytest.mark.parametrize(("peran", "method", "params"), HALAMAN)
def test_tidak_ada_count_tabel_perseorangan(client_for, users, wil, peran, method, params):
    """No page load counts ppks_perseorangan; the page query is LIMITed."""
    orang = _isi(wil, users["petugas"], 12)
    if params == "NIK":
        params = {"nik": orang[0].nik}
    c = client_for(users[peran])
    _resp, queries = _tangkap(c, method, params)
    assert _count_orang(queries) == []
    halaman = [sql for sql in queries if re.search(r'FROM\s+"?ppks_perseorangan"?\s', sql)]
    assert halaman, "the page must read the registry"
    assert all(re.search(r"\bLIMIT\s+\d+", sql) for sql in halaman), halaman


def test_pemeriksa_count_mengenali_count_penuh():
    """The detector above is not vacuous: it flags what Django's paginator would send."""
    from django.core.paginator import Paginator

    with CaptureQueriesContext(connection) as ctx:
        Paginator(Perseorangan.objects.order_by("-pk"), 50).count  # noqa: B018
    assert _count_orang([q["sql"] for q in ctx.captured_queries])


def test_saringan_kategori_dan_wilayah_tetap_benar(client_for, users, wil):
    """A category filter with kecamatan/desa is answered through the registration (its desa is
    the person's, kept in step by the services): same people as filtering the person's desa,
    including after the person moves, and with a non-active status (EXISTS path)."""
    from ppks import services

    petugas = users["petugas"]
    lahir = dt.date(1950, 1, 1)
    a = f.buat_orang(desa=wil["desa1"], nama="Sukarni", lahir=lahir)  # kec1, x aktif
    b = f.buat_orang(desa=wil["desa3"], nama="Wagiman", lahir=lahir)  # kec2, x aktif
    c = f.buat_orang(desa=wil["desa2"], nama="Suwarni", lahir=lahir)  # kec1, h only
    d = f.buat_orang(desa=wil["desa2"], nama="Parto", lahir=lahir)  # kec1, x selesai
    f.daftarkan(orang=a, kode="x", penilai=petugas)
    f.daftarkan(orang=b, kode="x", penilai=petugas)
    f.daftarkan(orang=c, kode="h", penilai=petugas)
    reg_d = f.daftarkan(orang=d, kode="x", penilai=petugas)
    services.registrasi_ubah_status(registrasi=reg_d, oleh=petugas, status="selesai", alasan="-")
    cl = client_for(petugas)

    def hasil(**q):
        resp = cl.get("/registri/", q)
        assert resp.status_code == 200, resp.context["saringan"].form.errors
        return set(resp.context["hal"].items)

    assert hasil(kategori="x") == {a, b}
    assert hasil(kategori="x", kecamatan="35.01.01") == {a}
    assert hasil(kategori="x", kecamatan="35.01.02") == {b}
    assert hasil(kategori="x", desa=wil["desa1"].pk) == {a}
    assert hasil(kategori="x", desa=wil["desa2"].pk) == set()
    assert hasil(kategori="x", desa=wil["desa1"].pk, kecamatan="35.01.02") == set()
    assert hasil(kategori="x", status="aktif", kecamatan="35.01.01") == {a}
    assert hasil(kategori="x", status="selesai", kecamatan="35.01.01") == {d}
    assert hasil(kategori="h", kecamatan="35.01.01") == {c}
    assert hasil(kecamatan="35.01.01") == {a, c, d}

    # The person moves to kec2: the service moves the registration with them.
    services.perseorangan_ubah(orang=a, oleh=petugas, data={"desa": wil["desa3"]}, alasan="pindah")
    assert hasil(kategori="x", kecamatan="35.01.01") == set()
    assert hasil(kategori="x", kecamatan="35.01.02") == {a, b}
