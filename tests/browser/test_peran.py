"""Every demo role's first morning in a real browser, on a 390 × 844 phone and a 1366 × 900
screen: log in through the form, open the beranda, every page of the menu that role is shown
and the first application of its inbox, and on each check that

* the page itself does not scroll sideways (wide tables scroll inside their own box),
* the console shows no error (a failed load, a script error),
* nothing is requested from outside the server (every Performance API resource is ours),
* axe-core finds no violation of impact serious or critical,
* and, on the screen, the role's "menunggu tindakan Anda" queue is in view without scrolling.

All problems of one role are collected and reported together, each with width, URL and rule,
so one run tells what is left. A full-page screenshot of each beranda at both widths is
written to $TANGKAPAN_DIR (default tests/browser/tangkapan/) for a reviewer to look at.

The viewport is set through the DevTools protocol, without mobile emulation: a phone browser
would zoom out a page wider than the screen, which hides the sideways scroll this checks.
"""

import base64
import re
from urllib.parse import urlsplit

import pytest

from .conftest import PERAN_DEMO, SANDI_DEMO, muat_demo_kecil

pytestmark = [
    pytest.mark.browser,
    # Not serialized: restoring a serialized database after a transactional test whose flush
    # re-created the content types (the PostgreSQL concurrency tests) inserts them twice. The
    # flush after this test re-creates the reference data through post_migrate instead.
    pytest.mark.django_db(transaction=True),
]

LEBAR = {"ponsel": (390, 844), "layar": (1366, 900)}
# Downloads (letters, spreadsheets) are not pages: the crawl test opens them.
BUKAN_HALAMAN = re.compile(r"\.(pdf|xlsx|csv|zip)$")
DETAIL_PERMOHONAN = re.compile(r"^/bansos/\d+/$")
DAMPAK_DITOLAK = {"serious", "critical"}

JS_SUMBER_LUAR = """
const asal = location.origin + "/";
return performance.getEntriesByType("resource").map(e => e.name)
  .filter(n => !n.startsWith(asal) && !/^(data|blob|about):/.test(n));
"""
JS_ANTRIAN = """
const kandidat = document.querySelectorAll(
  "main h1, main h2, main h3, main h4, main summary, main caption, main [aria-label]");
for (const el of kandidat) {
  const teks = (el.getAttribute("aria-label") || "") + " " + el.textContent;
  if (/menunggu tindakan anda/i.test(teks)) {
    const r = el.getBoundingClientRect();
    return {top: r.top, tinggi: innerHeight, scrollY: scrollY, teks: el.textContent.trim()};
  }
}
return null;
"""


class Pemeriksa:
    def __init__(self, driver, base):
        from axe_selenium_python import Axe
        from selenium.webdriver.common.by import By

        self.d, self.base, self.By = driver, base, By
        self.axe = Axe(driver)
        self.lebar = ""

    def ukuran(self, nama, lebar, tinggi):
        self.lebar = nama
        self.d.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": lebar, "height": tinggi, "deviceScaleFactor": 1, "mobile": False},
        )

    def buka(self, path):
        self.d.get(self.base + path)
        return urlsplit(self.d.current_url).path

    def masuk(self, username):
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait

        self.d.delete_all_cookies()
        self.buka("/masuk/")
        self.d.find_element(self.By.ID, "id_username").send_keys(username)
        self.d.find_element(self.By.ID, "id_password").send_keys(SANDI_DEMO)
        self.d.find_element(self.By.CSS_SELECTOR, "form [type=submit]").click()
        WebDriverWait(self.d, 15).until(
            EC.presence_of_element_located((self.By.CLASS_NAME, "mainnav")),
            message=f"{username}: tidak berhasil masuk dengan sandi demo",
        )

    def halaman_utama(self):
        """The beranda, every page of the menu this role is shown, the first application of
        its inbox (where the amount and its terbilang are)."""
        self.buka("/")
        halaman = ["/"]
        for a in self.d.find_elements(self.By.CSS_SELECTOR, "nav.mainnav a[href]"):
            u = urlsplit(a.get_attribute("href"))
            if u.netloc == urlsplit(self.base).netloc and not BUKAN_HALAMAN.search(u.path):
                path = u.path + (f"?{u.query}" if u.query else "")
                if path not in halaman:
                    halaman.append(path)
        if "/bansos/kotak-masuk/" in halaman:
            self.buka("/bansos/kotak-masuk/")
            for a in self.d.find_elements(self.By.CSS_SELECTOR, "main a[href]"):
                path = urlsplit(a.get_attribute("href")).path
                if DETAIL_PERMOHONAN.match(path):
                    halaman.append(path)
                    break
        self.d.get_log("browser")  # what the set-up pages logged is not counted below
        return halaman

    def periksa(self, path):
        """The problems of one page at the current width, as readable lines."""
        tempat = f"[{self.lebar}] {path}"
        masalah = []
        sampai = self.buka(path)
        if sampai.startswith("/masuk/"):
            return [f"{tempat}: dialihkan ke halaman masuk"]
        lebar = self.d.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        if lebar[0] > lebar[1]:
            masalah.append(
                f"{tempat}: halaman bergulir ke samping (scrollWidth {lebar[0]} > "
                f"innerWidth {lebar[1]}){self._terlebar(lebar[1])}"
            )
        for log in self.d.get_log("browser"):
            if log.get("level") == "SEVERE":
                masalah.append(f"{tempat}: galat konsol: {log.get('message', '')[:300]}")
        for luar in self.d.execute_script(JS_SUMBER_LUAR):
            masalah.append(f"{tempat}: memuat dari luar server: {luar}")
        self.axe.inject()
        hasil = self.axe.run()
        for v in hasil["violations"]:
            if v.get("impact") in DAMPAK_DITOLAK:
                node = v["nodes"][0] if v["nodes"] else {}
                masalah.append(
                    f"{tempat}: axe {v['id']} ({v['impact']}, {len(v['nodes'])} elemen): "
                    f"{v['help']} — mis. {node.get('target')} {node.get('html', '')[:160]}"
                )
        return masalah

    def _terlebar(self, batas):
        """Name the widest element past the right edge, so the failure can be routed."""
        el = self.d.execute_script(
            """
            let terlebar = null, kanan = arguments[0];
            for (const el of document.body.querySelectorAll("*")) {
              const r = el.getBoundingClientRect();
              if (r.right > kanan + 0.5) { kanan = r.right; terlebar = el; }
            }
            if (!terlebar) return "";
            return terlebar.tagName.toLowerCase() + (terlebar.id ? "#" + terlebar.id : "")
              + (terlebar.className && typeof terlebar.className === "string"
                 ? "." + terlebar.className.trim().split(/\\s+/).join(".") : "")
              + " sampai x=" + Math.round(kanan);
            """,
            batas,
        )
        return f"; terlebar: {el}" if el else ""

    def antrian(self):
        return self.d.execute_script(JS_ANTRIAN)

    def tangkap(self, path_berkas, lebar):
        """A full-page screenshot (the whole beranda, not only the first screen)."""
        metrik = self.d.execute_cdp_cmd("Page.getLayoutMetrics", {})
        isi = metrik.get("cssContentSize") or metrik["contentSize"]
        tinggi = min(int(isi["height"]) + 1, 12000)
        png = self.d.execute_cdp_cmd(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": lebar, "height": tinggi, "scale": 1},
            },
        )
        path_berkas.write_bytes(base64.b64decode(png["data"]))


@pytest.mark.parametrize("peran", PERAN_DEMO)
def test_halaman_utama_setiap_peran(
    peran, chromium, live_server, monkeypatch, tangkapan_dir, capsys
):
    muat_demo_kecil(monkeypatch)
    b = Pemeriksa(chromium, live_server.url)
    b.masuk(peran)
    halaman = b.halaman_utama()
    assert len(halaman) >= 3, f"{peran}: menu hampir kosong: {halaman}"

    masalah = []
    for nama, (lebar, tinggi) in LEBAR.items():
        b.ukuran(nama, lebar, tinggi)
        for path in halaman:
            masalah += b.periksa(path)
            if path != "/":
                continue
            # The beranda as it was checked: its screenshot, and on the screen its queue.
            berkas = tangkapan_dir / f"beranda-{peran}-{lebar}x{tinggi}.png"
            b.tangkap(berkas, lebar)
            with capsys.disabled():
                print(f"\nTangkapan layar beranda {peran} {lebar}×{tinggi}: {berkas}")
            if nama == "layar":
                b.buka("/")
                a = b.antrian()
                if a is None:
                    masalah.append(f"[{nama}] /: tidak ada panel 'Menunggu tindakan Anda'")
                elif not (a["scrollY"] == 0 and 0 <= a["top"] < a["tinggi"]):
                    masalah.append(
                        f"[{nama}] /: panel {a['teks'][:60]!r} di luar layar pertama "
                        f"(top {a['top']:.0f} px, innerHeight {a['tinggi']})"
                    )
    assert not masalah, f"{peran}: {len(masalah)} masalah\n" + "\n".join(masalah)
