"""Bansos workflow under load : do the B4 steps stay fast and the rules hold when
many officers work at once?

    .venv/bin/python bench/workflow.py                 # 1 then 16 clients, same run

1. (Re)creates the PostgreSQL database `dinsos_bench_wf` (server from $BENCH_PG, default
   postgres://postgres@127.0.0.1:5432), runs `migrate` and `muat_wilayah`, creates the officers
   (one Operator Desa per desa of one kecamatan, its Operator Kecamatan, a Petugas Dinas, the
   Tim Verifikasi, the Kepala Dinas), registered fakir miskin (x) with valid NIKs, the year's
   rules and a pagu for biaya hidup deliberately too small for everything the 16 clients ask.
2. Starts the app under gunicorn on 127.0.0.1 (DEBUG=false, 4 workers x 4 threads) and, for
   N = 1 and then N = 16 concurrent clients (threads, each with its own `requests` sessions,
   logged in through the real login form as each role), drives every client through
   create (the form, with four uploads: PDF and PNG) -> acknowledge (Camat) -> verify (the
   checklist sheet) -> recommend, a bounded number of times. Each step is timed as an officer
   sees it: the POST plus the page it redirects to.
   Contention on purpose, so the rules are tested where they are hard:
   - every client also submits for two shared recipients (through the Petugas Dinas): one
     fakir miskin (B3: once per TA -> exactly one may pass) and one korban bencana alam
     (exempt from B3, so the yearly ceiling B2 of Rp 2.000.000 binds -> at most two of
     Rp 1.000.000 may pass);
   - the pagu (B8) runs out during the 16-client phase.
   Refusals that name these rules are expected answers, counted apart; anything else (a 5xx,
   an unexpected page, a status the page does not show) is an error.
3. Afterwards checks the database for violations: B3 duplicates, B2 yearly totals above the
   ceiling, B8 recommended totals above the pagu, and statuses that disagree with the history
   rows (each application's chain of status changes must be unbroken and end at its status,
   with its Verifikasi/Rekomendasi rows present).
4. Prints p50/p95 per step at 1 and 16 clients, the errors and refusals, and as its last line
   `RESULT errors=<n> violations=<n> p95_ratio_16_vs_1=<x>` where x is the worst per-step
   ratio p95(16 clients) / p95(1 client).

Results are also written as JSON to bench/out/. See docs/performance.md for the figures.
Talks only to 127.0.0.1 and stops only the gunicorn it started.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import struct
import sys
import threading
import time
import traceback
import zlib
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

DB_NAME = "dinsos_bench_wf"
PASSWORD = "bench-rahasia-12345"
LANGKAH = ["buat", "ketahui", "verifikasi", "rekomendasi"]
JUMLAH = 1_000_000
DESA_DIPAKAI = 8
PEMANASAN = 8  # untimed applications before the first measurement
# Iterations of a client at which it submits for a shared recipient instead of its own.
BERSAMA = {0: "b3", 2: "b2"}
_STATUS = re.compile(r'id="status-permohonan">\s*<span[^>]*data-status="(\w+)"')
_DETAIL = re.compile(r"/bansos/(\d+)/$")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}Z] {msg}", flush=True)


def _png() -> bytes:
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n" + b"%" + b"x" * 20_000 + b"\n"  # ~20 KB, like a scan
)
PNG = _png()


# --------------------------------------------------------------------------------------------
# Set-up (in-process, through the models)
# --------------------------------------------------------------------------------------------


def _nik(kec: str, lahir: dt.date, urut: int) -> str:
    return f"{kec.replace('.', '')}{lahir:%d%m%y}{urut:04d}"


def siapkan(per_klien: dict[int, int]) -> dict:
    db_url = common.recreate_database(DB_NAME)
    common.setup_django(db_url)
    from django.core.management import call_command
    from django.db.models import Count
    from django.utils import timezone

    from bansos.aturan import aturan_tetapkan
    from bansos.models import JenisBansos, Pagu, SumberDana
    from dinsos.models import Kecamatan, Peran, User
    from tests import factories as f

    call_command("migrate", verbosity=0)
    call_command("muat_wilayah", verbosity=0)
    kec = (
        Kecamatan.objects.annotate(n=Count("desa_set")).filter(n__gte=DESA_DIPAKAI).order_by("kode")
    ).first()
    assert kec is not None, "Tidak ada kecamatan dengan desa yang cukup: jalankan muat_wilayah."
    desa = list(kec.desa_set.order_by("kode")[:DESA_DIPAKAI])

    def akun(username, peran, **extra):
        u = User(username=username, peran=peran, first_name=username, **extra)
        u.set_password(PASSWORD)
        u.full_clean()
        u.save()
        return username

    pengguna = {
        "desa": [akun(f"wf_desa_{i}", Peran.OPERATOR_DESA, desa=d) for i, d in enumerate(desa)],
        "kecamatan": akun("wf_kecamatan", Peran.OPERATOR_KECAMATAN, kecamatan=kec),
        "petugas": akun("wf_petugas", Peran.PETUGAS_DINAS),
        "verifikator": akun("wf_verifikator", Peran.TIM_VERIFIKASI),
        "kadis": akun("wf_kadis", Peran.KEPALA_DINAS),
    }
    penilai = User.objects.get(username="wf_petugas")
    ta = timezone.localdate().year
    aturan_tetapkan(ta)
    urut = iter(range(1, 10_000))

    def orang(d, kode="x"):
        lahir = dt.date(1950, 1, 1) + dt.timedelta(days=next(urut) * 37 % 12_000)
        o = f.buat_orang(desa=d, lahir=lahir, nik=_nik(kec.kode, lahir, next(urut)))
        f.daftarkan(orang=o, kode=kode, penilai=penilai)
        return o.nik

    panas = [orang(desa[0]) for _ in range(PEMANASAN)]
    fase = {}
    for n, k in per_klien.items():
        fase[n] = {
            "sendiri": [[orang(desa[i % len(desa)]) for _ in range(k)] for i in range(n)],
            "b3": orang(desa[0], "x"),  # fakir miskin: once per TA (B3)
            "b2": orang(desa[0], "u"),  # korban bencana alam: exempt from B3, ceiling B2 holds
        }
    # B8: the pagu covers the lone client's applications and about three quarters of what the
    # other phases can win (each client's own ones, one B3 winner, at most two B2 winners).
    menang = {n: n * (k - len(BERSAMA)) + 1 + min(n, 2) for n, k in per_klien.items()}
    tunggal = menang.get(1, 0)
    lain = sum(x for n, x in menang.items() if n != 1)
    pagu = Decimal(JUMLAH) * (PEMANASAN + tunggal + int(lain * 0.75))
    Pagu.objects.create(
        tahun_anggaran=ta,
        jenis=JenisBansos.BIAYA_HIDUP,
        sumber_dana=SumberDana.APBD,
        jumlah=pagu,
        keterangan="pagu benchmark",
    )
    return {
        "db_url": db_url,
        "pengguna": pengguna,
        "fase": fase,
        "panas": panas,
        "ta": ta,
        "pagu": pagu,
    }


# --------------------------------------------------------------------------------------------
# One client
# --------------------------------------------------------------------------------------------


class Sesi:
    """A logged-in officer: a `requests` session and its CSRF token."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.s = common.login(base, username, PASSWORD)
        page = self.s.get(f"{base}/bansos/kotak-masuk/", timeout=60)
        page.raise_for_status()
        m = _CSRF.search(page.text)
        assert m is not None, "Halaman kotak masuk tanpa token CSRF."
        self.token = m.group(1)

    def post(self, path: str, data: dict, files=None) -> tuple[float, requests.Response]:
        t0 = time.perf_counter()
        r = self.s.post(
            self.base + path,
            data={"csrfmiddlewaretoken": self.token, **data},
            files=files,
            headers={"Referer": self.base + path},
            timeout=120,
        )
        _ = r.content
        return (time.perf_counter() - t0) * 1000, r


class Hasil:
    def __init__(self):
        self.lock = threading.Lock()
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.galat: list[str] = []
        self.ditolak: dict[str, int] = defaultdict(int)
        self.sampai: dict[str, int] = defaultdict(int)
        self.pk: list[int] = []

    def catat(self, langkah, ms):
        with self.lock:
            self.ms[langkah].append(ms)

    def salah(self, teks):
        with self.lock:
            self.galat.append(teks)

    def tolak(self, aturan):
        with self.lock:
            self.ditolak[aturan] += 1


def _status(r: requests.Response) -> str | None:
    m = _STATUS.search(r.text)
    return m.group(1) if m else None


def _galat_halaman(r: requests.Response) -> str:
    m = re.search(r'class="msg error"[^>]*>(.*?)</', r.text, re.S) or re.search(
        r'class="errorlist"[^>]*>(.*?)</ul>', r.text, re.S
    )
    teks = re.sub(r"<[^>]+>", " ", m.group(1)) if m else r.text[:200]
    return " ".join(teks.split())[:300]


def _langkah(hasil, nama, sesi, path, data, harap, files=None, boleh_tolak=()):
    """One timed step; True when the page shows the expected status."""
    ms, r = sesi.post(path, data, files)
    hasil.catat(nama, ms)
    if r.status_code != 200:
        hasil.salah(f"{nama} {path}: HTTP {r.status_code}")
        return False, r
    if harap is None or _status(r) == harap:
        return True, r
    pesan = _galat_halaman(r)
    for kode, penanda in boleh_tolak:
        if penanda in r.text:
            hasil.tolak(kode)
            return False, r
    hasil.salah(f"{nama} {path}: status {_status(r)!r}, bukan {harap!r}: {pesan}")
    return False, r


def tugas_klien(fase, i) -> list[tuple[str, str]]:
    """(NIK, who enters it) for client i: its own recipients, and at the BERSAMA iterations the
    shared ones, entered by the Petugas Dinas (they live in one desa, the clients in several)."""
    return [
        (fase[BERSAMA[j]], "petugas") if j in BERSAMA else (nik, "desa")
        for j, nik in enumerate(fase["sendiri"][i])
    ]


def klien(i, tugas, sesi, hasil, mulai):
    hari_ini = dt.date.today().isoformat()
    try:
        if mulai is not None:
            mulai.wait()
        for j, (nik, siapa) in enumerate(tugas):
            pembuat = sesi[siapa]
            files = {
                "dok_surat_permohonan": ("surat.pdf", PDF, "application/pdf"),
                "dok_ktp": ("ktp.png", PNG, "image/png"),
                "dok_kk": ("kk.pdf", PDF, "application/pdf"),
                "dok_skm": ("skm.pdf", PDF, "application/pdf"),
            }
            ok, r = _langkah(
                hasil,
                "buat",
                pembuat,
                "/bansos/baru/biaya_hidup/",
                {
                    "identitas": nik,
                    "pemohon_jenis": "perseorangan",
                    "jumlah_diminta": str(JUMLAH),
                    "tanggal_permohonan": hari_ini,
                    "nomor_surat_permohonan": f"BENCH/{i}/{j}",
                    "nama_lurah": "Kepala Desa Bench",
                    "tanggal_diketahui_lurah": hari_ini,
                },
                "diajukan",
                files=files,
                boleh_tolak=[("b3", "Pasal 6 ayat (3)"), ("b2", "Melebihi batas biaya hidup")],
            )
            if not ok:
                continue
            m = _DETAIL.search(r.url)
            assert m is not None, f"Bukan halaman detail: {r.url}"
            pk = int(m.group(1))
            with hasil.lock:
                hasil.pk.append(pk)
            ok, _ = _langkah(
                hasil,
                "ketahui",
                sesi["kecamatan"],
                f"/bansos/{pk}/ketahui/",
                {"nama_camat": "Camat Bench", "tanggal": hari_ini},
                "menunggu_verifikasi",
            )
            if not ok:
                continue
            ok, _ = _langkah(
                hasil,
                "verifikasi",
                sesi["verifikator"],
                f"/bansos/{pk}/verifikasi/",
                {
                    "hasil": "lolos",
                    "nomor_berita_acara": f"BA/{pk}",
                    "tanggal": hari_ini,
                    "cek_surat_permohonan": "on",
                    "cek_ktp": "on",
                    "cek_kk": "on",
                    "cek_skm": "on",
                },
                "terverifikasi",
            )
            if not ok:
                continue
            ok, _ = _langkah(
                hasil,
                "rekomendasi",
                sesi["kadis"],
                f"/bansos/{pk}/rekomendasi/",
                {
                    "keputusan": "layak",
                    "jumlah": str(JUMLAH),
                    "nomor_surat": f"460/{pk}",
                    "tanggal": hari_ini,
                },
                "direkomendasikan",
                boleh_tolak=[("b8", "melebihi pagu (aturan B8")],
            )
            if ok:
                with hasil.lock:
                    hasil.sampai["direkomendasikan"] += 1
    except Exception:  # noqa: BLE001 - a crashed client is an error, never a silent pass
        hasil.salah(f"klien {i}: {traceback.format_exc(limit=3)}")


def jalankan_fase(app, ctx, n: int) -> dict:
    fase = ctx["fase"][n]
    base = app.url("")
    peng = ctx["pengguna"]
    log(f"N={n}: {n} klien masuk sebagai 5 peran masing-masing (tidak diukur)")

    def masuk(i):
        return {
            "desa": Sesi(base, peng["desa"][i % len(peng["desa"])]),
            "kecamatan": Sesi(base, peng["kecamatan"]),
            "petugas": Sesi(base, peng["petugas"]),
            "verifikator": Sesi(base, peng["verifikator"]),
            "kadis": Sesi(base, peng["kadis"]),
        }

    with ThreadPoolExecutor(max_workers=min(n, 8)) as pool:
        sesi = list(pool.map(masuk, range(n)))
    hasil = Hasil()
    mulai = threading.Barrier(n)
    threads = [
        threading.Thread(target=klien, args=(i, tugas_klien(fase, i), sesi[i], hasil, mulai))
        for i in range(n)
    ]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
        if t.is_alive():
            hasil.salah("klien tidak selesai dalam 600 detik")
    detik = time.perf_counter() - t0
    permintaan = sum(len(hasil.ms[k]) for k in LANGKAH)
    res = {
        "clients": n,
        "per_client": len(fase["sendiri"][0]),
        "seconds": round(detik, 1),
        "steps_per_second": round(permintaan / detik, 1),
        "steps": {
            k: {x: round(y, 1) for x, y in common.stats(hasil.ms[k]).items()} for k in LANGKAH
        },
        "errors": len(hasil.galat),
        "error_samples": hasil.galat[:10],
        "refused": dict(hasil.ditolak),
        "recommended": hasil.sampai["direkomendasikan"],
        "created": len(hasil.pk),
    }
    return res


def pemanasan(app, ctx) -> int:
    """Untimed: a few applications through every step, so that each gunicorn worker has
    imported and compiled what the pages need before anything is measured. Returns errors."""
    base, peng = app.url(""), ctx["pengguna"]
    sesi = {
        "desa": Sesi(base, peng["desa"][0]),
        "kecamatan": Sesi(base, peng["kecamatan"]),
        "petugas": Sesi(base, peng["petugas"]),
        "verifikator": Sesi(base, peng["verifikator"]),
        "kadis": Sesi(base, peng["kadis"]),
    }
    hasil = Hasil()
    klien(0, [(nik, "desa") for nik in ctx["panas"]], sesi, hasil, None)
    for g in hasil.galat:
        print(f"    GALAT (pemanasan): {g}")
    return len(hasil.galat)


# --------------------------------------------------------------------------------------------
# Violations in the database afterwards
# --------------------------------------------------------------------------------------------


def periksa_pelanggaran(ctx) -> dict[str, list]:
    from django.db import connection
    from django.db.models import Count, DecimalField, Sum
    from django.db.models.functions import Coalesce

    from bansos.aturan import aturan_tetapkan, pagu_terpakai, pagu_total
    from bansos.models import (
        STATUS_MEMAKAI_PAGU,
        STATUS_TIDAK_DIHITUNG,
        JenisBansos,
        Permohonan,
        Rekomendasi,
        Verifikasi,
    )
    from bansos.models import StatusPermohonan as S
    from dinsos.audit import riwayat_untuk
    from dinsos.models import Riwayat

    connection.close()
    ta = ctx["ta"]
    aturan = aturan_tetapkan(ta)
    bebas = set(aturan.kategori_bebas_sekali_setahun.values_list("pk", flat=True))
    dihitung = Permohonan.objects.filter(tahun_anggaran=ta).exclude(
        status__in=STATUS_TIDAK_DIHITUNG
    )
    v: dict[str, list] = defaultdict(list)

    # B3: a recipient, jenis and TA at most once among counted, non-exempt applications.
    for row in (
        dihitung.exclude(kategori__in=bebas)
        .values("penerima_kunci", "jenis")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    ):
        v["b3_ganda"].append(row)
    # B2: the yearly total per recipient and jenis within the ceiling.
    for row in dihitung.values("penerima_kunci", "jenis").annotate(
        t=Sum(
            Coalesce("rekomendasi__jumlah", "jumlah_diminta"),
            output_field=DecimalField(max_digits=15, decimal_places=2),
        )
    ):
        if row["t"] > aturan.batas_untuk(row["jenis"]):
            v["b2_batas"].append({**row, "t": str(row["t"])})
    # B8: what is recommended/disbursed within the pagu.
    for jenis in JenisBansos.values:
        pakai, total = pagu_terpakai(ta, jenis), pagu_total(ta, jenis)
        if pakai > total:
            v["b8_pagu"].append({"jenis": jenis, "terpakai": str(pakai), "pagu": str(total)})
    # Statuses against the history (B9) and the step rows.
    for p in Permohonan.objects.filter(tahun_anggaran=ta):
        baris = [
            r.perubahan["status"]
            for r in reversed(list(riwayat_untuk(p)))
            if r.aksi in (Riwayat.Aksi.BUAT, Riwayat.Aksi.STATUS) and "status" in r.perubahan
        ]
        rantai_ok = bool(baris) and baris[0][0] is None
        rantai_ok = rantai_ok and all(a[1] == b[0] for a, b in zip(baris, baris[1:], strict=False))
        if not rantai_ok or baris[-1][1] != p.status:
            v["status_riwayat"].append({"nomor": p.nomor, "status": p.status, "riwayat": baris})
        lolos = Verifikasi.objects.filter(permohonan=p, hasil="lolos").exists()
        if (p.status in (S.TERVERIFIKASI, *STATUS_MEMAKAI_PAGU)) != lolos:
            v["status_verifikasi"].append({"nomor": p.nomor, "status": p.status})
        layak = Rekomendasi.objects.filter(permohonan=p, layak=True).exists()
        if (p.status in STATUS_MEMAKAI_PAGU) != layak:
            v["status_rekomendasi"].append({"nomor": p.nomor, "status": p.status})
        if p.dokumen.count() != 4:
            v["dokumen"].append({"nomor": p.nomor, "dokumen": p.dokumen.count()})
    connection.close()
    return dict(v)


# --------------------------------------------------------------------------------------------


def _cetak(res: dict) -> None:
    log(
        f"N={res['clients']} ({res['per_client']} permohonan per klien, {res['seconds']} s, "
        f"{res['steps_per_second']} langkah/detik): "
        f"dibuat {res['created']}, direkomendasikan {res['recommended']}, "
        f"ditolak sesuai aturan {res['refused'] or '{}'}, galat {res['errors']}"
    )
    print(f"    {'langkah':<12}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for k in LANGKAH:
        s = res["steps"][k]
        print(f"    {k:<12}{s['n']:>5}{s['p50']:>10.1f}{s['p95']:>10.1f}{s['max']:>10.1f}")
    for g in res["error_samples"]:
        print(f"    GALAT: {g}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--clients", type=int, nargs="+", default=[1, 16])
    p.add_argument("--per-client-1", type=int, default=24, help="applications of the lone client")
    p.add_argument("--per-client", type=int, default=6, help="applications per client when N>1")
    p.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    p.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    args = p.parse_args(argv)
    if min(args.per_client_1, args.per_client) <= max(BERSAMA):
        p.error(f"per-client harus lebih dari {max(BERSAMA)}")
    per_klien = {n: (args.per_client_1 if n == 1 else args.per_client) for n in args.clients}
    out = common.ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)

    log(f"Basis data {DB_NAME}: dibuat ulang, migrate, muat_wilayah, petugas, penerima, pagu")
    ctx = siapkan(per_klien)
    log(f"  pagu biaya hidup TA {ctx['ta']}: Rp {ctx['pagu']:,.0f}".replace(",", "."))
    from django.db import connection

    connection.close()
    env = common.app_env(ctx["db_url"], GUNICORN_CMD_ARGS=f"--threads {args.threads}")
    report: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "load_average_before": os.getloadavg(),
        "command": "bench/workflow.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "gunicorn": {"workers": args.workers, "threads": args.threads},
        "pagu": str(ctx["pagu"]),
        "phases": {},
    }
    with common.Gunicorn(env, workers=args.workers, log=out / "workflow-gunicorn.log") as app:
        log(f"Pemanasan: {PEMANASAN} permohonan melalui semua langkah (tidak diukur)")
        report["warmup_errors"] = pemanasan(app, ctx)
        for n in args.clients:
            res = jalankan_fase(app, ctx, n)
            _cetak(res)
            report["phases"][n] = res
    report["load_average_after"] = os.getloadavg()
    log(
        f"CPU: {os.cpu_count()} inti; beban rata-rata sebelum/sesudah "
        f"{report['load_average_before'][0]:.1f}/{report['load_average_after'][0]:.1f}"
    )
    log("Memeriksa pelanggaran aturan di basis data")
    pelanggaran = periksa_pelanggaran(ctx)
    jml_pelanggaran = sum(len(x) for x in pelanggaran.values())
    for k, xs in pelanggaran.items():
        print(f"    PELANGGARAN {k}: {len(xs)} contoh {xs[:3]}")
    report["violations"] = pelanggaran
    galat = report["warmup_errors"] + sum(r["errors"] for r in report["phases"].values())
    rasio = 0.0
    if 1 in report["phases"] and 16 in report["phases"]:
        per = {
            k: report["phases"][16]["steps"][k]["p95"] / report["phases"][1]["steps"][k]["p95"]
            for k in LANGKAH
        }
        report["p95_ratio_16_vs_1"] = {k: round(x, 2) for k, x in per.items()}
        log("p95(16)/p95(1) per langkah: " + ", ".join(f"{k} {x:.2f}" for k, x in per.items()))
        rasio = max(per.values())
    nama = out / f"workflow-{time.strftime('%Y%m%d-%H%M%S')}.json"
    nama.write_text(json.dumps(report, indent=2, default=str))
    log(f"Hasil JSON: {nama.relative_to(common.ROOT)}")
    print(f"RESULT errors={galat} violations={jml_pelanggaran} p95_ratio_16_vs_1={rasio:.2f}")
    return 0 if galat == 0 and jml_pelanggaran == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
