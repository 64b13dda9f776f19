"""Everything this project does with WeasyPrint (and pypdf) beyond their public APIs.

The rekapitulasi is fast because it leans on three internals (see laporan.rekap_pdf):

1. building a `weasyprint.HTML` from an XHTML tree parsed by the C XML parser, by setting the
   attributes `HTML.__init__` sets (`INSTANCE_ATTRS`) — WeasyPrint's own HTML5 parser is pure
   Python and costs ~10% of a row;
2. overriding `HTML._ua_stylesheets` with a short user-agent stylesheet;
3. reading the laid-out boxes of a page (`Page._page_box`, box `position_x/y`, `height`,
   `border_width()`, `children`, `element`, `element_tag`) to stroke the table grid in one
   path per page; and pypdf's `PdfWriter._add_object` to add that path.

Each has a fallback that only costs speed: a tree that does not parse goes through the normal
constructor; unreadable boxes give CSS-drawn borders. `periksa_api()` states what is relied
on; a test asserts it finds nothing missing, so an upgrade that changes these internals fails
the suite loudly instead of silently slowing the rekap. pyproject.toml pins WeasyPrint to the
major version the tests cover.
"""

from __future__ import annotations

import inspect
from typing import Any
from xml.etree import ElementTree

import cssselect2
import pypdf
import weasyprint
from pypdf import PdfWriter
from pypdf.generic import IndirectObject, PdfObject

from .pdf import HanyaDataURI

# The attributes `weasyprint.HTML.__init__` sets on an instance (WeasyPrint 70).
INSTANCE_ATTRS = frozenset(
    {"base_url", "etree_element", "media_type", "url_fetcher", "wrapper_element"}
)
PT_PER_PX = 0.75  # WeasyPrint lays out in CSS px; PDF user space is in points

_UA_RINGKAS: weasyprint.CSS | None = None


def ua_ringkas() -> weasyprint.CSS:
    # The group template uses a handful of elements; matching every row against the full HTML5
    # user-agent stylesheet costs ~10% of the layout time for nothing.
    global _UA_RINGKAS
    if _UA_RINGKAS is None:
        _UA_RINGKAS = weasyprint.CSS(
            string="""
            head, style, title, meta { display: none }
            html, body, div { display: block }
            table { display: table; box-sizing: border-box }
            thead { display: table-header-group }
            tbody { display: table-row-group }
            tr { display: table-row }
            td, th { display: table-cell }
            colgroup { display: table-column-group }
            col { display: table-column }
            th { font-weight: bold }
            """
        )
    return _UA_RINGKAS


class HTMLRingkas(weasyprint.HTML):
    """An HTML document with the short user-agent stylesheet, built from XHTML when it can."""

    @classmethod
    def dari_xhtml(cls, html: str) -> HTMLRingkas:
        """Parse well-formed XHTML with the C XML parser; anything else takes the normal path."""
        try:
            root = ElementTree.fromstring(html)
            doc = cls.__new__(cls)
            doc.base_url = None
            doc.url_fetcher = HanyaDataURI()
            doc.media_type = "print"
            doc.wrapper_element = cssselect2.ElementWrapper.from_html_root(
                root, content_language=None
            )
            doc.etree_element = doc.wrapper_element.etree_element
            return doc
        except (ElementTree.ParseError, AttributeError, TypeError):
            return cls(string=html, url_fetcher=HanyaDataURI(), base_url=None)

    def _ua_stylesheets(self, *args: Any, **kwargs: Any) -> list[weasyprint.CSS]:
        return [ua_ringkas()]


def tata_halaman(doc: Any) -> list[tuple[int | None, list[float], int | None]]:
    """For each page: the index of its first data row and that row's group in the document
    (None when the page holds no data row), and the cell rectangles of its table rows
    (x, y from the top, width, height; in points). Rows carry `data-i` and `data-g`.

    Unreadable boxes give empty rectangles; the caller then lets WeasyPrint draw the grid.
    """
    hasil = []
    for page in doc.pages:
        pertama = grup = None
        kotak: list[float] = []
        tumpukan = [getattr(page, "_page_box", None)]
        while tumpukan:
            box = tumpukan.pop()
            if box is None:
                continue
            if getattr(box, "element_tag", "") == "tr":
                el = getattr(box, "element", None)
                i = el.get("data-i") if el is not None else None
                if el is not None and i is not None and (pertama is None or int(i) < pertama):
                    pertama, grup = int(i), int(el.get("data-g", 0))
                y, h = box.position_y * PT_PER_PX, box.height * PT_PER_PX
                for sel in box.children:
                    kotak += [
                        round(sel.position_x * PT_PER_PX, 2),
                        round(y, 2),
                        round(sel.border_width() * PT_PER_PX, 2),
                        round(h, 2),
                    ]
                continue
            tumpukan.extend(getattr(box, "children", ()))
        hasil.append((pertama, kotak, grup))
    return hasil


def tambah_objek(writer: PdfWriter, obj: PdfObject) -> IndirectObject:
    """Add an object to the PDF being written and return its reference (pypdf internal)."""
    return writer._add_object(obj)


def periksa_api() -> list[str]:
    """What of the internals above is missing in the installed versions (empty: all there)."""
    masalah = []
    h = weasyprint.HTML(string="<table><tr><td>x</td></tr></table>")
    if set(vars(h)) != INSTANCE_ATTRS:
        masalah.append(
            f"weasyprint.HTML instance attributes changed: {sorted(vars(h))} "
            f"(expected {sorted(INSTANCE_ATTRS)})"
        )
    ua = getattr(weasyprint.HTML, "_ua_stylesheets", None)
    if ua is None:
        masalah.append("weasyprint.HTML._ua_stylesheets is gone")
    elif list(inspect.signature(ua).parameters) != ["self", "forms"]:
        masalah.append(
            f"weasyprint.HTML._ua_stylesheets signature changed: {inspect.signature(ua)}"
        )
    try:
        page = h.render().pages[0]
    except Exception as e:  # an internal gone can break rendering itself: say which
        masalah.append(f"weasyprint cannot render a probe document: {type(e).__name__}: {e}")
        page = None
    box = getattr(page, "_page_box", None)
    if page is not None and box is None:
        masalah.append("weasyprint Page._page_box is gone")
    elif box is not None:
        sel = _cari(box, "td")
        if sel is None:
            masalah.append("weasyprint boxes no longer carry element_tag")
        else:
            for nama in ("position_x", "position_y", "height", "children", "element"):
                if not hasattr(sel, nama):
                    masalah.append(f"weasyprint box attribute {nama} is gone")
            if not callable(getattr(sel, "border_width", None)):
                masalah.append("weasyprint box border_width() is gone")
    if not callable(getattr(PdfWriter, "_add_object", None)):
        masalah.append(f"pypdf {pypdf.__version__}: PdfWriter._add_object is gone")
    return masalah


def _cari(box: Any, tag: str) -> Any:
    tumpukan = [box]
    while tumpukan:
        b = tumpukan.pop()
        if getattr(b, "element_tag", "") == tag:
            return b
        tumpukan.extend(getattr(b, "children", ()))
    return None
