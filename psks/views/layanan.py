"""Pages of the services to PPKS: rehabilitasi (S3), jaminan (S4), pemberdayaan (S5),
perlindungan (S6). Every record is loaded through dinsos.akses.scope."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dinsos.akses import Izin, boleh, get_for_user_or_404, perlu_izin, scope
from dinsos.audit import riwayat_untuk
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
    BENTUK_JAMINAN,
    SASARAN_REHABILITASI,
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
from ..selectors import boleh_lihat_sdm
from ._bantu import FilterLayanan, galat_ke_pesan, halaman, halaman_form, jalankan
from ._bantu import tahapan as _tahapan


def _klien_rujukan(request, tujuan):
    """The client and referral a 'new service' page was opened for (?rujukan= or ?klien=),
    both loaded in the user's scope."""
    klien = rujukan = None
    rid = request.GET.get("rujukan", "")
    if rid.isdigit():
        rujukan = get_object_or_404(
            scope(request.user, Rujukan).select_related("permintaan__klien"),
            pk=rid,
            tujuan=tujuan,
        )
        klien = rujukan.permintaan.klien
    kid = request.GET.get("klien", "")
    if klien is None and kid.isdigit():
        klien = get_for_user_or_404(request.user, Perseorangan, pk=kid)
    return klien, rujukan


# --- Rehabilitasi sosial (S3) ----------------------------------------------------------------


class FilterRehab(FilterLayanan):
    sasaran = forms.ChoiceField(required=False)
    tahap = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, status_choices=Status.choices, **kwargs)
        self.fields["sasaran"].choices = [("", "Semua sasaran"), *SASARAN_REHABILITASI]
        self.fields["tahap"].choices = [
            ("", "Semua tahap"),
            ("belum", "Belum dimulai"),
            *TAHAP_REHABILITASI,
        ]

    def saring(self, qs, desa_field):
        qs = super().saring(qs, desa_field)
        if self.is_valid():
            d = self.cleaned_data
            if d.get("sasaran"):
                qs = qs.filter(sasaran=d["sasaran"])
            if d.get("tahap") == "belum":
                qs = qs.filter(tahap_terakhir="")
            elif d.get("tahap"):
                qs = qs.filter(tahap_terakhir=d["tahap"])
        return qs


def rehab_tersaring(user, data):
    """The case list as the page shows it (and as its xlsx export writes it, psks.daftar)."""
    f = FilterRehab(data or None, user=user)
    qs = scope(user, KasusRehabilitasi).select_related(
        "klien__desa__kecamatan", "pekerja", "program"
    )
    return f, f.saring(qs, "klien__desa")


@login_required
def rehab_list(request):
    f, qs = rehab_tersaring(request.user, request.GET)
    page, qstr = halaman(request, qs)
    return render(
        request,
        "psks/rehab_list.html",
        {
            "filter": f,
            "page": page,
            "qs": qstr,
            "boleh_ubah": boleh(request.user, Izin.LAYANAN_SOSIAL),
        },
    )


def _rehab_halaman(request, kasus, form=None):
    boleh_ubah = boleh(request.user, Izin.LAYANAN_SOSIAL) and kasus.status == Status.AKTIF
    if not boleh_ubah:
        galat_ke_pesan(request, form)
    if form is None and boleh_ubah:
        form = TahapForm(pilihan=TAHAP_REHABILITASI, initial={"tahap": kasus.tahap_berikut})
    pekerja = TenagaSosial.objects.prefetch_related("lisensi").get(pk=kasus.pekerja_id)
    hari_ini = timezone.localdate()
    baris = list(kasus.tahap.select_related("petugas", "dicatat_oleh"))
    return render(
        request,
        "psks/rehab_detail.html",
        {
            "k": kasus,
            "tahapan": _tahapan(TAHAP_REHABILITASI, baris, kasus.tahap_berikut),
            "form": form if boleh_ubah else None,
            "masalah_pekerja": aturan.masalah_praktik(pekerja, hari_ini),
            "riwayat": riwayat_untuk(kasus),
            "boleh_ubah": boleh_ubah,
            "lihat_sdm": boleh_lihat_sdm(request.user),
        },
    )


def _kasus(request, pk):
    return get_for_user_or_404(
        request.user,
        KasusRehabilitasi.objects.select_related(
            "klien__desa", "pekerja", "program", "lembaga", "rujukan__permintaan"
        ),
        pk=pk,
    )


@login_required
def rehab_detail(request, pk):
    return _rehab_halaman(request, _kasus(request, pk))


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def rehab_baru(request):
    klien, rujukan = _klien_rujukan(request, Rujukan.Tujuan.REHABILITASI)
    form = RehabilitasiForm(request.POST or None, user=request.user, klien=klien)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        kasus = jalankan(
            form,
            services.rehabilitasi_buat,
            klien=d["identitas_klien"],
            sasaran=d["sasaran"],
            setting=d["setting"],
            lembaga=d["lembaga"],
            bentuk=d["bentuk"],
            pekerja=d["pekerja"],
            program=d["program"],
            tanggal_mulai=d["tanggal_mulai"],
            catatan=d["catatan"],
            rujukan=rujukan,
            oleh=request.user,
        )
        if kasus:
            messages.success(
                request, f"Kasus {kasus.nomor} dibuka dan ditugaskan kepada {kasus.pekerja.nama}."
            )
            return redirect("psks:rehab_detail", kasus.pk)
    return halaman_form(
        request,
        judul="Kasus rehabilitasi sosial baru",
        form=form,
        tombol="Buka kasus",
        batal=reverse("psks:rehab_list"),
        klien=klien,
        rujukan=rujukan,
        keterangan="Rehabilitasi sosial (Perbup Asahan 53/2022 Pasal 12–15) dilaksanakan oleh "
        "Pekerja Sosial Profesional yang bersertifikat dan memiliki izin praktik yang berlaku "
        "(aturan S2, S3), melalui tujuh tahap berurutan.",
    )


@require_http_methods(["POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def rehab_tahap(request, pk):
    kasus = _kasus(request, pk)
    form = TahapForm(request.POST, pilihan=TAHAP_REHABILITASI)
    if form.is_valid():
        d = form.cleaned_data
        baris = jalankan(
            form,
            services.rehabilitasi_tahap_catat,
            kasus=kasus,
            tahap=d["tahap"],
            tanggal=d["tanggal"],
            catatan=d["catatan"],
            oleh=request.user,
        )
        if baris:
            messages.success(request, f"Tahap {baris.get_tahap_display()} dicatat.")
            return redirect("psks:rehab_detail", kasus.pk)
    return _rehab_halaman(request, kasus, form)


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def rehab_tugaskan(request, pk):
    kasus = _kasus(request, pk)
    form = TugaskanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if jalankan(
            form,
            services.rehabilitasi_tugaskan,
            kasus=kasus,
            pekerja=d["pekerja"],
            tanggal=d["tanggal"],
            alasan=d["alasan"],
            oleh=request.user,
        ):
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


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def rehab_hentikan(request, pk):
    kasus = _kasus(request, pk)
    return _akhiri(
        request,
        obj=kasus,
        fungsi=services.rehabilitasi_hentikan,
        kw="kasus",
        teks_kw="alasan",
        judul=f"Hentikan kasus {kasus.nomor}",
        label="Alasan penghentian",
        url=reverse("psks:rehab_detail", args=[kasus.pk]),
    )


def _akhiri(request, *, obj, fungsi, kw, teks_kw, judul, label, url):
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


# --- Jaminan sosial (S4) ---------------------------------------------------------------------


class FilterJaminan(FilterLayanan):
    bentuk = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, status_choices=Status.choices, **kwargs)
        self.fields["bentuk"].choices = [("", "Semua bentuk"), *BENTUK_JAMINAN]

    def saring(self, qs, desa_field):
        qs = super().saring(qs, desa_field)
        if self.is_valid() and self.cleaned_data.get("bentuk"):
            qs = qs.filter(bentuk=self.cleaned_data["bentuk"])
        return qs


def jaminan_tersaring(user, data):
    """The list as the page shows it (and as its xlsx export writes it, psks.daftar)."""
    f = FilterJaminan(data or None, user=user)
    qs = scope(user, JaminanSosial).select_related("klien__desa__kecamatan", "program")
    return f, f.saring(qs, "klien__desa")


@login_required
def jaminan_list(request):
    f, qs = jaminan_tersaring(request.user, request.GET)
    page, qstr = halaman(request, qs)
    return render(
        request,
        "psks/jaminan_list.html",
        {
            "filter": f,
            "page": page,
            "qs": qstr,
            "boleh_ubah": boleh(request.user, Izin.LAYANAN_SOSIAL),
        },
    )


def _jaminan(request, pk):
    return get_for_user_or_404(
        request.user,
        JaminanSosial.objects.select_related(
            "klien__desa", "program", "pendamping", "rujukan__permintaan"
        ),
        pk=pk,
    )


def _jaminan_halaman(request, j, form=None):
    boleh_ubah = boleh(request.user, Izin.LAYANAN_SOSIAL) and j.status == Status.AKTIF
    if not boleh_ubah:
        galat_ke_pesan(request, form)
    if form is None and boleh_ubah:
        form = TahapForm(pilihan=TAHAP_JAMINAN, initial={"tahap": j.tahap_berikut})
    return render(
        request,
        "psks/jaminan_detail.html",
        {
            "j": j,
            "tahapan": _tahapan(TAHAP_JAMINAN, list(j.tahap.all()), j.tahap_berikut),
            "form": form if boleh_ubah else None,
            "boleh_ubah": boleh_ubah,
            "riwayat": riwayat_untuk(j),
        },
    )


@login_required
def jaminan_detail(request, pk):
    return _jaminan_halaman(request, _jaminan(request, pk))


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def jaminan_baru(request):
    klien, rujukan = _klien_rujukan(request, Rujukan.Tujuan.JAMINAN)
    form = JaminanForm(request.POST or None, user=request.user, klien=klien)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        j = jalankan(
            form,
            services.jaminan_buat,
            klien=d["identitas_klien"],
            bentuk=d["bentuk"],
            program=d["program"],
            tanggal_mulai=d["tanggal_mulai"],
            tanggal_selesai=d["tanggal_selesai"],
            nominal=d["nominal"],
            nomor_peserta=d["nomor_peserta"],
            pendamping=d["pendamping"],
            catatan=d["catatan"],
            rujukan=rujukan,
            oleh=request.user,
        )
        if j:
            messages.success(request, f"Jaminan sosial {j.nomor} dicatat.")
            return redirect("psks:jaminan_detail", j.pk)
    return halaman_form(
        request,
        judul="Jaminan sosial baru",
        form=form,
        batal=reverse("psks:jaminan_list"),
        klien=klien,
        rujukan=rujukan,
        keterangan="Jaminan sosial hanya untuk PPKS dengan kriteria kemiskinan yang datanya "
        "terdaftar di DTSEN/DTKS (aturan S4; Perbup Asahan 53/2022 Pasal 16–18), melalui tahap "
        "persiapan → pendampingan → pelaksanaan → terminasi.",
    )


@require_http_methods(["POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def jaminan_tahap(request, pk):
    j = _jaminan(request, pk)
    form = TahapForm(request.POST, pilihan=TAHAP_JAMINAN)
    if form.is_valid():
        d = form.cleaned_data
        baris = jalankan(
            form,
            services.jaminan_tahap_catat,
            jaminan=j,
            tahap=d["tahap"],
            tanggal=d["tanggal"],
            catatan=d["catatan"],
            oleh=request.user,
        )
        if baris:
            messages.success(request, f"Tahap {baris.get_tahap_display()} dicatat.")
            return redirect("psks:jaminan_detail", j.pk)
    return _jaminan_halaman(request, j, form)


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def jaminan_hentikan(request, pk):
    j = _jaminan(request, pk)
    return _akhiri(
        request,
        obj=j,
        fungsi=services.jaminan_hentikan,
        kw="jaminan",
        teks_kw="alasan",
        judul=f"Hentikan jaminan sosial {j.nomor}",
        label="Alasan penghentian",
        url=reverse("psks:jaminan_detail", args=[j.pk]),
    )


# --- Pemberdayaan sosial (S5) ----------------------------------------------------------------


class FilterPemberdayaan(FilterLayanan):
    sasaran = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Semua sasaran"),
            ("perseorangan", "Perseorangan"),
            ("keluarga", "Keluarga"),
            ("kelompok", "Kelompok"),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, status_choices=Status.choices, **kwargs)

    def saring(self, qs, desa_field):
        qs = super().saring(qs, desa_field)
        if self.is_valid() and self.cleaned_data.get("sasaran"):
            qs = qs.filter(**{f"{self.cleaned_data['sasaran']}__isnull": False})
        return qs


def pemberdayaan_tersaring(user, data):
    """The list as the page shows it (and as its xlsx export writes it, psks.daftar)."""
    f = FilterPemberdayaan(data or None, user=user)
    qs = scope(user, PemberdayaanSosial).select_related(
        "perseorangan", "keluarga__kepala", "kelompok", "desa__kecamatan", "program"
    )
    return f, f.saring(qs, "desa")


@login_required
def pemberdayaan_list(request):
    f, qs = pemberdayaan_tersaring(request.user, request.GET)
    page, qstr = halaman(request, qs)
    return render(
        request,
        "psks/pemberdayaan_list.html",
        {
            "filter": f,
            "page": page,
            "qs": qstr,
            "boleh_ubah": boleh(request.user, Izin.LAYANAN_SOSIAL),
        },
    )


def _pemberdayaan(request, pk):
    return get_for_user_or_404(
        request.user,
        PemberdayaanSosial.objects.select_related(
            "perseorangan", "keluarga__kepala", "kelompok", "desa", "program", "pendamping"
        ),
        pk=pk,
    )


@login_required
def pemberdayaan_detail(request, pk):
    p = _pemberdayaan(request, pk)
    return render(
        request,
        "psks/pemberdayaan_detail.html",
        {
            "p": p,
            "boleh_ubah": boleh(request.user, Izin.LAYANAN_SOSIAL) and p.status == Status.AKTIF,
            "riwayat": riwayat_untuk(p),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def pemberdayaan_baru(request):
    klien, rujukan = _klien_rujukan(request, Rujukan.Tujuan.PEMBERDAYAAN)
    form = PemberdayaanForm(
        request.POST or None,
        user=request.user,
        klien=klien,
        initial={"jenis_sasaran": "perseorangan"},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        p = jalankan(
            form,
            services.pemberdayaan_buat,
            **d["subjek"],
            cara=d["cara"],
            bentuk=d["bentuk"],
            kriteria=d["kriteria"],
            program=d["program"],
            tanggal_mulai=d["tanggal_mulai"],
            pendamping=d["pendamping"],
            catatan=d["catatan"],
            rujukan=rujukan,
            oleh=request.user,
        )
        if p:
            messages.success(request, f"Pemberdayaan sosial {p.nomor} dicatat.")
            return redirect("psks:pemberdayaan_detail", p.pk)
    return halaman_form(
        request,
        judul="Pemberdayaan sosial baru",
        form=form,
        batal=reverse("psks:pemberdayaan_list"),
        rujukan=rujukan,
        keterangan="Untuk perseorangan, keluarga atau kelompok miskin dan/atau rentan sosial "
        "ekonomi yang memenuhi sedikitnya satu kriteria Pasal 21–23, dalam cara dan bentuk "
        "Pasal 20 (aturan S5). Isi hanya kriteria untuk jenis sasaran yang dipilih.",
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def pemberdayaan_selesai(request, pk):
    p = _pemberdayaan(request, pk)
    return _akhiri(
        request,
        obj=p,
        fungsi=services.pemberdayaan_selesaikan,
        kw="pemberdayaan",
        teks_kw="hasil",
        judul=f"Selesaikan pemberdayaan {p.nomor}",
        label="Hasil pemberdayaan",
        url=reverse("psks:pemberdayaan_detail", args=[p.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def pemberdayaan_hentikan(request, pk):
    p = _pemberdayaan(request, pk)
    return _akhiri(
        request,
        obj=p,
        fungsi=services.pemberdayaan_hentikan,
        kw="pemberdayaan",
        teks_kw="alasan",
        judul=f"Hentikan pemberdayaan {p.nomor}",
        label="Alasan penghentian",
        url=reverse("psks:pemberdayaan_detail", args=[p.pk]),
    )


# --- Perlindungan sosial (S6) ----------------------------------------------------------------


class FilterPerlindungan(FilterLayanan):
    jenis = forms.ChoiceField(
        required=False, choices=[("", "Semua jenis"), *PerlindunganSosial.Jenis.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, status_choices=Status.choices, **kwargs)

    def saring(self, qs, desa_field):
        qs = super().saring(qs, desa_field)
        if self.is_valid() and self.cleaned_data.get("jenis"):
            qs = qs.filter(jenis=self.cleaned_data["jenis"])
        return qs


def perlindungan_tersaring(user, data):
    """The list as the page shows it (and as its xlsx export writes it, psks.daftar)."""
    f = FilterPerlindungan(data or None, user=user)
    qs = scope(user, PerlindunganSosial).select_related("klien__desa__kecamatan", "program")
    return f, f.saring(qs, "klien__desa")


@login_required
def perlindungan_list(request):
    f, qs = perlindungan_tersaring(request.user, request.GET)
    page, qstr = halaman(request, qs)
    return render(
        request,
        "psks/perlindungan_list.html",
        {
            "filter": f,
            "page": page,
            "qs": qstr,
            "hari_ini": timezone.localdate(),
            "boleh_ubah": boleh(request.user, Izin.LAYANAN_SOSIAL),
        },
    )


def _perlindungan(request, pk):
    return get_for_user_or_404(
        request.user,
        PerlindunganSosial.objects.select_related("klien__desa", "program", "rujukan__permintaan"),
        pk=pk,
    )


@login_required
def perlindungan_detail(request, pk):
    p = _perlindungan(request, pk)
    return render(
        request,
        "psks/perlindungan_detail.html",
        {
            "p": p,
            "boleh_ubah": boleh(request.user, Izin.LAYANAN_SOSIAL) and p.status == Status.AKTIF,
            "hari_ini": timezone.localdate(),
            "riwayat": riwayat_untuk(p),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def perlindungan_baru(request):
    klien, rujukan = _klien_rujukan(request, Rujukan.Tujuan.PERLINDUNGAN)
    form = PerlindunganForm(request.POST or None, user=request.user, klien=klien)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        p = jalankan(
            form,
            services.perlindungan_buat,
            klien=d["identitas_klien"],
            jenis=d["jenis"],
            bentuk=d["bentuk"],
            program=d["program"],
            tanggal_mulai=d["tanggal_mulai"],
            tanggal_selesai=d["tanggal_selesai"],
            nominal=d["nominal"],
            pelaksana=d["pelaksana"],
            catatan=d["catatan"],
            rujukan=rujukan,
            oleh=request.user,
        )
        if p:
            messages.success(request, f"Perlindungan sosial {p.nomor} dicatat.")
            return redirect("psks:perlindungan_detail", p.pk)
    return halaman_form(
        request,
        judul="Perlindungan sosial baru",
        form=form,
        batal=reverse("psks:perlindungan_list"),
        klien=klien,
        rujukan=rujukan,
        keterangan="Bantuan langsung bersifat sementara sampai keadaan stabil; pemakaman hanya "
        "untuk PPKS dengan kriteria keterlantaran; bantuan hukum hanya untuk PPKS dengan "
        "kriteria kemiskinan (aturan S6; Perbup Asahan 53/2022 Pasal 28–31). Isi bentuk hanya "
        "untuk jenis yang dipilih.",
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def perlindungan_perpanjang(request, pk):
    p = _perlindungan(request, pk)
    form = PerpanjangForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if jalankan(
            form,
            services.perlindungan_perpanjang,
            layanan=p,
            sampai=d["sampai"],
            alasan=d["alasan"],
            oleh=request.user,
        ):
            messages.success(request, "Masa bantuan diperpanjang.")
            return redirect("psks:perlindungan_detail", p.pk)
    return halaman_form(
        request,
        judul=f"Perpanjang {p.nomor}",
        form=form,
        batal=reverse("psks:perlindungan_detail", args=[p.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.LAYANAN_SOSIAL)
def perlindungan_selesai(request, pk):
    p = _perlindungan(request, pk)
    return _akhiri(
        request,
        obj=p,
        fungsi=services.perlindungan_selesaikan,
        kw="layanan",
        teks_kw="hasil",
        judul=f"Selesaikan {p.nomor}",
        label="Hasil (keadaan klien)",
        url=reverse("psks:perlindungan_detail", args=[p.pk]),
    )
