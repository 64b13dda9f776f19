"""The B4 workflow as one table: every step, the statuses it starts from, the capability it
needs, the statuses it leads to, and the words a clerk reads for it.

`LANGKAH` is the single source. The services check a step with `periksa()` (or, before any
row is loaded, `periksa_peran()`) and move the status with a target the table allows
(`pastikan_ke()`); the detail page offers the steps `langkah_untuk()` returns, labelled with
`Langkah.label`; the inbox lists the statuses `status_kotak_masuk()` gives the user's
capabilities; and "what is this waiting for, why can't I" is `keterangan_status()` and
`terhalang()`. The service still decides what the table cannot say: amounts, documents,
pagu (B2, B5, B8) — the table says only who may try what, when.

    step          capability (Izin.…)   from                     to
    buat          BANSOS_AJUKAN         (new)                    diajukan | menunggu_verifikasi
    ubah          BANSOS_AJUKAN         diajukan, dikembalikan   (unchanged)
    unggah        BANSOS_AJUKAN         diajukan, menunggu_verifikasi, dikembalikan (unchanged)
    ketahui       BANSOS_KETAHUI        diajukan                 menunggu_verifikasi
    kembalikan    BANSOS_KETAHUI        diajukan                 dikembalikan
                  BANSOS_VERIFIKASI     menunggu_verifikasi      dikembalikan
    ajukan_ulang  BANSOS_AJUKAN         dikembalikan             diajukan | menunggu_verifikasi
    verifikasi    BANSOS_VERIFIKASI     menunggu_verifikasi      terverifikasi | dikembalikan |
                                                                 ditolak
    rekomendasi   BANSOS_REKOMENDASI    terverifikasi (*)        direkomendasikan | ditolak
    tolak         BANSOS_REKOMENDASI    terverifikasi (*)        ditolak
                  BANSOS_VERIFIKASI     menunggu_verifikasi      ditolak
    pengajuan     BANSOS_REKOMENDASI    direkomendasikan         diajukan_pencairan
    cairkan       BANSOS_CAIRKAN        diajukan_pencairan       dicairkan
    batalkan      BANSOS_AJUKAN         diajukan, menunggu_verifikasi, dikembalikan → dibatalkan

    (*) not by an officer who verified the application (separation of duties, B4).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dinsos.akses import Izin, boleh
from dinsos.models import Peran

from .errors import LangkahTidakSah
from .models import PCT, JenisBansos, Permohonan, Verifikasi
from .models import StatusPermohonan as S

__all__ = [
    "Wewenang",
    "Langkah",
    "LANGKAH",
    "periksa_peran",
    "periksa",
    "pastikan_ke",
    "boleh_jenis",
    "langkah_untuk",
    "status_kotak_masuk",
    "pasal_alur",
    "keterangan_status",
    "terhalang",
]


@dataclass(frozen=True)
class Wewenang:
    """One capability's share of a step: who (`izin`) may take it from which statuses.

    `pemisahan_tugas`: not by an officer who verified this application (B4; PCT 7 huruf b–c).
    """

    izin: str
    dari: tuple[str, ...]
    pemisahan_tugas: bool = False


@dataclass(frozen=True)
class Langkah:
    """One B4 step.

    `label` is the button or link text a clerk sees, `frasa` the verb phrase of the messages
    ("… tidak berwenang {frasa}", "{frasa} hanya dapat dilakukan pada status …"). `ke` lists
    the statuses the step may lead to (empty: the status does not change). A step with
    `menunggu` is the one its starting status waits for: it puts the application in the
    inbox of its capability and says so on the detail page.
    """

    kode: str
    label: str
    frasa: str
    wewenang: tuple[Wewenang, ...]
    ke: tuple[str, ...] = ()
    menunggu: str = ""

    @property
    def dari(self) -> tuple[str, ...]:
        """Every status the step starts from, whoever takes it."""
        return tuple(dict.fromkeys(s for w in self.wewenang for s in w.dari))


_TERBUKA = (S.DIAJUKAN, S.MENUNGGU_VERIFIKASI, S.DIKEMBALIKAN)

LANGKAH: dict[str, Langkah] = {
    L.kode: L
    for L in (
        Langkah(
            "buat",
            "Ajukan permohonan",
            "mengajukan permohonan",
            (Wewenang(Izin.BANSOS_AJUKAN, ()),),
            ke=(S.DIAJUKAN, S.MENUNGGU_VERIFIKASI),
        ),
        Langkah(
            "ubah",
            "Ubah data permohonan",
            "mengubah permohonan",
            (Wewenang(Izin.BANSOS_AJUKAN, (S.DIAJUKAN, S.DIKEMBALIKAN)),),
        ),
        Langkah(
            # Documents may be added or replaced only before verification has passed (B5).
            "unggah",
            "Unggah dokumen",
            "mengunggah dokumen",
            (Wewenang(Izin.BANSOS_AJUKAN, _TERBUKA),),
        ),
        Langkah(
            "ketahui",
            "Catat diketahui Camat",
            "mencatat diketahui Camat",
            (Wewenang(Izin.BANSOS_KETAHUI, (S.DIAJUKAN,)),),
            ke=(S.MENUNGGU_VERIFIKASI,),
            menunggu=(
                "Menunggu Operator Kecamatan mencatat bahwa surat permohonan telah diketahui "
                "Camat ({pct} Pasal {pasal} huruf a)."
            ),
        ),
        Langkah(
            "kembalikan",
            "Kembalikan untuk dilengkapi",
            "mengembalikan permohonan",
            (
                Wewenang(Izin.BANSOS_KETAHUI, (S.DIAJUKAN,)),
                Wewenang(Izin.BANSOS_VERIFIKASI, (S.MENUNGGU_VERIFIKASI,)),
            ),
            ke=(S.DIKEMBALIKAN,),
        ),
        Langkah(
            "ajukan_ulang",
            "Ajukan ulang",
            "mengajukan ulang permohonan",
            (Wewenang(Izin.BANSOS_AJUKAN, (S.DIKEMBALIKAN,)),),
            ke=(S.DIAJUKAN, S.MENUNGGU_VERIFIKASI),
            menunggu=(
                "Dikembalikan untuk dilengkapi: {catatan}. Setelah dilengkapi, pemohon "
                "mengajukan ulang."
            ),
        ),
        Langkah(
            "verifikasi",
            "Buka lembar verifikasi",
            "memverifikasi permohonan",
            (Wewenang(Izin.BANSOS_VERIFIKASI, (S.MENUNGGU_VERIFIKASI,)),),
            ke=(S.TERVERIFIKASI, S.DIKEMBALIKAN, S.DITOLAK),
            menunggu=(
                "Menunggu verifikasi Tim Pengelola Belanja Bantuan Sosial PMKS "
                "({pct} Pasal {pasal} huruf b)."
            ),
        ),
        Langkah(
            "rekomendasi",
            "Beri rekomendasi",
            "memberikan rekomendasi",
            (Wewenang(Izin.BANSOS_REKOMENDASI, (S.TERVERIFIKASI,), pemisahan_tugas=True),),
            ke=(S.DIREKOMENDASIKAN, S.DITOLAK),
            menunggu="Menunggu rekomendasi Kepala Dinas Sosial ({pct} Pasal {pasal} huruf c).",
        ),
        Langkah(
            # At recommendation by the Kepala Dinas, or at verification by the Tim Verifikasi.
            "tolak",
            "Tolak permohonan",
            "menolak permohonan",
            (
                Wewenang(Izin.BANSOS_REKOMENDASI, (S.TERVERIFIKASI,), pemisahan_tugas=True),
                Wewenang(Izin.BANSOS_VERIFIKASI, (S.MENUNGGU_VERIFIKASI,)),
            ),
            ke=(S.DITOLAK,),
        ),
        Langkah(
            "pengajuan",
            "Masukkan ke pengajuan pencairan",
            "mengajukan pencairan ke BPKAD",
            (Wewenang(Izin.BANSOS_REKOMENDASI, (S.DIREKOMENDASIKAN,)),),
            ke=(S.DIAJUKAN_PENCAIRAN,),
            menunggu=(
                "Menunggu Kepala Dinas mengajukan pencairan kepada Kepala BPKAD "
                "({pct} Pasal {pasal} huruf d)."
            ),
        ),
        Langkah(
            "cairkan",
            "Catat pencairan",
            "mencatat pencairan",
            (Wewenang(Izin.BANSOS_CAIRKAN, (S.DIAJUKAN_PENCAIRAN,)),),
            ke=(S.DICAIRKAN,),
            menunggu=(
                "Menunggu Bendahara mencatat pencairan beserta buktinya "
                "({pct} Pasal {pasal} huruf e)."
            ),
        ),
        Langkah(
            "batalkan",
            "Batalkan permohonan",
            "membatalkan permohonan",
            (Wewenang(Izin.BANSOS_AJUKAN, _TERBUKA),),
            ke=(S.DIBATALKAN,),
        ),
    )
}

# What the detail page says of a status no step starts from.
AKHIR: dict[str, str] = {
    S.DICAIRKAN: "Selesai: bantuan telah dicairkan.",
    S.DITOLAK: "Permohonan ditolak. Alasan: {catatan}",
    S.DIBATALKAN: "Permohonan dibatalkan. Alasan: {catatan}",
}

# PCT 11a: pengobatan comes on the facility's letter to the Kepala Dinas, entered by the Petugas
# Dinas; the other jenis by whoever may take `buat`.
PESAN_PENGOBATAN = (
    "Permohonan bantuan pengobatan berasal dari surat Puskesmas/RSUD kepada Kepala Dinas "
    f"dan dicatat oleh Petugas Dinas ({PCT} Pasal 11 huruf a)."
)

PESAN_PEMISAHAN_TUGAS = (
    "Pejabat yang memverifikasi permohonan ini tidak dapat memberikan rekomendasinya "
    f"(pemisahan tugas verifikasi dan rekomendasi, aturan B4; {PCT} Pasal 7 huruf b–c)."
)
KETERANGAN_PEMISAHAN_TUGAS = (
    "Anda memverifikasi permohonan ini sehingga tidak dapat merekomendasikannya "
    "(pemisahan tugas, aturan B4)."
)


# --- checks for the services --------------------------------------------------------------------


def periksa_peran(kode: str, oleh: Any) -> tuple[Wewenang, ...]:
    """The shares of step `kode` the user's capabilities give; none → `LangkahTidakSah`."""
    langkah = LANGKAH[kode]
    milik = tuple(w for w in langkah.wewenang if boleh(oleh, w.izin))
    if not milik:
        peran = oleh.get_peran_display() if getattr(oleh, "peran", None) else "Pengguna ini"
        raise LangkahTidakSah(
            f"Peran {peran} tidak berwenang {langkah.frasa} (aturan B4).", code="peran"
        )
    return milik


def periksa(kode: str, p: Permohonan, oleh: Any) -> Wewenang:
    """Whether `oleh` may take step `kode` on `p` now: capability, then status, then separation
    of duties — each refusal a `LangkahTidakSah` naming what was expected. Returns the share
    that applies (a step two capabilities share does different work for each)."""
    milik = periksa_peran(kode, oleh)
    cocok = next((w for w in milik if p.status in w.dari), None)
    if cocok is None:
        boleh_dari = tuple(dict.fromkeys(s for w in milik for s in w.dari))
        diharapkan = " atau ".join(f"“{S(s).label}”" for s in boleh_dari)
        raise LangkahTidakSah(
            f"Permohonan {p.nomor} berstatus “{p.get_status_display()}”; "
            f"{LANGKAH[kode].frasa} hanya dapat dilakukan pada status {diharapkan}.",
            code="status",
        )
    if cocok.pemisahan_tugas and _sudah_memverifikasi(p, oleh):
        raise LangkahTidakSah(PESAN_PEMISAHAN_TUGAS, code="pemisahan_tugas")
    return cocok


def boleh_jenis(oleh: Any, jenis: str) -> bool:
    """Whether the user may register an application of `jenis` (PCT 11a for pengobatan)."""
    return jenis != JenisBansos.PENGOBATAN or getattr(oleh, "peran", None) == Peran.PETUGAS_DINAS


def pastikan_ke(kode: str, ke: str) -> None:
    """A service moves a status only where the table lets the step lead (a coding error
    otherwise, not a user's)."""
    if ke not in LANGKAH[kode].ke:
        raise ValueError(f"Langkah {kode!r} tidak menuju status {ke!r} (lihat bansos.alur).")


def _sudah_memverifikasi(
    p: Permohonan, oleh: Any, verifikasi: Iterable[Verifikasi] | None = None
) -> bool:
    if verifikasi is not None:
        return any(v.verifikator_id == oleh.pk for v in verifikasi)
    return Verifikasi.objects.filter(permohonan=p, verifikator=oleh).exists()


# --- reads for the pages ------------------------------------------------------------------------


def langkah_untuk(oleh: Any, p: Permohonan) -> set[str]:
    """The steps `oleh` may try on `p` in its current status — for showing buttons only; the
    services still decide (amounts, documents, pagu)."""
    hasil = set()
    terhalang_cache: bool | None = None
    for langkah in LANGKAH.values():
        for w in langkah.wewenang:
            if p.status not in w.dari or not boleh(oleh, w.izin):
                continue
            if w.pemisahan_tugas:
                if terhalang_cache is None:
                    terhalang_cache = _sudah_memverifikasi(p, oleh)
                if terhalang_cache:
                    continue
            hasil.add(langkah.kode)
            break
    return hasil


def status_kotak_masuk(oleh: Any) -> list[str]:
    """The statuses that wait for a step the user's capabilities take (the inbox)."""
    status: dict[str, None] = {}
    for langkah in LANGKAH.values():
        if not langkah.menunggu:
            continue
        for w in langkah.wewenang:
            if boleh(oleh, w.izin):
                status.update(dict.fromkeys(w.dari))
    return list(status)


def pasal_alur(p: Permohonan) -> int:
    """The article of PCT that sets the path of this jenis (7, 9 or 11)."""
    pasal: dict[str, int] = {JenisBansos.BIAYA_HIDUP: 7, JenisBansos.PERMODALAN_USAHA: 9}
    return pasal.get(p.jenis, 11)


def keterangan_status(p: Permohonan) -> str:
    """What the application waits for (or how it ended), in the words of the detail page."""
    isian = {"pct": PCT, "pasal": pasal_alur(p), "catatan": p.catatan_status or "—"}
    for langkah in LANGKAH.values():
        if langkah.menunggu and p.status in langkah.dari:
            return langkah.menunggu.format(**isian)
    return AKHIR.get(p.status, "").format(**isian)


def terhalang(
    oleh: Any, p: Permohonan, verifikasi: Sequence[Verifikasi] | None = None
) -> list[str]:
    """Why a step the user's role would take now is not offered (separation of duties)."""
    for langkah in LANGKAH.values():
        for w in langkah.wewenang:
            if (
                w.pemisahan_tugas
                and p.status in w.dari
                and boleh(oleh, w.izin)
                and _sudah_memverifikasi(p, oleh, verifikasi)
            ):
                return [KETERANGAN_PEMISAHAN_TUGAS]
    return []
