"""The rekapitulasi as a PDF: fast for a whole year, and fast again after a few more rows.

WeasyPrint lays out a table row many times slower than ReportLab, and its time per row grows
with the length of one document. So the rekap is not one document:

1. Each group (jenis × kecamatan) starts on a new page and is rendered on its own, in pieces of
   at most `MAKS_BARIS` rows; a piece keeps all its pages but the last, and the next piece
   starts with the first row of that dropped page, so pages are as full as in one long
   document. Small renders (≤ `BATAS_GABUNG` rows) share one document to save WeasyPrint's
   fixed cost per document. Work is spread over worker processes (`pekerja`), at bounded memory
   each. (A rekap of at most `AMBANG_MENGALIR` rows is simply one flowing document.)
2. Each group's pages are cached on disk (`cache_dir`), with the rows they hold. When the rekap
   is made again, a group whose printed rows are unchanged reuses all its pages; a group that
   grew (new disbursements come later in the year, and rows are ordered by date) reuses every
   page whose rows are all unchanged and re-renders only from there on.
3. The opening part (letterhead, filters, summary) and the closing part (grand total in figures
   and words, signature) are small and rendered every time; pypdf then joins the parts and
   stamps "Halaman X dari Y" on every page in one light pass, since no part knows the total.
4. Every render starts in a fresh thread at a fixed call depth (`di_kedalaman_tetap`): on
   CPython 3.11/3.12 the depth decides whether WeasyPrint's recursion keeps unmapping and
   re-mapping a frame-stack chunk (up to a third of the time; see KEDALAMAN_AWAL).

Two savings per row on top (~30% together): the group template is well-formed XHTML parsed by
the C XML parser instead of WeasyPrint's pure-Python HTML5 parser, and the table grid is not
drawn by WeasyPrint cell by cell but stroked from the laid-out cell boxes as one path per page
during the joining pass. Figures: docs/performance.md, "Rekapitulasi PDF".

The cache is keyed by the exact strings printed and by the templates' source, so a change of
template, paper size or data can never reuse a stale page.
"""

import contextlib
import gc
import hashlib
import json
import multiprocessing
import os
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import weasyprint
from django.template.loader import get_template, render_to_string
from pypdf import PdfReader, PdfWriter

from dinsos.format import rupiah, terbilang

from .pdf import HanyaDataURI, konteks_cetak
from .rekap import Rekap, baris_cetak
from .stempel import stempel_halaman
from .weasy import HTMLRingkas, tata_halaman

VERSI_MESIN = "3"
MAKS_BARIS = 700
# Up to this many rows the rekap is one flowing document (see render_rekap).
AMBANG_MENGALIR = 600
# Group renders of at most this many rows are batched into one document.
BATAS_GABUNG = 150
# Below this many rows to render, forking worker processes costs more than it saves.
AMBANG_PARALEL = 200
T_GRUP = "laporan/rekap/grup.html"
T_AWAL = "laporan/rekap/awal.html"
T_AKHIR = "laporan/rekap/akhir.html"
# A group's rendering is kept this long after its last use, and at most this many variants per
# group (different filters give different rows for the same jenis × kecamatan).
CACHE_HARI = 45
CACHE_VARIAN = 4

Progres = Callable[[int, str], None]


# ---------------------------------------------------------------------------------------------
# Rendering one group (runs in a worker process)
# ---------------------------------------------------------------------------------------------

# The WeasyPrint internals live in laporan.weasy; these are the names this module calls.
_HTMLGrup, _tata_halaman = HTMLRingkas, tata_halaman


def _render_html(
    ctx: dict, grup: list[dict], *, garis_sendiri: bool = False, pisah_halaman: bool = False
):
    html = render_to_string(
        T_GRUP,
        {**ctx, "grup": grup, "garis_sendiri": garis_sendiri, "pisah_halaman": pisah_halaman},
    )
    return _HTMLGrup.dari_xhtml(html).render()


def _tulis_atomik(path: Path, isi: bytes | str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    mode = "wb" if isinstance(isi, bytes) else "w"
    with open(tmp, mode) as f:
        f.write(isi)
    os.replace(tmp, path)


def _render_potongan(ctx: dict, grup: list[dict], *, pisah_halaman: bool = False):
    """One WeasyPrint document; returns it with its page layout (see `_tata_halaman`)."""
    doc = _render_html(ctx, grup, garis_sendiri=True, pisah_halaman=pisah_halaman)
    tata = _tata_halaman(doc)
    if not any(t[1] for t in tata):  # boxes unreadable: let WeasyPrint draw the grid
        doc = _render_html(ctx, grup, pisah_halaman=pisah_halaman)
        tata = [(None, [], None)] * len(doc.pages)
    return doc, tata


class _TanpaGC:
    """Cyclic GC walks WeasyPrint's whole box tree again and again during layout; the tree is
    freed at once after each document, so collecting only then keeps time linear in the rows.
    Only the young generation is collected: with GC off it holds exactly that document's
    objects, while a full collection would walk all of Django as well."""

    def __enter__(self):
        self.aktif = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        gc.collect(0)
        if self.aktif:
            gc.enable()


# CPython 3.11 and 3.12 keep a thread's frames in 16 KiB chunks and unmap a chunk as soon as the
# call stack shrinks below it (gh-142183; 3.13 and 3.14 now keep one spare chunk). WeasyPrint's
# layout recurses up and down by a few kilobytes of frames millions of times; when that range
# straddles a chunk boundary every crossing costs an mmap, an munmap and fresh page faults — up to
# a third of the render time, and worse with two workers. The depth at which the render starts
# decides it, so each render starts at the same depth in a fresh thread, padded to a depth where
# the hot range sits inside one chunk (bench/rekap.py --kalibrasi: a render's minor page faults
# differ up to 15-fold by depth; see docs/performance.md). Harmless where CPython is fixed.
KEDALAMAN_AWAL = 48


def _turun(k: int, fn, args):
    if k <= 0:
        return fn(*args)
    return _turun(k - 1, fn, args)


def di_kedalaman_tetap(fn, *args):
    """Run `fn(*args)` in a fresh thread at call depth `KEDALAMAN_AWAL`; returns its result or
    raises its exception. The caller waits: this is about where the frames sit, not concurrency."""
    hasil: dict = {}

    def jalan():
        try:
            hasil["nilai"] = _turun(KEDALAMAN_AWAL, fn, args)
        except BaseException as e:  # re-raised in the caller's thread
            hasil["galat"] = e

    # A daemon: if the task worker is stopped meanwhile, the process does not wait for the render
    # (its temporary files are pruned by `bersihkan_cache`).
    utas = threading.Thread(target=jalan, name="rekap-render", daemon=True)
    utas.start()
    utas.join()
    if "galat" in hasil:
        raise hasil["galat"]
    return hasil["nilai"]


def render_grup(tugas: dict) -> dict:
    """Render rows [mulai, n) of one group into segment PDFs; returns the pages made.

    Top-level and free of database access, so it runs in a forked worker process.
    """
    dir_segmen = Path(tugas["dir"]) / "segmen"
    dir_segmen.mkdir(parents=True, exist_ok=True)
    baris = tugas["baris"]
    n = len(baris)
    c = tugas["mulai"]
    halaman: list[list[Any]] = []
    dirender = 0
    while c < n:
        akhir = min(c + MAKS_BARIS, n)
        terakhir = akhir == n
        grup = {
            "judul": tugas["judul"],
            "baris": [(i, i + 1, *baris[i]) for i in range(c, akhir)],
            "subtotal": tugas["subtotal"] if terakhir else "",
        }
        with _TanpaGC():
            doc, tata = _render_potongan(tugas["ctx"], [grup])
            pertama = [t[0] for t in tata]
            simpan = len(doc.pages)
            if not terakhir and simpan > 1 and pertama[-1] is not None:
                simpan -= 1  # the next piece starts with this page's first row
                lanjut = pertama[-1]
            else:
                lanjut = akhir
            nama = f"{uuid.uuid4().hex}.pdf"
            _tulis_atomik(dir_segmen / nama, doc.copy(doc.pages[:simpan]).write_pdf())
            del doc
        halaman.extend([nama, p, pertama[p], tata[p][1]] for p in range(simpan))
        dirender += akhir - c
        c = lanjut
    return {"slot": tugas["slot"], "halaman": halaman, "baris_dirender": dirender}


def render_gabungan(daftar: list[dict]) -> list[dict]:
    """Several small group renders (e.g. the last page of each group after a few more rows)
    in ONE document, each group from a new page: WeasyPrint's fixed cost per document
    (~50 ms) is paid once instead of per group."""
    dir_segmen = Path(daftar[0]["dir"]) / "segmen"
    dir_segmen.mkdir(parents=True, exist_ok=True)
    grup = [
        {
            "judul": t["judul"],
            "baris": [(i, i + 1, *t["baris"][i]) for i in range(t["mulai"], len(t["baris"]))],
            "subtotal": t["subtotal"],
        }
        for t in daftar
    ]
    nama = f"{uuid.uuid4().hex}.pdf"
    with _TanpaGC():
        doc, tata = _render_potongan(daftar[0]["ctx"], grup, pisah_halaman=True)
        if tata[0][2] is None:
            # Pages cannot be told apart by group (boxes unreadable): one document each.
            del doc
            return [render_grup(t) for t in daftar]
        _tulis_atomik(dir_segmen / nama, doc.write_pdf())
        del doc
    hasil = [
        {"slot": t["slot"], "halaman": [], "baris_dirender": len(t["baris"]) - t["mulai"]}
        for t in daftar
    ]
    k = 0
    for p, (pertama, kotak, g) in enumerate(tata):
        if g is not None:
            k = g  # a page without data rows (only the subtotal) belongs to the one before
        hasil[k]["halaman"].append([nama, p, pertama, kotak])
    return hasil


# ---------------------------------------------------------------------------------------------
# The cache of group pages
# ---------------------------------------------------------------------------------------------


def _h(*bagian: str) -> str:
    h = hashlib.sha256()
    for b in bagian:
        h.update(b.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:32]


def _hash_baris(baris: list[tuple[str, ...]]) -> list[str]:
    return [hashlib.blake2b("\x1f".join(b).encode(), digest_size=8).hexdigest() for b in baris]


def versi_tampilan(ctx: dict) -> str:
    """Changes whenever anything that shapes a group page changes."""
    # The Django backend's wrapper holds the compiled template; the stub's protocol omits it.
    sumber = get_template(T_GRUP).template.source  # type: ignore[attr-defined]
    return _h(VERSI_MESIN, weasyprint.__version__, sumber, ctx["ukuran_css"])


@dataclass
class _Rencana:
    slot: str
    halaman_lama: list  # reused page refs [segment, page, first row]
    mulai: int | None  # first row to render, None when the whole group is reused
    hashes: list[str]


def _muat_entri(dir_slot: Path) -> list[dict]:
    entri = []
    for p in dir_slot.glob("*.json"):
        try:
            entri.append(json.loads(p.read_text()))
        except (OSError, ValueError):
            continue
    return entri


def _rencanakan(cache: Path, slot: str, hashes: list[str], dir_segmen: Path) -> _Rencana:
    terbaik, panjang = None, -1
    for e in _muat_entri(cache / "grup" / slot):
        if not all((dir_segmen / h[0]).exists() for h in e["halaman"]):
            continue
        lama = e["hashes"]
        if lama == hashes:
            return _Rencana(slot, e["halaman"], None, hashes)
        L = 0
        for a, b in zip(lama, hashes, strict=False):
            if a != b:
                break
            L += 1
        if panjang < L:
            terbaik, panjang = e, L
    if terbaik is None or panjang <= 0:
        return _Rencana(slot, [], 0, hashes)
    # Reuse page i when every row on it is unchanged; never the last page (it holds the
    # subtotal). A page's rows end where the next page's rows begin.
    hal = terbaik["halaman"]
    dipakai = []
    for i in range(len(hal) - 1):
        awal, berikut = hal[i][2], hal[i + 1][2]
        if awal is None or berikut is None or berikut > panjang:
            break
        dipakai.append(hal[i])
    mulai = hal[len(dipakai)][2] if dipakai else 0
    return _Rencana(slot, dipakai, mulai, hashes)


def _simpan_entri(cache: Path, slot: str, hashes: list[str], halaman: list) -> None:
    dir_slot = cache / "grup" / slot
    dir_slot.mkdir(parents=True, exist_ok=True)
    nama = _h(*hashes) + ".json"
    _tulis_atomik(dir_slot / nama, json.dumps({"hashes": hashes, "halaman": halaman}))


def bersihkan_cache(cache: Path, *, hari: int = CACHE_HARI) -> None:
    """Drop old group entries and the segment files no entry uses any more."""
    batas = time.time() - hari * 86400
    dipakai: set[str] = set()
    for dir_slot in (cache / "grup").glob("*"):
        entri = sorted(dir_slot.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for i, p in enumerate(entri):
            if i >= CACHE_VARIAN or p.stat().st_mtime < batas:
                p.unlink(missing_ok=True)
                continue
            try:
                dipakai.update(h[0] for h in json.loads(p.read_text())["halaman"])
            except (OSError, ValueError, KeyError):
                p.unlink(missing_ok=True)
    # A segment younger than an hour may belong to a render still running in another process.
    muda = time.time() - 3600
    for p in (cache / "segmen").glob("*.pdf"):
        if p.name not in dipakai and p.stat().st_mtime < muda:
            p.unlink(missing_ok=True)
    # Parts of a render whose worker was stopped before its `finally` could remove them.
    for p in [*(cache / "tmp").glob("*.pdf"), *(cache / "segmen").glob(".*.tmp")]:
        if p.stat().st_mtime < muda:
            p.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------
# The whole document
# ---------------------------------------------------------------------------------------------


@dataclass
class Statistik:
    halaman: int = 0
    grup: int = 0
    grup_dipakai_ulang: int = 0
    halaman_dipakai_ulang: int = 0
    baris: int = 0
    baris_dirender: int = 0
    detik: float = 0.0
    detik_render: float = 0.0  # group pages (and the opening/closing parts)
    detik_gabung: float = 0.0  # joining, page numbers, writing


def _konteks(rekap: Rekap, meta: dict, profil) -> dict:
    ctx = konteks_cetak(profil, ukuran=meta.get("ukuran_kertas"))
    # Landscape throughout: one line per recipient is shorter to print and ~15% faster to lay
    # out (WeasyPrint's cost grows with the number of text lines).
    ctx["ukuran_css"] = ctx["ukuran_css_lanskap"]
    ctx.update(meta)
    ctx.update(
        {
            "rekap": rekap,
            "total_rupiah": rupiah(rekap.total),
            "total_terbilang": terbilang(rekap.total),
            "tanpa_nomor_halaman": True,  # stamped on the joined document instead
        }
    )
    return ctx


def _ctx_grup(ctx: dict) -> dict:
    # Only plain values cross into the worker processes.
    return {"ukuran_css": ctx["ukuran_css"]}


class _Pembaca:
    """One PdfReader per file while joining (pages of a segment share its fonts)."""

    def __init__(self):
        self._r: dict[str, PdfReader] = {}

    def __call__(self, path: Path) -> PdfReader:
        key = str(path)
        if key not in self._r:
            self._r[key] = PdfReader(path)
        return self._r[key]


def _pool(pekerja: int):
    # fork: the children inherit the configured Django (templates, settings) and never touch
    # the database; the parent keeps its connection.
    return ProcessPoolExecutor(max_workers=pekerja, mp_context=multiprocessing.get_context("fork"))


def render_html_ke_berkas(html: str, path: str) -> None:
    """The opening/closing parts; top-level so a worker process can run it beside the groups."""
    weasyprint.HTML(string=html, url_fetcher=HanyaDataURI(), base_url=None).write_pdf(path)


def _jalankan_paralel(pekerja: int, kerja: list[tuple], bagian, terima) -> None:
    with _pool(pekerja) as pool:
        futures = {pool.submit(di_kedalaman_tetap, f, arg): f for f, arg, _ in kerja}
        # Small and last: they fill the gap while the last big group finishes.
        lain = [
            pool.submit(di_kedalaman_tetap, render_html_ke_berkas, html, str(path))
            for html, path in bagian
        ]
        for fut in as_completed(futures):
            terima(futures[fut], fut.result())
        for fut in lain:
            fut.result()


def _halaman_per_grup(
    rekap, ctx, cache, stat, lapor, pekerja, bagian: list[tuple[str, Path]]
) -> list[tuple[Path, int, list | None]]:
    """Paged mode: each group on its own pages, cached; returns the pages in order.

    `bagian` (HTML, path) are the opening and closing parts, rendered alongside."""
    dir_segmen = cache / "segmen"
    versi = versi_tampilan(ctx)
    lapor(5, "Memeriksa halaman yang dapat dipakai ulang")
    rencana: list[_Rencana] = []
    tugas: list[dict] = []
    for g in rekap.grup:
        baris = baris_cetak(g)
        hashes = _hash_baris(baris)
        slot = _h(versi, g.jenis, g.kecamatan_kode, g.judul)
        r = _rencanakan(cache, slot, hashes, dir_segmen)
        rencana.append(r)
        # Touch now: a segment used less than an hour ago is never pruned by a concurrent run.
        for seg in {h[0] for h in r.halaman_lama}:
            with contextlib.suppress(OSError):
                os.utime(dir_segmen / seg)
        stat.halaman_dipakai_ulang += len(r.halaman_lama)
        if r.mulai is None:
            stat.grup_dipakai_ulang += 1
            continue
        tugas.append(
            {
                "slot": slot,
                "dir": str(cache),
                "judul": g.judul,
                "baris": baris,
                "mulai": r.mulai,
                "subtotal": rupiah(g.jumlah),
                "ctx": _ctx_grup(ctx),
            }
        )

    hasil: dict[str, dict] = {}
    total_baris = sum(len(t["baris"]) - t["mulai"] for t in tugas) or 1
    selesai_baris = 0

    def _terima(h: dict, baris_tugas: int):
        nonlocal selesai_baris
        hasil[h["slot"]] = h
        selesai_baris += baris_tugas
        stat.baris_dirender += h["baris_dirender"]
        lapor(
            5 + int(80 * selesai_baris / total_baris),
            f"Menyusun halaman: {len(hasil)} dari {len(tugas)} kelompok",
        )

    # Large renders alone (in pieces); small ones batched into documents of about a piece.
    def sisa(t):
        return len(t["baris"]) - t["mulai"]

    kerja: list[tuple] = [(render_grup, t, sisa(t)) for t in tugas if sisa(t) > BATAS_GABUNG]
    kecil = sorted((t for t in tugas if sisa(t) <= BATAS_GABUNG), key=lambda t: t["judul"])
    # Enough batches to keep every worker busy, none longer than a piece.
    muat = min(MAKS_BARIS, max(BATAS_GABUNG, -(-sum(map(sisa, kecil)) // pekerja)))
    batch: list[dict] = []
    for t in kecil:
        if batch and sum(map(sisa, batch)) + sisa(t) > muat:
            kerja.append((render_gabungan, batch, sum(map(sisa, batch))))
            batch = []
        batch.append(t)
    if batch:
        kerja.append((render_gabungan, batch, sum(map(sisa, batch))))
    # Largest first, so the workers finish together.
    kerja.sort(key=lambda k: k[2], reverse=True)

    per_slot = {t["slot"]: t for t in tugas}

    def _terima_semua(fungsi, keluaran):
        for h in keluaran if fungsi is render_gabungan else [keluaran]:
            _terima(h, sisa(per_slot[h["slot"]]))

    if pekerja > 1 and len(kerja) > 1 and total_baris >= AMBANG_PARALEL:
        # The forked workers share the parent's heap copy-on-write; a collection in a worker
        # writes to the header of every object it visits and so copies those pages. Frozen
        # objects are never visited (at 20,000 rows ~15% fewer page faults in the workers; time
        # the same within noise); thawed afterwards.
        gc.freeze()
        try:
            _jalankan_paralel(pekerja, kerja, bagian, _terima_semua)
        finally:
            gc.unfreeze()
    else:
        for f, arg, _ in kerja:
            _terima_semua(f, di_kedalaman_tetap(f, arg))
        for html, path in bagian:
            di_kedalaman_tetap(render_html_ke_berkas, html, str(path))

    halaman: list[tuple[Path, int, list[Any] | None]] = []
    for r in rencana:
        if r.mulai is not None:
            r.halaman_lama = r.halaman_lama + hasil[r.slot]["halaman"]
            _simpan_entri(cache, r.slot, r.hashes, r.halaman_lama)
        halaman.extend(
            (dir_segmen / h[0], h[1], h[3] if len(h) > 3 else None) for h in r.halaman_lama
        )
        with contextlib.suppress(OSError):
            os.utime(cache / "grup" / r.slot / (_h(*r.hashes) + ".json"))
    return halaman


def _halaman_mengalir(
    rekap, ctx, path: Path, stat, lapor
) -> list[tuple[Path, int, list[Any] | None]]:
    """Flowing mode for a small rekap: one document, groups follow each other on the page."""
    lapor(10, f"Menata halaman rincian ({rekap.penerima} penerima)")
    grup = []
    for g in rekap.grup:
        baris = baris_cetak(g)
        grup.append(
            {
                "judul": g.judul,
                "baris": [(i, i + 1, *b) for i, b in enumerate(baris)],
                "subtotal": rupiah(g.jumlah),
            }
        )

    # Two steps, so the job page moves on between them; progress is written from this thread
    # only (a render thread would need a database connection of its own).
    doc = di_kedalaman_tetap(_render_html, _ctx_grup(ctx), grup)
    lapor(55, f"Menulis {len(doc.pages)} halaman rincian")
    di_kedalaman_tetap(doc.write_pdf, path)
    stat.baris_dirender = rekap.penerima
    return [(path, i, None) for i in range(len(doc.pages))]


def render_rekap(
    rekap: Rekap,
    meta: dict,
    tujuan: Path,
    *,
    cache_dir: Path,
    progres: Progres | None = None,
    pekerja: int | None = None,
    profil=None,
) -> Statistik:
    """Write the rekap PDF to `tujuan` (the caller makes it a temporary path and moves it into
    place only when this returns, so a stopped worker leaves no half file).

    Up to `AMBANG_MENGALIR` rows the groups flow one after another (a small year fits on a few
    pages and renders in seconds); above it each group starts on a new page so its pages can
    be cached and rendered in parallel.
    """
    t0 = time.perf_counter()
    lapor = progres or (lambda persen, tahap: None)
    cache = Path(cache_dir)
    (cache / "segmen").mkdir(parents=True, exist_ok=True)
    (cache / "tmp").mkdir(parents=True, exist_ok=True)
    ctx = _konteks(rekap, meta, profil)
    stat = Statistik(grup=len(rekap.grup), baris=rekap.penerima)
    pekerja = max(1, pekerja if pekerja is not None else min(2, os.cpu_count() or 1))
    sementara = [cache / "tmp" / f"{x}-{uuid.uuid4().hex}.pdf" for x in ("awal", "akhir", "rinci")]
    awal, akhir, rinci = sementara
    try:
        bagian: list[tuple[str, Path]] = [
            (render_to_string(T_AWAL, ctx), awal),
            (render_to_string(T_AKHIR, ctx), akhir),
        ]
        t1 = time.perf_counter()
        if rekap.penerima <= AMBANG_MENGALIR:
            rincian = _halaman_mengalir(rekap, ctx, rinci, stat, lapor)
            lapor(80, "Menyusun halaman ringkasan dan pengesahan")
            for html, path in bagian:
                di_kedalaman_tetap(render_html_ke_berkas, html, str(path))
        else:
            rincian = _halaman_per_grup(rekap, ctx, cache, stat, lapor, pekerja, bagian)
        t2 = time.perf_counter()
        stat.detik_render = t2 - t1
        lapor(90, "Menggabungkan dan memberi nomor halaman")
        writer = PdfWriter()
        pembaca = _Pembaca()
        garis: list = []
        for page in pembaca(awal).pages:
            writer.add_page(page)
            garis.append(None)
        for path, p, kotak in rincian:
            writer.add_page(pembaca(path).pages[p])
            garis.append(kotak)
        for page in pembaca(akhir).pages:
            writer.add_page(page)
            garis.append(None)
        stempel_halaman(writer, meta.get("judul_kaki", ""), garis)
        writer.add_metadata({"/Title": meta.get("judul", "Rekapitulasi"), "/Producer": ""})
        stat.halaman = len(writer.pages)
        with open(tujuan, "wb") as f:
            writer.write(f)
        stat.detik_gabung = time.perf_counter() - t2
    finally:
        for path in sementara:
            path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        bersihkan_cache(cache)
    stat.detik = time.perf_counter() - t0
    lapor(98, "Menyimpan berkas")
    return stat
