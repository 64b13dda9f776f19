"""Persons in the registry (R1, R5–R8): register, change, delete one entered by mistake."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
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


PESAN_ALASAN_IDENTITAS = (
    "Perubahan NIK, tanggal lahir atau jenis kelamin wajib disertai alasan; alasan dicatat "
    "dalam riwayat (aturan R5)."
)


def _periksa(
    oleh: User,
    orang: Perseorangan,
    *,
    cek_wilayah: bool = True,
    tanpa_alasan_identitas: bool = False,
    abaikan: Iterable[str] = (),
) -> None:
    """Every rule on a person at once: one answer names every field that is wrong.

    The domicile (R7), the unique NIK (R5) and the model's own rules are collected rather than
    raised one by one, so an officer never fixes one field only to be shown the next error.
    `abaikan` are fields the caller already reported (a form's own shape errors).
    """
    galat: dict[str, list[Any]] = {}
    lewati = set(abaikan) | {"dibuat_oleh"}
    if tanpa_alasan_identitas:
        galat["alasan"] = [PESAN_ALASAN_IDENTITAS]
    if cek_wilayah:
        try:
            cek_desa(oleh, orang.desa if orang.desa_id else None)
        except ValidationError as e:
            e.update_error_dict(galat)
            lewati.add("desa")
    # The R5 message rather than Django's generic "already exists" that full_clean would give.
    if orang.nik and Perseorangan.objects.filter(nik=orang.nik).exclude(pk=orang.pk).exists():
        galat.setdefault("nik", []).append(PESAN_NIK_GANDA)
        lewati.add("nik")
    try:
        orang.full_clean(exclude=sorted(lewati))
    except ValidationError as e:
        e.update_error_dict(galat)
    for field in abaikan:
        galat.pop(field, None)
    if galat:
        raise ValidationError(galat)


def perseorangan_periksa(
    *,
    oleh: User,
    data: Mapping[str, Any],
    orang: Perseorangan | None = None,
    alasan: str = "",
    abaikan: Iterable[str] = (),
) -> None:
    """Check a person's data without saving: the rules of `perseorangan_buat` (or of
    `perseorangan_ubah` when `orang` is given) raised as one ValidationError.

    A form whose own shape checks failed calls this so the rule errors of its other fields come
    in the same answer; `abaikan` names the fields the form already reported."""
    _wajib_izin(oleh)
    isi = _normalisasi_orang(data)
    if orang is None:
        calon = Perseorangan(dibuat_oleh=oleh)
        _isi(calon, isi, FIELD_ORANG)
        _periksa(oleh, calon, abaikan=abaikan)
        return
    calon = copy.copy(orang)
    lama = _potret(calon)
    _isi(calon, isi, FIELD_ORANG)
    perubahan = beda(lama, _potret(calon))
    _periksa(
        oleh,
        calon,
        cek_wilayah="desa" in perubahan,
        tanpa_alasan_identitas=bool(FIELD_IDENTITAS & perubahan.keys())
        and not (alasan or "").strip(),
        abaikan=abaikan,
    )


def perseorangan_buat(*, oleh: User, data: Mapping[str, Any]) -> Perseorangan:
    """Register a person (R1, R5–R8). `data` holds FIELD_ORANG values, `desa` a Desa."""
    _wajib_izin(oleh)
    isi = _normalisasi_orang(data)
    with transaction.atomic():
        orang = Perseorangan(dibuat_oleh=oleh)
        _isi(orang, isi, FIELD_ORANG)
        _periksa(oleh, orang)
        simpan(orang, validasi=False)
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
        _periksa(
            oleh,
            orang,
            cek_wilayah="desa" in perubahan,
            tanpa_alasan_identitas=bool(FIELD_IDENTITAS & perubahan.keys())
            and not (alasan or "").strip(),
        )
        simpan(orang, validasi=False)
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
