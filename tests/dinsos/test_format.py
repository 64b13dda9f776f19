import datetime as dt
from decimal import Decimal

from dinsos.format import rupiah, samarkan_nik, tanggal, terbilang


def test_rupiah_as_printed_by_finance_offices():
    assert rupiah(2000000) == "Rp 2.000.000,00"
    assert rupiah(Decimal("7500000.5")) == "Rp 7.500.000,50"
    assert rupiah(0) == "Rp 0,00"


def test_tanggal_indonesia():
    assert tanggal(dt.date(2027, 1, 5)) == "5 Januari 2027"
    assert tanggal(dt.date(2026, 11, 23), dengan_hari=True) == "Senin, 23 November 2026"


def test_terbilang():
    assert terbilang(2000000) == "Dua juta rupiah"
    assert terbilang(Decimal("1500250")) == "Satu juta lima ratus ribu dua ratus lima puluh rupiah"


def test_nik_masked_keeps_neither_birth_date_nor_full_serial():
    m = samarkan_nik("3501015705800001")
    assert m.startswith("3501") and m.endswith("01") and "570580" not in m and len(m) == 16
