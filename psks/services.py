"""Every state change of the psks app: one function each, keyword-only arguments.

Each runs in one transaction, locks the row it changes, checks role, wilayah, state and the
rule it enforces (messages name the rule: RULES.md S1–S7, ASH articles), calls full_clean(),
saves, and writes a dinsos.Riwayat row. Views and the demo loader call only these.
Refusals are ValidationError (shown to the clerk) or PermissionDenied (403).
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from dinsos.akses import Izin, boleh, dalam_wilayah
from dinsos.audit import beda, catat, potret
from dinsos.format import tanggal as fmt_tanggal
from dinsos.models import Riwayat
from ppks.models import Kelompok, Keluarga, Perseorangan, Registrasi

from . import aturan
from .aturan import ASH
from .models import (
    BENTUK_PEMBERDAYAAN,
    BENTUK_REHABILITASI,
    CARA_PEMBERDAYAAN,
    KRITERIA_PEMBERDAYAAN,
    KRITERIA_PERAN_SERTA,
    SASARAN_REHABILITASI,
    TAHAP_JAMINAN,
    TAHAP_PERAN_SERTA,
    TAHAP_REHABILITASI,
    Akreditasi,
    JaminanSosial,
    KasusRehabilitasi,
    KlienLembaga,
    Lembaga,
    Lisensi,
    Pelatihan,
    PemberdayaanSosial,
    PeranSerta,
    PerlindunganSosial,
    PermintaanLayanan,
    ProgramLayanan,
    Rujukan,
    Status,
    TahapJaminan,
    TahapPeranSerta,
    TahapRehabilitasi,
    TenagaSosial,
)

A = Riwayat.Aksi
_ABAIKAN = {"dibuat", "diubah"}


# --- Shared checks ----------------------------------------------------------------------


def _perlu(oleh, izin: str) -> None:
    if not boleh(oleh, izin):
        raise PermissionDenied("Peran Anda tidak berwenang untuk tindakan ini.")


def _wilayah(oleh, desa) -> None:
    if not dalam_wilayah(oleh, desa):
        raise PermissionDenied("Data ini berada di luar wilayah kerja Anda.")


def _tolak(pesan: str, code: str = "ditolak", field: str | None = None):
    galat = ValidationError(pesan, code=code)
    raise ValidationError({field: galat}) if field else galat


def _bukan_masa_depan(tanggal: dt.date | None, nama: str) -> None:
    if tanggal is None:
        _tolak(f"{nama} wajib diisi.", code="tanggal_kosong")
    if tanggal > timezone.localdate():
        _tolak(f"{nama} ({fmt_tanggal(tanggal)}) tidak boleh di masa depan.", code="tanggal_depan")


def _kode_valid(nilai: Iterable[str], pilihan, nama: str) -> list[str]:
    sah = [k for k, _ in pilihan]
    nilai = list(dict.fromkeys(nilai or []))
    salah = [k for k in nilai if k not in sah]
    if salah:
        _tolak(f"{nama} tidak dikenal: {', '.join(salah)}.", code="kode_tidak_dikenal")
    # Keep the regulation's order whatever order the form sent.
    return [k for k in sah if k in nilai]


def _cek_program(program: ProgramLayanan, jenis: str) -> None:
    if program.jenis_layanan != jenis:
        _tolak(
            f"Program {program.nama} adalah program "
            f"{program.get_jenis_layanan_display().lower()}, bukan "
            f"{ProgramLayanan.Jenis(jenis).label.lower()}.",
            code="program_salah",
        )
    if not program.aktif:
        _tolak(f"Program {program.nama} tidak aktif.", code="program_nonaktif")


def _potret_isi(obj) -> dict:
    return {
        k: [None, v]
        for k, v in potret(obj).items()
        if v not in ("", None, []) and k not in _ABAIKAN
    }


def _simpan(obj, oleh, *, alasan: str = ""):
    """Create or update a registry row (full_clean, save, history)."""
    if obj.pk is None:
        obj.full_clean()
        obj.save()
        catat(pengguna=oleh, aksi=A.BUAT, obj=obj, perubahan=_potret_isi(obj), alasan=alasan)
        return obj
    lama = type(obj).objects.select_for_update().get(pk=obj.pk)
    sebelum = potret(lama)
    obj.full_clean()
    obj.save()
    perubahan = {k: v for k, v in beda(sebelum, potret(obj)).items() if k not in _ABAIKAN}
    if perubahan:
        catat(pengguna=oleh, aksi=A.UBAH, obj=obj, perubahan=perubahan, alasan=alasan)
    return obj


def _kunci(obj):
    return type(obj).objects.select_for_update().get(pk=obj.pk)


# --- PSKS registry (S1, S2) --------------------------------------------------------------


@transaction.atomic
def tenaga_simpan(*, tenaga: TenagaSosial, oleh) -> TenagaSosial:
    """Create or update a worker (S1; ASH 33–37)."""
    _perlu(oleh, Izin.KELOLA_PSKS)
    return _simpan(tenaga, oleh)


@transaction.atomic
def lisensi_tambah(*, lisensi: Lisensi, oleh) -> Lisensi:
    """Record a competence certificate or izin praktik of a Pekerja Sosial Profesional (S2)."""
    _perlu(oleh, Izin.KELOLA_PSKS)
    tenaga = _kunci(lisensi.tenaga)
    lisensi.tenaga = tenaga
    lisensi.dicatat_oleh = oleh
    lisensi.full_clean()
    lisensi.save()
    catat(
        pengguna=oleh,
        aksi=A.UBAH,
        obj=tenaga,
        perubahan={
            lisensi.get_jenis_display(): [
                None,
                f"{lisensi.nomor} ({lisensi.penerbit}), {fmt_tanggal(lisensi.tanggal_terbit)} s.d. "
                f"{fmt_tanggal(lisensi.berlaku_sampai)}",
            ]
        },
    )
    return lisensi


@transaction.atomic
def lisensi_cabut(*, lisensi: Lisensi, tanggal: dt.date, alasan: str, oleh) -> Lisensi:
    """Record that a licence was revoked or suspended from `tanggal` (S2)."""
    _perlu(oleh, Izin.KELOLA_PSKS)
    lisensi = _kunci(lisensi)
    if lisensi.dicabut_pada:
        _tolak(f"{lisensi} sudah dicatat dicabut sejak {fmt_tanggal(lisensi.dicabut_pada)}.")
    if not (alasan or "").strip():
        _tolak("Isi alasan pencabutan.", field="alasan")
    lisensi.dicabut_pada = tanggal
    lisensi.alasan_cabut = alasan.strip()
    lisensi.full_clean()
    lisensi.save()
    catat(
        pengguna=oleh,
        aksi=A.STATUS,
        obj=lisensi.tenaga,
        perubahan={str(lisensi): ["berlaku", f"dicabut sejak {fmt_tanggal(tanggal)}"]},
        alasan=alasan,
    )
    return lisensi


@transaction.atomic
def pelatihan_tambah(*, pelatihan: Pelatihan, oleh) -> Pelatihan:
    """Record a training of the competence or development standard (ASH 38(2))."""
    _perlu(oleh, Izin.KELOLA_PSKS)
    tenaga = _kunci(pelatihan.tenaga)
    pelatihan.tenaga = tenaga
    pelatihan.dicatat_oleh = oleh
    pelatihan.full_clean()
    pelatihan.save()
    catat(
        pengguna=oleh,
        aksi=A.UBAH,
        obj=tenaga,
        perubahan={
            "pelatihan": [
                None,
                f"{pelatihan.nama} (standar {pelatihan.get_standar_display().lower()}), "
                f"{pelatihan.penyelenggara}",
            ]
        },
    )
    return pelatihan


@transaction.atomic
def lembaga_simpan(*, lembaga: Lembaga, oleh) -> Lembaga:
    """Create or update an institution and its legal data (S1; ASH 32)."""
    _perlu(oleh, Izin.KELOLA_PSKS)
    return _simpan(lembaga, oleh)


@transaction.atomic
def akreditasi_tambah(*, akreditasi: Akreditasi, oleh) -> Akreditasi:
    _perlu(oleh, Izin.KELOLA_PSKS)
    lembaga = _kunci(akreditasi.lembaga)
    akreditasi.lembaga = lembaga
    akreditasi.dicatat_oleh = oleh
    akreditasi.full_clean()
    akreditasi.save()
    catat(
        pengguna=oleh,
        aksi=A.UBAH,
        obj=lembaga,
        perubahan={
            "akreditasi": [
                None,
                f"{akreditasi.peringkat} ({akreditasi.tahun}), {akreditasi.pemberi}, berlaku "
                f"sampai {fmt_tanggal(akreditasi.berlaku_sampai)}",
            ]
        },
    )
    return akreditasi


@transaction.atomic
def klien_lembaga_masuk(*, klien_lembaga: KlienLembaga, oleh) -> KlienLembaga:
    _perlu(oleh, Izin.KELOLA_PSKS)
    _wilayah(oleh, klien_lembaga.klien.desa_id)
    lembaga = _kunci(klien_lembaga.lembaga)
    if not lembaga.aktif:
        _tolak(f"{lembaga} tidak aktif.")
    _bukan_masa_depan(klien_lembaga.tanggal_masuk, "Tanggal masuk")
    if KlienLembaga.objects.filter(
        lembaga=lembaga, klien=klien_lembaga.klien, tanggal_keluar__isnull=True
    ).exists():
        _tolak(f"{klien_lembaga.klien.nama} masih tercatat sebagai klien {lembaga}.")
    klien_lembaga.lembaga = lembaga
    klien_lembaga.dicatat_oleh = oleh
    klien_lembaga.full_clean()
    klien_lembaga.save()
    catat(
        pengguna=oleh,
        aksi=A.UBAH,
        obj=lembaga,
        perubahan={"klien masuk": [None, klien_lembaga.klien.nama]},
    )
    return klien_lembaga


@transaction.atomic
def klien_lembaga_keluar(
    *, klien_lembaga: KlienLembaga, tanggal: dt.date, keterangan: str = "", oleh
) -> KlienLembaga:
    _perlu(oleh, Izin.KELOLA_PSKS)
    kl = _kunci(klien_lembaga)
    _wilayah(oleh, kl.klien.desa_id)
    if kl.tanggal_keluar:
        _tolak("Klien sudah tercatat keluar.")
    _bukan_masa_depan(tanggal, "Tanggal keluar")
    if tanggal < kl.tanggal_masuk:
        _tolak("Tanggal keluar tidak boleh sebelum tanggal masuk.", field="tanggal")
    kl.tanggal_keluar = tanggal
    if keterangan:
        kl.keterangan = (kl.keterangan + "\n" + keterangan).strip()
    kl.full_clean()
    kl.save()
    catat(
        pengguna=oleh,
        aksi=A.UBAH,
        obj=kl.lembaga,
        perubahan={"klien keluar": [kl.klien.nama, fmt_tanggal(tanggal)]},
        alasan=keterangan,
    )
    return kl


@transaction.atomic
def program_simpan(*, program: ProgramLayanan, oleh) -> ProgramLayanan:
    """A service programme with its source of funds (ASH 41)."""
    _perlu(oleh, Izin.KELOLA_PSKS)
    return _simpan(program, oleh)


# --- SLRT referrals: shared by every service that takes one up (S7) ---------------------


def _perbarui_permintaan(permintaan: PermintaanLayanan, oleh) -> None:
    """A request is 'dirujuk' while a referral is open and 'selesai' once all are closed."""
    p = _kunci(permintaan)
    statuses = set(p.rujukan.values_list("status", flat=True))
    S = PermintaanLayanan.StatusPermintaan
    if statuses & set(Rujukan.TERBUKA):
        baru = S.DIRUJUK
    elif statuses:
        baru = S.SELESAI
    else:
        return
    if baru != p.status:
        lama = p.status
        p.status = baru
        p.save(update_fields=["status", "diubah"])
        catat(pengguna=oleh, aksi=A.STATUS, obj=p, perubahan={"status": [lama, baru]})


def _ambil_rujukan(
    rujukan: Rujukan, *, tujuan: str, klien_cocok, tanggal: dt.date, oleh
) -> Rujukan:
    """Take up a referral for a service being created: it must be open, to this kind of
    service, about this client; an unanswered referral is accepted on the service's date."""
    r = _kunci(rujukan)
    if r.tujuan != tujuan:
        _tolak(
            f"Rujukan {r.nomor} ditujukan ke {r.get_tujuan_display().lower()}, bukan ke layanan "
            "ini.",
            code="s7_rujukan_tujuan",
        )
    if not klien_cocok(r.permintaan.klien):
        _tolak(f"Rujukan {r.nomor} adalah untuk orang lain.", code="s7_rujukan_klien")
    if not r.terbuka:
        _tolak(
            f"Rujukan {r.nomor} sudah {r.get_status_display().lower()}.", code="s7_rujukan_status"
        )
    if r.layanan is not None:
        _tolak(f"Rujukan {r.nomor} sudah ditindaklanjuti dengan {r.layanan}.", code="s7_rujukan")
    if tanggal < r.tanggal_rujuk:
        _tolak(
            f"Tanggal mulai layanan ({fmt_tanggal(tanggal)}) tidak boleh sebelum tanggal rujukan "
            f"({fmt_tanggal(r.tanggal_rujuk)}).",
            code="s7_rujukan_tanggal",
        )
    if r.status == Rujukan.StatusRujukan.DIRUJUK:
        r.status = Rujukan.StatusRujukan.DITERIMA
        r.tanggal_diterima = tanggal
        r.full_clean()
        r.save()
        catat(
            pengguna=oleh,
            aksi=A.STATUS,
            obj=r,
            perubahan={"status": ["dirujuk", "diterima"]},
            alasan="Diterima dengan dibukanya layanan.",
        )
        _perbarui_permintaan(r.permintaan, oleh)
    return r


def _rujukan_tuntas(rujukan_id, *, tanggal: dt.date, hasil: str, oleh) -> None:
    """The service a referral led to has ended: the referral's outcome is recorded (S7)."""
    if not rujukan_id:
        return
    r = Rujukan.objects.select_for_update().get(pk=rujukan_id)
    if r.status != Rujukan.StatusRujukan.DITERIMA:
        return
    r.status = Rujukan.StatusRujukan.SELESAI
    r.tanggal_hasil = max(tanggal, r.tanggal_diterima)
    r.hasil = hasil
    r.full_clean()
    r.save()
    catat(
        pengguna=oleh,
        aksi=A.STATUS,
        obj=r,
        perubahan={"status": ["diterima", "selesai"]},
        alasan=hasil,
    )
    _perbarui_permintaan(r.permintaan, oleh)


def _klien_sama(klien: Perseorangan):
    return lambda orang: orang.pk == klien.pk


# --- Stages, shared by S3, S4 and S5 -----------------------------------------------------


def _catat_tahap(
    *,
    obj,
    model_tahap,
    fk: str,
    pilihan,
    tahap: str,
    tanggal: dt.date,
    catatan: str,
    oleh,
    aturan_id: str,
    pasal: str,
    extra: dict | None = None,
):
    """Record the next stage of `obj` (already locked). Refuses a skipped stage, a stage
    already recorded (no going back), a date before the previous stage, a future date."""
    urutan = [k for k, _ in pilihan]
    label = dict(pilihan)
    if obj.status != Status.AKTIF:
        _tolak(
            f"{obj} sudah {obj.get_status_display().lower()}; tahap tidak dapat dicatat lagi.",
            code="status",
        )
    if tahap not in urutan:
        _tolak(f"Tahap {tahap!r} tidak dikenal.", code="tahap_tidak_dikenal", field="tahap")
    sudah = list(model_tahap.objects.filter(**{fk: obj}).order_by("urutan"))
    dicatat = {t.tahap: t for t in sudah}
    berikut = urutan[len(sudah)]
    alur = " → ".join(label[k] for k in urutan)
    rujukan = f"(aturan {aturan_id}; {ASH} {pasal})"
    if tahap in dicatat:
        _tolak(
            f"Tahap {label[tahap]} sudah dicatat pada {fmt_tanggal(dicatat[tahap].tanggal)}; "
            f"tahapan tidak dapat diulang atau dikembalikan. Tahap berikutnya adalah "
            f"{label[berikut]} {rujukan}.",
            code=f"{aturan_id.lower()}_urutan",
            field="tahap",
        )
    if tahap != berikut:
        _tolak(
            f"Tahap {label[tahap]} tidak dapat dicatat sebelum tahap {label[berikut]}. Tahapan "
            f"dilaksanakan berurutan: {alur} {rujukan}.",
            code=f"{aturan_id.lower()}_urutan",
            field="tahap",
        )
    _bukan_masa_depan(tanggal, "Tanggal tahap")
    if sudah:
        batas, nama_batas = sudah[-1].tanggal, f"tahap {label[sudah[-1].tahap]}"
    else:
        batas, nama_batas = obj.tanggal_mulai, "mulai layanan"
    if tanggal < batas:
        _tolak(
            f"Tanggal tahap {label[tahap]} ({fmt_tanggal(tanggal)}) tidak boleh sebelum tanggal "
            f"{nama_batas} ({fmt_tanggal(batas)}) {rujukan}.",
            code="tanggal_mundur",
            field="tanggal",
        )
    baris = model_tahap(
        **{fk: obj},
        tahap=tahap,
        urutan=len(sudah) + 1,
        tanggal=tanggal,
        catatan=catatan or "",
        dicatat_oleh=oleh,
        **(extra or {}),
    )
    baris.full_clean()
    baris.save()
    lama = obj.tahap_terakhir
    obj.tahap_terakhir = tahap
    perubahan = {"tahap": [label.get(lama), label[tahap]]}
    selesai = len(sudah) + 1 == len(urutan)
    fields = ["tahap_terakhir", "diubah"]
    if selesai:
        obj.status = Status.SELESAI
        obj.tanggal_selesai = tanggal
        fields += ["status", "tanggal_selesai"]
        perubahan["status"] = [Status.AKTIF.value, Status.SELESAI.value]
    obj.save(update_fields=fields)
    catat(pengguna=oleh, aksi=A.STATUS, obj=obj, perubahan=perubahan, alasan=catatan or "")
    return baris, selesai


def _akhiri(obj, *, status: str, tanggal: dt.date, hasil: str, oleh, wajib_hasil: bool = True):
    if obj.status != Status.AKTIF:
        _tolak(f"{obj} sudah {obj.get_status_display().lower()}.", code="status")
    if wajib_hasil and not (hasil or "").strip():
        _tolak(
            "Isi hasil layanan." if status == Status.SELESAI else "Isi alasan penghentian.",
            field="hasil",
        )
    _bukan_masa_depan(tanggal, "Tanggal")
    if tanggal < obj.tanggal_mulai:
        _tolak("Tanggal tidak boleh sebelum tanggal mulai layanan.", field="tanggal")
    lama = obj.status
    obj.status = status
    obj.tanggal_selesai = tanggal
    obj.hasil = (hasil or "").strip()
    obj.full_clean()
    obj.save()
    catat(pengguna=oleh, aksi=A.STATUS, obj=obj, perubahan={"status": [lama, status]}, alasan=hasil)
    kata = "selesai" if status == Status.SELESAI else "dihentikan"
    _rujukan_tuntas(
        getattr(obj, "rujukan_id", None),
        tanggal=tanggal,
        hasil=f"{obj} {kata} pada {fmt_tanggal(tanggal)}. {hasil}".strip(),
        oleh=oleh,
    )
    return obj


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
    program: ProgramLayanan,
    tanggal_mulai: dt.date,
    oleh,
    lembaga: Lembaga | None = None,
    catatan: str = "",
    rujukan: Rujukan | None = None,
) -> KasusRehabilitasi:
    """Open a rehabilitation case assigned to a licensed Pekerja Sosial Profesional (S3)."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    _wilayah(oleh, klien.desa_id)
    _bukan_masa_depan(tanggal_mulai, "Tanggal mulai")
    aturan.cek_ppks_aktif(klien)
    _cek_program(program, ProgramLayanan.Jenis.REHABILITASI)
    _kode_valid([sasaran], SASARAN_REHABILITASI, "Sasaran rehabilitasi")
    bentuk = _kode_valid(bentuk, BENTUK_REHABILITASI, "Bentuk rehabilitasi")
    if not bentuk:
        _tolak(
            f"Pilih sedikitnya satu bentuk rehabilitasi sosial ({ASH} Pasal 15 ayat (1)).",
            field="bentuk",
        )
    if setting == KasusRehabilitasi.Setting.LKS:
        if lembaga is None or lembaga.jenis != "lks" or not lembaga.aktif:
            _tolak(
                "Rehabilitasi dalam lembaga dilaksanakan di Lembaga Kesejahteraan Sosial yang "
                f"aktif; pilih lembaganya ({ASH} Pasal 14).",
                code="s3_lks",
                field="lembaga",
            )
    else:
        lembaga = None
    pekerja = _pekerja(pekerja)
    aturan.cek_boleh_praktik(pekerja, tanggal_mulai, untuk="Penugasan kasus rehabilitasi")
    if rujukan is not None:
        rujukan = _ambil_rujukan(
            rujukan,
            tujuan=Rujukan.Tujuan.REHABILITASI,
            klien_cocok=_klien_sama(klien),
            tanggal=tanggal_mulai,
            oleh=oleh,
        )
    kasus = KasusRehabilitasi(
        klien=klien,
        sasaran=sasaran,
        setting=setting,
        lembaga=lembaga,
        bentuk=bentuk,
        pekerja=pekerja,
        program=program,
        tanggal_mulai=tanggal_mulai,
        catatan=catatan or "",
        rujukan=rujukan,
        dibuat_oleh=oleh,
    )
    kasus.full_clean()
    kasus.save()
    catat(pengguna=oleh, aksi=A.BUAT, obj=kasus, perubahan=_potret_isi(kasus))
    return kasus


@transaction.atomic
def rehabilitasi_tugaskan(
    *, kasus: KasusRehabilitasi, pekerja: TenagaSosial, tanggal: dt.date, alasan: str, oleh
) -> KasusRehabilitasi:
    """Hand a case to another Pekerja Sosial Profesional, licensed on that day (S2, S3)."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    kasus = _kunci(kasus)
    _wilayah(oleh, kasus.klien.desa_id)
    if kasus.status != Status.AKTIF:
        _tolak(f"{kasus} sudah {kasus.get_status_display().lower()}.", code="status")
    if pekerja.pk == kasus.pekerja_id:
        _tolak("Pekerja sosial yang dipilih sudah menangani kasus ini.", field="pekerja")
    if not (alasan or "").strip():
        _tolak("Isi alasan penggantian pekerja sosial.", field="alasan")
    _bukan_masa_depan(tanggal, "Tanggal penugasan")
    if tanggal < kasus.tanggal_mulai:
        _tolak("Tanggal penugasan tidak boleh sebelum tanggal mulai kasus.", field="tanggal")
    pekerja = _pekerja(pekerja)
    aturan.cek_boleh_praktik(pekerja, tanggal, untuk="Penugasan kasus rehabilitasi")
    lama = kasus.pekerja
    kasus.pekerja = pekerja
    kasus.save(update_fields=["pekerja", "diubah"])
    catat(
        pengguna=oleh,
        aksi=A.UBAH,
        obj=kasus,
        perubahan={"pekerja": [str(lama), str(pekerja)]},
        alasan=alasan,
    )
    return kasus


@transaction.atomic
def rehabilitasi_tahap_catat(
    *, kasus: KasusRehabilitasi, tahap: str, tanggal: dt.date, catatan: str = "", oleh
) -> TahapRehabilitasi:
    """Record the next stage of ASH 15(2), in order, dated, by a worker licensed that day
    (S3, S2). The seventh stage closes the case and the referral it came from."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    kasus = _kunci(kasus)
    _wilayah(oleh, kasus.klien.desa_id)
    pekerja = _pekerja(kasus.pekerja)
    if kasus.status == Status.AKTIF and tahap == kasus.tahap_berikut and tanggal:
        aturan.cek_boleh_praktik(
            pekerja,
            tanggal,
            untuk=f"Pencatatan tahap {dict(TAHAP_REHABILITASI)[tahap].lower()}",
        )
    baris, selesai = _catat_tahap(
        obj=kasus,
        model_tahap=TahapRehabilitasi,
        fk="kasus",
        pilihan=TAHAP_REHABILITASI,
        tahap=tahap,
        tanggal=tanggal,
        catatan=catatan,
        oleh=oleh,
        aturan_id="S3",
        pasal="Pasal 15 ayat (2)",
        extra={"petugas": pekerja},
    )
    if selesai:
        _rujukan_tuntas(
            kasus.rujukan_id,
            tanggal=tanggal,
            hasil=f"{kasus} selesai sampai tahap bimbingan lanjut pada {fmt_tanggal(tanggal)}.",
            oleh=oleh,
        )
    return baris


@transaction.atomic
def rehabilitasi_hentikan(
    *, kasus: KasusRehabilitasi, tanggal: dt.date, alasan: str, oleh
) -> KasusRehabilitasi:
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    kasus = _kunci(kasus)
    _wilayah(oleh, kasus.klien.desa_id)
    return _akhiri(kasus, status=Status.DIHENTIKAN, tanggal=tanggal, hasil=alasan, oleh=oleh)


# --- Jaminan sosial (S4) ------------------------------------------------------------------


@transaction.atomic
def jaminan_buat(
    *,
    klien: Perseorangan,
    bentuk: str,
    program: ProgramLayanan,
    tanggal_mulai: dt.date,
    oleh,
    tanggal_selesai: dt.date | None = None,
    nominal=None,
    nomor_peserta: str = "",
    pendamping: TenagaSosial | None = None,
    catatan: str = "",
    rujukan: Rujukan | None = None,
) -> JaminanSosial:
    """Bantuan iuran or bantuan langsung for a PPKS with the kemiskinan criterion whose data
    stands in DTSEN/DTKS (S4; ASH 16–18)."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    klien = Perseorangan.objects.select_for_update().get(pk=klien.pk)
    _wilayah(oleh, klien.desa_id)
    _bukan_masa_depan(tanggal_mulai, "Tanggal mulai")
    aturan.cek_jaminan(klien)
    _cek_program(program, ProgramLayanan.Jenis.JAMINAN)
    if bentuk == JaminanSosial.SEMENTARA and tanggal_selesai is None:
        _tolak(
            f"Bantuan langsung sementara wajib memiliki tanggal berakhir ({ASH} Pasal 18 "
            "ayat (1)).",
            code="s4_sementara",
            field="tanggal_selesai",
        )
    if tanggal_selesai and tanggal_selesai < tanggal_mulai:
        _tolak("Tanggal berakhir tidak boleh sebelum tanggal mulai.", field="tanggal_selesai")
    if JaminanSosial.objects.filter(klien=klien, bentuk=bentuk, status=Status.AKTIF).exists():
        _tolak(
            f"{klien.nama} sudah menerima jaminan sosial bentuk ini yang masih berjalan.",
            code="s4_ganda",
        )
    if rujukan is not None:
        rujukan = _ambil_rujukan(
            rujukan,
            tujuan=Rujukan.Tujuan.JAMINAN,
            klien_cocok=_klien_sama(klien),
            tanggal=tanggal_mulai,
            oleh=oleh,
        )
    j = JaminanSosial(
        klien=klien,
        bentuk=bentuk,
        program=program,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        nominal=nominal,
        nomor_peserta=nomor_peserta or "",
        pendamping=pendamping,
        catatan=catatan or "",
        rujukan=rujukan,
        dibuat_oleh=oleh,
    )
    j.full_clean()
    j.save()
    catat(pengguna=oleh, aksi=A.BUAT, obj=j, perubahan=_potret_isi(j))
    return j


@transaction.atomic
def jaminan_tahap_catat(
    *, jaminan: JaminanSosial, tahap: str, tanggal: dt.date, catatan: str = "", oleh
) -> TahapJaminan:
    """Record the next stage persiapan → pendampingan → pelaksanaan → terminasi (S4; the
    logical reading of ASH 18(7), see models.URUTAN_TAHAP_JAMINAN)."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    jaminan = _kunci(jaminan)
    _wilayah(oleh, jaminan.klien.desa_id)
    if tahap == "pelaksanaan" and jaminan.tahap_berikut == "pelaksanaan":
        # The help is handed over at pelaksanaan: the client must still be eligible then.
        aturan.cek_jaminan(jaminan.klien)
    baris, selesai = _catat_tahap(
        obj=jaminan,
        model_tahap=TahapJaminan,
        fk="jaminan",
        pilihan=TAHAP_JAMINAN,
        tahap=tahap,
        tanggal=tanggal,
        catatan=catatan,
        oleh=oleh,
        aturan_id="S4",
        pasal="Pasal 18 ayat (7)",
    )
    if selesai:
        _rujukan_tuntas(
            jaminan.rujukan_id,
            tanggal=tanggal,
            hasil=f"{jaminan} selesai (terminasi) pada {fmt_tanggal(tanggal)}.",
            oleh=oleh,
        )
    return baris


@transaction.atomic
def jaminan_hentikan(*, jaminan: JaminanSosial, tanggal: dt.date, alasan: str, oleh):
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    jaminan = _kunci(jaminan)
    _wilayah(oleh, jaminan.klien.desa_id)
    return _akhiri(jaminan, status=Status.DIHENTIKAN, tanggal=tanggal, hasil=alasan, oleh=oleh)


# --- Pemberdayaan sosial (S5) -------------------------------------------------------------


def _registrasi_aktif_subjek(**subjek) -> bool:
    return Registrasi.objects.filter(status=Registrasi.Status.AKTIF, **subjek).exists()


def _cek_cara_bentuk(cara: list[str], bentuk: list[str]) -> None:
    """ASH 20(2) forms belong to way (1) huruf a, ASH 20(3) forms to huruf b."""
    for awalan, huruf_cara, ayat in (("2", "a", "2"), ("3", "b", "3")):
        dipilih = [b for b in bentuk if b.startswith(awalan)]
        if dipilih and huruf_cara not in cara:
            _tolak(
                f"Bentuk menurut Pasal 20 ayat ({ayat}) hanya untuk cara huruf {huruf_cara} "
                f"({dict(CARA_PEMBERDAYAAN)[huruf_cara]}) (aturan S5; {ASH} Pasal 20).",
                code="s5_bentuk",
                field="bentuk",
            )
        if huruf_cara in cara and not dipilih:
            _tolak(
                f"Cara huruf {huruf_cara} dilakukan dalam bentuk menurut Pasal 20 ayat ({ayat}); "
                f"pilih sedikitnya satu (aturan S5; {ASH} Pasal 20 ayat ({ayat})).",
                code="s5_bentuk",
                field="bentuk",
            )


@transaction.atomic
def pemberdayaan_buat(
    *,
    program: ProgramLayanan,
    cara: Iterable[str],
    kriteria: Iterable[str],
    tanggal_mulai: dt.date,
    oleh,
    perseorangan: Perseorangan | None = None,
    keluarga: Keluarga | None = None,
    kelompok: Kelompok | None = None,
    bentuk: Iterable[str] = (),
    pendamping: TenagaSosial | None = None,
    catatan: str = "",
    rujukan: Rujukan | None = None,
) -> PemberdayaanSosial:
    """Empower a person, family or group meeting ASH 21–23, in the forms of ASH 20 (S5)."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
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
        _tolak("Pilih tepat satu sasaran: perseorangan, keluarga atau kelompok.")
    ((jenis, obj),) = subjek.items()
    _wilayah(oleh, obj.desa_id)
    _bukan_masa_depan(tanggal_mulai, "Tanggal mulai")
    if not _registrasi_aktif_subjek(**{jenis: obj}):
        _tolak(
            f"{obj} belum terdaftar aktif sebagai PPKS ({jenis}). Pemberdayaan sosial ditujukan "
            f"kepada yang mengalami masalah kesejahteraan sosial ({ASH} Pasal 11, 19).",
            code="ash11_bukan_ppks",
        )
    _cek_program(program, ProgramLayanan.Jenis.PEMBERDAYAAN)
    pasal = {"perseorangan": "21", "keluarga": "22", "kelompok": "23"}[jenis]
    kriteria = _kode_valid(kriteria, KRITERIA_PEMBERDAYAAN[jenis], "Kriteria")
    if not kriteria:
        # "dan/atau": at least one criterion must hold; the officer records all that hold.
        _tolak(
            f"Pemberdayaan sosial {jenis} hanya untuk yang memenuhi sedikitnya satu kriteria "
            f"Pasal {pasal} ayat (2) (aturan S5; {ASH} Pasal {pasal}).",
            code="s5_kriteria",
            field="kriteria",
        )
    cara = _kode_valid(cara, CARA_PEMBERDAYAAN, "Cara pemberdayaan")
    if not cara:
        _tolak(f"Pilih sedikitnya satu cara pemberdayaan ({ASH} Pasal 20 ayat (1)).", field="cara")
    bentuk = _kode_valid(bentuk, BENTUK_PEMBERDAYAAN, "Bentuk pemberdayaan")
    _cek_cara_bentuk(cara, bentuk)
    if rujukan is not None:

        def cocok(orang):
            if jenis == "perseorangan":
                return orang.pk == obj.pk
            if jenis == "keluarga":
                return orang.keluarga_id == obj.pk or obj.kepala_id == orang.pk
            return obj.ketua_id == orang.pk or obj.anggota.filter(pk=orang.pk).exists()

        rujukan = _ambil_rujukan(
            rujukan,
            tujuan=Rujukan.Tujuan.PEMBERDAYAAN,
            klien_cocok=cocok,
            tanggal=tanggal_mulai,
            oleh=oleh,
        )
    p = PemberdayaanSosial(
        **{jenis: obj},
        program=program,
        cara=cara,
        bentuk=bentuk,
        kriteria=kriteria,
        tanggal_mulai=tanggal_mulai,
        pendamping=pendamping,
        catatan=catatan or "",
        rujukan=rujukan,
        dibuat_oleh=oleh,
    )
    p.desa_id = obj.desa_id
    p.full_clean()
    p.save()
    catat(pengguna=oleh, aksi=A.BUAT, obj=p, perubahan=_potret_isi(p))
    return p


@transaction.atomic
def pemberdayaan_selesaikan(
    *, pemberdayaan: PemberdayaanSosial, tanggal: dt.date, hasil: str, oleh
) -> PemberdayaanSosial:
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    p = _kunci(pemberdayaan)
    _wilayah(oleh, p.desa_id)
    return _akhiri(p, status=Status.SELESAI, tanggal=tanggal, hasil=hasil, oleh=oleh)


@transaction.atomic
def pemberdayaan_hentikan(
    *, pemberdayaan: PemberdayaanSosial, tanggal: dt.date, alasan: str, oleh
) -> PemberdayaanSosial:
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    p = _kunci(pemberdayaan)
    _wilayah(oleh, p.desa_id)
    return _akhiri(p, status=Status.DIHENTIKAN, tanggal=tanggal, hasil=alasan, oleh=oleh)


@transaction.atomic
def peran_serta_buat(
    *,
    nama_kegiatan: str,
    program: ProgramLayanan,
    kriteria: Iterable[str],
    tanggal_mulai: dt.date,
    oleh,
    lembaga: Lembaga | None = None,
    tenaga: TenagaSosial | None = None,
    cara: Iterable[str] = (),
    bentuk: Iterable[str] = (),
    catatan: str = "",
) -> PeranSerta:
    """Peningkatan peran serta of an LKS (ASH 25) or a person (ASH 26), S5."""
    _perlu(oleh, Izin.KELOLA_PSKS)
    if (lembaga is None) == (tenaga is None):
        _tolak("Pilih tepat satu sasaran: lembaga atau perseorangan.")
    _bukan_masa_depan(tanggal_mulai, "Tanggal mulai")
    _cek_program(program, ProgramLayanan.Jenis.PERAN_SERTA)
    if lembaga is not None and lembaga.jenis != "lks":
        _tolak(
            "Pembinaan lembaga ditujukan kepada Lembaga Kesejahteraan Sosial (aturan S5; "
            f"{ASH} Pasal 25 ayat (1)).",
            code="s5_lembaga",
            field="lembaga",
        )
    jenis = "lembaga" if lembaga is not None else "tenaga"
    pasal = "25" if lembaga is not None else "26"
    kriteria = _kode_valid(kriteria, KRITERIA_PERAN_SERTA[jenis], "Kriteria")
    if not kriteria:
        # RULES.md reads criteria lists, whatever their conjunction, as "at least one holds".
        _tolak(
            f"Sasaran harus memenuhi kriteria Pasal {pasal} ayat (2) (aturan S5; {ASH} Pasal "
            f"{pasal}).",
            code="s5_kriteria",
            field="kriteria",
        )
    cara = _kode_valid(cara, CARA_PEMBERDAYAAN, "Cara pemberdayaan")
    bentuk = _kode_valid(bentuk, BENTUK_PEMBERDAYAAN, "Bentuk pemberdayaan")
    if cara or bentuk:
        _cek_cara_bentuk(cara, bentuk)
    k = PeranSerta(
        nama_kegiatan=nama_kegiatan,
        lembaga=lembaga,
        tenaga=tenaga,
        kriteria=kriteria,
        cara=cara,
        bentuk=bentuk,
        program=program,
        tanggal_mulai=tanggal_mulai,
        catatan=catatan or "",
        dibuat_oleh=oleh,
    )
    k.full_clean()
    k.save()
    catat(pengguna=oleh, aksi=A.BUAT, obj=k, perubahan=_potret_isi(k))
    return k


@transaction.atomic
def peran_serta_tahap_catat(
    *, kegiatan: PeranSerta, tahap: str, tanggal: dt.date, catatan: str = "", oleh
) -> TahapPeranSerta:
    """persiapan → pelaksanaan → pendayagunaan berkelanjutan, in order (S5; ASH 27)."""
    _perlu(oleh, Izin.KELOLA_PSKS)
    kegiatan = _kunci(kegiatan)
    baris, _ = _catat_tahap(
        obj=kegiatan,
        model_tahap=TahapPeranSerta,
        fk="kegiatan",
        pilihan=TAHAP_PERAN_SERTA,
        tahap=tahap,
        tanggal=tanggal,
        catatan=catatan,
        oleh=oleh,
        aturan_id="S5",
        pasal="Pasal 27",
    )
    return baris


# --- Perlindungan sosial (S6) -------------------------------------------------------------


@transaction.atomic
def perlindungan_buat(
    *,
    klien: Perseorangan,
    jenis: str,
    bentuk: Iterable[str],
    program: ProgramLayanan,
    tanggal_mulai: dt.date,
    oleh,
    tanggal_selesai: dt.date | None = None,
    nominal=None,
    pelaksana: str = "",
    catatan: str = "",
    rujukan: Rujukan | None = None,
) -> PerlindunganSosial:
    """Bantuan langsung (temporary), advokasi sosial or bantuan hukum (S6; ASH 28–31)."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    _wilayah(oleh, klien.desa_id)
    _bukan_masa_depan(tanggal_mulai, "Tanggal mulai")
    aturan.cek_ppks_aktif(klien)
    _cek_program(program, ProgramLayanan.Jenis.PERLINDUNGAN)
    J = PerlindunganSosial.Jenis
    if jenis not in J.values:
        _tolak("Jenis perlindungan sosial tidak dikenal.", field="jenis")
    bentuk = _kode_valid(bentuk, PerlindunganSosial.BENTUK_PER_JENIS[jenis], "Bentuk")
    if not bentuk:
        _tolak(f"Pilih sedikitnya satu bentuk {J(jenis).label.lower()}.", field="bentuk")
    if jenis == J.BANTUAN_LANGSUNG:
        if tanggal_selesai is None:
            _tolak(
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
            _tolak(
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
    if tanggal_selesai and tanggal_selesai < tanggal_mulai:
        _tolak("Tanggal berakhir tidak boleh sebelum tanggal mulai.", field="tanggal_selesai")
    if rujukan is not None:
        rujukan = _ambil_rujukan(
            rujukan,
            tujuan=Rujukan.Tujuan.PERLINDUNGAN,
            klien_cocok=_klien_sama(klien),
            tanggal=tanggal_mulai,
            oleh=oleh,
        )
    p = PerlindunganSosial(
        klien=klien,
        jenis=jenis,
        bentuk=bentuk,
        program=program,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        nominal=nominal if jenis == J.BANTUAN_LANGSUNG and "a" in bentuk else None,
        pelaksana=pelaksana or "",
        catatan=catatan or "",
        rujukan=rujukan,
        dibuat_oleh=oleh,
    )
    p.full_clean()
    p.save()
    catat(pengguna=oleh, aksi=A.BUAT, obj=p, perubahan=_potret_isi(p))
    return p


@transaction.atomic
def perlindungan_perpanjang(
    *, layanan: PerlindunganSosial, sampai: dt.date, alasan: str, oleh
) -> PerlindunganSosial:
    """Bantuan langsung runs until the situation is stable (ASH 29(2)): extend its end."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    p = _kunci(layanan)
    _wilayah(oleh, p.klien.desa_id)
    if p.status != Status.AKTIF:
        _tolak(f"{p} sudah {p.get_status_display().lower()}.", code="status")
    if p.jenis != PerlindunganSosial.Jenis.BANTUAN_LANGSUNG:
        _tolak("Hanya bantuan langsung yang memiliki batas waktu.")
    if not (alasan or "").strip():
        _tolak("Isi alasan perpanjangan (keadaan belum stabil).", field="alasan")
    if sampai <= p.tanggal_selesai:
        _tolak(f"Tanggal baru harus sesudah {fmt_tanggal(p.tanggal_selesai)}.", field="sampai")
    lama = p.tanggal_selesai
    p.tanggal_selesai = sampai
    p.full_clean()
    p.save()
    catat(
        pengguna=oleh,
        aksi=A.UBAH,
        obj=p,
        perubahan={"tanggal_selesai": [str(lama), str(sampai)]},
        alasan=alasan,
    )
    return p


@transaction.atomic
def perlindungan_selesaikan(
    *, layanan: PerlindunganSosial, tanggal: dt.date, hasil: str, oleh
) -> PerlindunganSosial:
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    p = _kunci(layanan)
    _wilayah(oleh, p.klien.desa_id)
    return _akhiri(p, status=Status.SELESAI, tanggal=tanggal, hasil=hasil, oleh=oleh)


# --- SLRT (S7) ----------------------------------------------------------------------------


def _kebutuhan_valid(kebutuhan) -> list[str]:
    return _kode_valid(kebutuhan, PermintaanLayanan.Kebutuhan.choices, "Kebutuhan")


@transaction.atomic
def slrt_permintaan_catat(
    *,
    klien: Perseorangan,
    saluran: str,
    tanggal: dt.date,
    uraian: str,
    oleh,
    pelapor_nama: str = "",
    pelapor_hubungan: str = "",
    pelapor_telepon: str = "",
    kebutuhan: Iterable[str] = (),
    kebutuhan_catatan: str = "",
) -> PermintaanLayanan:
    """Register a request for help at the SLRT (S7; ASH 39–40)."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    _wilayah(oleh, klien.desa_id)
    _bukan_masa_depan(tanggal, "Tanggal permintaan")
    if saluran == PermintaanLayanan.Saluran.PETUGAS_DESA and not pelapor_nama.strip():
        _tolak("Isi nama petugas desa/kelurahan yang menyampaikan.", field="pelapor_nama")
    if not (uraian or "").strip():
        _tolak("Uraikan permasalahan yang disampaikan.", field="uraian")
    kebutuhan = _kebutuhan_valid(kebutuhan)
    S = PermintaanLayanan.StatusPermintaan
    p = PermintaanLayanan(
        klien=klien,
        saluran=saluran,
        tanggal=tanggal,
        uraian=uraian.strip(),
        pelapor_nama=pelapor_nama.strip(),
        pelapor_hubungan=pelapor_hubungan.strip(),
        pelapor_telepon=pelapor_telepon.strip(),
        kebutuhan=kebutuhan,
        kebutuhan_catatan=kebutuhan_catatan or "",
        status=S.DIIDENTIFIKASI if kebutuhan else S.BARU,
        dicatat_oleh=oleh,
    )
    p.full_clean()
    p.save()
    catat(pengguna=oleh, aksi=A.BUAT, obj=p, perubahan=_potret_isi(p))
    return p


@transaction.atomic
def slrt_kebutuhan_catat(
    *, permintaan: PermintaanLayanan, kebutuhan: Iterable[str], catatan: str = "", oleh
) -> PermintaanLayanan:
    """Record the identified need of a request (S7)."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    p = _kunci(permintaan)
    _wilayah(oleh, p.klien.desa_id)
    S = PermintaanLayanan.StatusPermintaan
    if p.status in (S.SELESAI, S.DITUTUP):
        _tolak(f"Permintaan sudah {p.get_status_display().lower()}.", code="status")
    kebutuhan = _kebutuhan_valid(kebutuhan)
    if not kebutuhan:
        _tolak("Pilih sedikitnya satu kebutuhan.", field="kebutuhan")
    sebelum = potret(p, ["kebutuhan", "kebutuhan_catatan", "status"])
    p.kebutuhan = kebutuhan
    p.kebutuhan_catatan = catatan or ""
    if p.status == S.BARU:
        p.status = S.DIIDENTIFIKASI
    p.full_clean()
    p.save()
    catat(
        pengguna=oleh,
        aksi=A.UBAH,
        obj=p,
        perubahan=beda(sebelum, potret(p, ["kebutuhan", "kebutuhan_catatan", "status"])),
    )
    return p


@transaction.atomic
def slrt_rujuk(
    *,
    permintaan: PermintaanLayanan,
    tujuan: str,
    tanggal: dt.date,
    oleh,
    instansi: str = "",
    referensi: str = "",
    keterangan: str = "",
) -> Rujukan:
    """Refer the person to a programme of this system or another agency (S7; ASH 39)."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    p = _kunci(permintaan)
    _wilayah(oleh, p.klien.desa_id)
    S = PermintaanLayanan.StatusPermintaan
    if p.status == S.DITUTUP:
        _tolak("Permintaan sudah ditutup.", code="status")
    if not p.kebutuhan:
        _tolak(
            "Identifikasi kebutuhan dahulu sebelum merujuk: permintaan didaftar, kebutuhan "
            f"diidentifikasi, lalu dirujuk (aturan S7; {ASH} Pasal 39).",
            code="s7_identifikasi",
        )
    if tujuan not in Rujukan.Tujuan.values:
        _tolak("Tujuan rujukan tidak dikenal.", field="tujuan")
    if tujuan == Rujukan.Tujuan.INSTANSI_LAIN and not instansi.strip():
        _tolak("Isi nama instansi/lembaga tujuan rujukan.", field="instansi")
    _bukan_masa_depan(tanggal, "Tanggal rujukan")
    if tanggal < p.tanggal:
        _tolak("Tanggal rujukan tidak boleh sebelum tanggal permintaan.", field="tanggal")
    if p.rujukan.filter(tujuan=tujuan, status__in=Rujukan.TERBUKA).exists():
        _tolak(
            f"Sudah ada rujukan ke {Rujukan.Tujuan(tujuan).label.lower()} yang belum selesai.",
            code="s7_rujukan_ganda",
        )
    r = Rujukan(
        permintaan=p,
        tujuan=tujuan,
        instansi=instansi.strip(),
        referensi=referensi.strip(),
        keterangan=keterangan or "",
        tanggal_rujuk=tanggal,
        dirujuk_oleh=oleh,
    )
    r.full_clean()
    r.save()
    catat(pengguna=oleh, aksi=A.BUAT, obj=r, perubahan=_potret_isi(r))
    catat(pengguna=oleh, aksi=A.UBAH, obj=p, perubahan={"rujukan": [None, str(r)]})
    _perbarui_permintaan(p, oleh)
    return r


def _rujukan_ubah(rujukan: Rujukan, oleh) -> Rujukan:
    r = _kunci(rujukan)
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    _wilayah(oleh, r.permintaan.klien.desa_id)
    return r


@transaction.atomic
def slrt_rujukan_terima(*, rujukan: Rujukan, tanggal: dt.date, catatan: str = "", oleh) -> Rujukan:
    r = _rujukan_ubah(rujukan, oleh)
    if r.status != Rujukan.StatusRujukan.DIRUJUK:
        _tolak(f"Rujukan sudah {r.get_status_display().lower()}.", code="status")
    _bukan_masa_depan(tanggal, "Tanggal diterima")
    if tanggal < r.tanggal_rujuk:
        _tolak("Tanggal diterima tidak boleh sebelum tanggal rujukan.", field="tanggal")
    r.status = Rujukan.StatusRujukan.DITERIMA
    r.tanggal_diterima = tanggal
    r.full_clean()
    r.save()
    catat(
        pengguna=oleh,
        aksi=A.STATUS,
        obj=r,
        perubahan={"status": ["dirujuk", "diterima"]},
        alasan=catatan,
    )
    _perbarui_permintaan(r.permintaan, oleh)
    return r


def _layanan_berjalan(r: Rujukan):
    layanan = r.layanan
    if layanan is not None and layanan.status == Status.AKTIF:
        _tolak(
            f"{layanan} masih berjalan; hasil rujukan tercatat otomatis saat layanan itu "
            "selesai atau dihentikan.",
            code="s7_layanan_berjalan",
        )


@transaction.atomic
def slrt_rujukan_selesai(*, rujukan: Rujukan, tanggal: dt.date, hasil: str, oleh) -> Rujukan:
    """Record the outcome of an accepted referral (S7)."""
    r = _rujukan_ubah(rujukan, oleh)
    if r.status != Rujukan.StatusRujukan.DITERIMA:
        _tolak(
            "Hanya rujukan yang sudah diterima yang dapat diselesaikan "
            f"(status sekarang: {r.get_status_display().lower()}).",
            code="status",
        )
    _layanan_berjalan(r)
    if not (hasil or "").strip():
        _tolak("Isi hasil rujukan.", field="hasil")
    _bukan_masa_depan(tanggal, "Tanggal selesai")
    if tanggal < r.tanggal_diterima:
        _tolak("Tanggal selesai tidak boleh sebelum tanggal diterima.", field="tanggal")
    r.status = Rujukan.StatusRujukan.SELESAI
    r.tanggal_hasil = tanggal
    r.hasil = hasil.strip()
    r.full_clean()
    r.save()
    catat(
        pengguna=oleh,
        aksi=A.STATUS,
        obj=r,
        perubahan={"status": ["diterima", "selesai"]},
        alasan=hasil,
    )
    _perbarui_permintaan(r.permintaan, oleh)
    return r


@transaction.atomic
def slrt_rujukan_tolak(*, rujukan: Rujukan, tanggal: dt.date, alasan: str, oleh) -> Rujukan:
    """The receiving programme or agency refuses the referral; the reason is kept (S7)."""
    r = _rujukan_ubah(rujukan, oleh)
    if not r.terbuka:
        _tolak(f"Rujukan sudah {r.get_status_display().lower()}.", code="status")
    _layanan_berjalan(r)
    if r.layanan is not None:
        _tolak(f"Rujukan sudah ditindaklanjuti dengan {r.layanan}.", code="status")
    if not (alasan or "").strip():
        _tolak("Isi alasan penolakan.", field="alasan")
    _bukan_masa_depan(tanggal, "Tanggal penolakan")
    if tanggal < r.tanggal_rujuk:
        _tolak("Tanggal penolakan tidak boleh sebelum tanggal rujukan.", field="tanggal")
    lama = r.status
    r.status = Rujukan.StatusRujukan.DITOLAK
    r.tanggal_hasil = tanggal
    r.alasan_tolak = alasan.strip()
    r.full_clean()
    r.save()
    catat(
        pengguna=oleh, aksi=A.STATUS, obj=r, perubahan={"status": [lama, "ditolak"]}, alasan=alasan
    )
    _perbarui_permintaan(r.permintaan, oleh)
    return r


@transaction.atomic
def slrt_permintaan_tutup(*, permintaan: PermintaanLayanan, alasan: str, oleh) -> PermintaanLayanan:
    """Close a request that needs no referral (e.g. information given), with the reason."""
    _perlu(oleh, Izin.LAYANAN_SOSIAL)
    p = _kunci(permintaan)
    _wilayah(oleh, p.klien.desa_id)
    S = PermintaanLayanan.StatusPermintaan
    if p.status not in (S.BARU, S.DIIDENTIFIKASI):
        _tolak(
            f"Permintaan berstatus {p.get_status_display().lower()} tidak dapat ditutup; "
            "rujukan yang ada menentukan penyelesaiannya.",
            code="status",
        )
    if not (alasan or "").strip():
        _tolak("Isi alasan penutupan.", field="alasan")
    lama = p.status
    p.status = S.DITUTUP
    p.alasan_tutup = alasan.strip()
    p.full_clean()
    p.save()
    catat(
        pengguna=oleh, aksi=A.STATUS, obj=p, perubahan={"status": [lama, "ditutup"]}, alasan=alasan
    )
    return p
