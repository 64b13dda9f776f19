"""xlsx exports of the filtered lists (ekspor.daftar): each file holds the
list's rows under the list's filters, with date and rupiah cells; an operator never gets
another wilayah's row, not even with a tampered parameter; a role without Izin.EKSPOR (or that
may not see the list) is refused; NIK/KK masked unless the role needs them (docs/rules.md,
section 4); each export is logged and has its job page with progress and the download."""

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from dinsos import akses
from dinsos.format import samarkan_nik
from dinsos.models import Riwayat
from ekspor import daftar, runner
from ekspor import services as ekspor_services
from ekspor.models import Ekspor
from ekspor.services import ekspor_buat
from ppks.models import Komunitas
from psks import services
from psks.models import Akreditasi, ProgramLayanan
from tests import factories as f
from tests.psks import bantu as b

pytestmark = pytest.mark.django_db


def _wilayah(wil, u, desa: str, tanda: str) -> dict:
    d = wil[desa]
    miskin = b.ppks(desa=d, kriteria="kemiskinan", penilai=u, nama=f"Miskin {tanda}")
    telantar = b.ppks(desa=d, kriteria="keterlantaran", penilai=u, nama=f"Telantar {tanda}")
    kk = f.buat_keluarga(desa=d, kepala=miskin)
    f.daftarkan(keluarga=kk, kode="x", penilai=u)
    f.buat_kelompok(desa=d, ketua=telantar, anggota=[miskin], nama=f"KUBE {tanda}")
    Komunitas.objects.create(nama=f"Komunitas {tanda}", desa=d, jumlah_kk=12, jumlah_jiwa=40)
    kasus = services.rehabilitasi_buat(
        klien=telantar, sasaran="b", setting="masyarakat", lembaga=None, bentuk=["b"],
        pekerja=b.psp(nama=f"Peksos {tanda}"), program=b.program("rehabilitasi"),
        tanggal_mulai=b.hari(-5), oleh=u,
    )  # fmt: skip
    jam = services.jaminan_buat(
        klien=miskin, bentuk="bantuan_langsung_berkelanjutan", program=b.program("jaminan"),
        tanggal_mulai=b.hari(-5), nominal=Decimal(300000), oleh=u,
    )  # fmt: skip
    pemb = services.pemberdayaan_buat(
        keluarga=kk, cara=["a"], bentuk=["2a"], kriteria=["a"],
        program=b.program("pemberdayaan"), tanggal_mulai=b.hari(-2), oleh=u,
    )  # fmt: skip
    perl = services.perlindungan_buat(
        klien=telantar, jenis="a", bentuk=["a", "b"], program=b.program("perlindungan"),
        tanggal_mulai=b.hari(-2), tanggal_selesai=b.hari(20), nominal=Decimal(250000), oleh=u,
    )  # fmt: skip
    slrt = services.slrt_permintaan_catat(
        klien=miskin, saluran="telepon", tanggal=b.hari(-3), uraian="Rahasia uraian",
        kebutuhan=["bansos"], oleh=u,
    )  # fmt: skip
    services.slrt_rujuk(permintaan=slrt, tujuan="bansos", tanggal=b.hari(-2), oleh=u)
    return locals()


@pytest.fixture
def dunia(wil, users):
    u = users["petugas"]
    a = _wilayah(wil, u, "desa1", "A")  # kec1, the operators' own wilayah
    z = _wilayah(wil, u, "desa3", "Z")  # kec2: never in an operator of desa1/kec1's file
    lem = b.lks(desa=wil["desa1"], nama="LKS Harapan")
    Akreditasi.objects.create(
        lembaga=lem, peringkat="A", tahun=2024, pemberi="BALKS", berlaku_sampai=b.hari(900)
    )
    b.lks(desa=wil["desa3"], nama="LKS Sejahtera")
    ProgramLayanan.objects.create(
        nama="Program berpagu", jenis_layanan="jaminan", tahun_anggaran=b.hari().year,
        sumber_dana="apbd", pagu=Decimal("125000000"),
    )  # fmt: skip
    ps = services.peran_serta_buat(
        nama_kegiatan="Bimtek LKS", lembaga=lem, kriteria=["a", "b"], cara=["b"], bentuk=["3b"],
        program=b.program("peran_serta"), tanggal_mulai=b.hari(-2), oleh=u,
    )  # fmt: skip
    b.tenaga(nama="Relawan Tidak Aktif", aktif=False)
    return {"a": a, "z": z, "lem": lem, "ps": ps}


def _nomor(o):
    return o.nomor


def _nama(o):
    return o.nama


# name, list page, the column that identifies a row, how the page's object shows it, a filter
DAFTAR = [
    ("psks.rehabilitasi", "psks:rehab_list", "Nomor", _nomor, {"sasaran": "b"}),
    ("psks.jaminan", "psks:jaminan_list", "Nomor", _nomor, {"status": "aktif"}),
    ("psks.pemberdayaan", "psks:pemberdayaan_list", "Nomor", _nomor, {"sasaran": "keluarga"}),
    ("psks.perlindungan", "psks:perlindungan_list", "Nomor", _nomor, {"jenis": "a"}),
    ("psks.slrt", "psks:slrt_list", "Nomor", _nomor, {"rujukan": "dirujuk"}),
    ("psks.sdm", "psks:sdm_list", "Nama", _nama, {"jenis": "pekerja_sosial_profesional"}),
    ("psks.lembaga", "psks:lembaga_list", "Nama", _nama, {"akreditasi": "A"}),
    ("psks.program", "psks:program_list", "Program", _nama, {"jenis": "jaminan"}),
    ("psks.peran_serta", "psks:peran_serta_list", "Nomor", _nomor, {"status": "aktif"}),
    ("ppks.keluarga", "ppks:keluarga_daftar", "Kepala keluarga", lambda k: k.kepala.nama, {}),
    ("ppks.kelompok", "ppks:kelompok_daftar", "Nama kelompok", _nama, {"nama": "KUBE"}),
    ("ppks.komunitas", "ppks:komunitas_daftar", "Nama", _nama, {"nama": "komunitas"}),
]
BERWILAYAH = [d for d in DAFTAR if d[0] not in ("psks.sdm", "psks.lembaga", "psks.program")]
BERWILAYAH = [d for d in BERWILAYAH if d[0] != "psks.peran_serta"]


def minta(c, nama, data=None) -> Ekspor:
    r = c.post(reverse("ekspor:daftar_mulai", args=[nama]), data or {})
    e = Ekspor.objects.latest("pk")
    assert r.status_code == 302 and r["Location"] == reverse("ekspor:detail", args=[e.pk])
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI, e.pesan_galat
    return e


def lembar(c, e):
    isi = b"".join(c.get(reverse("ekspor:unduh", args=[e.pk])).streaming_content)
    return openpyxl.load_workbook(io.BytesIO(isi)).active


def baris(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def di_halaman(c, url, data):
    ctx = c.get(reverse(url), data).context
    return list(ctx["page"]) if "page" in ctx else ctx["hal"].items


@pytest.mark.parametrize("nama,url,kunci,tampil,saringan", DAFTAR, ids=[d[0] for d in DAFTAR])
def test_baris_berkas_sama_dengan_daftar(
    client_for, users, dunia, nama, url, kunci, tampil, saringan
):
    c = client_for(users["petugas"])
    data: dict[str, Any]
    for data in ({}, saringan):
        halaman = [tampil(o) for o in di_halaman(c, url, data)]
        isi = [r[kunci] for r in baris(lembar(c, minta(c, nama, data)))]
        assert isi == halaman, (nama, data)
    assert halaman  # the filter leaves rows to compare


def test_saringan_tercatat_di_parameter_judul_dan_riwayat(client_for, users, dunia, wil):
    c = client_for(users["petugas"])
    e = minta(c, "psks.jaminan", {"status": "aktif", "kecamatan": wil["kec1"].pk, "hal": "2"})
    assert e.parameter == {
        "daftar": "psks.jaminan",
        "saringan": {"kecamatan": wil["kec1"].pk, "status": "aktif"},  # no page number
    }
    assert e.judul == f"Jaminan sosial — Status: Berjalan; Kecamatan: {wil['kec1'].nama}"
    jejak = Riwayat.objects.filter(aksi=Riwayat.Aksi.EKSPOR, object_id=str(e.pk))
    assert jejak.count() == 2  # asked, then the file as written
    selesai = jejak.get(alasan__startswith="Berkas disusun")
    assert selesai.pengguna == users["petugas"]
    assert selesai.perubahan["jumlah"] == 1 and selesai.perubahan["daftar"] == "psks.jaminan"
    assert selesai.perubahan["saringan"] == {"Status": "Berjalan", "Kecamatan": wil["kec1"].nama}
    html = c.get(reverse("ekspor:daftar")).content.decode()
    assert reverse("ekspor:unduh", args=[e.pk]) in html and "Jaminan sosial" in html


def test_sel_tanggal_dan_rupiah_asli(client_for, users, dunia):
    c = client_for(users["petugas"])
    ws = lembar(c, minta(c, "psks.jaminan"))
    judul = [x.value for x in ws[1]]
    nominal = ws.cell(row=2, column=judul.index("Nilai per periode") + 1)
    assert nominal.value == 300000 and nominal.number_format == '"Rp" #,##0.00'
    mulai = ws.cell(row=2, column=judul.index("Tanggal mulai") + 1)
    assert mulai.is_date and mulai.value.date() == b.hari(-5)
    ws = lembar(c, minta(c, "psks.perlindungan"))
    r = baris(ws)[0]
    assert r["Nilai bantuan uang"] == 250000 and isinstance(r["Tanggal selesai"], dt.datetime)
    r = {x["Program"]: x for x in baris(lembar(c, minta(c, "psks.program")))}["Program berpagu"]
    assert r["Pagu"] == 125000000 and r["Tahun anggaran"] == b.hari().year
    r = {x["Nama"]: x for x in baris(lembar(c, minta(c, "psks.lembaga")))}["LKS Harapan"]
    assert r["Tahun akreditasi"] == 2024 and r["Akreditasi berlaku s.d."].date() == b.hari(900)
    r = baris(lembar(c, minta(c, "psks.slrt")))[0]
    assert isinstance(r["Tanggal"], dt.datetime) and r["Rujukan"].endswith("(bansos): Dirujuk")
    r = baris(lembar(c, minta(c, "psks.sdm", {"jenis": "pekerja_sosial_profesional"})))[0]
    assert isinstance(r["Izin praktik berlaku s.d."], dt.datetime)
    r = baris(lembar(c, minta(c, "ppks.komunitas")))[0]
    assert r["Jumlah KK"] == 12 and r["Jumlah jiwa"] == 40


@pytest.mark.parametrize("peran", ["op_desa", "op_kec"])
@pytest.mark.parametrize(
    "nama,url,kunci,tampil,saringan", BERWILAYAH, ids=[d[0] for d in BERWILAYAH]
)
def test_operator_hanya_wilayahnya(
    client_for, users, dunia, wil, peran, nama, url, kunci, tampil, saringan
):
    """Even asking for the other kecamatan: the kecamatan is no choice of an operator's form, so
    the value is dropped, never applied, and the rows stay those of the operator's wilayah."""
    c = client_for(users[peran])
    e = minta(c, nama, {"kecamatan": wil["kec2"].pk, "desa": "", "nama": ""})
    isi = [r[kunci] for r in baris(lembar(c, e))]
    assert isi == [tampil(o) for o in di_halaman(c, url, {})]
    assert isi and all(not str(x).endswith(" Z") for x in isi)
    lain = {tampil(o) for o in di_halaman(client_for(users["op_desa_lain"]), url, {})}
    assert lain and not (lain & set(isi))


def test_parameter_dirusak_tidak_memperluas(users, dunia, wil):
    """A job row written by hand (a tampered parameter) is judged by the requester's own form
    and scope in the worker: it fails with the reason, or holds only the requester's rows."""
    op = users["op_desa"]
    e = ekspor_buat(
        oleh=op,
        jenis=Ekspor.Jenis.DAFTAR_XLSX,
        parameter={"daftar": "ppks.keluarga", "saringan": {"desa": wil["desa3"].pk}},
    )
    e.refresh_from_db()
    assert e.status == Ekspor.Status.GAGAL and "tidak berlaku untuk wilayah" in e.pesan_galat
    e = ekspor_buat(
        oleh=op, jenis=Ekspor.Jenis.DAFTAR_XLSX, parameter={"daftar": "psks.sdm", "saringan": {}}
    )
    e.refresh_from_db()
    assert e.status == Ekspor.Status.GAGAL and "tidak berwenang" in e.pesan_galat
    e = ekspor_buat(
        oleh=op,
        jenis=Ekspor.Jenis.DAFTAR_XLSX,
        parameter={"daftar": "ppks.perseorangan", "saringan": {}},  # registry under other jenis
    )
    e.refresh_from_db()
    assert e.status == Ekspor.Status.GAGAL and "tidak dikenal" in e.pesan_galat
    # A stored kecamatan of another wilayah for an operator whose form has no kecamatan field.
    e = ekspor_buat(
        oleh=op,
        jenis=Ekspor.Jenis.DAFTAR_XLSX,
        parameter={"daftar": "psks.rehabilitasi", "saringan": {"kecamatan": wil["kec2"].pk}},
    )
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI and e.jumlah_baris == 1


def test_wilayah_saat_meminta_tetap_berlaku(users, dunia, wil, monkeypatch):
    """An operator moved to another desa after asking: the job holds the rows of both scopes
    only (here none), never the new desa's alone (ekspor.wilayah.wilayah_ekspor)."""
    op = users["op_desa"]
    monkeypatch.setattr(ekspor_services, "_antrekan", lambda e: None)
    e = daftar.mulai(oleh=op, nama="psks.jaminan", data={})
    op.desa = wil["desa3"]
    op.save()
    runner.jalankan(e.pk)
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI and e.jumlah_baris == 0


def test_operator_desa_tidak_boleh_daftar_tingkat_dinas(client_for, users, dunia):
    c = client_for(users["op_desa"])
    for nama, url in (("psks.sdm", "psks:sdm_list"), ("psks.peran_serta", "psks:peran_serta_list")):
        assert c.post(reverse("ekspor:daftar_mulai", args=[nama])).status_code == 403
        assert c.get(reverse(url)).status_code == 403  # as the list page itself
    aksi = reverse("ekspor:daftar_mulai", args=["psks.lembaga"])
    assert aksi in c.get(reverse("psks:lembaga_list")).content.decode()
    assert not Ekspor.objects.exists()


@pytest.mark.parametrize("nama,url,kunci,tampil,saringan", DAFTAR, ids=[d[0] for d in DAFTAR])
def test_tanpa_izin_ekspor_ditolak(
    client_for, users, dunia, monkeypatch, nama, url, kunci, tampil, saringan
):
    izin = dict(akses.IZIN_PERAN)
    izin[users["petugas"].peran] = izin[users["petugas"].peran] - {akses.Izin.EKSPOR}
    monkeypatch.setattr(akses, "IZIN_PERAN", izin)
    c = client_for(users["petugas"])
    aksi = reverse("ekspor:daftar_mulai", args=[nama])
    assert c.post(aksi).status_code == 403
    assert aksi not in c.get(reverse(url)).content.decode()  # no button either
    assert c.get(aksi).status_code == 405  # never started by following a link
    assert not Ekspor.objects.exists()


def test_tombol_membawa_saringan_halaman(client_for, users, dunia, wil):
    c = client_for(users["petugas"])
    html = c.get(reverse("psks:jaminan_list"), {"status": "aktif", "hal": "1"}).content.decode()
    aksi = reverse("ekspor:daftar_mulai", args=["psks.jaminan"])
    form = html.split(f'action="{aksi}"')[1].split("</form>")[0]
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input type="hidden" name="status" value="aktif">' in form and 'name="hal"' not in form


def test_kk_disamarkan_tanpa_hak_nik_lengkap(client_for, users, dunia):
    kk = {o["a"]["kk"].kepala.nama: o["a"]["kk"].nomor_kk for o in [dunia]}
    for peran, utuh in (("petugas", True), ("op_kec", False), ("kadis", False), ("op_desa", True)):
        c = client_for(users[peran])
        e = minta(c, "ppks.keluarga")
        for r in baris(lembar(c, e)):
            if r["Kepala keluarga"] in kk:
                nomor = kk[r["Kepala keluarga"]]
                assert r["Nomor KK"] == (nomor if utuh else samarkan_nik(nomor)), peran
        jejak = Riwayat.objects.get(object_id=str(e.pk), alasan__startswith="Berkas disusun")
        assert jejak.perubahan["nik_lengkap"] is utuh


def test_tidak_ada_nik_di_daftar_layanan(client_for, users, dunia):
    """The service lists show no NIK, so their files hold none, whatever the role."""
    nik = {o.nik for w in ("a", "z") for o in (dunia[w]["miskin"], dunia[w]["telantar"])}
    c = client_for(users["petugas"])
    for nama, *_ in DAFTAR:
        ws = lembar(c, minta(c, nama))
        sel = {str(v) for r in ws.iter_rows(values_only=True) for v in r if v is not None}
        assert not (sel & nik), nama
        assert "Rahasia uraian" not in sel  # the SLRT problem text is not on the list either


def test_halaman_pekerjaan_kemajuan_dan_unduhan(client_for, users, dunia, monkeypatch):
    c = client_for(users["petugas"])
    monkeypatch.setattr(ekspor_services, "_antrekan", lambda e: None)  # queued: no worker yet
    c.post(reverse("ekspor:daftar_mulai", args=["psks.slrt"]))
    e = Ekspor.objects.latest("pk")
    html = c.get(reverse("ekspor:detail", args=[e.pk])).content.decode()
    assert 'class="progress"' in html and "Menunggu giliran" in html
    assert reverse("ekspor:status", args=[e.pk]) in html
    runner.jalankan(e.pk)
    d = c.get(reverse("ekspor:status", args=[e.pk])).json()
    assert d["progres"] == 100 and d["url_unduh"] == reverse("ekspor:unduh", args=[e.pk])
    html = c.get(reverse("ekspor:detail", args=[e.pk])).content.decode()
    assert reverse("ekspor:unduh", args=[e.pk]) in html and "2 baris" in html


def test_kemajuan_dilaporkan_selama_menulis(users, wil, tmp_path, monkeypatch):
    Komunitas.objects.bulk_create(
        Komunitas(nama=f"Dusun {i:04d}", desa=wil["desa1"]) for i in range(1200)
    )
    monkeypatch.setattr(ekspor_services, "_antrekan", lambda e: None)
    e = daftar.mulai(oleh=users["op_desa"], nama="ppks.komunitas", data={})
    laporan = []
    hasil = daftar.bangun_xlsx(e, tmp_path / "x.xlsx", lambda p, t="": laporan.append((p, t)))
    assert hasil.jumlah_baris == 1200
    persen = [p for p, _ in laporan]
    assert persen == sorted(persen) and 5 < persen[-1] < 100
    assert ("Menulis baris 1.000 dari 1.200") in [t for _, t in laporan]


def test_melebihi_batas_excel_gagal_dengan_pesan(users, dunia, monkeypatch):
    monkeypatch.setattr(daftar, "BARIS_MAKS", 1)
    e = daftar.mulai(oleh=users["petugas"], nama="ppks.komunitas", data={})
    e.refresh_from_db()
    assert e.status == Ekspor.Status.GAGAL and "batas lembar kerja Excel" in e.pesan_galat


# --- the bansos list (laporan:ekspor_permohonan, Ekspor.Jenis.PERMOHONAN_XLSX) -----------------


@pytest.fixture
def permohonan(bansos_siap, wil):
    from .conftest import ajukan, penerima

    users = bansos_siap
    hasil = {}
    for desa, nama in (
        ("desa1", "Sumarni Handayani"),
        ("desa1", "Karto Wiyono"),
        ("desa3", "Sumarni Lestari"),
    ):
        hasil[nama] = ajukan(users, penerima(desa=wil[desa], penilai=users["petugas"], nama=nama))
    return hasil


def _tombol_bansos(html: str) -> str:
    aksi = reverse("laporan:ekspor_permohonan")
    assert f'action="{aksi}"' in html
    return html.split(f'action="{aksi}"')[1].split("</form>")[0]


def test_daftar_bansos_menawarkan_ekspor_dengan_saringannya(client_for, bansos_siap, permohonan):
    c = client_for(bansos_siap["petugas"])
    html = c.get(reverse("bansos:daftar"), {"q": "Sumarni", "status": "diajukan", "hal": "1"})
    form = _tombol_bansos(html.content.decode())
    assert '<input type="hidden" name="q" value="Sumarni">' in form
    assert '<input type="hidden" name="status" value="diajukan">' in form
    assert 'name="hal"' not in form and 'name="csrfmiddlewaretoken"' in form


def test_ekspor_bansos_sama_dengan_daftar_termasuk_pencarian(client_for, bansos_siap, permohonan):
    """Every filter of the list, the search box too, reaches the file: none is dropped."""
    from .conftest import TA

    c = client_for(bansos_siap["petugas"])
    for saringan in ({}, {"q": "Sumarni"}, {"q": "Sumarni", "tahun_anggaran": str(TA)}):
        tampil = c.get(reverse("bansos:daftar"), saringan).context["hal"].object_list
        c.post(reverse("laporan:ekspor_permohonan"), saringan)
        e = Ekspor.objects.latest("pk")
        assert e.status == Ekspor.Status.SELESAI and e.jenis == Ekspor.Jenis.PERMOHONAN_XLSX
        rows = baris(lembar(c, e))
        assert sorted(r["Nomor"] for r in rows) == sorted(p.nomor for p in tampil), saringan
    assert {r["Nama penerima"] for r in rows} == {"Sumarni Handayani", "Sumarni Lestari"}
    assert "Nomor atau nama penerima: Sumarni" in e.judul
    ws = lembar(c, e)
    assert ws.cell(row=2, column=9).number_format == '"Rp" #,##0.00'  # Jumlah dimohon
    assert ws.cell(row=2, column=9).value == 1_000_000 and ws.cell(row=2, column=2).is_date


def test_ekspor_bansos_operator_tidak_mendapat_wilayah_lain(
    client_for, bansos_siap, permohonan, wil
):
    op = bansos_siap["op_desa"]
    c = client_for(op)
    c.post(reverse("laporan:ekspor_permohonan"), {"q": "Sumarni"})
    e = Ekspor.objects.latest("pk")
    assert [r["Nama penerima"] for r in baris(lembar(c, e))] == ["Sumarni Handayani"]
    # Another desa is no choice of the operator's form: the page says so, no job is made.
    r = c.post(reverse("laporan:ekspor_permohonan"), {"desa": wil["desa3"].pk})
    assert r.status_code == 200 and "errorlist" in r.content.decode()
    assert Ekspor.objects.count() == 1
    # A stored parameter written by hand still meets the requester's scope in the worker.
    e = ekspor_buat(
        oleh=op,
        jenis=Ekspor.Jenis.PERMOHONAN_XLSX,
        parameter={"desa": wil["desa3"].pk, "kecamatan": wil["kec2"].pk},
    )
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI and e.jumlah_baris == 0


def test_ekspor_bansos_tanpa_izin_ekspor(client_for, bansos_siap, permohonan, monkeypatch):
    izin = dict(akses.IZIN_PERAN)
    peran = bansos_siap["verifikator"].peran
    izin[peran] = izin[peran] - {akses.Izin.EKSPOR}
    monkeypatch.setattr(akses, "IZIN_PERAN", izin)
    c = client_for(bansos_siap["verifikator"])
    html = c.get(reverse("bansos:daftar")).content.decode()
    assert reverse("laporan:ekspor_permohonan") not in html
    assert c.post(reverse("laporan:ekspor_permohonan"), {}).status_code == 403
    assert not Ekspor.objects.exists()
