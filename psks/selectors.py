"""Reads of the psks app: licence status, expiry warnings, and a person's services."""

import datetime as dt

from django.db.models import F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Least
from django.urls import reverse
from django.utils import timezone

from dinsos.akses import PERAN_KABUPATEN, scope
from dinsos.format import tanggal as fmt_tanggal
from ppks.models import Perseorangan

from . import aturan
from .models import (
    Akreditasi,
    JaminanSosial,
    KasusRehabilitasi,
    KlienLembaga,
    Lembaga,
    Lisensi,
    PemberdayaanSosial,
    PerlindunganSosial,
    PermintaanLayanan,
    Rujukan,
    TenagaSosial,
)


def boleh_lihat_sdm(user) -> bool:
    """Workers' records are kabupaten-wide: the Dinas roles see them, village and kecamatan
    operators do not (they only pick a worker when opening a case)."""
    return bool(getattr(user, "is_authenticated", False) and user.peran in PERAN_KABUPATEN)


# --- Licences (S2) ---------------------------------------------------------------------------


def _berlaku_sampai(jenis: str, pada: dt.date):
    return Subquery(
        Lisensi.objects.filter(
            tenaga=OuterRef("pk"),
            jenis=jenis,
            tanggal_terbit__lte=pada,
            berlaku_sampai__gte=pada,
        )
        .filter(Q(dicabut_pada__isnull=True) | Q(dicabut_pada__gt=pada))
        .order_by("-berlaku_sampai")
        .values("berlaku_sampai")[:1]
    )


def tenaga_dengan_status(qs=None, pada: dt.date | None = None):
    """Annotate each worker with `sertifikat_sampai`, `izin_sampai` (the expiry of the
    licence valid on `pada`, or None) and `praktik_sampai` (the earlier of the two)."""
    pada = pada or timezone.localdate()
    qs = TenagaSosial.objects.all() if qs is None else qs
    return qs.annotate(
        sertifikat_sampai=_berlaku_sampai(Lisensi.Jenis.SERTIFIKAT, pada),
        izin_sampai=_berlaku_sampai(Lisensi.Jenis.IZIN_PRAKTIK, pada),
    ).annotate(praktik_sampai=Least(F("sertifikat_sampai"), F("izin_sampai")))


def filter_status_praktik(qs, status: str, pada: dt.date | None = None):
    """status: 'berlaku' | 'akan_habis' | 'tidak_berlaku' (only Pekerja Sosial Profesional)."""
    pada = pada or timezone.localdate()
    batas = pada + dt.timedelta(days=aturan.hari_peringatan())
    psp = qs.filter(jenis=TenagaSosial.PSP)
    lengkap = Q(sertifikat_sampai__isnull=False, izin_sampai__isnull=False)
    if status == "berlaku":
        return psp.filter(lengkap)
    if status == "akan_habis":
        return psp.filter(lengkap, praktik_sampai__lte=batas)
    if status == "tidak_berlaku":
        return psp.exclude(lengkap)
    return qs


def status_praktik(tenaga, pada: dt.date | None = None) -> dict:
    """For display: {'kode', 'label', 'kelas'} from the annotations of tenaga_dengan_status."""
    if not tenaga.is_psp:
        return {"kode": "", "label": "—", "kelas": ""}
    pada = pada or timezone.localdate()
    sampai = getattr(tenaga, "praktik_sampai", None)
    if getattr(tenaga, "sertifikat_sampai", None) is None or tenaga.izin_sampai is None:
        return {"kode": "tidak_berlaku", "label": "Tidak dapat praktik", "kelas": "err"}
    sisa = (sampai - pada).days
    if sisa <= aturan.hari_peringatan():
        return {
            "kode": "akan_habis",
            "label": f"Berlaku, berakhir {fmt_tanggal(sampai)} ({sisa} hari lagi)",
            "kelas": "warn",
        }
    return {"kode": "berlaku", "label": f"Berlaku s.d. {fmt_tanggal(sampai)}", "kelas": "ok"}


def peringatan_kedaluwarsa(pada: dt.date | None = None) -> list[dict]:
    """Licences (S2), accreditations and registrations (S1) expired or expiring within
    aturan.hari_peringatan() days, most urgent first. A licence already renewed by one that
    takes over on the day after is not flagged."""
    pada = pada or timezone.localdate()
    hari = aturan.hari_peringatan()
    batas = pada + dt.timedelta(days=hari)
    hasil = []

    def tambah(*, objek, url, jenis, nomor, sampai, habis):
        sisa = (sampai - pada).days if sampai else None
        hasil.append(
            {
                "objek": objek,
                "url": url,
                "jenis": jenis,
                "nomor": nomor,
                "sampai": sampai,
                "sisa_hari": sisa,
                "kelas": "err" if habis else "warn",
                "keterangan": ("tidak berlaku" if habis else f"berakhir dalam {sisa} hari"),
            }
        )

    psp = TenagaSosial.objects.filter(jenis=TenagaSosial.PSP, aktif=True).prefetch_related(
        "lisensi"
    )
    for t in psp:
        url = reverse("psks:sdm_detail", args=[t.pk])
        for jenis, nama in Lisensi.Jenis.choices:
            berlaku = aturan.lisensi_berlaku(t, jenis, pada)
            if berlaku is None:
                terakhir = aturan.lisensi_terakhir(t, jenis)
                tambah(
                    objek=t,
                    url=url,
                    jenis=nama,
                    nomor=terakhir.nomor if terakhir else "belum ada",
                    sampai=terakhir.berlaku_sampai if terakhir else None,
                    habis=True,
                )
            elif berlaku.berlaku_sampai <= batas and not aturan.lisensi_berlaku(
                t, jenis, berlaku.berlaku_sampai + dt.timedelta(days=1)
            ):
                tambah(
                    objek=t,
                    url=url,
                    jenis=nama,
                    nomor=berlaku.nomor,
                    sampai=berlaku.berlaku_sampai,
                    habis=False,
                )
    akreditasi_terakhir = (
        Akreditasi.objects.filter(lembaga__aktif=True)
        .values("lembaga")
        .annotate(sampai=Max("berlaku_sampai"))
        .filter(sampai__lte=batas)
    )
    lembaga = Lembaga.objects.in_bulk([a["lembaga"] for a in akreditasi_terakhir])
    for a in akreditasi_terakhir:
        lem = lembaga[a["lembaga"]]
        akr = lem.akreditasi.filter(berlaku_sampai=a["sampai"]).first()
        tambah(
            objek=lem,
            url=reverse("psks:lembaga_detail", args=[lem.pk]),
            jenis=f"Akreditasi {akr.peringkat} ({akr.tahun})",
            nomor=akr.nomor_sertifikat or "—",
            sampai=a["sampai"],
            habis=a["sampai"] < pada,
        )
    for lem in Lembaga.objects.filter(aktif=True, tanda_daftar_berlaku_sampai__lte=batas):
        tambah(
            objek=lem,
            url=reverse("psks:lembaga_detail", args=[lem.pk]),
            jenis="Tanda daftar/izin operasional",
            nomor=lem.nomor_tanda_daftar or "—",
            sampai=lem.tanda_daftar_berlaku_sampai,
            habis=lem.tanda_daftar_berlaku_sampai < pada,
        )
    hasil.sort(key=lambda w: (w["kelas"] != "err", w["sampai"] or dt.date.min))
    return hasil


def lembaga_dengan_akreditasi(qs=None):
    """Annotate the latest accreditation (grade, year, expiry) of each institution."""
    qs = Lembaga.objects.all() if qs is None else qs
    terakhir = Akreditasi.objects.filter(lembaga=OuterRef("pk")).order_by("-tahun", "-pk")
    return qs.annotate(
        akreditasi_peringkat=Subquery(terakhir.values("peringkat")[:1]),
        akreditasi_tahun=Subquery(terakhir.values("tahun")[:1]),
        akreditasi_sampai=Subquery(terakhir.values("berlaku_sampai")[:1]),
    )


# --- A person's services (S7: "a person's page shows every service and referral") ----------


def layanan_untuk_orang(orang: Perseorangan, user=None) -> dict:
    """Every SLRT request, referral and service of `orang`; scoped to `user` when given.

    Pemberdayaan includes that of the person's family and of groups they belong to."""

    def s(qs):
        return scope(user, qs) if user is not None else qs

    permintaan = list(s(PermintaanLayanan.objects.filter(klien=orang)).prefetch_related("rujukan"))
    rujukan = list(s(Rujukan.objects.filter(permintaan__klien=orang)).select_related("permintaan"))
    rehabilitasi = list(
        s(KasusRehabilitasi.objects.filter(klien=orang)).select_related("pekerja", "program")
    )
    jaminan = list(s(JaminanSosial.objects.filter(klien=orang)).select_related("program"))
    perlindungan = list(s(PerlindunganSosial.objects.filter(klien=orang)).select_related("program"))
    q = Q(perseorangan=orang) | Q(kelompok__ketua=orang) | Q(kelompok__anggota=orang)
    if orang.keluarga_id:
        q |= Q(keluarga_id=orang.keluarga_id)
    pemberdayaan = list(
        s(PemberdayaanSosial.objects.filter(q))
        .distinct()
        .select_related("program", "perseorangan", "keluarga", "kelompok")
    )
    klien_lembaga = list(s(KlienLembaga.objects.filter(klien=orang)).select_related("lembaga"))

    def baris(jenis, obj, tanggal, url, status, ket=""):
        return {
            "jenis": jenis,
            "nomor": obj.nomor,
            "tanggal": tanggal,
            "url": url,
            "status": status,
            "keterangan": ket,
            "obj": obj,
        }

    daftar = []
    for p in permintaan:
        daftar.append(
            baris(
                "Permintaan SLRT",
                p,
                p.tanggal,
                reverse("psks:slrt_detail", args=[p.pk]),
                p.get_status_display(),
                p.get_saluran_display(),
            )
        )
    for r in rujukan:
        daftar.append(
            baris(
                "Rujukan SLRT",
                r,
                r.tanggal_rujuk,
                reverse("psks:slrt_detail", args=[r.permintaan_id]),
                r.get_status_display(),
                r.tujuan_label,
            )
        )
    for k in rehabilitasi:
        daftar.append(
            baris(
                "Rehabilitasi sosial",
                k,
                k.tanggal_mulai,
                reverse("psks:rehab_detail", args=[k.pk]),
                k.get_status_display(),
                f"Tahap: {k.get_tahap_terakhir_display() or 'belum dimulai'}",
            )
        )
    for j in jaminan:
        daftar.append(
            baris(
                "Jaminan sosial",
                j,
                j.tanggal_mulai,
                reverse("psks:jaminan_detail", args=[j.pk]),
                j.get_status_display(),
                j.get_bentuk_display(),
            )
        )
    for p in pemberdayaan:
        daftar.append(
            baris(
                "Pemberdayaan sosial",
                p,
                p.tanggal_mulai,
                reverse("psks:pemberdayaan_detail", args=[p.pk]),
                p.get_status_display(),
                f"Sasaran: {p.subjek}",
            )
        )
    for p in perlindungan:
        daftar.append(
            baris(
                "Perlindungan sosial",
                p,
                p.tanggal_mulai,
                reverse("psks:perlindungan_detail", args=[p.pk]),
                p.get_status_display(),
                p.get_jenis_display(),
            )
        )
    daftar.sort(key=lambda b: (b["tanggal"], b["nomor"]), reverse=True)
    return {
        "orang": orang,
        "daftar": daftar,
        "permintaan": permintaan,
        "rujukan": rujukan,
        "rehabilitasi": rehabilitasi,
        "jaminan": jaminan,
        "pemberdayaan": pemberdayaan,
        "perlindungan": perlindungan,
        "klien_lembaga": klien_lembaga,
        "jumlah": len(daftar) + len(klien_lembaga),
    }
