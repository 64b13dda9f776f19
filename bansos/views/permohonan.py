"""Pages of applications: the list, the inbox, the application form with its documents, the
detail with its checklist and timeline, corrections, uploads and scoped file downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from dinsos import akses, masukan
from dinsos.akses import Izin, boleh, perlu_izin
from dinsos.audit import catat
from dinsos.forms import galat_form, pasang_galat
from dinsos.models import Riwayat
from ppks import pemilih
from ppks.models import Perseorangan

from .. import alur, selectors, unggahan
from .. import services as sv
from ..aturan import PCT_BAWAAN
from ..beranda import bagian_kotak_masuk
from ..filters import PermohonanFilter, pilihan_tahun
from ..forms import (
    DOKUMEN_CALON,
    AlasanForm,
    CatatanForm,
    KetahuiForm,
    PermohonanForm,
    UbahPermohonanForm,
    UnggahForm,
)
from ..models import (
    AturanTahunan,
    DokumenPermohonan,
    JenisBansos,
    JenisDokumen,
    Pencairan,
    Permohonan,
)
from ..models import StatusPermohonan as S
from ._umum import keadaan, muat_permohonan, riwayat_tampil, tautan_cetak

PER_HALAMAN = 25


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def daftar(request):
    data = request.GET.copy()
    if "tahun_anggaran" not in data:
        # Newest first within the current Tahun Anggaran: last year's hundreds of applications
        # do not push this year's to the last page. "Semua tahun" (an empty value) shows all.
        tahun = str(timezone.localdate().year)
        if tahun in dict(pilihan_tahun()):
            data["tahun_anggaran"] = tahun
    saringan = PermohonanFilter(
        data or None, queryset=selectors.permohonan_untuk(request.user), request=request
    )
    # An invalid choice (e.g. a desa outside the wilayah) shows its error, not an unfiltered list.
    qs = saringan.qs if not saringan.is_bound or saringan.is_valid() else saringan.queryset.none()
    qs = qs.order_by("-dibuat", "-pk")
    hal = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("hal"))
    q = data.copy()
    q.pop("hal", None)
    ekspor = None
    if boleh(request.user, Izin.EKSPOR) and (not saringan.is_bound or saringan.is_valid()):
        # The list's filters, same names, into the export (laporan:ekspor_permohonan), whose
        # form has a field for each of them: none is dropped on the way.
        ekspor = [(k, v) for k in saringan.form.fields for v in data.getlist(k) if v]
    return render(
        request,
        "bansos/daftar.html",
        {
            "saringan": saringan,
            "hal": hal,
            "qs_saringan": q.urlencode(),
            "ekspor_saringan": ekspor,
            "ekspor_aksi": reverse("laporan:ekspor_permohonan"),
        },
    )


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def kotak_masuk(request):
    return render(
        request,
        "bansos/kotak_masuk.html",
        {
            "bagian": bagian_kotak_masuk(request.user),
            "boleh_ajukan": boleh(request.user, Izin.BANSOS_AJUKAN),
        },
    )


def _jenis_boleh(user) -> list[tuple[str, str]]:
    # PCT 11a (bansos.alur): a village officer is not offered pengobatan.
    return [(j, label) for j, label in JenisBansos.choices if alur.boleh_jenis(user, j)]


@login_required
@perlu_izin(Izin.BANSOS_AJUKAN)
def pilih_jenis(request):
    # The ceilings shown are this year's data (B2), or the PCT values a new year starts with.
    aturan = AturanTahunan.objects.filter(tahun_anggaran=timezone.localdate().year).first()
    batas: dict[str, str] = {
        JenisBansos.BIAYA_HIDUP: "batas_biaya_hidup",
        JenisBansos.PERMODALAN_USAHA: "batas_permodalan",
        JenisBansos.PENGOBATAN: "batas_pengobatan",
    }
    jenis = [
        {
            "kode": kode,
            "label": label,
            "batas": getattr(aturan, batas[kode]) if aturan else PCT_BAWAAN[batas[kode]],
        }
        for kode, label in _jenis_boleh(request.user)
    ]
    orang = _orang_awal(request)
    return render(request, "bansos/pilih_jenis.html", {"jenis": jenis, "orang": orang})


def _orang_awal(request) -> Perseorangan | None:
    """ "Ajukan bansos" from a person's registry page: the person travels in the URL by pk,
    never by NIK, and only within the user's wilayah (docs/rules.md section 4)."""
    pk = masukan.angka_id(request.GET.get("orang") or "")  # ASCII digits only
    if pk is None:
        return None
    return akses.scope(request.user, Perseorangan).filter(pk=pk).first()


def _berkas_form(request, kode_list: list[str]) -> tuple[dict, dict[str, tuple[str, str]]]:
    """The files of this submit: new uploads (each valid one staged, so a failed submit loses
    none) and files staged by an earlier submit of the same form, by their token."""
    berkas, token = {}, {}
    for kode in kode_list:
        nama = f"dok_{kode}"
        baru = request.FILES.get(nama)
        if baru is not None:
            berkas[nama] = baru
            try:
                token[kode] = (unggahan.simpan(request.user, baru), baru.name)
            except ValidationError:
                pass  # the form shows why; an earlier staged file of this kind stays below
            else:
                continue
        lama = request.POST.get(f"tok_{kode}", "")
        staged = unggahan.ambil(request.user, lama) if lama else None
        if staged is not None:
            berkas.setdefault(nama, staged)
            token[kode] = (lama, staged.name)
    return berkas, token


@login_required
@perlu_izin(Izin.BANSOS_AJUKAN)
def baru(request, jenis):
    if jenis not in JenisBansos.values:
        raise Http404
    if jenis not in dict(_jenis_boleh(request.user)):
        raise PermissionDenied(alur.PESAN_PENGOBATAN)
    kode_list = [k for k, _ in DOKUMEN_CALON[jenis]]
    token: dict[str, tuple[str, str]] = {}
    terpilih: Perseorangan | None = None
    calon: list = []
    if request.method == "POST":
        berkas, token = _berkas_form(request, kode_list)
        if request.POST.get("cari_penerima"):
            # The picker's plain "Cari" (no JavaScript): list the candidates, keep everything
            # typed and chosen, and show no errors for a form not yet submitted.
            awal = {k: request.POST.get(k) for k in request.POST if not k.startswith("tok_")}
            awal.pop("orang", None)
            if request.POST["cari_penerima"] == "kelompok":
                awal["penerima_jenis"] = "kelompok"
            form = PermohonanForm(user=request.user, jenis=jenis, initial=awal)
            if request.POST["cari_penerima"] == "kelompok":
                kel = pemilih.cari_kelompok(request.user, request.POST.get("cari_kelompok", ""))
                return _form_halaman(request, form, jenis, token, [], None, kelompok=kel)
            calon = pemilih.cari_orang(request.user, request.POST.get("identitas", ""))
            return _form_halaman(request, form, jenis, token, calon, None, sudah_cari=True)
        form = PermohonanForm(request.POST, berkas, user=request.user, jenis=jenis)
        if form.is_valid():
            try:
                # The application and its documents are stored together or not at all.
                with transaction.atomic():
                    p = sv.permohonan_buat(oleh=request.user, **form.data_layanan())
                    for kode, isi in form.dokumen_terisi():
                        sv.dokumen_unggah(
                            permohonan=p, oleh=request.user, jenis_dokumen=kode, berkas=isi
                        )
            except ValidationError as e:
                pasang_galat(form, e)
            else:
                for t, _ in token.values():
                    unggahan.hapus(request.user, t)
                return _sukses(request, p)
        terpilih, calon = form.penerima_terpilih, form.calon
    else:
        terpilih = _orang_awal(request)
        awal = {"identitas": terpilih.nomor_registrasi} if terpilih else {}
        form = PermohonanForm(user=request.user, jenis=jenis, initial=awal)
    return _form_halaman(request, form, jenis, token, calon, terpilih)


def _sukses(request, p: Permohonan):
    kurang = selectors.dokumen_kurang(p)
    messages.success(request, f"Permohonan {p.nomor} telah diajukan.")
    if kurang:
        messages.warning(
            request,
            "Dokumen wajib yang belum diunggah: "
            + "; ".join(JenisDokumen(k).label for k in kurang)
            + ". Unggah sebelum verifikasi (aturan B5).",
        )
    return redirect("bansos:detail", p.pk)


def _form_halaman(request, form, jenis, token, calon, terpilih, *, sudah_cari=False, kelompok=None):
    for kode, (t, nama) in token.items():
        f = form.fields[f"dok_{kode}"]
        f.token, f.nama_sementara = t, nama
    if terpilih is not None:
        calon = pemilih.cari_orang(request.user, terpilih.nomor_registrasi)
    return render(
        request,
        "bansos/form_permohonan.html",
        {
            "form": form,
            "jenis": JenisBansos(jenis),
            "calon": DOKUMEN_CALON[jenis],
            "pemilih": {
                "field": form["identitas"],
                "nama": "orang",
                "jenis": "orang",
                "calon": calon,
                "terpilih": terpilih.pk if terpilih else None,
                "sudah_cari": sudah_cari or bool(form.is_bound and form.calon),
            },
            "pemilih_kelompok": form.pemilih_kelompok(kelompok),
        },
    )


def _checklist(p) -> tuple[list[dict], list[str]]:
    """Each required document (B5) with its newest upload, then other uploads."""
    wajib = selectors.dokumen_wajib(p)
    terbaru: dict[str, DokumenPermohonan] = {}
    jumlah: dict[str, int] = {}
    for d in p.dokumen.select_related("diunggah_oleh").order_by("-diunggah", "-pk"):
        terbaru.setdefault(d.jenis_dokumen, d)
        jumlah[d.jenis_dokumen] = jumlah.get(d.jenis_dokumen, 0) + 1
    baris = [
        {
            "kode": k,
            "label": JenisDokumen(k).label,
            "wajib": k in wajib,
            "dok": terbaru.get(k),
            "lama": jumlah.get(k, 1) - 1,
        }
        for k in [*wajib, *(k for k in terbaru if k not in wajib)]
    ]
    kurang = [k for k in wajib if k not in terbaru]
    return baris, kurang


# The step links of the detail page, in this order; the other steps are forms on the page.
_TOMBOL = (
    ("verifikasi", "btn"),
    ("rekomendasi", "btn"),
    ("pengajuan", "btn"),
    ("cairkan", "btn"),
    ("ubah", "btn secondary"),
    ("unggah", "btn secondary"),
)


def _url_langkah(kode: str, p: Permohonan) -> str:
    if kode == "pengajuan":
        return reverse("bansos:pengajuan_baru") + f"?tahun={p.tahun_anggaran}&pilih={p.pk}"
    if kode == "unggah":
        return "#dokumen"
    return reverse(f"bansos:{kode}", args=[p.pk])


def _tombol(p: Permohonan, langkah: set[str]) -> list[dict[str, str]]:
    """Links to the steps the user may take, labelled as in the table of `bansos.alur`."""
    return [
        {"label": alur.LANGKAH[kode].label, "url": _url_langkah(kode, p), "kelas": kelas}
        for kode, kelas in _TOMBOL
        if kode in langkah
    ]


def _detail(request, p, *, unggah_form=None, status=200):
    user = request.user
    langkah = selectors.langkah_untuk(user, p)
    checklist, kurang = _checklist(p)
    if unggah_form is None and "unggah" in langkah:
        unggah_form = UnggahForm(
            wajib=selectors.dokumen_wajib(p), ada={b["kode"] for b in checklist if b["dok"]}
        )
    if unggah_form is not None:
        for b in checklist:
            nama = f"dok_{b['kode']}"
            if nama in unggah_form.fields:
                unggah_form.fields[nama].dok = b["dok"]
    verifikasi = list(p.verifikasi_set.select_related("verifikator").order_by("dibuat", "pk"))
    konteks = {
        "p": p,
        "langkah": langkah,
        "tombol": _tombol(p, langkah),
        "label": {kode: x.label for kode, x in alur.LANGKAH.items()},
        "checklist": checklist,
        "kurang": kurang,
        "keadaan": keadaan(p, user, kurang, verifikasi),
        "verifikasi": verifikasi,
        "rekomendasi": getattr(p, "rekomendasi", None),
        "pencairan": getattr(p, "pencairan", None),
        "riwayat": riwayat_tampil(p, user),
        "cetak": tautan_cetak(user, p, verifikasi),
        "unggah_form": unggah_form if "unggah" in langkah else None,
        "ketahui_form": (
            KetahuiForm(initial={"nama_camat": selectors.nama_camat_bawaan(p)})
            if "ketahui" in langkah
            else None
        ),
        "alasan_form": AlasanForm(),
        "catatan_form": CatatanForm(),
        "tahap": _tahap(p),
    }
    return render(request, "bansos/detail.html", konteks, status=status)


def _tahap(p) -> list[dict]:
    """The steps of B4 with how far this application has come, for the progress line."""
    urutan = [
        (S.DIAJUKAN, "Diajukan"),
        (S.MENUNGGU_VERIFIKASI, "Diketahui Camat"),
        (S.TERVERIFIKASI, "Diverifikasi"),
        (S.DIREKOMENDASIKAN, "Direkomendasikan"),
        (S.DIAJUKAN_PENCAIRAN, "Diajukan ke BPKAD"),
        (S.DICAIRKAN, "Dicairkan"),
    ]
    if not p.butuh_camat:
        urutan[1] = (S.MENUNGGU_VERIFIKASI, "Diterima Dinas")
    if p.status in (S.DITOLAK, S.DIBATALKAN):
        return []
    posisi = [s for s, _ in urutan]
    # Milestones reached get a tick; the one the application now waits for is highlighted.
    capai = -1 if p.status == S.DIKEMBALIKAN else posisi.index(p.status)
    return [
        {"label": label, "selesai": i <= capai, "kini": i == capai + 1}
        for i, (_, label) in enumerate(urutan)
    ]


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
@require_GET
def detail(request, pk):
    return _detail(request, muat_permohonan(request, pk))


@login_required
@perlu_izin(Izin.BANSOS_AJUKAN)
def ubah(request, pk):
    p = muat_permohonan(request, pk)
    if "ubah" not in selectors.langkah_untuk(request.user, p):
        messages.error(
            request,
            f"Permohonan berstatus “{p.get_status_display()}” tidak dapat diubah; perubahan "
            "hanya pada status diajukan atau dikembalikan.",
        )
        return redirect("bansos:detail", p.pk)
    form = UbahPermohonanForm(request.POST or None, permohonan=p)
    if request.method == "POST" and form.is_valid():
        try:
            sv.permohonan_ubah(
                permohonan=p,
                oleh=request.user,
                alasan=form.cleaned_data.get("alasan", ""),
                **form.perubahan(),
            )
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(request, "Perubahan permohonan telah disimpan.")
            return redirect("bansos:detail", p.pk)
    return render(request, "bansos/form_ubah.html", {"form": form, "p": p})


@login_required
@perlu_izin(Izin.BANSOS_AJUKAN)
@require_POST
def unggah(request, pk):
    p = muat_permohonan(request, pk)
    checklist, _ = _checklist(p)
    form = UnggahForm(
        request.POST,
        request.FILES,
        wajib=selectors.dokumen_wajib(p),
        ada={b["kode"] for b in checklist if b["dok"]},
    )
    if not form.is_valid():
        messages.error(request, "Berkas tidak diunggah. " + galat_form(form))
        return _detail(request, p, unggah_form=form)
    try:
        with transaction.atomic():
            for kode, berkas in form.dokumen_terisi():
                sv.dokumen_unggah(
                    permohonan=p, oleh=request.user, jenis_dokumen=kode, berkas=berkas
                )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        nama = "; ".join(JenisDokumen(k).label for k, _ in form.dokumen_terisi())
        messages.success(request, f"Dokumen telah diunggah: {nama}.")
    return redirect("bansos:detail", p.pk)


def _kirim_berkas(request, p, nama_berkas: str, tipe: str, nama_unduh: str, label: str):
    """Stream a private file after the scope check (done by the caller's loader); log it."""
    try:
        fh = default_storage.open(nama_berkas, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("Berkas tidak ditemukan.") from None
    catat(pengguna=request.user, aksi=Riwayat.Aksi.UNDUH, obj=p, perubahan={"berkas": label})
    resp = FileResponse(fh, as_attachment=True, filename=nama_unduh, content_type=tipe)
    resp["Cache-Control"] = "private, no-store"
    return resp


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
@require_GET
def dokumen_unduh(request, pk, dok):
    p = muat_permohonan(request, pk)
    d = get_object_or_404(DokumenPermohonan, pk=dok, permohonan=p)
    ext = d.berkas.name.rsplit(".", 1)[-1]
    return _kirim_berkas(
        request,
        p,
        d.berkas.name,
        d.tipe,
        f"{p.nomor}-{d.jenis_dokumen}.{ext}",
        d.get_jenis_dokumen_display(),
    )


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
@require_GET
def bukti_unduh(request, pk):
    p = muat_permohonan(request, pk)
    cair = get_object_or_404(Pencairan, permohonan=p)
    ext = cair.bukti.name.rsplit(".", 1)[-1]
    return _kirim_berkas(
        request,
        p,
        cair.bukti.name,
        cair.bukti_tipe or "application/octet-stream",
        f"{p.nomor}-bukti-pencairan.{ext}",
        "Bukti pencairan",
    )
