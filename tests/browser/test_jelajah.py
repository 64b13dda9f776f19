"""Every link a demo role is shown works for that role: a crawl from the beranda through the
Django test client (no browser), GET only, over the demo with one application at every step
of B4. No page may answer 403, 404 or any other error to the role that was shown its link —
a link a role may not follow should not be shown (rule: nothing a role cannot act on) — and no
page, letter included, may say "rupiah rupiah" (the terbilang already ends with "rupiah").

Bounded so it stays fast: at most MAKS_HALAMAN pages per role, MAKS_VARIAN query strings of one
path (filters and pages of a list are the same view), MAKS_POLA pages of one pattern (the
fifth person's page is the template of the first), MAKS_UNDUHAN files of one kind (each
letter is one template; its text is checked too). Every application's own page is opened: the
demo has one at each step of B4, and what a page shows depends on the step.
"""

import re
from collections import deque
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import urljoin, urlsplit

import pytest

from dinsos.models import User

from .conftest import PERAN_DEMO, muat_demo_kecil

pytestmark = pytest.mark.django_db

MAKS_HALAMAN = 150
MAKS_VARIAN = 3
MAKS_POLA = 5
MAKS_UNDUHAN = 2
SEMUA_DIBUKA = re.compile(r"^/bansos/\d+/$")
# Leaving is a POST form; the admin is Django's own and is not part of the office's pages.
LEWATI = re.compile(r"^/(keluar|admin)/")
# Files: the office's letters and spreadsheets, and the documents uploaded to an application.
UNDUHAN = re.compile(r"(\.(pdf|xlsx|csv|zip)$|^/bansos/\d+/(dokumen/\d+|bukti-pencairan)/$)")
# Letters the system prints (their text is checked); uploads are the officers' own scans.
SURAT = re.compile(r"^/laporan/.*\.pdf$")
RUPIAH_GANDA = re.compile(r"\brupiah\s+rupiah\b", re.IGNORECASE)


class _Tautan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.href: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.href.append(href)


def _teks_html(html: str) -> str:
    """What the reader sees: tags dropped, whitespace collapsed ("rupiah</b> rupiah")."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _teks_pdf(isi: bytes) -> str:
    from pypdf import PdfReader

    return re.sub(
        r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(BytesIO(isi)).pages)
    )


def _tautan(dari: str, html: str) -> list[str]:
    p = _Tautan()
    p.feed(html)
    hasil = []
    for href in p.href:
        if href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        u = urlsplit(urljoin("http://testserver" + dari, href))
        if u.scheme in ("http", "https") and u.netloc == "testserver":
            hasil.append(u.path + (f"?{u.query}" if u.query else ""))
    return hasil


def jelajah(client, peran: str) -> tuple[list[str], int]:
    """Crawl as the logged-in client; returns the problems and the number of pages opened."""
    antre: deque[tuple[str, str]] = deque([("/", "(awal)")])
    dilihat: set[str] = {"/"}
    varian: dict[str, int] = {}
    masalah: list[str] = []
    per_pola: dict[str, int] = {}
    dibuka = 0
    while antre and dibuka < MAKS_HALAMAN:
        url, asal = antre.popleft()
        path = urlsplit(url).path
        pola = re.sub(r"\d+", "N", path)
        batas = MAKS_UNDUHAN if UNDUHAN.search(path) else MAKS_POLA
        if not SEMUA_DIBUKA.match(path):
            if per_pola.get(pola, 0) >= batas:
                continue
            per_pola[pola] = per_pola.get(pola, 0) + 1
        dibuka += 1
        try:
            resp = client.get(url)
        except Exception as e:  # a server error: the test client re-raises it
            masalah.append(f"{peran}: {url} (dari {asal}) → 500 {type(e).__name__}: {e}"[:400])
            continue
        kode = resp.status_code
        if kode in (403, 404) or kode >= 400:
            masalah.append(f"{peran}: {url} (dari {asal}) → {kode}")
            continue
        if kode in (301, 302, 303, 307, 308):
            ke = urlsplit(urljoin("http://testserver" + url, resp["Location"]))
            if ke.path.startswith("/masuk/"):
                masalah.append(f"{peran}: {url} (dari {asal}) → dialihkan ke halaman masuk")
            elif ke.netloc in ("", "testserver"):
                tujuan = ke.path + (f"?{ke.query}" if ke.query else "")
                if tujuan not in dilihat:
                    dilihat.add(tujuan)
                    antre.append((tujuan, url))
            continue
        jenis = resp.get("Content-Type", "")
        isi = b"".join(resp.streaming_content) if resp.streaming else resp.content
        if jenis.startswith("application/pdf") and SURAT.match(path):
            teks = _teks_pdf(isi)
        elif jenis.startswith("text/html"):
            html = isi.decode(resp.charset or "utf-8", errors="replace")
            teks = _teks_html(html)
            for t in _tautan(url, html):
                p = urlsplit(t)
                if t in dilihat or LEWATI.match(p.path):
                    continue
                if p.query:
                    if varian.get(p.path, 0) >= MAKS_VARIAN:
                        continue
                    varian[p.path] = varian.get(p.path, 0) + 1
                dilihat.add(t)
                antre.append((t, url))
        else:
            continue
        for m in RUPIAH_GANDA.finditer(teks):
            potongan = teks[max(0, m.start() - 60) : m.end() + 10]
            masalah.append(f"{peran}: {url} memuat 'rupiah rupiah': …{potongan}…")
            break
    return masalah, dibuka


@pytest.mark.parametrize("peran", PERAN_DEMO)
def test_setiap_tautan_yang_ditampilkan_dapat_dibuka(peran, client, monkeypatch):
    muat_demo_kecil(monkeypatch)
    client.force_login(User.objects.get(username=peran))
    masalah, dibuka = jelajah(client, peran)
    assert dibuka >= 10, f"{peran}: hanya {dibuka} halaman terjangkau dari beranda"
    assert not masalah, f"{peran}: {len(masalah)} masalah dari {dibuka} halaman\n" + "\n".join(
        masalah
    )
