"""The services to a PPKS (S3–S6): rehabilitasi, jaminan, pemberdayaan and peran serta,
perlindungan. Each kind is one `Alur`; its stage and end steps are the shared ones of
`psks.services.alur`, and only what the regulation says about that kind is written here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Unpack

from django.db import transaction

from dinsos.akses import Izin
from dinsos.format import tanggal as fmt_tanggal
from dinsos.models import User
from dinsos.services import kunci_untuk, simpan
from ppks.models import Kelompok, Keluarga, Perseorangan, Registrasi

from .. import aturan
from ..aturan import ASH
from ..models import (
    BENTUK_PEMBERDAYAAN,
    BENTUK_REHABILITASI,
    CARA_PEMBERDAYAAN,
    KRITERIA_PEMBERDAYAAN,
    KRITERIA_PERAN_SERTA,
    SASARAN_REHABILITASI,
    TAHAP_JAMINAN,
    TAHAP_PERAN_SERTA,
    TAHAP_REHABILITASI,
    JaminanSosial,
    KasusRehabilitasi,
    Lembaga,
    PemberdayaanSosial,
    PeranSerta,
    PerlindunganSosial,
    ProgramLayanan,
    Rujukan,
    Status,
    TahapJaminan,
    TahapPeranSerta,
    TahapRehabilitasi,
    TenagaSosial,
)
from ._dasar import bukan_masa_depan, kode_valid, perlu, satu_kolom_berubah, tolak, wajib_teks
from .alur import (
    Alur,
    Awal,
    AwalRujukan,
    akhiri_layanan,
    klien_sama,
    layanan_baru,
    mulai,
    tahap_catat,
)

J = ProgramLayanan.Jenis
T = Rujukan.Tujuan

REHABILITASI = Alur(
    model=KasusRehabilitasi,
    izin=Izin.LAYANAN_SOSIAL,
    program=J.REHABILITASI,
    tujuan=T.REHABILITASI,
    tahap_model=TahapRehabilitasi,
    tahap_fk="kasus",
    tahap_pilihan=TAHAP_REHABILITASI,
    aturan="S3",
    pasal="Pasal 15 ayat (2)",
    tuntas=lambda k, tgl: f"{k} selesai sampai tahap bimbingan lanjut pada {fmt_tanggal(tgl)}.",
)
JAMINAN = Alur(
    model=JaminanSosial,
    izin=Izin.LAYANAN_SOSIAL,
    program=J.JAMINAN,
    tujuan=T.JAMINAN,
    tahap_model=TahapJaminan,
    tahap_fk="jaminan",
    tahap_pilihan=TAHAP_JAMINAN,
    aturan="S4",
    pasal="Pasal 18 ayat (7)",
    tuntas=lambda j, tgl: f"{j} selesai (terminasi) pada {fmt_tanggal(tgl)}.",
)
PEMBERDAYAAN = Alur(
    model=PemberdayaanSosial,
    izin=Izin.LAYANAN_SOSIAL,
    program=J.PEMBERDAYAAN,
    tujuan=T.PEMBERDAYAAN,
)
# Kabupaten-wide (no client's desa): only the KELOLA_PSKS roles keep it.
PERAN_SERTA = Alur(
    model=PeranSerta,
    izin=Izin.KELOLA_PSKS,
    program=J.PERAN_SERTA,
    tahap_model=TahapPeranSerta,
    tahap_fk="kegiatan",
    tahap_pilihan=TAHAP_PERAN_SERTA,
    aturan="S5",
    pasal="Pasal 27",
    desa_field="lembaga__desa",
)
PERLINDUNGAN = Alur(
    model=PerlindunganSosial,
    izin=Izin.LAYANAN_SOSIAL,
    program=J.PERLINDUNGAN,
    tujuan=T.PERLINDUNGAN,
)


# --- Rehabilitasi sosial (S3) -------------------------------------------------------------


def _pekerja(pekerja: TenagaSosial) -> TenagaSosial:
    return TenagaSosial.objects.prefetch_related("lisensi").get(pk=pekerja.pk)


@transaction.atomic
def rehabilitasi_buat(
    *,
    klien: Perseorangan,
    sasaran: str,
    setting: str,
    bentuk: Iterable[str],
    pekerja: TenagaSosial,
    oleh: User,
    lembaga: Lembaga | None = None,
    **awal: Unpack[AwalRujukan],
) -> KasusRehabilitasi:
    """Open a rehabilitation case assigned to a licensed Pekerja Sosial Profesional (S3)."""
    mulai(
        REHABILITASI, awal, oleh=oleh, desa=klien.desa_id, cek=lambda: aturan.cek_ppks_aktif(klien)
    )
    kode_valid([sasaran], SASARAN_REHABILITASI, "Sasaran rehabilitasi")
    bentuk = kode_valid(bentuk, BENTUK_REHABILITASI, "Bentuk rehabilitasi")
    if not bentuk:
        tolak(
            f"Pilih sedikitnya satu bentuk rehabilitasi sosial ({ASH} Pasal 15 ayat (1)).",
            field="bentuk",
        )
    if setting == KasusRehabilitasi.Setting.LKS:
        if lembaga is None or lembaga.jenis != "lks" or not lembaga.aktif:
            tolak(
                "Rehabilitasi dalam lembaga dilaksanakan di Lembaga Kesejahteraan Sosial yang "
                f"aktif; pilih lembaganya ({ASH} Pasal 14).",
                code="s3_lks",
                field="lembaga",
            )
    else:
        lembaga = None
    pekerja = _pekerja(pekerja)
    aturan.cek_boleh_praktik(pekerja, awal["tanggal_mulai"], untuk="Penugasan kasus rehabilitasi")
    return layanan_baru(
        REHABILITASI,
        awal,
        oleh=oleh,
        klien_cocok=klien_sama(klien),
        klien=klien,
        sasaran=sasaran,
        setting=setting,
        lembaga=lembaga,
        bentuk=bentuk,
        pekerja=pekerja,
    )


@transaction.atomic
def rehabilitasi_tugaskan(
    *, kasus: KasusRehabilitasi, pekerja: TenagaSosial, tanggal: dt.date, alasan: str, oleh: User
) -> KasusRehabilitasi:
    """Hand a case to another Pekerja Sosial Profesional, licensed on that day (S2, S3)."""
    kasus = REHABILITASI.kunci(kasus, oleh)
    if kasus.status != Status.AKTIF:
        tolak(f"{kasus} sudah {kasus.get_status_display().lower()}.", code="status")
    if pekerja.pk == kasus.pekerja_id:
        tolak("Pekerja sosial yang dipilih sudah menangani kasus ini.", field="pekerja")
    wajib_teks(alasan, "Isi alasan penggantian pekerja sosial.", "alasan")
    bukan_masa_depan(tanggal, "Tanggal penugasan")
    if tanggal < kasus.tanggal_mulai:
        tolak("Tanggal penugasan tidak boleh sebelum tanggal mulai kasus.", field="tanggal")
    pekerja = _pekerja(pekerja)
    aturan.cek_boleh_praktik(pekerja, tanggal, untuk="Penugasan kasus rehabilitasi")
    lama = kasus.pekerja
    kasus.pekerja = pekerja
    kasus.save(update_fields=["pekerja", "diubah"])
    satu_kolom_berubah(kasus, "pekerja", lama, pekerja, oleh=oleh, alasan=alasan)
    return kasus


@transaction.atomic
def rehabilitasi_tahap_catat(
    *, kasus: KasusRehabilitasi, tahap: str, tanggal: dt.date, catatan: str = "", oleh: User
) -> TahapRehabilitasi:
    """Record the next stage of ASH 15(2), in order, dated, by a worker licensed that day
    (S3, S2). The seventh stage closes the case and the referral it came from."""

    def praktik(k: KasusRehabilitasi, tahap: str, tanggal: dt.date) -> dict[str, Any]:
        pekerja = _pekerja(k.pekerja)
        if k.status == Status.AKTIF and tahap == k.tahap_berikut and tanggal:
            aturan.cek_boleh_praktik(
                pekerja,
                tanggal,
                untuk=f"Pencatatan tahap {dict(TAHAP_REHABILITASI)[tahap].lower()}",
            )
        return {"petugas": pekerja}

    return tahap_catat(  # type: ignore[return-value]  # REHABILITASI's stage model
        REHABILITASI, kasus, tahap, tanggal=tanggal, catatan=catatan, oleh=oleh, sebelum=praktik
    )


@transaction.atomic
def rehabilitasi_hentikan(
    *, kasus: KasusRehabilitasi, tanggal: dt.date, alasan: str, oleh: User
) -> KasusRehabilitasi:
    return akhiri_layanan(
        REHABILITASI, kasus, Status.DIHENTIKAN, tanggal=tanggal, hasil=alasan, oleh=oleh
    )


# --- Jaminan sosial (S4) ------------------------------------------------------------------


@transaction.atomic
def jaminan_buat(
    *,
    klien: Perseorangan,
    bentuk: str,
    oleh: User,
    tanggal_selesai: dt.date | None = None,
    nominal: Decimal | None = None,
    nomor_peserta: str = "",
    pendamping: TenagaSosial | None = None,
    **awal: Unpack[AwalRujukan],
) -> JaminanSosial:
    """Bantuan iuran or bantuan langsung for a PPKS with the kemiskinan criterion whose data
    stands in DTSEN/DTKS (S4; ASH 16–18)."""
    perlu(oleh, JAMINAN.izin)
    # Locked: two clerks must not each give the same person a second running jaminan.
    klien = kunci_untuk(oleh, Perseorangan, klien)
    mulai(JAMINAN, awal, oleh=oleh, desa=klien.desa_id, cek=lambda: aturan.cek_jaminan(klien))
    if bentuk == JaminanSosial.SEMENTARA and tanggal_selesai is None:
        tolak(
            f"Bantuan langsung sementara wajib memiliki tanggal berakhir ({ASH} Pasal 18 "
            "ayat (1)).",
            code="s4_sementara",
            field="tanggal_selesai",
        )
    if tanggal_selesai and tanggal_selesai < awal["tanggal_mulai"]:
        tolak("Tanggal berakhir tidak boleh sebelum tanggal mulai.", field="tanggal_selesai")
    if JaminanSosial.objects.filter(klien=klien, bentuk=bentuk, status=Status.AKTIF).exists():
        tolak(
            f"{klien.nama} sudah menerima jaminan sosial bentuk ini yang masih berjalan.",
            code="s4_ganda",
        )
    return layanan_baru(
        JAMINAN,
        awal,
        oleh=oleh,
        klien_cocok=klien_sama(klien),
        klien=klien,
        bentuk=bentuk,
        tanggal_selesai=tanggal_selesai,
        nominal=nominal,
        nomor_peserta=nomor_peserta or "",
        pendamping=pendamping,
    )


@transaction.atomic
def jaminan_tahap_catat(
    *, jaminan: JaminanSosial, tahap: str, tanggal: dt.date, catatan: str = "", oleh: User
) -> TahapJaminan:
    """Record the next stage persiapan → pendampingan → pelaksanaan → terminasi (S4; the
    logical reading of ASH 18(7), see models.URUTAN_TAHAP_JAMINAN)."""

    def masih_layak(j: JaminanSosial, tahap: str, tanggal: dt.date) -> dict[str, Any]:
        if tahap == "pelaksanaan" and j.tahap_berikut == "pelaksanaan":
            # The help is handed over at pelaksanaan: the client must still be eligible then.
            aturan.cek_jaminan(j.klien)
        return {}

    return tahap_catat(  # type: ignore[return-value]  # JAMINAN's stage model
        JAMINAN, jaminan, tahap, tanggal=tanggal, catatan=catatan, oleh=oleh, sebelum=masih_layak
    )


@transaction.atomic
def jaminan_hentikan(
    *, jaminan: JaminanSosial, tanggal: dt.date, alasan: str, oleh: User
) -> JaminanSosial:
    return akhiri_layanan(
        JAMINAN, jaminan, Status.DIHENTIKAN, tanggal=tanggal, hasil=alasan, oleh=oleh
    )


# --- Pemberdayaan sosial (S5) -------------------------------------------------------------


def _cek_cara_bentuk(cara: list[str], bentuk: list[str]) -> None:
    """ASH 20(2) forms belong to way (1) huruf a, ASH 20(3) forms to huruf b."""
    for awalan, huruf_cara, ayat in (("2", "a", "2"), ("3", "b", "3")):
        dipilih = [b for b in bentuk if b.startswith(awalan)]
        if dipilih and huruf_cara not in cara:
            tolak(
                f"Bentuk menurut Pasal 20 ayat ({ayat}) hanya untuk cara huruf {huruf_cara} "
                f"({dict(CARA_PEMBERDAYAAN)[huruf_cara]}) (aturan S5; {ASH} Pasal 20).",
                code="s5_bentuk",
                field="bentuk",
            )
        if huruf_cara in cara and not dipilih:
            tolak(
                f"Cara huruf {huruf_cara} dilakukan dalam bentuk menurut Pasal 20 ayat ({ayat}); "
                f"pilih sedikitnya satu (aturan S5; {ASH} Pasal 20 ayat ({ayat})).",
                code="s5_bentuk",
                field="bentuk",
            )


@transaction.atomic
def pemberdayaan_buat(
    *,
    cara: Iterable[str],
    kriteria: Iterable[str],
    oleh: User,
    perseorangan: Perseorangan | None = None,
    keluarga: Keluarga | None = None,
    kelompok: Kelompok | None = None,
    bentuk: Iterable[str] = (),
    pendamping: TenagaSosial | None = None,
    **awal: Unpack[AwalRujukan],
) -> PemberdayaanSosial:
    """Empower a person, family or group meeting ASH 21–23, in the forms of ASH 20 (S5)."""
    perlu(oleh, PEMBERDAYAAN.izin)
    subjek = {
        k: v
        for k, v in {
            "perseorangan": perseorangan,
            "keluarga": keluarga,
            "kelompok": kelompok,
        }.items()
        if v is not None
    }
    if len(subjek) != 1:
        tolak("Pilih tepat satu sasaran: perseorangan, keluarga atau kelompok.")
    ((jenis, obj),) = subjek.items()

    def ppks_aktif() -> None:
        if not Registrasi.objects.filter(status=Registrasi.Status.AKTIF, **{jenis: obj}).exists():
            tolak(
                f"{obj} belum terdaftar aktif sebagai PPKS ({jenis}). Pemberdayaan sosial "
                f"ditujukan kepada yang mengalami masalah kesejahteraan sosial ({ASH} Pasal 11, "
                "19).",
                code="ash11_bukan_ppks",
            )

    mulai(PEMBERDAYAAN, awal, oleh=oleh, desa=obj.desa_id, cek=ppks_aktif)
    pasal = {"perseorangan": "21", "keluarga": "22", "kelompok": "23"}[jenis]
    kriteria = kode_valid(kriteria, KRITERIA_PEMBERDAYAAN[jenis], "Kriteria")
    if not kriteria:
        # "dan/atau": at least one criterion must hold; the officer records all that hold.
        tolak(
            f"Pemberdayaan sosial {jenis} hanya untuk yang memenuhi sedikitnya satu kriteria "
            f"Pasal {pasal} ayat (2) (aturan S5; {ASH} Pasal {pasal}).",
            code="s5_kriteria",
            field="kriteria",
        )
    cara = kode_valid(cara, CARA_PEMBERDAYAAN, "Cara pemberdayaan")
    if not cara:
        tolak(f"Pilih sedikitnya satu cara pemberdayaan ({ASH} Pasal 20 ayat (1)).", field="cara")
    bentuk = kode_valid(bentuk, BENTUK_PEMBERDAYAAN, "Bentuk pemberdayaan")
    _cek_cara_bentuk(cara, bentuk)

    def cocok(orang: Perseorangan) -> bool:
        if isinstance(obj, Perseorangan):
            return orang.pk == obj.pk
        if isinstance(obj, Keluarga):
            return orang.keluarga_id == obj.pk or obj.kepala_id == orang.pk
        return obj.ketua_id == orang.pk or obj.anggota.filter(pk=orang.pk).exists()

    return layanan_baru(
        PEMBERDAYAAN,
        awal,
        oleh=oleh,
        klien_cocok=cocok,
        **{jenis: obj},
        desa_id=obj.desa_id,
        cara=cara,
        bentuk=bentuk,
        kriteria=kriteria,
        pendamping=pendamping,
    )


@transaction.atomic
def pemberdayaan_selesaikan(
    *, pemberdayaan: PemberdayaanSosial, tanggal: dt.date, hasil: str, oleh: User
) -> PemberdayaanSosial:
    return akhiri_layanan(
        PEMBERDAYAAN, pemberdayaan, Status.SELESAI, tanggal=tanggal, hasil=hasil, oleh=oleh
    )


@transaction.atomic
def pemberdayaan_hentikan(
    *, pemberdayaan: PemberdayaanSosial, tanggal: dt.date, alasan: str, oleh: User
) -> PemberdayaanSosial:
    return akhiri_layanan(
        PEMBERDAYAAN, pemberdayaan, Status.DIHENTIKAN, tanggal=tanggal, hasil=alasan, oleh=oleh
    )


@transaction.atomic
def peran_serta_buat(
    *,
    nama_kegiatan: str,
    kriteria: Iterable[str],
    oleh: User,
    lembaga: Lembaga | None = None,
    tenaga: TenagaSosial | None = None,
    cara: Iterable[str] = (),
    bentuk: Iterable[str] = (),
    **awal: Unpack[Awal],
) -> PeranSerta:
    """Peningkatan peran serta of an LKS (ASH 25) or a person (ASH 26), S5."""
    perlu(oleh, PERAN_SERTA.izin)
    if (lembaga is None) == (tenaga is None):
        tolak("Pilih tepat satu sasaran: lembaga atau perseorangan.")
    mulai(PERAN_SERTA, awal, oleh=oleh)
    if lembaga is not None and lembaga.jenis != "lks":
        tolak(
            "Pembinaan lembaga ditujukan kepada Lembaga Kesejahteraan Sosial (aturan S5; "
            f"{ASH} Pasal 25 ayat (1)).",
            code="s5_lembaga",
            field="lembaga",
        )
    jenis = "lembaga" if lembaga is not None else "tenaga"
    pasal = "25" if lembaga is not None else "26"
    kriteria = kode_valid(kriteria, KRITERIA_PERAN_SERTA[jenis], "Kriteria")
    if not kriteria:
        # docs/rules.md reads criteria lists, whatever their conjunction, as "at least one holds".
        tolak(
            f"Sasaran harus memenuhi kriteria Pasal {pasal} ayat (2) (aturan S5; {ASH} Pasal "
            f"{pasal}).",
            code="s5_kriteria",
            field="kriteria",
        )
    cara = kode_valid(cara, CARA_PEMBERDAYAAN, "Cara pemberdayaan")
    bentuk = kode_valid(bentuk, BENTUK_PEMBERDAYAAN, "Bentuk pemberdayaan")
    if cara or bentuk:
        _cek_cara_bentuk(cara, bentuk)
    return layanan_baru(
        PERAN_SERTA,
        awal,
        oleh=oleh,
        nama_kegiatan=nama_kegiatan,
        lembaga=lembaga,
        tenaga=tenaga,
        kriteria=kriteria,
        cara=cara,
        bentuk=bentuk,
    )


@transaction.atomic
def peran_serta_tahap_catat(
    *, kegiatan: PeranSerta, tahap: str, tanggal: dt.date, catatan: str = "", oleh: User
) -> TahapPeranSerta:
    """persiapan → pelaksanaan → pendayagunaan berkelanjutan, in order (S5; ASH 27)."""
    return tahap_catat(  # type: ignore[return-value]  # PERAN_SERTA's stage model
        PERAN_SERTA, kegiatan, tahap, tanggal=tanggal, catatan=catatan, oleh=oleh
    )


# --- Perlindungan sosial (S6) -------------------------------------------------------------


@transaction.atomic
def perlindungan_buat(
    *,
    klien: Perseorangan,
    jenis: str,
    bentuk: Iterable[str],
    oleh: User,
    tanggal_selesai: dt.date | None = None,
    nominal: Decimal | None = None,
    pelaksana: str = "",
    **awal: Unpack[AwalRujukan],
) -> PerlindunganSosial:
    """Bantuan langsung (temporary), advokasi sosial or bantuan hukum (S6; ASH 28–31)."""
    mulai(
        PERLINDUNGAN, awal, oleh=oleh, desa=klien.desa_id, cek=lambda: aturan.cek_ppks_aktif(klien)
    )
    J = PerlindunganSosial.Jenis
    if jenis not in J.values:
        tolak("Jenis perlindungan sosial tidak dikenal.", field="jenis")
    bentuk = kode_valid(bentuk, PerlindunganSosial.BENTUK_PER_JENIS[jenis], "Bentuk")
    if not bentuk:
        tolak(f"Pilih sedikitnya satu bentuk {J(jenis).label.lower()}.", field="bentuk")
    if jenis == J.BANTUAN_LANGSUNG:
        if tanggal_selesai is None:
            tolak(
                "Bantuan langsung bersifat sementara sampai keadaan stabil: isi tanggal "
                f"berakhirnya (aturan S6; {ASH} Pasal 29 ayat (2)).",
                code="s6_sementara",
                field="tanggal_selesai",
            )
        if "f" in bentuk:
            aturan.cek_kriteria(
                klien,
                "keterlantaran",
                layanan="Fasilitasi penyediaan pemakaman",
                aturan="S6",
                pasal="Pasal 29 ayat (3)",
            )
        if "a" in bentuk and not nominal:
            tolak(
                f"Isi nilai bantuan uang ({ASH} Pasal 29 ayat (4): sesuai kemampuan keuangan "
                "Daerah).",
                field="nominal",
            )
    if jenis == J.BANTUAN_HUKUM:
        aturan.cek_kriteria(
            klien,
            "kemiskinan",
            layanan="Fasilitasi bantuan hukum",
            aturan="S6",
            pasal="Pasal 31 ayat (3)",
        )
    if tanggal_selesai and tanggal_selesai < awal["tanggal_mulai"]:
        tolak("Tanggal berakhir tidak boleh sebelum tanggal mulai.", field="tanggal_selesai")
    return layanan_baru(
        PERLINDUNGAN,
        awal,
        oleh=oleh,
        klien_cocok=klien_sama(klien),
        klien=klien,
        jenis=jenis,
        bentuk=bentuk,
        tanggal_selesai=tanggal_selesai,
        nominal=nominal if jenis == J.BANTUAN_LANGSUNG and "a" in bentuk else None,
        pelaksana=pelaksana or "",
    )


@transaction.atomic
def perlindungan_perpanjang(
    *, layanan: PerlindunganSosial, sampai: dt.date, alasan: str, oleh: User
) -> PerlindunganSosial:
    """Bantuan langsung runs until the situation is stable (ASH 29(2)): extend its end."""
    p = PERLINDUNGAN.kunci(layanan, oleh)
    if p.status != Status.AKTIF:
        tolak(f"{p} sudah {p.get_status_display().lower()}.", code="status")
    if p.jenis != PerlindunganSosial.Jenis.BANTUAN_LANGSUNG:
        tolak("Hanya bantuan langsung yang memiliki batas waktu.")
    if not (alasan or "").strip():
        tolak("Isi alasan perpanjangan (keadaan belum stabil).", field="alasan")
    assert p.tanggal_selesai is not None  # bantuan langsung always has an end date
    if sampai <= p.tanggal_selesai:
        tolak(f"Tanggal baru harus sesudah {fmt_tanggal(p.tanggal_selesai)}.", field="sampai")
    lama = p.tanggal_selesai
    p.tanggal_selesai = sampai
    simpan(p)
    satu_kolom_berubah(p, "tanggal_selesai", lama, sampai, oleh=oleh, alasan=alasan)
    return p


@transaction.atomic
def perlindungan_selesaikan(
    *, layanan: PerlindunganSosial, tanggal: dt.date, hasil: str, oleh: User
) -> PerlindunganSosial:
    return akhiri_layanan(
        PERLINDUNGAN, layanan, Status.SELESAI, tanggal=tanggal, hasil=hasil, oleh=oleh
    )
