"""Communities (masyarakat/komunitas: people of one place, R1)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from dinsos.audit import beda, catat
from dinsos.models import Riwayat, User
from dinsos.services import kunci_untuk, simpan

from ..models import Komunitas
from ._umum import (
    FIELD_KOMUNITAS,
    _hapus,
    _isi,
    _perubahan_baru,
    _potret,
    _salin_desa_ke_registrasi,
    _tolak_bila_terdaftar,
    _wajib_izin,
    cek_desa,
)


def komunitas_buat(*, oleh: User, data: Mapping[str, Any]) -> Komunitas:
    _wajib_izin(oleh)
    with transaction.atomic():
        kom = Komunitas()
        _isi(kom, data, FIELD_KOMUNITAS)
        cek_desa(oleh, kom.desa if kom.desa_id else None)
        simpan(kom)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.BUAT, obj=kom, perubahan=_perubahan_baru(kom))
    return kom


def komunitas_ubah(
    *, komunitas: Komunitas, oleh: User, data: Mapping[str, Any], alasan: str = ""
) -> Komunitas:
    _wajib_izin(oleh)
    with transaction.atomic():
        kom = kunci_untuk(oleh, Komunitas, komunitas.pk)
        lama = _potret(kom)
        _isi(kom, data, FIELD_KOMUNITAS)
        perubahan = beda(lama, _potret(kom))
        if not perubahan:
            return kom
        if "desa" in perubahan:
            cek_desa(oleh, kom.desa)
        simpan(kom)
        if "desa" in perubahan:
            _salin_desa_ke_registrasi(kom)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=kom, perubahan=perubahan, alasan=alasan)
    return kom


def komunitas_hapus(*, komunitas: Komunitas, oleh: User, alasan: str = "") -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kom = kunci_untuk(oleh, Komunitas, komunitas.pk)
        _tolak_bila_terdaftar(kom, "Komunitas")
        _hapus(kom, oleh, alasan)
