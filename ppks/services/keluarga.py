"""Families as one Kartu Keluarga (R1): the family, its head and its members."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dinsos.audit import beda, catat
from dinsos.models import Riwayat, User
from dinsos.services import kunci_untuk, simpan

from .. import nik as nikmod
from ..models import Keluarga, Perseorangan
from ._umum import (
    FIELD_KELUARGA,
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


def _normalisasi_kk(data: Mapping[str, Any]) -> dict[str, Any]:
    hasil = dict(data)
    if "nomor_kk" in hasil:
        hasil["nomor_kk"] = nikmod.normalisasi(hasil["nomor_kk"] or "")
    return hasil


def _cek_kk_unik(kk: Keluarga) -> None:
    if Keluarga.objects.filter(nomor_kk=kk.nomor_kk).exclude(pk=kk.pk).exists():
        raise ValidationError({"nomor_kk": "Nomor KK ini sudah terdaftar sebagai keluarga lain."})


def _pasang_anggota(oleh: User, kk: Keluarga, orang: Perseorangan, hubungan: str) -> None:
    _cek_terlihat(oleh, orang)
    orang = Perseorangan.objects.select_for_update().get(pk=orang.pk)
    if orang.keluarga_id and orang.keluarga_id != kk.pk:
        raise ValidationError(
            f"{orang.nama} sudah tercatat sebagai anggota keluarga lain; keluarkan dahulu dari "
            "keluarga tersebut."
        )
    lama = _potret(orang)
    orang.keluarga = kk
    orang.hubungan_keluarga = hubungan
    orang.nomor_kk = kk.nomor_kk
    perubahan = beda(lama, _potret(orang))
    if perubahan:
        orang.save(update_fields=["keluarga", "hubungan_keluarga", "nomor_kk", "diubah"])
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=orang, perubahan=perubahan)


def _lepas_anggota(oleh: User, orang: Perseorangan, alasan: str) -> None:
    lama = _potret(orang)
    orang.keluarga = None
    orang.hubungan_keluarga = ""
    orang.save(update_fields=["keluarga", "hubungan_keluarga", "diubah"])
    catat(
        pengguna=oleh,
        aksi=Riwayat.Aksi.UBAH,
        obj=orang,
        perubahan=beda(lama, _potret(orang)),
        alasan=alasan,
    )


def keluarga_buat(
    *, oleh: User, data: Mapping[str, Any], kepala: Perseorangan | None = None
) -> Keluarga:
    """A family as one Kartu Keluarga (R1); the head, if given, becomes its first member."""
    _wajib_izin(oleh)
    isi = _normalisasi_kk(data)
    with transaction.atomic():
        kk = Keluarga()
        _isi(kk, isi, FIELD_KELUARGA)
        cek_desa(oleh, kk.desa if kk.desa_id else None)
        _cek_kk_unik(kk)
        simpan(kk, exclude=["kepala"])
        catat(pengguna=oleh, aksi=Riwayat.Aksi.BUAT, obj=kk, perubahan=_perubahan_baru(kk))
        if kepala is not None:
            _pasang_anggota(oleh, kk, kepala, Perseorangan.Hubungan.KEPALA)
            kk.kepala = kepala
            kk.save(update_fields=["kepala", "diubah"])
            catat(
                pengguna=oleh,
                aksi=Riwayat.Aksi.UBAH,
                obj=kk,
                perubahan={"kepala": [None, str(kepala)]},
            )
    return kk


def keluarga_ubah(
    *,
    keluarga: Keluarga,
    oleh: User,
    data: Mapping[str, Any],
    kepala: Perseorangan | None = None,
    alasan: str = "",
) -> Keluarga:
    """Change a family's data or head. The new head must be (or becomes) a member."""
    _wajib_izin(oleh)
    isi = _normalisasi_kk(data)
    with transaction.atomic():
        kk = kunci_untuk(oleh, Keluarga, keluarga.pk)
        lama = _potret(kk)
        _isi(kk, isi, FIELD_KELUARGA)
        if kepala is not None and kepala.pk != kk.kepala_id:
            if kk.kepala_id:
                # The former head stays a member, no longer recorded as head.
                mantan = Perseorangan.objects.select_for_update().get(pk=kk.kepala_id)
                if mantan.keluarga_id == kk.pk:
                    mantan.hubungan_keluarga = Perseorangan.Hubungan.LAINNYA
                    mantan.save(update_fields=["hubungan_keluarga", "diubah"])
                    catat(
                        pengguna=oleh,
                        aksi=Riwayat.Aksi.UBAH,
                        obj=mantan,
                        perubahan={"hubungan_keluarga": ["kepala", "lainnya"]},
                        alasan=alasan or "Kepala keluarga berganti.",
                    )
            _pasang_anggota(oleh, kk, kepala, Perseorangan.Hubungan.KEPALA)
            kk.kepala = kepala
        perubahan = beda(lama, _potret(kk))
        if not perubahan:
            return kk
        if "desa" in perubahan:
            cek_desa(oleh, kk.desa)
        _cek_kk_unik(kk)
        simpan(kk)
        if "nomor_kk" in perubahan:
            kk.anggota.update(nomor_kk=kk.nomor_kk)
        if "desa" in perubahan:
            _salin_desa_ke_registrasi(kk)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=kk, perubahan=perubahan, alasan=alasan)
    return kk


def keluarga_tambah_anggota(
    *, keluarga: Keluarga, orang: Perseorangan, hubungan: str, oleh: User
) -> None:
    _wajib_izin(oleh)
    if hubungan not in Perseorangan.Hubungan.values:
        raise ValidationError({"hubungan": "Pilih hubungan dalam keluarga."})
    with transaction.atomic():
        kk = kunci_untuk(oleh, Keluarga, keluarga.pk)
        if hubungan == Perseorangan.Hubungan.KEPALA and kk.kepala_id not in (None, orang.pk):
            raise ValidationError(
                {
                    "hubungan": "Keluarga ini sudah memiliki kepala keluarga; ubah data keluarga "
                    "untuk mengganti kepala keluarga."
                }
            )
        _pasang_anggota(oleh, kk, orang, hubungan)
        perubahan: dict[str, list[str | None]] = {
            "anggota": [None, f"{orang.nama} ({orang.nomor_registrasi})"]
        }
        if hubungan == Perseorangan.Hubungan.KEPALA and kk.kepala_id is None:
            kk.kepala = orang
            kk.save(update_fields=["kepala", "diubah"])
            perubahan["kepala"] = [None, str(orang)]
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=kk, perubahan=perubahan)


def keluarga_keluarkan_anggota(
    *, keluarga: Keluarga, orang: Perseorangan, oleh: User, alasan: str = ""
) -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kk = kunci_untuk(oleh, Keluarga, keluarga.pk)
        anggota = Perseorangan.objects.select_for_update().filter(pk=orang.pk, keluarga=kk).first()
        if anggota is None:
            raise ValidationError("Orang tersebut bukan anggota keluarga ini.")
        perubahan: dict[str, list[str | None]] = {
            "anggota": [f"{anggota.nama} ({anggota.nomor_registrasi})", None]
        }
        if kk.kepala_id == anggota.pk:
            kk.kepala = None
            kk.save(update_fields=["kepala", "diubah"])
            perubahan["kepala"] = [str(anggota), None]
        _lepas_anggota(oleh, anggota, alasan)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=kk, perubahan=perubahan, alasan=alasan)


def keluarga_hapus(*, keluarga: Keluarga, oleh: User, alasan: str = "") -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kk = kunci_untuk(oleh, Keluarga, keluarga.pk)
        _tolak_bila_terdaftar(kk, "Keluarga")
        for orang in kk.anggota.select_for_update():
            _lepas_anggota(oleh, orang, f"Data keluarga {kk.nomor_kk} dihapus. {alasan}".strip())
        _hapus(kk, oleh, alasan)
