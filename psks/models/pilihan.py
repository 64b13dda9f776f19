"""The codes and labels of Perbup Asahan 53/2022 (ASH) the psks models choose from."""

from django.db import models

from ..data import asahan


def _pilihan(daftar, huruf=False):
    """(kode, teks) choices with the text capitalised for display; `huruf` prefixes the
    letter of the article so a clerk can find it in the text."""
    hasil = []
    for kode, teks in daftar:
        label = teks[:1].upper() + teks[1:]
        hasil.append((kode, f"{kode}. {label}" if huruf else label))
    return hasil


def _label(daftar, kode):
    return dict(_pilihan(daftar)).get(kode, kode)


JENIS_SDM = _pilihan(asahan.JENIS_PSKS[:4])  # ASH 33(1)
JENIS_LEMBAGA = _pilihan(asahan.JENIS_PSKS[4:])  # ASH 32 huruf b-d
ASAL_SDM = _pilihan(asahan.ASAL_SDM)  # ASH 33(2)
STANDAR_PEMBINAAN = _pilihan(asahan.STANDAR_PEMBINAAN_TEKNIS_SDM)  # ASH 38(2)
SUMBER_DANA = _pilihan(asahan.SUMBER_DANA)  # ASH 41
SASARAN_REHABILITASI = _pilihan(asahan.SASARAN_REHABILITASI, huruf=True)  # ASH 13
BENTUK_REHABILITASI = _pilihan(asahan.BENTUK_REHABILITASI, huruf=True)  # ASH 15(1)
TAHAP_REHABILITASI = _pilihan(asahan.TAHAP_REHABILITASI)  # ASH 15(2), in order
BENTUK_JAMINAN = _pilihan(asahan.BENTUK_JAMINAN_SOSIAL)  # ASH 16(2), 17, 18(1)
CARA_PEMBERDAYAAN = _pilihan(asahan.CARA_PEMBERDAYAAN, huruf=True)  # ASH 20(1)
BENTUK_PEMBERDAYAAN = _pilihan(asahan.BENTUK_PEMBERDAYAAN, huruf=True)  # ASH 20(2)-(3)
TAHAP_PERAN_SERTA = _pilihan(asahan.TAHAP_PEMBERDAYAAN_LEMBAGA)  # ASH 27, in order
JENIS_PERLINDUNGAN = _pilihan(asahan.BENTUK_PERLINDUNGAN_SOSIAL)  # ASH 28(3)
BENTUK_BANTUAN_LANGSUNG = _pilihan(asahan.BENTUK_BANTUAN_LANGSUNG_PERLINDUNGAN, huruf=True)
BENTUK_ADVOKASI = _pilihan(asahan.BENTUK_ADVOKASI_SOSIAL, huruf=True)  # ASH 30(2)
BENTUK_BANTUAN_HUKUM = _pilihan(asahan.BENTUK_BANTUAN_HUKUM)  # ASH 31(2)

# ASH 18(7) lists the stages as persiapan, pendampingan, terminasi, pelaksanaan — terminasi
# before pelaksanaan, which cannot be carried out. docs/rules.md S4 reads them in the logical order
# below; asahan.TAHAP_JAMINAN_SOSIAL keeps the text's order and is used for labels only.
URUTAN_TAHAP_JAMINAN = ["persiapan", "pendampingan", "pelaksanaan", "terminasi"]
_LABEL_TAHAP_JAMINAN = dict(_pilihan(asahan.TAHAP_JAMINAN_SOSIAL))
TAHAP_JAMINAN = [(k, _LABEL_TAHAP_JAMINAN[k]) for k in URUTAN_TAHAP_JAMINAN]

KRITERIA_PEMBERDAYAAN = {
    # ASH 21(2), 22(2), 23(2): the criteria depend on who is empowered.
    "perseorangan": _pilihan(asahan.KRITERIA_PEMBERDAYAAN_PERSEORANGAN, huruf=True),
    "keluarga": _pilihan(asahan.KRITERIA_PEMBERDAYAAN_KELUARGA, huruf=True),
    "kelompok": _pilihan(asahan.KRITERIA_PEMBERDAYAAN_KELOMPOK, huruf=True),
}
KRITERIA_PERAN_SERTA = {
    "lembaga": _pilihan(asahan.KRITERIA_PEMBINAAN_LEMBAGA, huruf=True),  # ASH 25(2)
    "tenaga": _pilihan(asahan.KRITERIA_PERAN_SERTA_PERSEORANGAN, huruf=True),  # ASH 26(2)
}


def label_tahap(daftar, kode):
    return dict(daftar).get(kode, kode or "—")


def labels(daftar, kode_list):
    d = dict(daftar)
    return [d.get(k, k) for k in (kode_list or [])]


class Status(models.TextChoices):
    """The life of a service to a PPKS."""

    AKTIF = "aktif", "Berjalan"
    SELESAI = "selesai", "Selesai"
    DIHENTIKAN = "dihentikan", "Dihentikan"
