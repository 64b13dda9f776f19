"""Reads of the psks app: every list a page shows (and its xlsx export writes, psks.daftar),
licence status, expiry warnings, and a person's services. Every list of records of a desa is
scoped by the user's wilayah (dinsos.akses.scope)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from django import forms
from django.db.models import F, Max, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Least
from django.urls import reverse
from django.utils import timezone

from dinsos.akses import PERAN_KABUPATEN, scope
from dinsos.format import tanggal as fmt_tanggal
from ppks.models import Perseorangan

from . import aturan
from .filters import (
    FilterJaminan,
    FilterLayanan,
    FilterLembaga,
    FilterPemberdayaan,
    FilterPeranSerta,
    FilterPerlindungan,
    FilterProgram,
    FilterRehab,
    FilterSDM,
    FilterSLRT,
)
from .models import (
    Akreditasi,
    JaminanSosial,
    KasusRehabilitasi,
    KlienLembaga,
    Lembaga,
    Lisensi,
    PemberdayaanSosial,
    PeranSerta,
    PerlindunganSosial,
    PermintaanLayanan,
    ProgramLayanan,
    Rujukan,
    TenagaSosial,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _StatusLisensi(TypedDict):
    """What tenaga_dengan_status annotates on each worker."""

    sertifikat_sampai: dt.date | None
    izin_sampai: dt.date | None
    praktik_sampai: dt.date | None


class _AkreditasiTerakhir(TypedDict):
    """What lembaga_dengan_akreditasi annotates on each institution."""

    akreditasi_peringkat: str | None
    akreditasi_tahun: int | None
    akreditasi_sampai: dt.date | None


def boleh_lihat_sdm(user: Any) -> bool:
    """Workers' records are kabupaten-wide: the Dinas roles see them, village and kecamatan
    operators do not (they only pick a worker when opening a case)."""
    return bool(getattr(user, "is_authenticated", False) and user.peran in PERAN_KABUPATEN)


# --- Licences (S2) ---------------------------------------------------------------------------


def _berlaku_sampai(jenis: str, pada: dt.date) -> Subquery:
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


def tenaga_dengan_status(
    qs: QuerySet[TenagaSosial] | None = None, pada: dt.date | None = None
) -> QuerySet[WithAnnotations[TenagaSosial, _StatusLisensi]]:
    """Annotate each worker with `sertifikat_sampai`, `izin_sampai` (the expiry of the
    licence valid on `pada`, or None) and `praktik_sampai` (the earlier of the two)."""
    pada = pada or timezone.localdate()
    qs = TenagaSosial.objects.all() if qs is None else qs
    return qs.annotate(
        sertifikat_sampai=_berlaku_sampai(Lisensi.Jenis.SERTIFIKAT, pada),
        izin_sampai=_berlaku_sampai(Lisensi.Jenis.IZIN_PRAKTIK, pada),
    ).annotate(praktik_sampai=Least(F("sertifikat_sampai"), F("izin_sampai")))


def filter_status_praktik(
    qs: QuerySet[WithAnnotations[TenagaSosial, _StatusLisensi]],
    status: str,
    pada: dt.date | None = None,
) -> QuerySet[WithAnnotations[TenagaSosial, _StatusLisensi]]:
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


def status_praktik(
    tenaga: WithAnnotations[TenagaSosial, _StatusLisensi], pada: dt.date | None = None
) -> dict[str, str]:
    """For display: {'kode', 'label', 'kelas'} from the annotations of tenaga_dengan_status."""
    if not tenaga.is_psp:
        return {"kode": "", "label": "—", "kelas": ""}
    pada = pada or timezone.localdate()
    sampai = getattr(tenaga, "praktik_sampai", None)
    if getattr(tenaga, "sertifikat_sampai", None) is None or tenaga.izin_sampai is None:
        return {"kode": "tidak_berlaku", "label": "Tidak dapat praktik", "kelas": "err"}
    # Both licences are valid on `pada`, so the earlier of their expiries is not NULL.
    assert sampai is not None
    sisa = (sampai - pada).days
    if sisa <= aturan.hari_peringatan():
        return {
            "kode": "akan_habis",
            "label": f"Berlaku, berakhir {fmt_tanggal(sampai)} ({sisa} hari lagi)",
            "kelas": "warn",
        }
    return {"kode": "berlaku", "label": f"Berlaku s.d. {fmt_tanggal(sampai)}", "kelas": "ok"}


def peringatan_kedaluwarsa(pada: dt.date | None = None) -> list[dict[str, Any]]:
    """Licences (S2), accreditations and registrations (S1) expired or expiring within
    aturan.hari_peringatan() days, most urgent first. A licence already renewed by one that
    takes over on the day after is not flagged."""
    pada = pada or timezone.localdate()
    hari = aturan.hari_peringatan()
    batas = pada + dt.timedelta(days=hari)
    hasil: list[dict[str, Any]] = []

    def tambah(
        *, objek: Model, url: str, jenis: str, nomor: str, sampai: dt.date | None, habis: bool
    ) -> None:
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
        assert akr is not None  # the row whose expiry the aggregate above returned
        tambah(
            objek=lem,
            url=reverse("psks:lembaga_detail", args=[lem.pk]),
            jenis=f"Akreditasi {akr.peringkat} ({akr.tahun})",
            nomor=akr.nomor_sertifikat or "—",
            sampai=a["sampai"],
            habis=a["sampai"] < pada,
        )
    for lem in Lembaga.objects.filter(aktif=True, tanda_daftar_berlaku_sampai__lte=batas):
        assert lem.tanda_daftar_berlaku_sampai is not None  # the filter excludes NULL
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


def lembaga_dengan_akreditasi(
    qs: QuerySet[Lembaga] | None = None,
) -> QuerySet[WithAnnotations[Lembaga, _AkreditasiTerakhir]]:
    """Annotate the latest accreditation (grade, year, expiry) of each institution."""
    qs = Lembaga.objects.all() if qs is None else qs
    terakhir = Akreditasi.objects.filter(lembaga=OuterRef("pk")).order_by("-tahun", "-pk")
    return qs.annotate(
        akreditasi_peringkat=Subquery(terakhir.values("peringkat")[:1]),
        akreditasi_tahun=Subquery(terakhir.values("tahun")[:1]),
        akreditasi_sampai=Subquery(terakhir.values("berlaku_sampai")[:1]),
    )


# --- A person's services (S7: "a person's page shows every service and referral") ----------


def layanan_untuk_orang(orang: Perseorangan, user: Any = None) -> dict[str, Any]:
    """Every SLRT request, referral and service of `orang`; scoped to `user` when given.

    Pemberdayaan includes that of the person's family and of groups they belong to."""

    def s(qs: QuerySet[M]) -> QuerySet[M]:
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

    def baris(
        jenis: str, obj: Any, tanggal: dt.date, url: str, status: str, ket: str = ""
    ) -> dict[str, Any]:
        return {
            "jenis": jenis,
            "nomor": obj.nomor,
            "tanggal": tanggal,
            "url": url,
            "status": status,
            "keterangan": ket,
            "obj": obj,
        }

    daftar: list[dict[str, Any]] = []
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
    # The services share their start date, status and detail page; each has its own summary.
    layanan: list[tuple[str, str, list[Any], Callable[[Any], str]]] = [
        (
            "Rehabilitasi sosial",
            "psks:rehab_detail",
            rehabilitasi,
            lambda k: f"Tahap: {k.get_tahap_terakhir_display() or 'belum dimulai'}",
        ),
        ("Jaminan sosial", "psks:jaminan_detail", jaminan, lambda j: j.get_bentuk_display()),
        (
            "Pemberdayaan sosial",
            "psks:pemberdayaan_detail",
            pemberdayaan,
            lambda pb: f"Sasaran: {pb.subjek}",
        ),
        (
            "Perlindungan sosial",
            "psks:perlindungan_detail",
            perlindungan,
            lambda pl: pl.get_jenis_display(),
        ),
    ]
    for jenis, halaman, baris_layanan, ringkas in layanan:
        for x in baris_layanan:
            url = reverse(halaman, args=[x.pk])
            daftar.append(baris(jenis, x, x.tanggal_mulai, url, x.get_status_display(), ringkas(x)))
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


# --- The lists of the pages ------------------------------------------------------------------

M = TypeVar("M", bound=Model)
Data = Mapping[str, Any] | None
Tersaring = tuple[forms.Form, QuerySet[Any]]


def _layanan(
    user: Any,
    data: Data,
    saringan: Callable[..., FilterLayanan],
    model: type[Model],
    related: tuple[str, ...],
    desa_field: str,
) -> Tersaring:
    """A service list in the user's wilayah under the page's filters."""
    f = saringan(data or None, user=user)
    qs = scope(user, model).select_related(*related)
    return f, f.saring(qs, desa_field)


def rehab_tersaring(user: Any, data: Data) -> Tersaring:
    related = ("klien__desa__kecamatan", "pekerja", "program")
    return _layanan(user, data, FilterRehab, KasusRehabilitasi, related, "klien__desa")


def jaminan_tersaring(user: Any, data: Data) -> Tersaring:
    related = ("klien__desa__kecamatan", "program")
    return _layanan(user, data, FilterJaminan, JaminanSosial, related, "klien__desa")


def pemberdayaan_tersaring(user: Any, data: Data) -> Tersaring:
    related = ("perseorangan", "keluarga__kepala", "kelompok", "desa__kecamatan", "program")
    return _layanan(user, data, FilterPemberdayaan, PemberdayaanSosial, related, "desa")


def perlindungan_tersaring(user: Any, data: Data) -> Tersaring:
    related = ("klien__desa__kecamatan", "program")
    return _layanan(user, data, FilterPerlindungan, PerlindunganSosial, related, "klien__desa")


def slrt_tersaring(user: Any, data: Data) -> Tersaring:
    f, qs = _layanan(
        user, data, FilterSLRT, PermintaanLayanan, ("klien__desa__kecamatan",), "klien__desa"
    )
    return f, qs.prefetch_related("rujukan")


def _isian(data: Data, form_class: type[forms.Form]) -> dict[str, Any]:
    """Only the form's own fields: a page number alone (?hal=2) must not drop the default
    filter "aktif" of the first page."""
    return {k: data.get(k) for k in form_class.base_fields if data and k in data}


def _saring(qs: QuerySet[Any], d: Mapping[str, Any], kolom: Mapping[str, str]) -> QuerySet[Any]:
    """Filter on each non-empty value of `d` by its column; "aktif" reads "1"/"0"."""
    for nama, kol in kolom.items():
        if d.get(nama):
            qs = qs.filter(**{kol: d[nama]})
    if d.get("aktif") in ("0", "1"):
        qs = qs.filter(aktif=d["aktif"] == "1")
    return qs


def sdm_tersaring(user: Any, data: Data) -> Tersaring:
    f = FilterSDM(_isian(data, FilterSDM) or {"aktif": "1"})
    qs = tenaga_dengan_status().select_related("lembaga")
    if f.is_valid():
        d = f.cleaned_data
        qs = _saring(qs, d, {"q": "nama__icontains", "jenis": "jenis", "asal": "asal"})
        if d["praktik"]:
            qs = filter_status_praktik(qs, d["praktik"])
    return f, qs


def lembaga_tersaring(user: Any, data: Data) -> Tersaring:
    f = FilterLembaga(_isian(data, FilterLembaga) or {"aktif": "1"})
    qs = lembaga_dengan_akreditasi().select_related("desa__kecamatan")
    if f.is_valid():
        d = f.cleaned_data
        qs = _saring(qs, d, {"q": "nama__icontains", "jenis": "jenis"})
        if d["akreditasi"] == "belum":
            # In a Q: the stubs check an annotation's __isnull against the column type.
            qs = qs.filter(Q(akreditasi_peringkat__isnull=True))
        elif d["akreditasi"]:
            qs = qs.filter(akreditasi_peringkat=d["akreditasi"])
    return f, qs


def program_tersaring(user: Any, data: Data) -> Tersaring:
    """The page ignores a value it cannot read; an export refuses it (the form is invalid)."""
    f = FilterProgram(_isian(data, FilterProgram))
    f.is_valid()
    d = f.cleaned_data
    qs = _saring(ProgramLayanan.objects.all(), d, {"jenis": "jenis_layanan"})
    if d.get("tahun") is not None:
        qs = qs.filter(tahun_anggaran=d["tahun"])
    return f, qs


def peran_serta_tersaring(user: Any, data: Data) -> Tersaring:
    f = FilterPeranSerta(_isian(data, FilterPeranSerta))
    f.is_valid()
    qs = PeranSerta.objects.select_related("lembaga", "tenaga", "program")
    return f, _saring(qs, f.cleaned_data, {"status": "status"})
