"""The decisions of B4: verification by the Tim Pengelola (B5), the Kepala Dinas's
rekomendasi (B2, B8), and refusal at either of the two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction

from dinsos.akses import Izin
from dinsos.format import rupiah
from dinsos.models import User
from dinsos.services import simpan

from .. import alur, kelayakan
from ..aturan import dokumen_kurang, dokumen_wajib
from ..errors import AturanDilanggar
from ..models import PCT, JenisBansos, JenisDokumen, Permohonan, Rekomendasi, Verifikasi
from ..models import StatusPermohonan as S
from . import _umum as u


def checklist_untuk(p: Permohonan, checklist: Mapping[str, bool]) -> dict[str, bool]:
    """The verifier's ticks for exactly the documents this application requires (B5)."""
    return {d: bool(checklist.get(d)) for d in dokumen_wajib(p)}


def _pasal_dokumen(p: Permohonan) -> str:
    if p.jenis == JenisBansos.BIAYA_HIDUP:
        return "Pasal 8"
    if p.jenis == JenisBansos.PERMODALAN_USAHA:
        return "Pasal 10"
    return "Pasal 12" if p.sesuai_biaya else "Pasal 13"


@transaction.atomic
def permohonan_verifikasi(
    *,
    permohonan: Permohonan | int,
    oleh: User,
    checklist: Mapping[str, bool],
    hasil: str,
    catatan: str = "",
    nomor_berita_acara: str = "",
    tanggal: dt.date | None = None,
) -> Verifikasi:
    """Verification by the Tim Pengelola Belanja Bansos PMKS (PCT 7b, 9b, 11b).

    `checklist` maps each required document type (`aturan.dokumen_wajib`) to True when the
    verifier found it in order. `hasil`:
    - `lolos`: every required document uploaded and checked (B5), berita acara number given,
      B1–B3 still hold → `terverifikasi`;
    - `dikembalikan`: → `dikembalikan` (catatan = what to complete);
    - `ditolak`: → `ditolak` (catatan = the reason).
    """
    p = u.kunci(permohonan, oleh)
    alur.periksa("verifikasi", p, oleh)
    if hasil not in Verifikasi.Hasil.values:
        raise AturanDilanggar("Pilih hasil verifikasi.", code="hasil")
    daftar = checklist_untuk(p, checklist or {})
    catatan = (catatan or "").strip()
    if hasil == Verifikasi.Hasil.LOLOS:
        kurang = dokumen_kurang(p)
        if kurang:
            raise AturanDilanggar(
                "Verifikasi tidak dapat dinyatakan lolos: dokumen wajib belum diunggah — "
                + "; ".join(JenisDokumen(d).label for d in kurang)
                + f" (aturan B5; {PCT} {_pasal_dokumen(p)}).",
                code="b5",
            )
        belum = [d for d, ok in daftar.items() if not ok]
        if belum:
            raise AturanDilanggar(
                "Verifikasi tidak dapat dinyatakan lolos: dokumen wajib belum dinyatakan sesuai — "
                + "; ".join(JenisDokumen(d).label for d in belum)
                + f" (aturan B5; {PCT} {_pasal_dokumen(p)}).",
                code="b5",
            )
        nomor_berita_acara = u.wajib_isi(nomor_berita_acara, "Isi nomor berita acara verifikasi.")
        u.periksa_kelayakan(p, p.jumlah_diminta)
        ke = S.TERVERIFIKASI
    else:
        u.wajib_isi(
            catatan,
            "Isi catatan: apa yang harus dilengkapi atau alasan penolakan (aturan B4).",
        )
        ke = S.DIKEMBALIKAN if hasil == Verifikasi.Hasil.DIKEMBALIKAN else S.DITOLAK
    v = Verifikasi(
        permohonan=p,
        checklist=daftar,
        hasil=hasil,
        catatan=catatan,
        verifikator=oleh,
        tanggal=u.tanggal(tanggal),
        nomor_berita_acara=(nomor_berita_acara or "").strip(),
    )
    simpan(v)
    u.ganti_status(
        p, oleh, "verifikasi", ke, alasan=catatan, tambahan={"verifikasi": [None, hasil]}
    )
    return v


@transaction.atomic
def permohonan_rekomendasi(
    *,
    permohonan: Permohonan | int,
    oleh: User,
    layak: bool,
    jumlah: Decimal | int | str | None = None,
    nomor_surat: str = "",
    tanggal: dt.date | None = None,
    alasan: str = "",
) -> Rekomendasi:
    """The Kepala Dinas's rekomendasi of eligibility and amount (PCT 7c, 9c, 11c).

    Layak: `jumlah` > 0 and ≤ the amount asked; B1–B3 judged again for that amount with the
    recipient locked; B8 the pagu of the TA and jenis (sum over sources) locked and not
    exceeded → `direkomendasikan`. Not layak: `alasan` required → `ditolak`.
    The officer who verified the application may not recommend it (separation of duties, B4:
    the table in `bansos.alur`).
    """
    p = u.kunci(permohonan, oleh)
    alur.periksa("rekomendasi", p, oleh)
    tgl = u.tanggal(tanggal)
    if layak:
        besaran = u.uang(jumlah, "Besaran bantuan")
        nomor_surat = u.wajib_isi(nomor_surat, "Isi nomor surat rekomendasi.")
        if besaran > p.jumlah_diminta:
            raise AturanDilanggar(
                f"Besaran rekomendasi {rupiah(besaran)} melebihi jumlah yang dimohon "
                f"{rupiah(p.jumlah_diminta)}.",
                code="jumlah",
            )
        u.periksa_kelayakan(p, besaran)
        kelayakan.periksa_pagu(p, besaran)
        rek = Rekomendasi(
            permohonan=p,
            layak=True,
            jumlah=besaran,
            nomor_surat=nomor_surat,
            tanggal=tgl,
            kepala_dinas=oleh,
            alasan=(alasan or "").strip(),
        )
        ke = S.DIREKOMENDASIKAN
    else:
        alasan = u.wajib_isi(alasan, "Isi alasan permohonan tidak layak (aturan B4).")
        rek = Rekomendasi(
            permohonan=p,
            layak=False,
            nomor_surat=(nomor_surat or "").strip(),
            tanggal=tgl,
            kepala_dinas=oleh,
            alasan=alasan,
        )
        ke = S.DITOLAK
    simpan(rek)
    p.rekomendasi = rek
    u.ganti_status(
        p,
        oleh,
        "rekomendasi",
        ke,
        alasan=rek.alasan,
        tambahan={"rekomendasi": [None, str(rek.jumlah) if layak else "tidak layak"]},
    )
    return rek


@transaction.atomic
def permohonan_tolak(
    *,
    permohonan: Permohonan | int,
    oleh: User,
    alasan: str,
    nomor_surat: str = "",
    nomor_berita_acara: str = "",
    tanggal: dt.date | None = None,
) -> Permohonan:
    """Refuse with a reason (B4): at verification by the Tim Verifikasi (`menunggu_verifikasi`)
    or at recommendation by the Kepala Dinas (`terverifikasi`). A refused application no longer
    counts for B2/B3, so the recipient may apply again."""
    p = u.kunci(permohonan, oleh)
    wewenang = alur.periksa("tolak", p, oleh)
    if wewenang.izin == Izin.BANSOS_REKOMENDASI:
        permohonan_rekomendasi(
            permohonan=p, oleh=oleh, layak=False, nomor_surat=nomor_surat, tanggal=tanggal,
            alasan=alasan,
        )  # fmt: skip
    else:
        permohonan_verifikasi(
            permohonan=p, oleh=oleh, checklist={}, hasil=Verifikasi.Hasil.DITOLAK,
            catatan=alasan, nomor_berita_acara=nomor_berita_acara, tanggal=tanggal,
        )  # fmt: skip
    p.refresh_from_db()
    return p
