"""Forms of the bansos pages: they check shape (a date, an amount, a file that really is a PDF,
JPEG or PNG within the size limit) and find the recipient within the user's wilayah. Whether the
application may go ahead (B1–B8) is decided by bansos.services, whose errors the views put back
on these forms. Split by concern; every name is importable from `bansos.forms`.
"""

from .keputusan import (
    ISIAN_NONTUNAI,
    ISIAN_TUNAI,
    PESAN_MODE,
    PencairanForm,
    PengajuanForm,
    PermohonanPilihan,
    RekomendasiForm,
    VerifikasiForm,
    mode_bawaan,
    mode_untuk,
)
from .permohonan import (
    DOKUMEN_CALON,
    TANGGAL,
    UANG,
    AlasanForm,
    BerkasField,
    CatatanForm,
    KelompokPilihan,
    KetahuiForm,
    PermohonanForm,
    UbahPermohonanForm,
    UnggahForm,
    nama_berkas_field,
)

__all__ = [
    "DOKUMEN_CALON",
    "ISIAN_NONTUNAI",
    "ISIAN_TUNAI",
    "PESAN_MODE",
    "TANGGAL",
    "UANG",
    "AlasanForm",
    "BerkasField",
    "CatatanForm",
    "KelompokPilihan",
    "KetahuiForm",
    "PencairanForm",
    "PengajuanForm",
    "PermohonanForm",
    "PermohonanPilihan",
    "RekomendasiForm",
    "UbahPermohonanForm",
    "UnggahForm",
    "VerifikasiForm",
    "mode_bawaan",
    "mode_untuk",
    "nama_berkas_field",
]
