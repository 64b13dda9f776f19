"""Groups (a named group with a chair and members, R1), e.g. a KUBE."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dinsos.audit import beda, catat
from dinsos.models import Riwayat, User
from dinsos.services import kunci_untuk, simpan

from ..models import Kelompok, Perseorangan
from ._umum import (
    FIELD_KELOMPOK,
    _cek_terlihat,
    _hapus,
    _isi,
    _perubahan_baru,
    _potret,
    _salin_desa_ke_registrasi,
    _tolak_bila_terdaftar,
    _wajib_izin,
    cek_desa,
)


def _sebut(orang: Perseorangan) -> str:
    return f"{orang.nama} ({orang.nomor_registrasi})"


def kelompok_buat(
    *,
    oleh: User,
    data: Mapping[str, Any],
    ketua: Perseorangan | None,
    anggota: Iterable[Perseorangan] = (),
) -> Kelompok:
    """A named group with a chair and members (R1); the chair is always a member."""
    _wajib_izin(oleh)
    with transaction.atomic():
        kel = Kelompok()
        _isi(kel, data, FIELD_KELOMPOK)
        if ketua is None:
            raise ValidationError({"ketua": "Ketua kelompok wajib diisi (aturan R1)."})
        _cek_terlihat(oleh, ketua)
        kel.ketua = ketua
        cek_desa(oleh, kel.desa if kel.desa_id else None)
        simpan(kel)
        semua = {ketua.pk: ketua}
        for o in anggota:
            _cek_terlihat(oleh, o)
            semua[o.pk] = o
        kel.anggota.set(list(semua.values()))
        perubahan = _perubahan_baru(kel)
        perubahan["anggota"] = [None, sorted(_sebut(o) for o in semua.values())]
        catat(pengguna=oleh, aksi=Riwayat.Aksi.BUAT, obj=kel, perubahan=perubahan)
    return kel


def kelompok_ubah(
    *,
    kelompok: Kelompok,
    oleh: User,
    data: Mapping[str, Any],
    ketua: Perseorangan | None = None,
    alasan: str = "",
) -> Kelompok:
    _wajib_izin(oleh)
    with transaction.atomic():
        kel = kunci_untuk(oleh, Kelompok, kelompok.pk)
        lama = _potret(kel)
        _isi(kel, data, FIELD_KELOMPOK)
        if ketua is not None and ketua.pk != kel.ketua_id:
            _cek_terlihat(oleh, ketua)
            kel.ketua = ketua
        perubahan = beda(lama, _potret(kel))
        if not perubahan:
            return kel
        if "desa" in perubahan:
            cek_desa(oleh, kel.desa)
        simpan(kel)
        if "ketua" in perubahan:
            kel.anggota.add(kel.ketua)
        if "desa" in perubahan:
            _salin_desa_ke_registrasi(kel)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=kel, perubahan=perubahan, alasan=alasan)
    return kel


def kelompok_tambah_anggota(*, kelompok: Kelompok, orang: Perseorangan, oleh: User) -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kel = kunci_untuk(oleh, Kelompok, kelompok.pk)
        _cek_terlihat(oleh, orang)
        if kel.anggota.filter(pk=orang.pk).exists():
            raise ValidationError(f"{orang.nama} sudah menjadi anggota kelompok ini.")
        kel.anggota.add(orang)
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.UBAH,
            obj=kel,
            perubahan={"anggota": [None, _sebut(orang)]},
        )


def kelompok_keluarkan_anggota(
    *, kelompok: Kelompok, orang: Perseorangan, oleh: User, alasan: str = ""
) -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kel = kunci_untuk(oleh, Kelompok, kelompok.pk)
        if kel.ketua_id == orang.pk:
            raise ValidationError(
                "Ketua tidak dapat dikeluarkan dari kelompok; ganti ketua terlebih dahulu."
            )
        if not kel.anggota.filter(pk=orang.pk).exists():
            raise ValidationError("Orang tersebut bukan anggota kelompok ini.")
        kel.anggota.remove(orang)
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.UBAH,
            obj=kel,
            perubahan={"anggota": [_sebut(orang), None]},
            alasan=alasan,
        )


def kelompok_hapus(*, kelompok: Kelompok, oleh: User, alasan: str = "") -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kel = kunci_untuk(oleh, Kelompok, kelompok.pk)
        _tolak_bila_terdaftar(kel, "Kelompok")
        _hapus(kel, oleh, alasan)
