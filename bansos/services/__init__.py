"""The bansos workflow (B4): one function per step, called from every entry point.

Every service has the kit's signature (`dinsos.services`):

    permohonan_<verb>(*, permohonan: Permohonan | int, oleh: User, <typed values>,
                      alasan: str = "") -> Permohonan | Verifikasi | …

keyword-only, `oleh` the acting user. Each step runs in one transaction:

1. load and lock the permohonan through the user's wilayah (`kunci_untuk`; outside it the
   application "does not exist": `PermohonanTidakDitemukan`, a 404);
2. check the step against the table of `bansos.alur` — capability, status, separation of
   duties (`LangkahTidakSah`) — then the rules: `bansos.kelayakan` for those that read other
   rows (B1–B3, B8, with the recipient and pagu rows locked), `AturanDilanggar` for the rest;
3. save through the kit's `simpan()` (`full_clean()`; a violated constraint becomes its
   registered message, e.g. `bansos_sekali_setahun` for B3);
4. write the history row (`dinsos.audit.catat`: who, when, from, to, why — B9).

Errors are all `django.core.exceptions.ValidationError` subclasses with Indonesian messages
(`e.messages`), so a view catches `ValidationError` and shows them; nothing here returns a 500
for a step a user is not allowed to take.

Lock order, to stay free of deadlocks: permohonan rows (by pk) → recipient row → pagu rows.
"""

from .keputusan import permohonan_rekomendasi, permohonan_tolak, permohonan_verifikasi
from .pencairan import pencairan_catat, pengajuan_pencairan_buat, pengajuan_pencairan_tambah
from .permohonan import (
    dokumen_unggah,
    permohonan_ajukan_ulang,
    permohonan_batalkan,
    permohonan_buat,
    permohonan_kembalikan,
    permohonan_ketahui_camat,
    permohonan_ubah,
)

__all__ = [
    "permohonan_buat",
    "permohonan_ubah",
    "dokumen_unggah",
    "permohonan_ketahui_camat",
    "permohonan_kembalikan",
    "permohonan_ajukan_ulang",
    "permohonan_verifikasi",
    "permohonan_rekomendasi",
    "permohonan_tolak",
    "pengajuan_pencairan_buat",
    "pengajuan_pencairan_tambah",
    "pencairan_catat",
    "permohonan_batalkan",
]
