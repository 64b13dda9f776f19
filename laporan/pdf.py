"""Django template → PDF with WeasyPrint, for every printed document of the office.

Nothing in a printed document is fetched from outside the server: the logo is embedded as a
`data:` URI read from the private storage, fonts are the system's own (DejaVu/Liberation), and
the URL fetcher refuses every scheme except `data:` — a template that links a web font or an
image on the internet prints without it instead of making a request.
"""

import base64
import mimetypes
from functools import lru_cache

import weasyprint
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone

from dinsos.models import ProfilKantor

# Paper sizes the office prints on (ProfilKantor.ukuran_kertas); F4 is the Indonesian folio.
UKURAN_KERTAS = {"A4": "A4", "F4": "215mm 330mm"}
# Long tables (the rekapitulasi) print landscape: a name and an address fit on one line.
UKURAN_LANSKAP = {"A4": "A4 landscape", "F4": "330mm 215mm"}


class HanyaDataURI(weasyprint.URLFetcher):
    """Allow `data:` URIs only: a document never triggers a network or file-system request."""

    def __init__(self):
        super().__init__(allowed_protocols=["data"], fail_on_errors=False)


@lru_cache(maxsize=4)
def _logo_data_uri(nama: str, versi: float) -> str:
    with default_storage.open(nama, "rb") as f:
        isi = f.read()
    tipe = mimetypes.guess_type(nama)[0] or "image/png"
    return f"data:{tipe};base64,{base64.b64encode(isi).decode('ascii')}"


def logo_uri(profil: ProfilKantor) -> str:
    """The uploaded logo as a data: URI, or "" when none (or the file has gone missing)."""
    if not profil.logo:
        return ""
    try:
        versi = default_storage.get_modified_time(profil.logo.name).timestamp()
        return _logo_data_uri(profil.logo.name, versi)
    except (OSError, NotImplementedError, ValueError):
        return ""


def _rapi(teks: str) -> str:
    return " ".join((teks or "").split())


def nama_pemda(profil: ProfilKantor) -> str:
    """The government's name as the letterhead prints it: `Pemerintah Kabupaten Pacitan`.

    Profil Kantor is filled two ways: the form's defaults ("Pemerintah Kabupaten" + "Pacitan")
    and `muat_wilayah` ("Pemerintah Kabupaten Pacitan" + "Kabupaten Pacitan"). Joining the two
    fields blindly printed "Kabupaten Pacitan Kabupaten Pacitan" on every letter, so the name of
    the kabupaten is added only where the government's name does not already carry it, and the
    kind of region ("Kabupaten", "Kota") is written once.
    """
    pemda, kab = _rapi(profil.nama_pemerintah), _rapi(profil.nama_kabupaten)
    if not kab or pemda.lower().endswith(kab.lower()):
        return pemda
    if pemda and " " in kab:
        jenis, nama = kab.split(" ", 1)
        if pemda.lower().endswith(" " + jenis.lower()) or pemda.lower() == jenis.lower():
            kab = nama  # "Pemerintah Kabupaten" + "Kabupaten Pacitan"
    return f"{pemda} {kab}".strip()


def sebutan_daerah(profil: ProfilKantor) -> str:
    """`Kabupaten Pacitan`, as written after an office's title ("Kepala Dinas Sosial …")."""
    if not _rapi(profil.nama_kabupaten):
        return ""
    pemda = nama_pemda(profil)
    if pemda.lower().startswith("pemerintah "):
        pemda = pemda[len("pemerintah ") :]
    return pemda


def konteks_cetak(profil: ProfilKantor | None = None, ukuran: str | None = None) -> dict:
    """What every printed template needs: the letterhead, the paper size, today's date."""
    profil = profil or ProfilKantor.get()
    ukuran = ukuran if ukuran in UKURAN_KERTAS else profil.ukuran_kertas
    return {
        "kantor": profil,
        "pemda": nama_pemda(profil),
        "daerah": sebutan_daerah(profil),
        "logo_uri": logo_uri(profil),
        "ukuran_kertas": ukuran,
        "ukuran_css": UKURAN_KERTAS.get(ukuran, "A4"),
        "ukuran_css_lanskap": UKURAN_LANSKAP.get(ukuran, "A4 landscape"),
        "hari_ini": timezone.localdate(),
    }


def html_ke_pdf(html: str, target=None):
    """Render an HTML string; returns bytes, or writes to `target` (path or file) if given."""
    doc = weasyprint.HTML(string=html, url_fetcher=HanyaDataURI(), base_url=None)
    return doc.write_pdf(target)


def render_pdf(template_name: str, context: dict, *, ukuran: str | None = None) -> bytes:
    """Render a template of templates/laporan/ into a PDF, with the letterhead context."""
    ctx = {**konteks_cetak(ukuran=ukuran), **context}
    return html_ke_pdf(render_to_string(template_name, ctx))
