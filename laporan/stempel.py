"""Page numbers, the document title and the table grid stamped on the joined rekap pages.

No part of the rekap knows the total page count when it is rendered, so "Halaman X dari Y" is
written once the parts are joined, in one light pass over the pages with pypdf; the same pass
strokes each page's table grid as one path (see laporan.weasy.tata_halaman).
"""

from __future__ import annotations

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

from .weasy import tambah_objek

# Helvetica widths (per 1000 em) of the characters of "Halaman 12 dari 345", to right-align.
_LEBAR = {" ": 278, "H": 722, "a": 556, "l": 222, "m": 833, "n": 556, "d": 556, "r": 333, "i": 222}


def _lebar(teks: str, ukuran: float) -> float:
    return sum(_LEBAR.get(ch, 556) for ch in teks) * ukuran / 1000


def _pdf_teks(teks: str) -> bytes:
    aman = teks.encode("cp1252", "replace")
    return b"(" + aman.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _garis_pdf(kotak: list[float], x0: float, atas: float) -> bytes:
    """The table grid of one page as one stroked path (rectangles per cell)."""
    ops = [b"0 G 0.5 w"]
    for i in range(0, len(kotak), 4):
        x, y, w, h = kotak[i : i + 4]
        ops.append(b"%.2f %.2f %.2f %.2f re" % (x0 + x, atas - y - h, w, h))
    ops.append(b"S\n")
    return b"\n".join(ops)


def stempel_halaman(writer: PdfWriter, judul: str, garis: list | None = None) -> None:
    """Write "Halaman X dari Y" (right) and the document title (left) at the foot of each page,
    and stroke the table grid of the pages that carry one (see `_tata_halaman`)."""
    total = len(writer.pages)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    font_ref = tambah_objek(writer, font)
    # Each page's own drawing is wrapped in q … Q so whatever state it leaves does not move
    # the footer.
    simpan = DecodedStreamObject()
    simpan.set_data(b"q\n")
    pulih = DecodedStreamObject()
    pulih.set_data(b"\nQ\n")
    simpan_ref, pulih_ref = tambah_objek(writer, simpan), tambah_objek(writer, pulih)
    ukuran = 7.5
    for i, page in enumerate(writer.pages, start=1):
        res = page.get("/Resources")
        res = res.get_object() if res is not None else DictionaryObject()
        fonts = res.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        fonts[NameObject("/FHalaman")] = font_ref
        res[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = res
        box = page.mediabox
        lebar = float(box.width)
        x0, y0 = float(box.left), float(box.bottom)
        teks = f"Halaman {i} dari {total}"
        kanan = x0 + lebar - 12 * 72 / 25.4 - _lebar(teks, ukuran)
        kiri = x0 + 15 * 72 / 25.4
        y = y0 + 8 * 72 / 25.4
        isi = (
            b"BT /FHalaman %.1f Tf 0 g 1 0 0 1 %.2f %.2f Tm " % (ukuran, kanan, y)
            + _pdf_teks(teks)
            + b" Tj 1 0 0 1 %.2f %.2f Tm " % (kiri, y)
            + _pdf_teks(judul)
            + b" Tj ET\n"
        )
        if garis and garis[i - 1]:
            isi = _garis_pdf(garis[i - 1], x0, y0 + float(box.height)) + isi
        kaki = DecodedStreamObject()
        kaki.set_data(isi)
        kaki_ref = tambah_objek(writer, kaki)
        konten = page.get("/Contents")
        lama = konten.get_object() if konten is not None else None
        if isinstance(lama, ArrayObject):
            daftar = list(lama)
        elif konten is not None:
            daftar = [konten]
        else:
            daftar = []
        page[NameObject("/Contents")] = ArrayObject([simpan_ref, *daftar, pulih_ref, kaki_ref])
