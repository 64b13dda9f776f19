"""Pages of the services to PPKS: rehabilitasi (S3), jaminan (S4), pemberdayaan (S5),
perlindungan (S6). Every record is loaded through dinsos.akses.scope.

The four kinds share one shape (list, detail, new, stage, end); the helpers below carry it
and each kind's views only name what differs."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from dinsos import masukan
from dinsos.akses import Izin, boleh, get_for_user_or_404, scope
from ppks.models import Perseorangan

from .. import aturan, services
from ..forms import (
    AkhiriForm,
    JaminanForm,
    PemberdayaanForm,
    PerlindunganForm,
    PerpanjangForm,
    RehabilitasiForm,
    TahapForm,
    TugaskanForm,
)
from ..models import (
    TAHAP_JAMINAN,
    TAHAP_REHABILITASI,
    JaminanSosial,
    KasusRehabilitasi,
    PemberdayaanSosial,
    PerlindunganSosial,
    Rujukan,
    Status,
    TenagaSosial,
)
from ..selectors import (
    Tersaring,
    boleh_lihat_sdm,
    jaminan_tersaring,
    pemberdayaan_tersaring,
    perlindungan_tersaring,
    rehab_tersaring,
)
from ._bantu import View, galat_ke_pesan, halaman, halaman_form, jalankan, pengubah, riwayat
from ._bantu import tahapan as _tahapan

_pengubah = partial(pengubah, izin=Izin.LAYANAN_SOSIAL)


def _klien_rujukan(request: Any, tujuan: str) -> tuple[Perseorangan | None, Rujukan | None]:
    """The client and referral a 'new service' page was opened for (?rujukan= or ?klien=),
    both loaded in the user's scope."""
    klien = rujukan = None
    # ASCII digits only (dinsos.masukan): "²".isdigit() is True but int("²") fails.
    rid = masukan.angka_id(request.GET.get("rujukan", ""))
    if rid is not None:
        rujukan = get_object_or_404(
            scope(request.user, Rujukan).select_related("permintaan__klien"),
            pk=rid,
            tujuan=tujuan,
        )
        klien = rujukan.permintaan.klien
    kid = masukan.angka_id(request.GET.get("klien", ""))
    if klien is None and kid is not None:
        klien = get_for_user_or_404(request.user, Perseorangan, pk=kid)
    return klien, rujukan


def _daftar(tersaring: Callable[[Any, Any], Tersaring], template: str, **tambahan: bool) -> View:
    """A list page; `hari_ini=True` also gives the template today's date."""

    @login_required
    def view(request: Any) -> HttpResponse:
        f, qs = tersaring(request.user, request.GET)
        page, qstr = halaman(request, qs)
        konteks = {"filter": f, "page": page, "qs": qstr}
        if tambahan.get("hari_ini"):
            konteks["hari_ini"] = timezone.localdate()
        konteks["boleh_ubah"] = boleh(request.user, Izin.LAYANAN_SOSIAL)
        # A link is shown only to the roles its page lets in (the guard's own predicate).
        konteks["lihat_peran_serta"] = boleh_lihat_sdm(request.user)
        return render(request, template, konteks)

    return view


def _pemuat(qs: Callable[[], QuerySet[Any]]) -> Callable[[Any, int], Any]:
    """Load one record of the user's wilayah (404 outside)."""

    def muat(request: Any, pk: int) -> Any:
        return get_for_user_or_404(request.user, qs(), pk=pk)

    return muat


def _halaman(request: Any, obj: Any, template: str, nama: str, **tambahan: Any) -> HttpResponse:
    """A detail page of a record without stages."""
    konteks = {nama: obj, "boleh_ubah": _boleh_ubah(request, obj), **tambahan}
    return render(request, template, {**konteks, "riwayat": riwayat(request, obj)})


def _boleh_ubah(request: Any, obj: Any) -> bool:
    return boleh(request.user, Izin.LAYANAN_SOSIAL) and obj.status == Status.AKTIF


def _halaman_bertahap(
    request: Any,
    obj: Any,
    form: Form | None,
    *,
    pilihan: list[tuple[str, str]],
    template: str,
    nama: str,
    baris: Callable[[], list[Any]],
    **tambahan: Any,
) -> HttpResponse:
    """A detail page with the stage timeline and, while the record may change, the form of the
    next stage (a refused form posted to a closed record becomes messages)."""
    boleh_ubah = _boleh_ubah(request, obj)
    if not boleh_ubah:
        galat_ke_pesan(request, form)
    if form is None and boleh_ubah:
        form = TahapForm(pilihan=pilihan, initial={"tahap": obj.tahap_berikut})
    konteks = {
        nama: obj,
        "tahapan": _tahapan(pilihan, baris(), obj.tahap_berikut),
        "form": form if boleh_ubah else None,
        "boleh_ubah": boleh_ubah,
        **tambahan,
    }
    return render(request, template, {**konteks, "riwayat": riwayat(request, obj)})


def _baru(
    request: Any,
    *,
    form_class: Callable[..., Form],
    tujuan: str,
    fungsi: Callable[..., Model],
    isian: Callable[[dict[str, Any]], dict[str, Any]],
    pesan: Callable[[Any], str],
    detail: str,
    teks: dict[str, Any],
    tampil_klien: bool = True,
    **form_kw: Any,
) -> HttpResponse:
    """The 'new service' page: the form, the service call, and the way back to the record."""
    klien, rujukan = _klien_rujukan(request, tujuan)
    form = form_class(request.POST or None, user=request.user, klien=klien, **form_kw)
    if request.method == "POST" and form.is_valid():
        obj = jalankan(form, fungsi, **isian(form.cleaned_data), rujukan=rujukan, oleh=request.user)
        if obj:
            messages.success(request, pesan(obj))
            return redirect(detail, obj.pk)
    if tampil_klien:
        teks = {**teks, "klien": klien}
    return halaman_form(request, form=form, rujukan=rujukan, **teks)


def _ambil(d: dict[str, Any], *nama: str) -> dict[str, Any]:
    return {n: d[n] for n in nama}


def _catat_tahap(
    request: Any,
    obj: Any,
    *,
    pilihan: list[tuple[str, str]],
    fungsi: Callable[..., Any],
    kw: str,
    detail: str,
    halaman_gagal: Callable[[Any, Any, Form], HttpResponse],
) -> HttpResponse:
    form = TahapForm(request.POST, pilihan=pilihan)
    if form.is_valid():
        d = form.cleaned_data
        isian = _ambil(d, "tahap", "tanggal", "catatan")
        baris = jalankan(form, fungsi, **{kw: obj}, **isian, oleh=request.user)
        if baris:
            messages.success(request, f"Tahap {baris.get_tahap_display()} dicatat.")
            return redirect(detail, obj.pk)
    return halaman_gagal(request, obj, form)


def _akhiri(
    request: Any, *, obj: Any, fungsi: Callable[..., Any], kw: str, teks_kw: str, judul: str,
    label: str, url: str,
) -> HttpResponse:  # fmt: skip
    form = AkhiriForm(request.POST or None)
    form.fields["hasil"].label = label
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if jalankan(
            form,
            fungsi,
            **{kw: obj, "tanggal": d["tanggal"], teks_kw: d["hasil"], "oleh": request.user},
        ):
            messages.success(request, f"{obj.nomor} diperbarui.")
            return redirect(url)
    return halaman_form(request, judul=judul, form=form, batal=url)


def _pengakhir(
    muat: Callable[[Any, int], Any], fungsi: Callable[..., Any], kw: str, teks_kw: str,
    judul: str, label: str, detail: str,
) -> View:  # fmt: skip
    """An 'end this service' page; `judul` has a {} for the record's number."""

    @_pengubah("GET", "POST")
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        obj = muat(request, pk)
        url = reverse(detail, args=[obj.pk])
        return _akhiri(
            request, obj=obj, fungsi=fungsi, kw=kw, teks_kw=teks_kw,
            judul=judul.format(obj.nomor), label=label, url=url,
        )  # fmt: skip

    return view


PENGHENTIAN = "Alasan penghentian"

# --- Rehabilitasi sosial (S3) ----------------------------------------------------------------

rehab_list = _daftar(rehab_tersaring, "psks/rehab_list.html")
_kasus = _pemuat(
    lambda: KasusRehabilitasi.objects.select_related(
        "klien__desa", "pekerja", "program", "lembaga", "rujukan__permintaan"
    )
)


def _rehab_halaman(request: Any, kasus: Any, form: Form | None = None) -> HttpResponse:
    pekerja = TenagaSosial.objects.prefetch_related("lisensi").get(pk=kasus.pekerja_id)
    return _halaman_bertahap(
        request, kasus, form, pilihan=TAHAP_REHABILITASI, template="psks/rehab_detail.html",
        nama="k", baris=lambda: list(kasus.tahap.select_related("petugas", "dicatat_oleh")),
        masalah_pekerja=aturan.masalah_praktik(pekerja, timezone.localdate()),
        lihat_sdm=boleh_lihat_sdm(request.user),
    )  # fmt: skip


@login_required
def rehab_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _rehab_halaman(request, _kasus(request, pk))


@_pengubah("GET", "POST")
def rehab_baru(request: HttpRequest) -> HttpResponse:
    return _baru(
        request, form_class=RehabilitasiForm, tujuan=Rujukan.Tujuan.REHABILITASI,
        fungsi=services.rehabilitasi_buat, detail="psks:rehab_detail",
        isian=lambda d: {"klien": d["identitas_klien"], **_ambil(
            d, "sasaran", "setting", "lembaga", "bentuk", "pekerja", "program",
            "tanggal_mulai", "catatan",
        )},
        pesan=lambda k: f"Kasus {k.nomor} dibuka dan ditugaskan kepada {k.pekerja.nama}.",
        teks={
            "judul": "Kasus rehabilitasi sosial baru", "tombol": "Buka kasus",
            "batal": reverse("psks:rehab_list"),
            "keterangan": f"Rehabilitasi sosial ({aturan.ASH} Pasal 12–15) "
            "dilaksanakan oleh Pekerja Sosial Profesional yang bersertifikat dan memiliki izin "
            "praktik yang berlaku (aturan S2, S3), melalui tujuh tahap berurutan.",
        },
    )  # fmt: skip


@_pengubah("POST")
def rehab_tahap(request: HttpRequest, pk: int) -> HttpResponse:
    return _catat_tahap(
        request, _kasus(request, pk), pilihan=TAHAP_REHABILITASI, kw="kasus",
        fungsi=services.rehabilitasi_tahap_catat, detail="psks:rehab_detail",
        halaman_gagal=_rehab_halaman,
    )  # fmt: skip


@_pengubah("GET", "POST")
def rehab_tugaskan(request: HttpRequest, pk: int) -> HttpResponse:
    kasus = _kasus(request, pk)
    form = TugaskanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        isian = _ambil(form.cleaned_data, "pekerja", "tanggal", "alasan")
        if jalankan(form, services.rehabilitasi_tugaskan, kasus=kasus, **isian, oleh=request.user):
            messages.success(request, "Pekerja sosial diganti.")
            return redirect("psks:rehab_detail", kasus.pk)
    return halaman_form(
        request,
        judul=f"Ganti pekerja sosial — {kasus.nomor}",
        form=form,
        batal=reverse("psks:rehab_detail", args=[kasus.pk]),
        keterangan="Kasus hanya dapat ditugaskan kepada Pekerja Sosial Profesional yang "
        "sertifikat kompetensi dan izin praktiknya berlaku pada tanggal itu (aturan S2, S3).",
    )


rehab_hentikan = _pengakhir(
    _kasus, services.rehabilitasi_hentikan, "kasus", "alasan", "Hentikan kasus {}",
    PENGHENTIAN, "psks:rehab_detail",
)  # fmt: skip

# --- Jaminan sosial (S4) ---------------------------------------------------------------------

jaminan_list = _daftar(jaminan_tersaring, "psks/jaminan_list.html")
_jaminan = _pemuat(
    lambda: JaminanSosial.objects.select_related(
        "klien__desa", "program", "pendamping", "rujukan__permintaan"
    )
)


def _jaminan_halaman(request: Any, j: Any, form: Form | None = None) -> HttpResponse:
    return _halaman_bertahap(
        request, j, form, pilihan=TAHAP_JAMINAN, template="psks/jaminan_detail.html", nama="j",
        baris=lambda: list(j.tahap.all()),
    )  # fmt: skip


@login_required
def jaminan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _jaminan_halaman(request, _jaminan(request, pk))


@_pengubah("GET", "POST")
def jaminan_baru(request: HttpRequest) -> HttpResponse:
    return _baru(
        request, form_class=JaminanForm, tujuan=Rujukan.Tujuan.JAMINAN,
        fungsi=services.jaminan_buat, detail="psks:jaminan_detail",
        isian=lambda d: {"klien": d["identitas_klien"], **_ambil(
            d, "bentuk", "program", "tanggal_mulai", "tanggal_selesai", "nominal",
            "nomor_peserta", "pendamping", "catatan",
        )},
        pesan=lambda j: f"Jaminan sosial {j.nomor} dicatat.",
        teks={
            "judul": "Jaminan sosial baru", "batal": reverse("psks:jaminan_list"),
            "keterangan": "Jaminan sosial hanya untuk PPKS dengan kriteria kemiskinan yang "
            f"datanya terdaftar di DTSEN/DTKS (aturan S4; {aturan.ASH} Pasal 16–18), "
            "melalui tahap persiapan → pendampingan → pelaksanaan → terminasi.",
        },
    )  # fmt: skip


@_pengubah("POST")
def jaminan_tahap(request: HttpRequest, pk: int) -> HttpResponse:
    return _catat_tahap(
        request, _jaminan(request, pk), pilihan=TAHAP_JAMINAN, kw="jaminan",
        fungsi=services.jaminan_tahap_catat, detail="psks:jaminan_detail",
        halaman_gagal=_jaminan_halaman,
    )  # fmt: skip


jaminan_hentikan = _pengakhir(
    _jaminan, services.jaminan_hentikan, "jaminan", "alasan", "Hentikan jaminan sosial {}",
    PENGHENTIAN, "psks:jaminan_detail",
)  # fmt: skip

# --- Pemberdayaan sosial (S5) ----------------------------------------------------------------

pemberdayaan_list = _daftar(pemberdayaan_tersaring, "psks/pemberdayaan_list.html")
_pemberdayaan = _pemuat(
    lambda: PemberdayaanSosial.objects.select_related(
        "perseorangan", "keluarga__kepala", "kelompok", "desa", "program", "pendamping"
    )
)


@login_required
def pemberdayaan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = _pemberdayaan(request, pk)
    return _halaman(request, p, "psks/pemberdayaan_detail.html", "p")


@_pengubah("GET", "POST")
def pemberdayaan_baru(request: HttpRequest) -> HttpResponse:
    return _baru(
        request, form_class=PemberdayaanForm, tujuan=Rujukan.Tujuan.PEMBERDAYAAN,
        fungsi=services.pemberdayaan_buat, detail="psks:pemberdayaan_detail",
        initial={"jenis_sasaran": "perseorangan"}, tampil_klien=False,
        isian=lambda d: {**d["subjek"], **_ambil(
            d, "cara", "bentuk", "kriteria", "program", "tanggal_mulai", "pendamping", "catatan"
        )},
        pesan=lambda p: f"Pemberdayaan sosial {p.nomor} dicatat.",
        teks={
            "judul": "Pemberdayaan sosial baru", "batal": reverse("psks:pemberdayaan_list"),
            "keterangan": "Untuk perseorangan, keluarga atau kelompok miskin dan/atau rentan "
            "sosial ekonomi yang memenuhi sedikitnya satu kriteria Pasal 21–23, dalam cara dan "
            "bentuk Pasal 20 (aturan S5). Isi hanya kriteria untuk jenis sasaran yang dipilih.",
        },
    )  # fmt: skip


pemberdayaan_selesai = _pengakhir(
    _pemberdayaan, services.pemberdayaan_selesaikan, "pemberdayaan", "hasil",
    "Selesaikan pemberdayaan {}", "Hasil pemberdayaan", "psks:pemberdayaan_detail",
)  # fmt: skip
pemberdayaan_hentikan = _pengakhir(
    _pemberdayaan, services.pemberdayaan_hentikan, "pemberdayaan", "alasan",
    "Hentikan pemberdayaan {}", PENGHENTIAN, "psks:pemberdayaan_detail",
)  # fmt: skip

# --- Perlindungan sosial (S6) ----------------------------------------------------------------

perlindungan_list = _daftar(perlindungan_tersaring, "psks/perlindungan_list.html", hari_ini=True)
_perlindungan = _pemuat(
    lambda: PerlindunganSosial.objects.select_related(
        "klien__desa", "program", "rujukan__permintaan"
    )
)


@login_required
def perlindungan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = _perlindungan(request, pk)
    hari_ini = timezone.localdate()
    return _halaman(request, p, "psks/perlindungan_detail.html", "p", hari_ini=hari_ini)


@_pengubah("GET", "POST")
def perlindungan_baru(request: HttpRequest) -> HttpResponse:
    return _baru(
        request, form_class=PerlindunganForm, tujuan=Rujukan.Tujuan.PERLINDUNGAN,
        fungsi=services.perlindungan_buat, detail="psks:perlindungan_detail",
        isian=lambda d: {"klien": d["identitas_klien"], **_ambil(
            d, "jenis", "bentuk", "program", "tanggal_mulai", "tanggal_selesai", "nominal",
            "pelaksana", "catatan",
        )},
        pesan=lambda p: f"Perlindungan sosial {p.nomor} dicatat.",
        teks={
            "judul": "Perlindungan sosial baru", "batal": reverse("psks:perlindungan_list"),
            "keterangan": "Bantuan langsung bersifat sementara sampai keadaan stabil; pemakaman "
            "hanya untuk PPKS dengan kriteria keterlantaran; bantuan hukum hanya untuk PPKS "
            f"dengan kriteria kemiskinan (aturan S6; {aturan.ASH} Pasal 28–31). Isi "
            "bentuk hanya untuk jenis yang dipilih.",
        },
    )  # fmt: skip


@_pengubah("GET", "POST")
def perlindungan_perpanjang(request: HttpRequest, pk: int) -> HttpResponse:
    p = _perlindungan(request, pk)
    form = PerpanjangForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        isian = _ambil(form.cleaned_data, "sampai", "alasan")
        if jalankan(form, services.perlindungan_perpanjang, layanan=p, **isian, oleh=request.user):
            messages.success(request, "Masa bantuan diperpanjang.")
            return redirect("psks:perlindungan_detail", p.pk)
    batal = reverse("psks:perlindungan_detail", args=[p.pk])
    return halaman_form(request, judul=f"Perpanjang {p.nomor}", form=form, batal=batal)


perlindungan_selesai = _pengakhir(
    _perlindungan, services.perlindungan_selesaikan, "layanan", "hasil", "Selesaikan {}",
    "Hasil (keadaan klien)", "psks:perlindungan_detail",
)  # fmt: skip
