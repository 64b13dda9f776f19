"""Hostile input is refused with a message, never a server error (docs/security.md, Input):
control characters in text, non-ASCII digits in ids, dates out of range, a fake PDF."""

import datetime as dt
import importlib
import inspect

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bansos.berkas import periksa_berkas
from dinsos import forms as dforms
from dinsos import masukan
from dinsos.models import Riwayat
from ppks.models import Kelompok, Keluarga
from tests import factories as f
from tests.bansos.conftest import PDF_BYTES

NUL = "Sum\x00arno"
SUPER = "²"  # "²".isdigit() is True, int("²") raises ValueError


# --- The validators ---------------------------------------------------------------------------


@pytest.mark.parametrize("teks", ["a\x00b", "\x01", "x\x0by", "\x1b[31m", "del\x7f"])
def test_karakter_kendali_ditolak(teks):
    with pytest.raises(ValidationError) as e:
        masukan.tanpa_kendali(teks)
    assert e.value.code == "karakter_kendali" and "karakter kendali" in e.value.messages[0]


def test_tab_dan_baris_baru_boleh():
    assert masukan.teks(" Baris satu\r\nBaris\tdua ") == "Baris satu\r\nBaris\tdua"


@pytest.mark.parametrize(
    "nilai,hasil",
    [("12", 12), ("007", 7), (SUPER, None), ("٣", None), ("1²", None), ("-1", None),
     (" 1", None), ("1" * 19, None), ("", None), (None, None), (5, 5), ("1\x00", None)],
)  # fmt: skip
def test_angka_id_hanya_ascii(nilai, hasil):
    assert masukan.angka_id(nilai) == hasil


class _Contoh(dforms.Form):
    nama = forms.CharField()
    tanggal = forms.DateField()
    tanggal_lahir = forms.DateField()


def _galat_contoh(**data):
    isi = {"nama": "Sumarno", "tanggal": "2025-01-01", "tanggal_lahir": "1980-01-01", **data}
    form = _Contoh(data=isi)
    form.is_valid()
    return form.errors


def test_form_dasar_menolak_kendali_dan_membatasi_tanggal():
    assert not _galat_contoh()
    assert "karakter kendali" in _galat_contoh(nama="Sum\x01arno")["nama"][0]
    assert "1900" in _galat_contoh(tanggal="1899-12-31")["tanggal"][0]
    jauh = timezone.localdate() + dt.timedelta(days=400)
    assert "melewati" in _galat_contoh(tanggal=jauh.isoformat())["tanggal"][0]
    besok = timezone.localdate() + dt.timedelta(days=1)
    assert "masa depan" in _galat_contoh(tanggal_lahir=besok.isoformat())["tanggal_lahir"][0]
    assert not _galat_contoh(tanggal=besok.isoformat())


# Every form class of these modules derives from the project's bases (dinsos.forms).
MODUL_FORM = ["ppks.forms", "psks.forms", "psks.filters", "bansos.forms.permohonan",
              "bansos.forms.keputusan"]  # fmt: skip


@pytest.mark.parametrize("nama_modul", MODUL_FORM)
def test_setiap_form_memakai_dasar_proyek(nama_modul):
    modul = importlib.import_module(nama_modul)
    kelas = [
        k
        for _, k in inspect.getmembers(modul, inspect.isclass)
        if issubclass(k, (forms.Form, forms.ModelForm)) and k.__module__ == nama_modul
    ]
    assert kelas
    tanpa = [k.__name__ for k in kelas if not issubclass(k, dforms.MasukanAman)]
    assert not tanpa, f"form tanpa dinsos.forms.Form/ModelForm: {tanpa}"


def test_form_nyata_menolak_nul_dan_tanggal_jauh():
    from psks.forms import TanggalTeksForm

    form = TanggalTeksForm(data={"tanggal": "1800-01-01", "teks": "ada\x02kendali"})
    assert not form.is_valid()
    assert "1900" in form.errors["tanggal"][0] and "kendali" in form.errors["teks"][0]


# --- The endpoints the fuzzer broke -----------------------------------------------------------


def _pesan(resp) -> str:
    return " ".join(str(m) for m in resp.context["messages"]) if resp.context else ""


@pytest.mark.django_db
def test_cari_nomor_kk_nul(client_for, users, wil):
    resp = client_for(users["petugas"]).post("/registri/keluarga/", {"nomor_kk": "3501\x00"})
    assert resp.status_code == 200 and "karakter kendali" in _pesan(resp)
    assert list(resp.context["hal"].items) == []


@pytest.mark.django_db
def test_keperluan_nik_lengkap_nul_tidak_membuka_nik(client_for, users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    resp = client_for(users["op_desa"]).post(
        f"/registri/orang/{orang.pk}/nik/", {"keperluan": "verifikasi\x00"}
    )
    assert resp.status_code == 200 and "karakter kendali" in _pesan(resp)
    assert orang.nik not in resp.content.decode()
    assert not Riwayat.objects.filter(aksi=Riwayat.Aksi.LIHAT_NIK).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ["keluarga", "kelompok"])
def test_alasan_keluarkan_nul(client_for, users, wil, jenis):
    kepala = f.buat_orang(desa=wil["desa1"])
    anak = f.buat_orang(desa=wil["desa1"])
    subjek: Keluarga | Kelompok
    if jenis == "keluarga":
        subjek = f.buat_keluarga(desa=wil["desa1"], kepala=kepala)
        anak.keluarga = subjek
        anak.save()
        kepala.keluarga = subjek
        kepala.save()
    else:
        subjek = f.buat_kelompok(desa=wil["desa1"], ketua=kepala, anggota=[anak])
    resp = client_for(users["op_desa"]).post(
        f"/registri/{jenis}/{subjek.pk}/anggota/{anak.pk}/keluarkan/",
        {"alasan": "pindah\x00"},
        follow=True,
    )
    assert resp.status_code == 200 and "karakter kendali" in _pesan(resp)
    assert anak in subjek.anggota.all()


@pytest.mark.django_db
def test_pemilih_nul_400_dengan_pesan(client_for, users, wil):
    resp = client_for(users["op_desa"]).post("/registri/pemilih/", {"q": NUL})
    assert resp.status_code == 400 and "karakter kendali" in resp.json()["pesan"]


@pytest.mark.django_db
def test_cari_slrt_nul_dan_angka_superskrip(client_for, users, wil):
    c = client_for(users["petugas"])
    resp = c.post("/psks/slrt/cari/", {"identitas": NUL, "identitas_pilih": SUPER})
    assert resp.status_code in (200, 302)
    assert c.get("/psks/slrt/baru/", {"klien": SUPER}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("layanan", ["rehabilitasi", "jaminan", "pemberdayaan", "perlindungan"])
@pytest.mark.parametrize("param", ["klien", "rujukan"])
def test_halaman_layanan_baru_angka_superskrip(client_for, users, wil, layanan, param):
    resp = client_for(users["petugas"]).get(f"/psks/{layanan}/baru/", {param: SUPER})
    assert resp.status_code == 200


@pytest.mark.django_db
def test_form_pemilih_pk_superskrip(client_for, users, wil):
    resp = client_for(users["petugas"]).post(
        "/psks/slrt/baru/", {"identitas_klien": "", "identitas_klien_pilih": SUPER}
    )
    assert resp.status_code == 200 and resp.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,data",
    [
        ("/bansos/baru/", {"orang": SUPER}),
        ("/bansos/pengajuan/baru/", {"tahun": SUPER}),
        ("/bansos/pengajuan/baru/", {"tahun": "9" * 30}),
        ("/bansos/pengajuan/baru/", {"pilih": SUPER}),
        ("/bansos/pengajuan/", {"tahun": SUPER}),
    ],
)
def test_bansos_angka_superskrip(client_for, users, wil, url, data):
    peran = "petugas" if url == "/bansos/baru/" else "kadis"
    assert client_for(users[peran]).get(url, data).status_code == 200


@pytest.mark.django_db
def test_permohonan_pk_penerima_superskrip(client_for, users, wil):
    resp = client_for(users["petugas"]).post(
        "/bansos/baru/sembako/", {"orang": SUPER, "identitas": ""}
    )
    assert resp.status_code in (200, 404)


# --- PDF structure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "isi",
    [
        b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n",
        b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        b"%PDF-" + b"\x00" * 500,
    ],
)
def test_pdf_palsu_ditolak(isi):
    with pytest.raises(ValidationError) as e:
        periksa_berkas(SimpleUploadedFile("surat.pdf", isi))
    assert e.value.code == "pdf_rusak" and "bukan dokumen PDF yang sah" in e.value.messages[0]


def test_pdf_asli_diterima_dan_posisi_baca_kembali():
    berkas = SimpleUploadedFile("surat.pdf", PDF_BYTES)
    assert periksa_berkas(berkas).ekstensi == "pdf"
    assert berkas.read() == PDF_BYTES


def test_masa_berlaku_boleh_bertahun_tahun():
    from psks.forms import LisensiForm

    lima = timezone.localdate() + dt.timedelta(days=5 * 365)
    form = LisensiForm(data={"berlaku_sampai": lima.isoformat(), "tanggal_terbit": "1899-01-01"})
    form.is_valid()
    assert "berlaku_sampai" not in form.errors and "1900" in form.errors["tanggal_terbit"][0]
