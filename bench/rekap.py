"""Benchmark of the rekapitulasi PDF.

    .venv/bin/python bench/rekap.py                 # 1,000 / 10,000 / 20,000 rows
    .venv/bin/python bench/rekap.py --n 1000 --n 5000

For each size it renders, each in a fresh process (so memory figures do not mix), `--ulang`
times (default 3; the fastest run of each counts, memory is the highest seen):
- the reference: a plain ReportLab platypus table (LongTable, repeated header, grid) of the same
  rows and columns;
- the real rekap (`laporan.rekap_pdf.render_rekap`: WeasyPrint, Django templates, letterhead,
  groups and subtotals, summary, terbilang, signature, "Halaman X dari Y") with an empty cache;
- at 10,000 rows: the same rekap again after 1% more disbursements (later in the year, spread
  over the groups), with the cache of the first render — "regenerate after 1% more rows".

Rows are synthetic but shaped like the selector's output (12 kecamatan × 3 jenis, Indonesian
names and addresses); the database is not involved, so the figures are the document's cost.

Time: `time.perf_counter()` around the whole call (wall clock). Memory: peak of the summed PSS
(proportional set size, /proc/<pid>/smaps_rollup) of the measuring process and its worker
processes, sampled every 50 ms — shared copy-on-write pages are counted once; the conservative
bound (own peak RSS + workers × largest worker peak RSS, from resource.getrusage) is printed too.

Last line: RESULT ratio_10k_vs_reportlab=<x> peak_mb_20k=<m> growth_20k_vs_10k=<g>
incremental_ratio=<r>
"""

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KECAMATAN = [
    "Arjosari", "Bandar", "Donorojo", "Kebonagung", "Nawangan", "Ngadirojo",
    "Pacitan", "Pringkuku", "Punung", "Sudimoro", "Tegalombo", "Tulakan",
]  # fmt: skip
DEPAN = [
    "Sri", "Siti", "Budi", "Agus", "Dwi", "Tri", "Eko", "Sutrisno", "Suparmi", "Wahyu",
    "Rina", "Joko", "Slamet", "Tumini", "Paijo", "Sumarni", "Yuli", "Ahmad", "Nur", "Dewi",
]  # fmt: skip
BELAKANG = [
    "Wahyuningsih", "Santoso", "Rahayu", "Susanto", "Lestari", "Prasetyo", "Handayani",
    "Setiawan", "Kurniawati", "Nugroho", "Purwanti", "Hidayat", "Sulistyowati", "Widodo",
]  # fmt: skip
DUSUN = ["Krajan", "Ngasem", "Sidomulyo", "Karangrejo", "Gondang", "Mulyorejo", "Tegalrejo"]
JENIS = [("biaya_hidup", 2_000_000), ("permodalan_usaha", 5_000_000), ("pengobatan", 7_500_000)]


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()


def buat_baris(n: int, *, seed: int = 7, mulai_nomor: int = 0, bulan_dari: int = 1):
    """n synthetic disbursements of TA 2026 (dates from `bulan_dari` to November)."""
    from laporan.rekap import Baris

    rnd = random.Random(seed)
    hasil = []
    for i in range(n):
        jenis, batas = JENIS[rnd.randrange(3)]
        k = rnd.randrange(len(KECAMATAN))
        nama = f"{rnd.choice(DEPAN)} {rnd.choice(BELAKANG)}"
        jumlah = Decimal(rnd.randrange(5, batas // 100_000 + 1) * 100_000)
        bulan = rnd.randint(bulan_dari, 11)
        tgl = dt.date(2026, bulan, rnd.randint(1, 28))
        hasil.append(
            Baris(
                nomor=f"BH-2026-{mulai_nomor + i:06d}",
                nama=nama,
                keterangan="melalui RSUD Contoh" if jenis == "pengobatan" else "",
                alamat=f"Dusun {rnd.choice(DUSUN)} RT {rnd.randint(1, 9):03d}/RW "
                f"{rnd.randint(1, 5):03d}",
                desa=f"Desa {rnd.choice(DUSUN)}{'jaya' if k % 2 else 'sari'}",
                kecamatan_kode=f"35.01.{k + 1:02d}",
                kecamatan=KECAMATAN[k],
                jenis=jenis,
                jumlah=jumlah,
                tanggal=tgl,
            )
        )
    return hasil


def urutkan(baris):
    from laporan.rekap import URUTAN_JENIS

    return sorted(baris, key=lambda b: (URUTAN_JENIS[b.jenis], b.kecamatan, b.tanggal, b.nomor))


def data(n: int, *, tambahan: bool = False):
    baris = buat_baris(n)
    if tambahan:
        # 1% more disbursements, made in December: later than every existing row.
        extra = buat_baris(max(1, n // 100), seed=99, mulai_nomor=n)
        baris += [
            type(b)(**{**{s: getattr(b, s) for s in b.__slots__}, "tanggal": dt.date(2026, 12, 5)})
            for b in extra
        ]
    return urutkan(baris)


# --- memory sampling ------------------------------------------------------------------------


def _anak(pid: int) -> list[int]:
    hasil = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                hasil += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return hasil


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Pengukur(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.puncak_kb = 0
        self.berhenti = threading.Event()

    def run(self):
        me = os.getpid()
        while not self.berhenti.is_set():
            pids = [me]
            i = 0
            while i < len(pids):
                pids += _anak(pids[i])
                i += 1
            self.puncak_kb = max(self.puncak_kb, sum(_pss_kb(p) for p in pids))
            time.sleep(0.05)


# --- the measurements (each in its own process) ----------------------------------------------


def ukur_reportlab(n: int) -> dict:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    _setup_django()
    from dinsos.format import rupiah, tanggal

    baris = data(n)
    t0 = time.perf_counter()
    c0 = time.process_time()
    out = Path(tempfile.mkdtemp()) / "reportlab.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4)
    rows = [["No", "Nama penerima", "Alamat", "Tanggal", "Jumlah"]]
    # The same printed strings as the rekap's rows (the name cell carries the keterangan).
    rows += [
        [
            str(i),
            f"{b.nama} ({b.keterangan})" if b.keterangan else b.nama,
            b.alamat_lengkap,
            tanggal(b.tanggal),
            rupiah(b.jumlah),
        ]
        for i, b in enumerate(baris, 1)
    ]
    tabel = LongTable(rows, repeatRows=1)
    tabel.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTSIZE", (0, 0), (-1, -1), 7)]
        )
    )
    doc.build([tabel])
    detik = time.perf_counter() - t0
    cpu = time.process_time() - c0
    out.unlink()
    return {
        "detik": detik,
        "cpu": cpu,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def ukur_weasy(
    n: int, cache: str, *, tambahan: bool = False, pekerja: int | None = None, memori: bool = False
) -> dict:
    _setup_django()
    from dinsos.models import ProfilKantor
    from laporan.rekap import susun
    from laporan.rekap_pdf import render_rekap

    profil = ProfilKantor(
        nama_kabupaten="Contoh",
        alamat="Jl. Contoh No. 1",
        kota_surat="Contoh",
        kepala_dinas_nama="Drs. Kepala Dinas Contoh, M.Si.",
        kepala_dinas_nip="196801011990031001",
    )
    rekap = susun(data(n, tambahan=tambahan))
    meta = {
        "judul": "Rekapitulasi penyaluran bansos TA 2026",
        "judul_kaki": "Rekapitulasi Penyaluran Bantuan Sosial TA 2026",
        "filter": {"tahun_anggaran": 2026},
        "uraian": [("Tahun Anggaran", "2026"), ("Wilayah", "Semua kecamatan")],
        "batas_penyampaian": dt.date(2027, 1, 5),
        "ukuran_kertas": "A4",
    }
    # The sampler reads /proc/<pid>/smaps_rollup, which walks every page table under the memory
    # map lock of the process it reads: it slows the workers it measures. So time and memory are
    # measured in separate runs of the same render.
    pengukur = Pengukur()
    if memori:
        pengukur.start()
    out = Path(tempfile.mkdtemp()) / "rekap.pdf"
    anak0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    flt0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    t0 = time.perf_counter()
    c0 = time.process_time()
    stat = render_rekap(rekap, meta, out, cache_dir=Path(cache), pekerja=pekerja, profil=profil)
    detik = time.perf_counter() - t0
    anak1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (
        time.process_time()
        - c0
        + (anak1.ru_utime - anak0.ru_utime)
        + (anak1.ru_stime - anak0.ru_stime)
    )
    if memori:
        pengukur.berhenti.set()
        pengukur.join()
    sendiri = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    anak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    ukuran = out.stat().st_size
    out.unlink()
    return {
        "detik": detik,
        "cpu": cpu,
        "pss_puncak_mb": pengukur.puncak_kb / 1024 if memori else None,
        # Minor page faults of the render (all processes): see laporan.rekap_pdf.KEDALAMAN_AWAL.
        "minflt": anak1.ru_minflt
        - anak0.ru_minflt
        + resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        - flt0,
        "rss_sendiri_mb": sendiri,
        "rss_pekerja_maks_mb": anak,
        "batas_atas_mb": sendiri + (pekerja or min(2, os.cpu_count() or 1)) * anak,
        "halaman": stat.halaman,
        "baris_dirender": stat.baris_dirender,
        "grup_dipakai_ulang": stat.grup_dipakai_ulang,
        "halaman_dipakai_ulang": stat.halaman_dipakai_ulang,
        "ukuran_kb": ukuran // 1024,
        "detik_render": stat.detik_render,
        "detik_gabung": stat.detik_gabung,
    }


def kalibrasi(langkah: int = 6, sampai: int = 132) -> None:
    """Minor page faults of one 300-row group render per starting depth (see
    `laporan.rekap_pdf.KEDALAMAN_AWAL`): where the count is low, the render's call stack stays
    inside one CPython frame-stack chunk. Re-run after upgrading Python or WeasyPrint."""
    _setup_django()
    from laporan import rekap_pdf as R
    from laporan.rekap import baris_cetak, susun

    g = max(susun(data(10000)).grup, key=lambda g: len(g.baris))
    tugas = {
        "slot": "kalibrasi",
        "dir": tempfile.mkdtemp(),
        "judul": g.judul,
        "baris": baris_cetak(g)[:300],
        "mulai": 0,
        "subtotal": "Rp 0,00",
        "ctx": {"ukuran_css": "A4 landscape"},
    }

    def satu() -> tuple[int, float]:
        r0, t0 = resource.getrusage(resource.RUSAGE_THREAD), time.thread_time()
        R.render_grup(tugas)
        return resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - r0.ru_minflt, (
            time.thread_time() - t0
        )

    R.render_grup(tugas)  # fonts, templates
    awal = R.KEDALAMAN_AWAL
    hasil = []
    for k in range(0, sampai + 1, langkah):
        R.KEDALAMAN_AWAL = k
        flt, cpu = min(R.di_kedalaman_tetap(satu) for _ in range(2))
        hasil.append((k, flt))
        tanda = " <- sekarang" if k == awal else ""
        print(f"kedalaman {k:4d}: {flt:7d} page faults, CPU {cpu:.3f} s{tanda}", flush=True)
    # The middle of the longest run of depths within 3x of the fewest faults.
    batas = 3 * min(f for _, f in hasil)
    terbaik: list[int] = []
    run: list[int] = []
    for k, f in hasil:
        run = [*run, k] if f <= batas else []
        if len(run) > len(terbaik):
            terbaik = run
    tengah = terbaik[len(terbaik) // 2]
    print(f"saran: KEDALAMAN_AWAL = {tengah} (rentang {terbaik[0]}-{terbaik[-1]}; sekarang {awal})")


def _sub(args: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, action="append", help="row counts (default 1k, 10k, 20k)")
    ap.add_argument("--pekerja", type=int, default=None, help="worker processes (default ≤ 2)")
    ap.add_argument(
        "--ulang",
        type=int,
        default=3,
        help="repeats per measurement; the fastest run counts (default 3)",
    )
    ap.add_argument(
        "--kalibrasi",
        action="store_true",
        help="page faults per starting depth of the render (laporan.rekap_pdf.KEDALAMAN_AWAL)",
    )
    ap.add_argument("--_ukur", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.kalibrasi:
        kalibrasi()
        return
    if a._ukur:
        jenis, n, *rest = a._ukur
        if jenis == "reportlab":
            print(json.dumps(ukur_reportlab(int(n))))
        else:
            hasil = ukur_weasy(
                int(n),
                rest[0],
                tambahan=jenis == "tambah",
                pekerja=a.pekerja,
                memori=jenis == "memori",
            )
            print(json.dumps(hasil))
        return
    ns = a.n or [1000, 10000, 20000]
    pk = ["--pekerja", str(a.pekerja)] if a.pekerja else []
    print(f"CPU: {os.cpu_count()}  beban awal: {os.getloadavg()[0]:.2f}")
    hasil = {}

    def terbaik(runs: list[dict]) -> dict:
        # The fastest of the repeats: the least disturbed by whatever else the machine runs.
        best = dict(min(runs, key=lambda r: r["detik"]))
        return best

    for n in ns:
        rls, wps, incs = [], [], []
        for _ in range(a.ulang):
            rls.append(_sub(["--_ukur", "reportlab", str(n)]))
            with tempfile.TemporaryDirectory() as cache:
                wps.append(_sub([*pk, "--_ukur", "penuh", str(n), cache]))
                if n == 10000:
                    # The +1% render starts from this repeat's full render cache.
                    incs.append(_sub([*pk, "--_ukur", "tambah", str(n), cache]))
        with tempfile.TemporaryDirectory() as cache:
            mem = _sub([*pk, "--_ukur", "memori", str(n), cache])
        rl, wp = terbaik(rls), terbaik(wps)
        inc = terbaik(incs) if incs else None
        wp["pss_puncak_mb"], wp["batas_atas_mb"] = mem["pss_puncak_mb"], mem["batas_atas_mb"]
        wp["rss_sendiri_mb"], wp["rss_pekerja_maks_mb"] = (
            mem["rss_sendiri_mb"],
            mem["rss_pekerja_maks_mb"],
        )
        hasil[n] = (rl, wp, inc)
        semua = ", ".join(f"{r['detik']:.2f}" for r in wps)
        print(
            f"n={n:>6}  reportlab {rl['detik']:7.2f} s   rekap {wp['detik']:7.2f} s "
            f"({wp['halaman']} hal., {wp['ukuran_kb']} KB)   rasio {wp['detik'] / rl['detik']:.2f}"
            f"   CPU {rl['cpu']:.1f} / {wp['cpu']:.1f} s   page faults {wp['minflt']}"
            f"   [rekap per ulangan: {semua} s]",
            flush=True,
        )
        print(
            f"          memori (run terpisah, {mem['detik']:.1f} s): PSS puncak "
            f"{mem['pss_puncak_mb']:.0f} MB, batas atas {mem['batas_atas_mb']:.0f} MB (induk "
            f"{mem['rss_sendiri_mb']:.0f} + pekerja {mem['rss_pekerja_maks_mb']:.0f})",
            flush=True,
        )
        if inc:
            print(
                f"          +1% baris: {inc['detik']:.2f} s, dirender ulang {inc['baris_dirender']}"
                f" baris, {inc['halaman_dipakai_ulang']} halaman dipakai ulang "
                f"→ rasio {inc['detik'] / wp['detik']:.3f}",
                flush=True,
            )
    ratio = growth = peak = incr = float("nan")
    if 10000 in hasil:
        ratio = hasil[10000][1]["detik"] / hasil[10000][0]["detik"]
        incr = hasil[10000][2]["detik"] / hasil[10000][1]["detik"]
    if 20000 in hasil:
        peak = hasil[20000][1]["pss_puncak_mb"]
        if 10000 in hasil:
            growth = hasil[20000][1]["detik"] / hasil[10000][1]["detik"]
    if 10000 in hasil:
        rl, wp, inc = hasil[10000]
        print(
            f"CPU (tak bergantung beban mesin): 10k rekap/reportlab = {wp['cpu'] / rl['cpu']:.2f}, "
            f"+1%/penuh = {inc['cpu'] / wp['cpu']:.3f}"
            + (f", 20k/10k = {hasil[20000][1]['cpu'] / wp['cpu']:.2f}" if 20000 in hasil else "")
        )
    print(f"beban akhir: {os.getloadavg()[0]:.2f}")
    print(
        f"RESULT ratio_10k_vs_reportlab={ratio:.2f} peak_mb_20k={peak:.0f} "
        f"growth_20k_vs_10k={growth:.2f} incremental_ratio={incr:.3f}"
    )


if __name__ == "__main__":
    main()
