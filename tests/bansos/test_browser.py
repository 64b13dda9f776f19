"""One biaya hidup application taken through every step of B4 in headless Chromium, using only
the pages, as the officers would: the village officer applies with uploads, the Camat's office
acknowledges, the Tim Verifikasi verifies, the Kepala Dinas recommends and sends it to BPKAD in
a pengajuan pencairan, the Bendahara disburses. The status shown after each step and, at the
end, the database and its history rows (B9) are checked.

Needs Debian's `chromium` and `chromium-driver` (installed by .ci/run). Without them the test
FAILS, so a missing browser is never mistaken for a pass; set SKIP_BROWSER_TESTS=1 to skip it
on a machine that cannot have one.
"""

import os
import shutil
import struct
import tempfile
import zlib
from pathlib import Path

import pytest

from bansos.models import Pencairan, PengajuanPencairan, Permohonan, Rekomendasi, Verifikasi
from dinsos.models import Peran, Riwayat
from tests import factories as f
from tests.bansos.conftest import buat_pagu, penerima

pytestmark = [
    pytest.mark.browser,
    # Serialized: the categories of the data migrations are back even after another
    # transactional test emptied the database, and the next one finds them too.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
SANDI = "rahasia"
TUNGGU = 15


def _png() -> bytes:
    """A real 1×1 white PNG."""

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _pdf() -> bytes:
    """A minimal one-page PDF with a correct xref table."""
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    isi, posisi = b"%PDF-1.4\n", []
    for i, o in enumerate(objek, 1):
        posisi.append(len(isi))
        isi += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(isi)
    isi += f"xref\n0 {len(objek) + 1}\n0000000000 65535 f \n".encode()
    isi += b"".join(f"{p:010d} 00000 n \n".encode() for p in posisi)
    isi += f"trailer\n<< /Size {len(objek) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return isi


@pytest.fixture
def tanpa_media_url(monkeypatch):
    """There is no MEDIA_URL (uploads are private); Django's live server still wraps the app in
    a media handler that cannot cope with MEDIA_URL=None. It must handle nothing."""
    from django.test import testcases

    monkeypatch.setattr(testcases._MediaFilesHandler, "_should_handle", lambda self, path: False)


@pytest.fixture
def bersih_setelahnya():
    """After the test, pytest-django empties the database. PostgreSQL does it with TRUNCATE,
    which the append-only triggers of dinsos_riwayat (B9) do not see; SQLite deletes row by
    row, which they refuse. So on SQLite the history of this throw-away database is removed
    here, with the triggers lifted for that one statement and put back exactly as migrated."""
    yield
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from dinsos.db import append_only_sql

    # Content types made during this test vanish with the flush; the process-wide cache must
    # not hand their ids to the next test (its history rows would point at nothing).
    ContentType.objects.clear_cache()
    if connection.vendor != "sqlite":
        return
    pasang, lepas = append_only_sql("dinsos_riwayat")
    with connection.cursor() as c:
        for sql in lepas["sqlite"]:
            c.execute(sql)
        c.execute("DELETE FROM dinsos_riwayat")
        for sql in pasang["sqlite"]:
            c.execute(sql)


@pytest.fixture
def browser(tanpa_media_url, bersih_setelahnya):
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip("SKIP_BROWSER_TESTS=1: uji peramban dilewati atas permintaan.")
    chromium = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    driver = CHROMEDRIVER if os.path.exists(CHROMEDRIVER) else shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.fail(
            "Chromium/chromedriver tidak terpasang (dicari di /usr/bin/chromium dan "
            "/usr/bin/chromedriver). Pasang dengan `apt-get install -y chromium chromium-driver` "
            "(.ci/run melakukannya), atau set SKIP_BROWSER_TESTS=1 untuk melewati uji ini."
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profil = tempfile.mkdtemp(prefix="dinsos-chromium-")
    opsi = Options()
    opsi.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profil}",
        "--window-size=1280,1000",
    ):
        opsi.add_argument(arg)
    d = webdriver.Chrome(options=opsi, service=Service(executable_path=driver))
    d.set_page_load_timeout(30)
    try:
        yield d
    finally:
        d.quit()
        shutil.rmtree(profil, ignore_errors=True)


class Petugas:
    """Small helpers so the test reads like the officer's clicks."""

    def __init__(self, driver, base):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait

        self.d, self.base, self.By, self.EC = driver, base, By, EC
        self.tunggu = WebDriverWait(driver, TUNGGU)

    def buka(self, path):
        self.d.get(self.base + path)

    def masuk(self, username):
        self.d.delete_all_cookies()
        self.buka("/masuk/")
        self.isi("id_username", username)
        self.isi("id_password", SANDI)
        self.tekan("Masuk")
        self.tunggu.until(self.EC.presence_of_element_located((self.By.CLASS_NAME, "mainnav")))

    def isi(self, id_, teks):
        el = self.d.find_element(self.By.ID, id_)
        el.clear()
        el.send_keys(teks)

    def tekan(self, label):
        xpath = f"//button[normalize-space()='{label}'] | //input[@type='submit'][@value='{label}']"
        self.d.find_element(self.By.XPATH, xpath).click()

    def klik(self, teks):
        self.tunggu.until(
            self.EC.element_to_be_clickable((self.By.PARTIAL_LINK_TEXT, teks))
        ).click()

    def berkas(self, nama, path):
        self.d.find_element(self.By.NAME, nama).send_keys(str(path))

    def status(self, harap):
        self.tunggu.until(
            self.EC.text_to_be_present_in_element((self.By.ID, "status-permohonan"), harap)
        )
        return self.d.find_element(self.By.ID, "status-permohonan").text

    def memuat(self, harap):
        """Wait until the page shows `harap`: after a click the old page may still be there,
        or be replaced while it is read (a stale element)."""
        from selenium.common.exceptions import StaleElementReferenceException

        def ada(d):
            try:
                return harap in d.find_element(self.By.TAG_NAME, "body").text
            except StaleElementReferenceException:
                return False

        self.tunggu.until(ada, message=f"teks tidak muncul: {harap!r}")
        return True


def test_satu_permohonan_melalui_semua_langkah(browser, live_server, tmp_path):
    wil = f.wilayah()
    akun = {
        "desa": f.buat_user(peran=Peran.OPERATOR_DESA, desa=wil["desa1"], username="desa"),
        "kecamatan": f.buat_user(
            peran=Peran.OPERATOR_KECAMATAN, kecamatan=wil["kec1"], username="kecamatan"
        ),
        "verifikator": f.buat_user(peran=Peran.TIM_VERIFIKASI, username="verifikator"),
        "kadis": f.buat_user(peran=Peran.KEPALA_DINAS, username="kadis"),
        "bendahara": f.buat_user(peran=Peran.BENDAHARA, username="bendahara"),
    }
    petugas = f.buat_user(peran=Peran.PETUGAS_DINAS, username="petugas")
    orang = penerima(desa=wil["desa1"], penilai=petugas, nama="Painem Sutini")  # fakir miskin
    buat_pagu("biaya_hidup", 100_000_000)
    berkas = {"surat": tmp_path / "surat.pdf", "ktp": tmp_path / "ktp.png"}
    berkas["surat"].write_bytes(_pdf())
    berkas["ktp"].write_bytes(_png())
    kk, skm = tmp_path / "kk.pdf", tmp_path / "skm.pdf"
    kk.write_bytes(_pdf())
    skm.write_bytes(_pdf())

    b = Petugas(browser, live_server.url)

    # 1. The village officer applies, with the documents (B5), through the form.
    b.masuk("desa")
    b.buka("/bansos/kotak-masuk/")
    b.klik("Permohonan baru")
    b.klik("Bantuan biaya hidup sehari-hari")
    b.isi("id_identitas", orang.nik)
    b.isi("id_jumlah_diminta", "1750000")
    b.isi("id_nomor_surat_permohonan", "474/12/Ds.Widoro/2026")
    b.isi("id_uraian", "Kebutuhan makan sehari-hari lansia sebatang kara")
    b.isi("id_nama_lurah", "Sutrisno")
    b.berkas("dok_surat_permohonan", berkas["surat"])
    b.berkas("dok_ktp", berkas["ktp"])
    b.berkas("dok_kk", kk)
    b.berkas("dok_skm", skm)
    # The inline script marks chosen documents at once (the page works without it too).
    assert browser.find_element(b.By.CSS_SELECTOR, "li.dipilih .bs-dipilih").text.startswith(
        "Dipilih:"
    )
    b.tekan("Ajukan permohonan")
    assert b.status("Diajukan, menunggu diketahui Camat")
    assert b.memuat("Semua dokumen wajib sudah diunggah")
    p = Permohonan.objects.get()
    assert p.dokumen.count() == 4

    # 2. The kecamatan office records that the Camat knows it.
    b.masuk("kecamatan")
    b.buka("/bansos/kotak-masuk/")
    b.klik(p.nomor)
    b.isi("id_nama_camat", "Drs. Hadi Santoso")
    b.tekan("Catat diketahui Camat")
    assert b.status("Menunggu verifikasi")

    # 3. The Tim Verifikasi checks every document and passes it.
    b.masuk("verifikator")
    b.buka("/bansos/kotak-masuk/")
    b.klik(p.nomor)
    b.klik("Buka lembar verifikasi")
    for kotak in browser.find_elements(b.By.CSS_SELECTOR, "input[type=checkbox][name^=cek_]"):
        kotak.click()
    browser.find_element(b.By.CSS_SELECTOR, "input[name=hasil][value=lolos]").click()
    b.isi("id_nomor_berita_acara", "BA/017/408.40/2026")
    b.tekan("Simpan hasil verifikasi")
    assert b.status("Terverifikasi, menunggu rekomendasi")

    # 4. The Kepala Dinas recommends, then sends it to BPKAD in a pengajuan pencairan.
    b.masuk("kadis")
    b.buka("/bansos/kotak-masuk/")
    b.klik(p.nomor)
    b.klik("Beri rekomendasi")
    assert b.memuat("sisa")
    b.isi("id_jumlah", "1500000")
    b.isi("id_nomor_surat", "460/088/408.40/2026")
    b.tekan("Simpan keputusan")
    assert b.status("Direkomendasikan")
    b.klik("Masukkan ke pengajuan pencairan")
    assert browser.find_element(b.By.CSS_SELECTOR, "input[name=permohonan]").is_selected()
    b.isi("id_nomor_surat", "900/101/408.40/2026")
    b.tekan("Buat pengajuan pencairan")
    # The form itself lives under /bansos/pengajuan/baru/: wait for the new batch's own page,
    # or the body may be read while the browser is still leaving the form.
    b.tunggu.until(b.EC.url_matches(r"/bansos/pengajuan/\d+/$"))
    assert b.memuat("Rp 1.500.000,00")
    b.klik(p.nomor)
    assert b.status("Diajukan pencairan ke BPKAD")

    # 5. The Bendahara disburses in cash against a signed kwitansi (B6).
    b.masuk("bendahara")
    b.buka("/bansos/kotak-masuk/")
    b.klik(p.nomor)
    b.klik("Catat pencairan")
    b.isi("id_nomor_kwitansi", "KW/2026/0031")
    b.isi("id_nama_penerima", "Painem Sutini")
    b.berkas("bukti", berkas["surat"])
    b.tekan("Catat pencairan")
    assert b.status("Dicairkan")
    assert b.memuat("Selesai: bantuan telah dicairkan.")

    # The database agrees with what the pages showed.
    p.refresh_from_db()
    assert p.status == "dicairkan"
    assert p.nama_camat == "Drs. Hadi Santoso" and p.tanggal_diketahui_camat is not None
    v = Verifikasi.objects.get(permohonan=p)
    assert v.hasil == "lolos" and v.verifikator == akun["verifikator"]
    assert all(v.checklist.values()) and len(v.checklist) == 4
    rek = Rekomendasi.objects.get(permohonan=p)
    assert rek.layak and rek.jumlah == 1_500_000 and rek.kepala_dinas == akun["kadis"]
    cair = Pencairan.objects.get(permohonan=p)
    assert cair.jumlah == 1_500_000 and cair.mode == "tunai"
    assert cair.bendahara == akun["bendahara"] and cair.bukti_tipe == "application/pdf"
    assert PengajuanPencairan.objects.get().status == "selesai"

    # B9: one history row per step, by the officer who took it, in order.
    riwayat = list(
        Riwayat.objects.filter(object_id=str(p.pk), content_type__model="permohonan")
        .exclude(aksi=Riwayat.Aksi.UNDUH)
        .order_by("pk")
    )
    langkah = [
        (r.pengguna and r.pengguna.username, r.perubahan["status"][1])
        for r in riwayat
        if "status" in r.perubahan
    ]
    assert langkah == [
        ("desa", "diajukan"),
        ("kecamatan", "menunggu_verifikasi"),
        ("verifikator", "terverifikasi"),
        ("kadis", "direkomendasikan"),
        ("kadis", "diajukan_pencairan"),
        ("bendahara", "dicairkan"),
    ]
    unggahan = [r for r in riwayat if "dokumen" in r.perubahan]
    assert len(unggahan) == 4 and {r.pengguna and r.pengguna.username for r in unggahan} == {"desa"}
    assert Path(cair.bukti.path).exists()
