"""Uploads (B5 documents, B6 proof): type by content, size by settings.UPLOAD_MAX_BYTES."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from bansos import services as sv
from bansos.berkas import periksa_berkas
from bansos.errors import AturanDilanggar
from bansos.models import DokumenPermohonan
from tests.bansos.conftest import JPEG_BYTES, PDF_BYTES, PNG_BYTES, ajukan, pdf


@pytest.mark.parametrize(
    ("isi", "ekstensi"), [(PDF_BYTES, "pdf"), (JPEG_BYTES, "jpg"), (PNG_BYTES, "png")]
)
def test_accepted_types_by_magic_bytes(isi, ekstensi):
    assert periksa_berkas(SimpleUploadedFile("apa.bin", isi)).ekstensi == ekstensi


def test_a_pdf_that_is_really_text_is_refused():
    with pytest.raises(ValidationError) as e:
        periksa_berkas(SimpleUploadedFile("ktp.pdf", b"Ini hanya teks biasa", "application/pdf"))
    assert e.value.code == "jenis_berkas"
    assert "bukan PDF, JPEG atau PNG" in e.value.messages[0]


def test_html_renamed_to_png_is_refused():
    with pytest.raises(ValidationError):
        periksa_berkas(SimpleUploadedFile("foto.png", b"<html><script>x</script></html>"))


def test_oversize_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as e:
        periksa_berkas(SimpleUploadedFile("besar.pdf", PDF_BYTES + b"0" * 1024))
    assert e.value.code == "terlalu_besar"
    assert "melebihi batas 1 KB" in e.value.messages[0]
    assert periksa_berkas(SimpleUploadedFile("pas.pdf", PDF_BYTES.ljust(1024, b"0")))


def test_empty_is_refused():
    with pytest.raises(ValidationError) as e:
        periksa_berkas(SimpleUploadedFile("kosong.pdf", b""))
    assert e.value.code == "kosong"


@pytest.mark.django_db
def test_upload_stored_under_an_unguessable_name(users, orang, aturan):
    p = ajukan(users, orang)
    dok = sv.dokumen_unggah(
        permohonan=p, oleh=users["op_desa"], jenis_dokumen="ktp", berkas=pdf("KTP Budi 3501.pdf")
    )
    assert dok.nama_asli == "KTP Budi 3501.pdf"
    assert "Budi" not in dok.berkas.name and dok.berkas.name.endswith(".pdf")
    assert dok.tipe == "application/pdf" and dok.ukuran == len(PDF_BYTES)
    assert default_storage.exists(dok.berkas.name)


@pytest.mark.django_db
def test_upload_service_refuses_fake_pdf_with_a_clear_message(users, orang, aturan):
    p = ajukan(users, orang)
    with pytest.raises(AturanDilanggar) as e:
        sv.dokumen_unggah(
            permohonan=p,
            oleh=users["op_desa"],
            jenis_dokumen="ktp",
            berkas=pdf("ktp.pdf", b"bukan pdf"),
        )
    assert "PDF, JPEG atau PNG" in e.value.message
    assert not DokumenPermohonan.objects.exists()


@pytest.mark.django_db
def test_upload_unknown_document_type_refused(users, orang, aturan):
    p = ajukan(users, orang)
    with pytest.raises(AturanDilanggar):
        sv.dokumen_unggah(permohonan=p, oleh=users["op_desa"], jenis_dokumen="x", berkas=pdf())
