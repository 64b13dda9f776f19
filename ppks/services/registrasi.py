"""Registrations: a registrant placed in a PMKS category on assessed criteria (R1, R2, R4, R6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from dinsos.audit import catat
from dinsos.models import Riwayat, User
from dinsos.services import kunci_untuk, simpan

from ..models import (
    KategoriPMKS,
    Kelompok,
    Keluarga,
    Komunitas,
    KriteriaPMKS,
    Perseorangan,
    Registrasi,
)
from ._umum import _wajib_izin


def cek_kriteria(
    kategori: KategoriPMKS, kriteria: Iterable[KriteriaPMKS] | None
) -> list[KriteriaPMKS]:
    """R2: at least one criterion found to hold, all of them criteria of this category."""
    daftar = list(kriteria or [])
    if not daftar:
        raise ValidationError(
            {
                "kriteria": "Centang paling sedikit satu kriteria yang terpenuhi "
                f"(aturan R2; Perbup Pacitan 1/2018 {kategori.pasal_kriteria} "
                f"huruf {kategori.kode})."
            }
        )
    asing = [k for k in daftar if k.kategori_id != kategori.pk]
    if asing:
        raise ValidationError(
            {
                "kriteria": f"Kriteria yang dipilih bukan kriteria kategori {kategori.nama} "
                "(aturan R2)."
            }
        )
    return daftar


def _ringkas_reg(reg: Registrasi, kriteria: Iterable[KriteriaPMKS]) -> dict[str, list[Any]]:
    return {
        "subjek": [None, f"{reg.jenis_subjek}: {reg.subjek}"],
        "kategori": [None, str(reg.kategori)],
        "kriteria": [None, sorted(k.huruf for k in kriteria)],
        "tanggal_asesmen": [None, str(reg.tanggal_asesmen)],
        "status": [None, reg.status],
        "sumber_data": [None, reg.sumber_data],
        "penilai": [None, str(reg.penilai)],
    }


def registrasi_buat(
    *,
    oleh: User,
    kategori: KategoriPMKS | None,
    kriteria: Iterable[KriteriaPMKS] | None,
    perseorangan: Perseorangan | None = None,
    keluarga: Keluarga | None = None,
    kelompok: Kelompok | None = None,
    komunitas: Komunitas | None = None,
    tanggal_asesmen: dt.date | None = None,
    sumber_data: str = Registrasi.Sumber.PENDATAAN,
    catatan: str = "",
) -> Registrasi:
    """Place a registrant in a PMKS category (R1, R2, R4, R6); the user is the assessor."""
    _wajib_izin(oleh)
    subjek: list[Model] = [
        s for s in (perseorangan, keluarga, kelompok, komunitas) if s is not None
    ]
    if len(subjek) != 1:
        raise ValidationError(
            "Registrasi harus untuk tepat satu registran: perseorangan, keluarga, kelompok atau "
            "komunitas (aturan R1)."
        )
    if kategori is None:
        raise ValidationError({"kategori": "Pilih kategori PMKS (aturan R2)."})
    terpenuhi = cek_kriteria(kategori, kriteria)
    with transaction.atomic():
        s = kunci_untuk(oleh, type(subjek[0]), subjek[0].pk)
        nama_subjek = s._meta.model_name or ""
        if Registrasi.objects.filter(
            **{nama_subjek: s}, kategori=kategori, status=Registrasi.Status.AKTIF
        ).exists():
            raise ValidationError(
                {"kategori": f"{s} sudah memiliki registrasi aktif pada kategori {kategori.nama}."}
            )
        reg = Registrasi(
            kategori=kategori,
            penilai=oleh,
            tanggal_asesmen=tanggal_asesmen or dt.date.today(),
            sumber_data=sumber_data,
            catatan=catatan,
            **{nama_subjek: s},
        )
        simpan(reg)
        reg.kriteria.set(terpenuhi)
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.BUAT,
            obj=reg,
            perubahan=_ringkas_reg(reg, terpenuhi),
        )
    return reg


TRANSISI_REGISTRASI: dict[str, set[str]] = {
    Registrasi.Status.AKTIF: {Registrasi.Status.SELESAI, Registrasi.Status.DITOLAK},
}


def registrasi_ubah_status(
    *, registrasi: Registrasi, oleh: User, status: str, alasan: str
) -> Registrasi:
    """End a registration: no longer PMKS, or found not to meet the criteria. Needs a reason."""
    _wajib_izin(oleh)
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Alasan perubahan status wajib diisi."})
    with transaction.atomic():
        reg = kunci_untuk(oleh, Registrasi, registrasi.pk)
        if status not in TRANSISI_REGISTRASI.get(reg.status, set()):
            ke = dict(Registrasi.Status.choices).get(status, status)
            raise ValidationError(
                f"Status registrasi “{reg.get_status_display()}” tidak dapat diubah menjadi "
                f"“{ke}”. "
                "Untuk mendaftarkan kembali, buat registrasi baru dengan asesmen baru."
            )
        lama = reg.status
        reg.status = status
        reg.save(update_fields=["status", "diubah"])
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.STATUS,
            obj=reg,
            perubahan={"status": [lama, status]},
            alasan=alasan,
        )
    return reg
