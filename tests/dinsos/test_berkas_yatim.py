"""No scan without its row (docs/rules.md, section 4): uploads move into place on commit, leave
with a rollback, and the sweep removes what no row owns (dinsos.berkas, `sapu_berkas`)."""

# The bansos fixtures are imported, so the tests naming them redefine the names.
# ruff: noqa: F811

import io
import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from bansos import services as sv
from bansos.errors import AturanDilanggar
from bansos.models import DokumenPermohonan, Pencairan
from bansos.services import permohonan as permohonan_sv
from dinsos.berkas import FOLDER_TUNDA, periksa_menunggu
from dinsos.models import Riwayat
from tests.bansos.conftest import (  # noqa: F401 (fixtures)
    ajukan,
    aturan,
    cair_default,
    ke_status,
    orang,
    pagu,
    pdf,
)


def _semua_berkas() -> set[str]:
    # Files of earlier tests whose transaction rolled back are settled first (when no
    # transaction is open), so they do not count as this test's.
    periksa_menunggu()
    akar = Path(default_storage.path(""))
    return {str(p.relative_to(akar)) for p in akar.rglob("*") if p.is_file()}


class Gagal(Exception):
    pass


def _gagal(*args, **kwargs):
    raise Gagal("basis data mati")


@pytest.mark.django_db
def test_a_document_upload_that_fails_after_the_file_leaves_no_file(
    users, orang, aturan, monkeypatch
):
    p = ajukan(users, orang)
    sebelum = _semua_berkas()
    # The history row is written after the file and the row: the whole service rolls back.
    monkeypatch.setattr("bansos.services.permohonan.catat", _gagal)
    with pytest.raises(Gagal):
        sv.dokumen_unggah(
            permohonan=p, oleh=users["op_desa"], jenis_dokumen="ktp", berkas=pdf("KTP.pdf")
        )
    assert not DokumenPermohonan.objects.filter(permohonan=p).exists()
    assert _semua_berkas() == sebelum


@pytest.mark.django_db
def test_a_disbursement_that_fails_after_the_proof_leaves_no_file(
    users, orang, aturan, pagu, monkeypatch
):
    p = ke_status(users, ajukan(users, orang), "diajukan_pencairan")
    sebelum = _semua_berkas()
    monkeypatch.setattr("bansos.services._umum.ganti_status", _gagal)
    with pytest.raises(Gagal):
        cair_default(users, p)
    assert not Pencairan.objects.filter(permohonan=p).exists()
    assert _semua_berkas() == sebelum


@pytest.mark.django_db(transaction=True)
def test_outermost_rollback_removes_the_file_and_commit_moves_it_into_place(
    users, orang, aturan, monkeypatch
):
    p = ajukan(users, orang)
    sebelum = _semua_berkas()
    with monkeypatch.context() as m:
        m.setattr("bansos.services.permohonan.catat", _gagal)
        with pytest.raises(Gagal):
            sv.dokumen_unggah(
                permohonan=p, oleh=users["op_desa"], jenis_dokumen="ktp", berkas=pdf("KTP.pdf")
            )
    assert _semua_berkas() == sebelum

    dok = sv.dokumen_unggah(
        permohonan=p, oleh=users["op_desa"], jenis_dokumen="kk", berkas=pdf("KK.pdf")
    )
    dok.refresh_from_db()
    assert dok.berkas.name.startswith("bansos/") and dok.berkas.name.endswith(".pdf")
    assert default_storage.exists(dok.berkas.name)
    # Exactly one new file: the temporary name is gone once the row points at the final one.
    assert _semua_berkas() - sebelum == {dok.berkas.name}


@pytest.mark.django_db(transaction=True)
def test_a_page_whose_transaction_rolls_back_after_a_stored_document_leaves_no_file(
    client_for, users, orang, aturan, monkeypatch
):
    """The upload page stores its documents in one transaction: the first document's service
    returns, the second fails, the page's transaction rolls back both rows — and both files."""
    p = ajukan(users, orang)
    sebelum = _semua_berkas()
    asli = permohonan_sv.catat
    panggilan = []

    def catat_kedua_gagal(**kw):
        panggilan.append(kw)
        if len(panggilan) == 2:
            raise AturanDilanggar("Basis data menolak.")
        return asli(**kw)

    monkeypatch.setattr(permohonan_sv, "catat", catat_kedua_gagal)
    resp = client_for(users["op_desa"]).post(
        f"/bansos/{p.pk}/unggah/", {"dok_ktp": pdf("ktp.pdf"), "dok_kk": pdf("kk.pdf")}
    )
    assert resp.status_code in (200, 302) and len(panggilan) == 2
    assert not DokumenPermohonan.objects.filter(permohonan=p).exists()
    assert _semua_berkas() == sebelum


@pytest.mark.django_db
def test_on_commit_the_row_points_at_the_final_name(
    users, orang, aturan, django_capture_on_commit_callbacks
):
    p = ajukan(users, orang)
    with django_capture_on_commit_callbacks(execute=False) as hooks:
        dok = sv.dokumen_unggah(
            permohonan=p, oleh=users["op_desa"], jenis_dokumen="ktp", berkas=pdf("KTP.pdf")
        )
    sementara = dok.berkas.name
    # Before the commit the row already owns an existing file: nothing can be lost.
    assert sementara.startswith(f"{FOLDER_TUNDA}/") and default_storage.exists(sementara)
    for hook in hooks:
        hook()
    dok.refresh_from_db()
    assert dok.berkas.name.startswith("bansos/") and default_storage.exists(dok.berkas.name)
    assert not default_storage.exists(sementara)


def _tua(nama: str, isi: bytes = b"%PDF-1.4 yatim", jam: int = 48) -> str:
    nama = default_storage.save(nama, io.BytesIO(isi))
    t = time.time() - jam * 3600
    os.utime(default_storage.path(nama), (t, t))
    return nama


@pytest.mark.django_db
def test_sweep_removes_orphans_and_keeps_owned_files(
    users, orang, aturan, django_capture_on_commit_callbacks
):
    p = ajukan(users, orang)
    with django_capture_on_commit_callbacks(execute=True):
        dok = sv.dokumen_unggah(
            permohonan=p, oleh=users["op_desa"], jenis_dokumen="ktp", berkas=pdf("KTP.pdf")
        )
    milik = dok.berkas.name
    t = time.time() - 72 * 3600
    os.utime(default_storage.path(milik), (t, t))  # old, but owned
    yatim = _tua("bansos/2020/yatim.pdf")
    yatim_sementara = _tua(f"{FOLDER_TUNDA}/yatim.pdf")
    baru = _tua("bansos/2020/baru.pdf", jam=0)  # within the grace period: maybe a running commit
    cache = _tua("laporan/cache/halaman.bin")  # no FileField stores here: never swept

    out = StringIO()
    call_command("sapu_berkas", stdout=out)

    assert not default_storage.exists(yatim) and not default_storage.exists(yatim_sementara)
    for tetap in (milik, baru, cache):
        assert default_storage.exists(tetap), tetap
    assert "2 berkas tanpa pemilik dihapus" in out.getvalue()
    hapus = Riwayat.objects.filter(aksi=Riwayat.Aksi.HAPUS)
    assert {r.perubahan["berkas"][0] for r in hapus} == {yatim, yatim_sementara}
    assert all(yatim in r.objek or yatim_sementara in r.objek for r in hapus)
    for nama in (baru, cache):
        default_storage.delete(nama)


@pytest.mark.django_db
def test_sweep_dry_run_deletes_nothing():
    yatim = _tua("bansos/2020/coba.pdf")
    out = StringIO()
    call_command("sapu_berkas", "--coba", stdout=out)
    assert default_storage.exists(yatim) and yatim in out.getvalue()
    assert not Riwayat.objects.filter(aksi=Riwayat.Aksi.HAPUS).exists()
    default_storage.delete(yatim)
