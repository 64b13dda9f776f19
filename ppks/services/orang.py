"""Persons in the registry (R1, R5–R8): register, change, delete one entered by mistake."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dinsos.audit import beda, catat
from dinsos.models import Riwayat, User
from dinsos.services import kunci_untuk, simpan

from .. import nik as nikmod
from ..models import Keluarga, Perseorangan, Registrasi
from ._umum import (
    FIELD_IDENTITAS,
    FIELD_ORANG,
    PESAN_NIK_GANDA,
    _hapus,
    _isi,
    _perubahan_baru,
    _potret,
    _salin_desa_ke_registrasi,
    _wajib_izin,
    cek_desa,
)


def _normalisasi_orang(data: Mapping[str, Any]) -> dict[str, Any]:
    hasil = dict(data)
    if "nik" in hasil:
        hasil["nik"] = nikmod.normalisasi(hasil["nik"] or "") or None
    if "nomor_kk" in hasil:
        hasil["nomor_kk"] = nikmod.normalisasi(hasil["nomor_kk"] or "")
    for f in ("nama", "tempat_lahir", "alamat"):
        if isinstance(hasil.get(f), str):
            hasil[f] = " ".join(hasil[f].split())
    return hasil


def _cek_nik_unik(orang: Perseorangan) -> None:
    if orang.nik and Perseorangan.objects.filter(nik=orang.nik).exclude(pk=orang.pk).exists():
        raise ValidationError({"nik": PESAN_NIK_GANDA})


def _simpan_orang(orang: Perseorangan) -> None:
    # The R5 message before Django's generic "already exists" one that full_clean would give.
    _cek_nik_unik(orang)
    simpan(orang, exclude=["dibuat_oleh"])


def perseorangan_buat(*, oleh: User, data: Mapping[str, Any]) -> Perseorangan:
    """Register a person (R1, R5–R8). `data` holds FIELD_ORANG values, `desa` a Desa."""
    _wajib_izin(oleh)
    isi = _normalisasi_orang(data)
    with transaction.atomic():
        orang = Perseorangan(dibuat_oleh=oleh)
        _isi(orang, isi, FIELD_ORANG)
        cek_desa(oleh, orang.desa if orang.desa_id else None)
        _simpan_orang(orang)
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.BUAT,
            obj=orang,
            perubahan=_perubahan_baru(orang),
            alasan=orang.alasan_beda_nik or orang.alasan_tanpa_nik,
        )
    return orang


def perseorangan_ubah(
    *, orang: Perseorangan, oleh: User, data: Mapping[str, Any], alasan: str = ""
) -> Perseorangan:
    """Change a person's data. R5: a change of NIK, birth date or sex needs a reason."""
    _wajib_izin(oleh)
    isi = _normalisasi_orang(data)
    with transaction.atomic():
        orang = kunci_untuk(oleh, Perseorangan, orang.pk)
        lama = _potret(orang)
        _isi(orang, isi, FIELD_ORANG)
        perubahan = beda(lama, _potret(orang))
        if not perubahan:
            return orang
        if FIELD_IDENTITAS & perubahan.keys() and not (alasan or "").strip():
            raise ValidationError(
                {
                    "alasan": "Perubahan NIK, tanggal lahir atau jenis kelamin wajib disertai "
                    "alasan; alasan dicatat dalam riwayat (aturan R5)."
                }
            )
        if "desa" in perubahan:
            cek_desa(oleh, orang.desa)
        _simpan_orang(orang)
        if "desa" in perubahan:
            _salin_desa_ke_registrasi(orang)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=orang, perubahan=perubahan, alasan=alasan)
    return orang


def perseorangan_hapus(*, orang: Perseorangan, oleh: User, alasan: str = "") -> None:
    """Delete a person entered by mistake; never one with registrations or bansos."""
    _wajib_izin(oleh)
    with transaction.atomic():
        orang = kunci_untuk(oleh, Perseorangan, orang.pk)
        if Registrasi.objects.filter(perseorangan=orang).exists():
            raise ValidationError(
                f"{orang.nama} tidak dapat dihapus karena memiliki registrasi PMKS. Ubah status "
                "registrasinya menjadi “Tidak lagi PMKS” bila tidak lagi memenuhi."
            )
        for kk in Keluarga.objects.select_for_update().filter(kepala=orang):
            kk.kepala = None
            kk.save(update_fields=["kepala", "diubah"])
            catat(
                pengguna=oleh,
                aksi=Riwayat.Aksi.UBAH,
                obj=kk,
                perubahan={"kepala": [str(orang), None]},
                alasan="Data kepala keluarga dihapus dari registri.",
            )
        _hapus(orang, oleh, alasan)
