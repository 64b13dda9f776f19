"""Template filters for Indonesian formats; builtins, so templates need no {% load %}."""

import datetime as dt

from django import template

from dinsos import format as fmt

register = template.Library()

register.filter("rupiah", fmt.rupiah)
register.filter("angka", fmt.angka)
register.filter("tanggal", fmt.tanggal)
register.filter("waktu", fmt.waktu)
register.filter("terbilang", fmt.terbilang)
register.filter("nik_samar", fmt.samarkan_nik)


@register.filter
def tanggal_hari(nilai: dt.date | None) -> str:
    return fmt.tanggal(nilai, dengan_hari=True)
