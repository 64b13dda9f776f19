"""Background jobs : progress, failure with its reason, retry, and no half file
when the worker stops mid-task."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from ekspor import berkas, runner, services
from ekspor.models import Ekspor

from .conftest import TA, penerima, sampai_dicairkan

pytestmark = pytest.mark.django_db


def _buat(user, jenis=Ekspor.Jenis.REKAP_PDF, **param):
    return services.ekspor_buat(
        oleh=user, jenis=jenis, parameter={"tahun_anggaran": TA, **param}, judul="Uji"
    )


def _sementara():
    return list(berkas.dir_sementara().glob("ekspor-*.part"))


def test_progres_mencapai_100_dan_halaman_menampilkan_unduhan(client_for, users, kantor):
    e = _buat(users["kadis"])
    assert e.status == Ekspor.Status.SELESAI and e.progres == 100 and e.percobaan == 1
    c = client_for(users["kadis"])
    r = c.get(reverse("ekspor:status", args=[e.pk]))
    assert r.json()["progres"] == 100 and r.json()["selesai"] is True
    assert r.json()["url_unduh"] == reverse("ekspor:unduh", args=[e.pk])
    html = c.get(reverse("ekspor:detail", args=[e.pk])).content.decode()
    assert reverse("ekspor:unduh", args=[e.pk]) in html
    assert 'http-equiv="refresh"' not in html  # finished: nothing left to poll


def test_halaman_kemajuan_memantau_tanpa_js_dan_dengan_js(client_for, users, kantor, monkeypatch):
    monkeypatch.setattr(services, "_antrekan", lambda e: None)  # stays queued: no worker
    e = _buat(users["kadis"])
    html = client_for(users["kadis"]).get(reverse("ekspor:detail", args=[e.pk]))
    html = html.content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert reverse("ekspor:status", args=[e.pk]) in html and "fetch(" in html
    assert 'class="progress"' in html


def test_gagal_menampilkan_sebab_dan_dapat_dicoba_lagi(client_for, users, kantor, monkeypatch):
    def rusak(e, tmp, lapor):
        tmp.write_bytes(b"%PDF-1.7 setengah")
        raise RuntimeError("fonta tidak ditemukan")

    asli = runner.PEMBANGUN[Ekspor.Jenis.REKAP_PDF]
    monkeypatch.setitem(runner.PEMBANGUN, Ekspor.Jenis.REKAP_PDF, rusak)
    e = _buat(users["kadis"])
    e.refresh_from_db()
    assert e.status == Ekspor.Status.GAGAL
    assert "fonta tidak ditemukan" in e.pesan_galat
    assert not e.berkas and not _sementara()  # the half-written file is gone
    c = client_for(users["kadis"])
    html = c.get(reverse("ekspor:detail", args=[e.pk])).content.decode()
    assert "fonta tidak ditemukan" in html and "Coba lagi" in html
    assert c.get(reverse("ekspor:unduh", args=[e.pk])).status_code == 404

    monkeypatch.setitem(runner.PEMBANGUN, Ekspor.Jenis.REKAP_PDF, asli)
    r = c.post(reverse("ekspor:coba_lagi", args=[e.pk]))
    assert r.status_code == 302
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI and e.percobaan == 2 and e.pesan_galat == ""
    assert c.get(reverse("ekspor:unduh", args=[e.pk])).status_code == 200


def test_hanya_yang_gagal_dapat_dicoba_lagi(client_for, users, kantor):
    e = _buat(users["kadis"])
    c = client_for(users["kadis"])
    c.post(reverse("ekspor:coba_lagi", args=[e.pk]))
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI and e.percobaan == 1


def test_worker_dihentikan_di_tengah_tidak_meninggalkan_berkas(users, kantor, monkeypatch):
    """SIGTERM twice makes the worker raise SystemExit inside the task."""

    def dihentikan(e, tmp, lapor):
        tmp.write_bytes(b"%PDF-1.7 setengah")
        lapor(40, "Menyusun halaman")
        raise SystemExit(1)

    monkeypatch.setitem(runner.PEMBANGUN, Ekspor.Jenis.REKAP_PDF, dihentikan)
    e = _buat(users["kadis"])  # the immediate backend records the SystemExit as a failure
    e.refresh_from_db()
    assert e.status == Ekspor.Status.GAGAL and not e.berkas
    assert "dihentikan" in e.pesan_galat
    assert not _sementara()


def test_worker_mati_mendadak_ditandai_gagal_dan_dapat_diulang(client_for, users, kantor):
    """SIGKILL: no handler runs; the heartbeat stops, the job becomes retryable."""
    e = _buat(users["kadis"])
    lama = timezone.now() - runner.BATAS_DIAM - dt.timedelta(minutes=1)
    Ekspor.objects.filter(pk=e.pk).update(
        status=Ekspor.Status.BERJALAN, berkas="", progres=37, denyut=lama
    )
    c = client_for(users["kadis"])
    d = c.get(reverse("ekspor:status", args=[e.pk])).json()
    assert d["status"] == "gagal" and "terhenti" in d["pesan_galat"]
    c.post(reverse("ekspor:coba_lagi", args=[e.pk]))
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI


def test_tugas_tidak_dijalankan_dua_kali(users, kantor):
    e = _buat(users["kadis"])
    berkas = e.berkas.name
    runner.jalankan(e.pk)  # a duplicate delivery of the same task
    e.refresh_from_db()
    assert e.percobaan == 1 and e.berkas.name == berkas


def test_antrean_mati_menjadi_gagal_dengan_pesan(users, kantor, monkeypatch):
    from django_tasks.backends.immediate import ImmediateBackend

    def mati(*a, **k):
        raise ConnectionError("antrean tidak tersedia")

    monkeypatch.setattr(ImmediateBackend, "enqueue", mati)
    e = _buat(users["kadis"])
    assert e.status == Ekspor.Status.GAGAL and "antrean" in e.pesan_galat


def test_ekspor_dicatat_di_riwayat(users, kantor):
    from dinsos.models import Riwayat

    e = _buat(users["kadis"])
    assert Riwayat.objects.filter(aksi=Riwayat.Aksi.EKSPOR, object_id=str(e.pk)).exists()


def test_daftar_permohonan_xlsx_sesuai_wilayah(client_for, bansos_siap, wil):
    users = bansos_siap
    for desa, nama in (("desa1", "Sumarni Handayani"), ("desa3", "Joko Susanto")):
        sampai_dicairkan(users, penerima(desa=wil[desa], penilai=users["petugas"], nama=nama))
    c = client_for(users["op_desa"])
    assert c.get(reverse("laporan:ekspor_permohonan") + f"?tahun_anggaran={TA}").status_code == 200
    r = c.post(reverse("laporan:ekspor_permohonan"), {"tahun_anggaran": TA})
    e = Ekspor.objects.latest("pk")
    assert r.status_code == 302 and e.status == Ekspor.Status.SELESAI
    isi = b"".join(c.get(reverse("ekspor:unduh", args=[e.pk])).streaming_content)
    ws = openpyxl.load_workbook(io.BytesIO(isi)).active
    nama_berkas = [r[4] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert nama_berkas == ["Sumarni Handayani"]  # the other desa's recipient is not exported
    assert ws.cell(row=2, column=9).number_format == '"Rp" #,##0.00'
    assert isinstance(ws.cell(row=2, column=9).value, int | float)
    assert ws.cell(row=2, column=2).is_date


def test_daftar_ekspor_hanya_milik_sendiri(client_for, users, kantor):
    e = _buat(users["kadis"])
    html = client_for(users["petugas"]).get(reverse("ekspor:daftar")).content.decode()
    assert reverse("ekspor:detail", args=[e.pk]) not in html
    html = client_for(users["kadis"]).get(reverse("ekspor:daftar")).content.decode()
    assert reverse("ekspor:detail", args=[e.pk]) in html


def test_berkas_dihapus_setelah_masa_simpan_dan_dapat_disusun_ulang(
    client_for, users, kantor, settings, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from dinsos.models import Riwayat

    settings.LAPORAN_SIMPAN_HARI = 30
    lama, baru = _buat(users["kadis"]), _buat(users["kadis"])
    nama_lama = lama.berkas.name
    assert default_storage.exists(nama_lama)
    sekarang = timezone.now()
    Ekspor.objects.filter(pk=lama.pk).update(berakhir=sekarang - dt.timedelta(days=31))
    Ekspor.objects.filter(pk=baru.pk).update(berakhir=sekarang - dt.timedelta(days=29))

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("bersihkan_ekspor", stdout=out)
    assert "1 berkas dihapus (masa simpan 30 hari)" in out.getvalue()
    lama.refresh_from_db()
    baru.refresh_from_db()
    assert lama.status == Ekspor.Status.KEDALUWARSA and not lama.berkas
    assert not default_storage.exists(nama_lama)
    assert baru.status == Ekspor.Status.SELESAI and default_storage.exists(baru.berkas.name)
    jejak = Riwayat.objects.filter(aksi=Riwayat.Aksi.HAPUS, object_id=str(lama.pk)).get()
    assert jejak.pengguna is None and jejak.perubahan == {"berkas": [nama_lama, None]}

    c = client_for(users["kadis"])
    assert c.get(reverse("ekspor:unduh", args=[lama.pk])).status_code == 404
    html = c.get(reverse("ekspor:detail", args=[lama.pk])).content.decode()
    assert "Berkas dihapus otomatis setelah 30 hari" in html and "Susun ulang" in html
    assert reverse("ekspor:unduh", args=[lama.pk]) not in html  # no dead button
    daftar = c.get(reverse("ekspor:daftar")).content.decode()
    assert reverse("ekspor:unduh", args=[lama.pk]) not in daftar
    assert reverse("ekspor:unduh", args=[baru.pk]) in daftar

    # Running the clean-up again changes nothing; "Susun ulang" makes the file anew.
    assert runner.hapus_kedaluwarsa() == 0
    assert c.post(reverse("ekspor:coba_lagi", args=[lama.pk])).status_code == 302
    lama.refresh_from_db()
    assert lama.status == Ekspor.Status.SELESAI and default_storage.exists(lama.berkas.name)
    assert c.get(reverse("ekspor:unduh", args=[lama.pk])).status_code == 200


def test_pekerjaan_berikutnya_juga_membersihkan_berkas_kedaluwarsa(users, kantor, settings):
    settings.LAPORAN_SIMPAN_HARI = 7
    lama = _buat(users["kadis"])
    Ekspor.objects.filter(pk=lama.pk).update(berakhir=timezone.now() - dt.timedelta(days=8))
    _buat(users["kadis"])  # any job run by the worker prunes first
    lama.refresh_from_db()
    assert lama.status == Ekspor.Status.KEDALUWARSA
