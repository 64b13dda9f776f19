"""The rules of docs/rules.md S2–S6 that look beyond one row: licences on a day, a client's PPKS
criterion, the DTSEN standing. Services call these; selectors reuse them for warnings."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy

from dinsos.format import tanggal as fmt_tanggal
from dinsos.models import ProfilKantor
from ppks.models import KriteriaASH, Perseorangan, Registrasi, StatusDTSEN

from .models import Lisensi, TenagaSosial


def dasar_hukum() -> str:
    """The regulation the psks pages and messages cite: the office's data (`ProfilKantor`),
    like the bansos one (`AturanTahunan.dasar_hukum`), never a constant of the code."""
    return ProfilKantor.get().dasar_hukum_kesos


# Read each time a message is formatted, never at import (a lazy string).
ASH = lazy(dasar_hukum, str)()


def hari_peringatan() -> int:
    """How many days before expiry a licence or accreditation is flagged (S2: "warn before
    expiry"). The regulation names no period; 60 days leaves time to renew an izin praktik
    with the Ministry. Override with the setting PSKS_PERINGATAN_HARI."""
    return int(getattr(settings, "PSKS_PERINGATAN_HARI", 60))


# --- S2: a Pekerja Sosial Profesional practises only with a valid certificate and licence ---


def lisensi_berlaku(tenaga: TenagaSosial, jenis: str, pada: dt.date) -> Lisensi | None:
    """The licence of this kind valid on `pada` that runs longest, or None.

    Uses the prefetched `tenaga.lisensi` when present, so a list page makes one query."""
    cocok = [lis for lis in tenaga.lisensi.all() if lis.jenis == jenis and lis.berlaku_pada(pada)]
    return max(cocok, key=lambda lis: lis.berlaku_sampai, default=None)


def lisensi_terakhir(tenaga: TenagaSosial, jenis: str) -> Lisensi | None:
    semua = [lis for lis in tenaga.lisensi.all() if lis.jenis == jenis]
    return max(semua, key=lambda lis: lis.berlaku_sampai, default=None)


def masalah_praktik(tenaga: TenagaSosial, pada: dt.date) -> list[str]:
    """Why `tenaga` may not practise on `pada` (empty list: may practise). S2; ASH 35(3)."""
    if not tenaga.is_psp:
        return [
            f"{tenaga.nama} adalah {tenaga.get_jenis_display()}, bukan Pekerja Sosial Profesional"
        ]
    masalah = []
    if not tenaga.aktif:
        masalah.append(f"{tenaga.nama} tidak lagi aktif")
    for jenis, nama in (
        (Lisensi.Jenis.SERTIFIKAT, "sertifikat kompetensi"),
        (Lisensi.Jenis.IZIN_PRAKTIK, "izin praktik"),
    ):
        if lisensi_berlaku(tenaga, jenis, pada):
            continue
        terakhir = lisensi_terakhir(tenaga, jenis)
        if terakhir is None:
            masalah.append(f"belum memiliki {nama}")
        elif terakhir.dicabut_pada and terakhir.dicabut_pada <= pada:
            masalah.append(
                f"{nama} nomor {terakhir.nomor} dicabut sejak {fmt_tanggal(terakhir.dicabut_pada)}"
            )
        elif terakhir.tanggal_terbit > pada:
            masalah.append(
                f"{nama} nomor {terakhir.nomor} baru berlaku sejak "
                f"{fmt_tanggal(terakhir.tanggal_terbit)}"
            )
        else:
            masalah.append(
                f"{nama} nomor {terakhir.nomor} telah berakhir pada "
                f"{fmt_tanggal(terakhir.berlaku_sampai)}"
            )
    return masalah


def cek_boleh_praktik(tenaga: TenagaSosial, pada: dt.date, *, untuk: str) -> None:
    """S2 + S3: raise unless `tenaga` is a Pekerja Sosial Profesional holding a competence
    certificate and an izin praktik both valid on `pada` (ASH 15(3), 35(3))."""
    masalah = masalah_praktik(tenaga, pada)
    if masalah:
        raise ValidationError(
            f"{untuk} ditolak: pada {fmt_tanggal(pada)} " + "; ".join(masalah) + ". "
            "Rehabilitasi sosial hanya dilaksanakan oleh Pekerja Sosial Profesional yang "
            "bersertifikat dan memiliki izin praktik yang berlaku pada hari itu (aturan S2 dan "
            f"S3; {ASH} Pasal 15 ayat (3) dan Pasal 35 ayat (3)).",
            code="s2_izin_praktik",
        )


# --- The client's PPKS standing (ASH 6(2), 11) -----------------------------------------------


def registrasi_aktif(orang: Perseorangan):
    return Registrasi.objects.filter(perseorangan=orang, status=Registrasi.Status.AKTIF)


def kriteria_ash_klien(orang: Perseorangan) -> set[str]:
    """The ASH 6(2) criteria of the person's ACTIVE registrations."""
    return set(registrasi_aktif(orang).values_list("kategori__kriteria_ash", flat=True))


def cek_ppks_aktif(orang: Perseorangan) -> None:
    """ASH 11: the services are for PPKS, i.e. a person with an active registration."""
    if not registrasi_aktif(orang).exists():
        raise ValidationError(
            f"{orang.nama} belum terdaftar aktif sebagai PPKS. Layanan kesejahteraan sosial "
            f"diberikan kepada PPKS ({ASH} Pasal 11); daftarkan dahulu di registri PPKS.",
            code="ash11_bukan_ppks",
        )


def cek_kriteria(orang: Perseorangan, kriteria: str, *, layanan: str, aturan: str, pasal: str):
    if kriteria not in kriteria_ash_klien(orang):
        label = KriteriaASH(kriteria).label.lower()
        raise ValidationError(
            f"{layanan} ditolak: {orang.nama} tidak memiliki registrasi PPKS aktif dengan "
            f"kriteria {label}. {layanan} hanya untuk PPKS dengan kriteria {label} "
            f"(aturan {aturan}; {ASH} {pasal}).",
            code=f"{aturan.lower()}_kriteria_{kriteria}",
        )


def cek_jaminan(orang: Perseorangan) -> None:
    """S4: jaminan sosial only for PPKS with the kemiskinan criterion (ASH 16(1)) whose data
    stands in DTSEN/DTKS (ASH 18(5)–(6)). Applied to both forms: the bantuan iuran of ASH 17
    is, in practice, also targeted from the same official data."""
    cek_kriteria(
        orang,
        KriteriaASH.KEMISKINAN,
        layanan="Jaminan sosial",
        aturan="S4",
        pasal="Pasal 16 ayat (1)",
    )
    if orang.status_dtsen != StatusDTSEN.TERDAFTAR:
        raise ValidationError(
            f"Jaminan sosial ditolak: {orang.nama} tidak tercatat terdaftar di DTSEN/DTKS "
            f"(status: {orang.get_status_dtsen_display().lower()}). Sasaran jaminan sosial "
            f"menggunakan data yang ditetapkan instansi berwenang (aturan S4; {ASH} Pasal 18 "
            "ayat (5) dan (6)).",
            code="s4_dtsen",
        )
