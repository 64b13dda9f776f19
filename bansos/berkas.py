"""Checking an uploaded document before it is stored (B5 supporting documents, B6 proof).

The type is judged by the file's first bytes, never by its name or the browser's content type:
a renamed text file is not a PDF. Only PDF, JPEG and PNG are accepted, up to
`settings.UPLOAD_MAX_BYTES`. A file starting with `%PDF-` must also parse as a PDF with at
least one page (pypdf): `%PDF-` followed by an HTML page is not a document, and a browser
sniffing it could run its script.
"""

import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from dinsos.format import angka

PESAN_PDF_RUSAK = (
    "Berkas PDF rusak atau bukan dokumen PDF yang sah (tidak dapat dibuka sebagai PDF). "
    "Simpan ulang atau pindai ulang dokumen sebagai PDF, lalu unggah kembali."
)


@dataclass(frozen=True)
class JenisBerkas:
    ekstensi: str
    mime: str
    label: str


PDF = JenisBerkas("pdf", "application/pdf", "PDF")
JPEG = JenisBerkas("jpg", "image/jpeg", "JPEG")
PNG = JenisBerkas("png", "image/png", "PNG")

_TANDA = [
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
]


def _ukuran_label(n: int) -> str:
    if n >= 1024 * 1024:
        mb = n / (1024 * 1024)
        return f"{mb:.1f} MB".replace(".", ",").replace(",0 MB", " MB")
    return f"{angka(max(1, n // 1024))} KB"


def periksa_berkas(berkas) -> JenisBerkas:
    """Return the detected type of an uploaded file, or raise ValidationError in Indonesian.

    `berkas` is any Django `File`/`UploadedFile`. The read position is restored to the start.
    """
    ukuran = getattr(berkas, "size", None)
    if ukuran is None:
        berkas.seek(0, 2)
        ukuran = berkas.tell()
    batas = settings.UPLOAD_MAX_BYTES
    if not ukuran:
        raise ValidationError("Berkas kosong. Pilih berkas yang berisi dokumen.", code="kosong")
    if ukuran > batas:
        raise ValidationError(
            f"Ukuran berkas {_ukuran_label(ukuran)} melebihi batas {_ukuran_label(batas)}. "
            "Perkecil hasil pindaian atau foto, lalu unggah kembali.",
            code="terlalu_besar",
        )
    berkas.seek(0)
    kepala = berkas.read(16)
    berkas.seek(0)
    for tanda, jenis in _TANDA:
        if kepala.startswith(tanda):
            if jenis is PDF:
                _cek_struktur_pdf(berkas)
            return jenis
    raise ValidationError(
        "Jenis berkas tidak didukung: isi berkas bukan PDF, JPEG atau PNG "
        "(nama atau ekstensi berkas tidak menentukan jenisnya). "
        "Unggah hasil pindaian dalam format PDF, JPEG atau PNG.",
        code="jenis_berkas",
    )


def _cek_struktur_pdf(berkas) -> None:
    """The bytes after `%PDF-` must be a PDF: a cross-reference, a catalog and a page."""
    berkas.seek(0)
    isi = berkas.read()
    berkas.seek(0)
    pypdf_log = logging.getLogger("pypdf")
    tingkat = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # a slightly damaged but readable scan is not news
    try:
        pembaca = PdfReader(io.BytesIO(isi), strict=False)
        # An encrypted PDF (a bank statement, a signed letter) is a PDF even unopened.
        ada_halaman = pembaca.is_encrypted or len(pembaca.pages) > 0
    except Exception:  # pypdf raises many kinds (and RecursionError) for a non-PDF
        ada_halaman = False
    finally:
        pypdf_log.setLevel(tingkat)
    if not ada_halaman:
        raise ValidationError(PESAN_PDF_RUSAK, code="pdf_rusak")


def validasi_berkas(berkas) -> None:
    """Field/form validator form of `periksa_berkas`."""
    periksa_berkas(berkas)
