"""The WeasyPrint adapter (laporan.weasy): the internals the rekap relies on are really there,
and when one goes the suite says so by name while the documents still print."""

import pytest
import weasyprint
from pypdf import PdfWriter

from laporan import weasy


def test_internals_relied_on_are_present_in_the_installed_versions():
    # If this fails after an upgrade, read laporan/weasy.py: each internal has a fallback,
    # but the rekap gets slower; adapt the adapter or pin the previous version.
    assert weasy.periksa_api() == []


def test_a_missing_internal_is_named(monkeypatch):
    monkeypatch.delattr(weasyprint.HTML, "_ua_stylesheets")
    monkeypatch.delattr(PdfWriter, "_add_object")
    masalah = weasy.periksa_api()
    assert any("_ua_stylesheets" in m for m in masalah)
    assert any("_add_object" in m for m in masalah)


def test_changed_instance_attributes_are_named(monkeypatch):
    monkeypatch.setattr(weasy, "INSTANCE_ATTRS", weasy.INSTANCE_ATTRS | {"atribut_baru"})
    assert any("instance attributes" in m for m in weasy.periksa_api())


@pytest.mark.django_db
def test_fast_parse_and_normal_parse_lay_out_the_same_page():
    html = (
        "<html><body><table><tr data-i='0' data-g='0'><td>Satu</td><td>Rp 1,00</td></tr>"
        "</table></body></html>"
    )
    cepat = weasy.HTMLRingkas.dari_xhtml(html).render()
    biasa = weasy.HTMLRingkas(string=html.replace("</table>", "</table><br>")).render()
    assert weasy.tata_halaman(cepat)[0][0] == 0
    assert weasy.tata_halaman(biasa)[0][0] == 0
    assert len(weasy.tata_halaman(cepat)[0][1]) == 8  # two cells, four numbers each


def test_unreadable_boxes_give_no_rectangles():
    class Halaman:
        _page_box = None

    class Dok:
        pages = [Halaman()]

    assert weasy.tata_halaman(Dok()) == [(None, [], None)]
