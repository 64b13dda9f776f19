"""PSKS registry pages (S1, S2), programmes (ASH 41) and peningkatan peran serta (S5)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dinsos.akses import Izin, boleh, perlu_izin, scope
from dinsos.audit import riwayat_untuk

from .. import aturan, services
from ..forms import (
    AkreditasiForm,
    CabutForm,
    KlienLembagaForm,
    LembagaForm,
    LisensiForm,
    PelatihanForm,
    PeranSertaForm,
    ProgramForm,
    TahapForm,
    TanggalTeksForm,
    TenagaForm,
)
from ..models import (
    ASAL_SDM,
    JENIS_LEMBAGA,
    JENIS_SDM,
    TAHAP_PERAN_SERTA,
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
    Status,
    TenagaSosial,
)
from ..selectors import (
    boleh_lihat_sdm,
    filter_status_praktik,
    lembaga_dengan_akreditasi,
    peringatan_kedaluwarsa,
    status_praktik,
    tenaga_dengan_status,
)
from ._bantu import galat_ke_pesan, halaman, halaman_form, jalankan, perlu_kabupaten, tahapan


@login_required
def index(request):
    """The app's landing page: what each role may open, with counts in its wilayah."""
    u = request.user
    S = PermintaanLayanan.StatusPermintaan
    konteks = {
        "n_slrt_terbuka": scope(u, PermintaanLayanan)
        .exclude(status__in=[S.SELESAI, S.DITUTUP])
        .count(),
        "n_rehab": scope(u, KasusRehabilitasi).filter(status=Status.AKTIF).count(),
        "n_jaminan": scope(u, JaminanSosial).filter(status=Status.AKTIF).count(),
        "n_pemberdayaan": scope(u, PemberdayaanSosial).filter(status=Status.AKTIF).count(),
        "n_perlindungan": scope(u, PerlindunganSosial).filter(status=Status.AKTIF).count(),
        "n_lembaga": Lembaga.objects.filter(aktif=True).count(),
        "lihat_sdm": boleh_lihat_sdm(u),
    }
    if konteks["lihat_sdm"]:
        konteks["n_sdm"] = TenagaSosial.objects.filter(aktif=True).count()
        konteks["n_peringatan"] = len(peringatan_kedaluwarsa())
        konteks["n_peran_serta"] = PeranSerta.objects.filter(status=Status.AKTIF).count()
    return render(request, "psks/index.html", konteks)


# --- Tenaga/pekerja sosial -----------------------------------------------------------------


class FilterSDM(forms.Form):
    q = forms.CharField(label="Nama", required=False)
    jenis = forms.ChoiceField(choices=[("", "Semua jenis"), *JENIS_SDM], required=False)
    asal = forms.ChoiceField(choices=[("", "Semua unsur"), *ASAL_SDM], required=False)
    praktik = forms.ChoiceField(
        label="Izin praktik",
        required=False,
        choices=[
            ("", "Semua"),
            ("berlaku", "Berlaku"),
            ("akan_habis", "Segera berakhir"),
            ("tidak_berlaku", "Tidak dapat praktik"),
        ],
    )
    aktif = forms.ChoiceField(
        choices=[("1", "Aktif"), ("0", "Tidak aktif"), ("", "Semua")], required=False
    )


def _isian(data, form_class) -> dict:
    """Only the form's own fields: a page number alone (?hal=2) must not drop the default
    filter "aktif" of the first page."""
    return {k: data.get(k) for k in form_class.base_fields if data and k in data}


def sdm_tersaring(user, data):
    """The list as the page shows it (and as its xlsx export writes it, psks.daftar)."""
    f = FilterSDM(_isian(data, FilterSDM) or {"aktif": "1"})
    qs = tenaga_dengan_status().select_related("lembaga")
    if f.is_valid():
        d = f.cleaned_data
        if d["q"]:
            qs = qs.filter(nama__icontains=d["q"])
        if d["jenis"]:
            qs = qs.filter(jenis=d["jenis"])
        if d["asal"]:
            qs = qs.filter(asal=d["asal"])
        if d["aktif"] in ("0", "1"):
            qs = qs.filter(aktif=d["aktif"] == "1")
        if d["praktik"]:
            qs = filter_status_praktik(qs, d["praktik"])
    return f, qs


@login_required
@perlu_kabupaten
def sdm_list(request):
    f, qs = sdm_tersaring(request.user, request.GET)
    page, qstr = halaman(request, qs)
    for t in page:
        t.praktik = status_praktik(t)
    peringatan = [w for w in peringatan_kedaluwarsa() if isinstance(w["objek"], TenagaSosial)]
    return render(
        request,
        "psks/sdm_list.html",
        {
            "filter": f,
            "page": page,
            "qs": qstr,
            "peringatan": peringatan,
            "hari": aturan.hari_peringatan(),
        },
    )


@login_required
@perlu_kabupaten
def sdm_detail(request, pk):
    t = get_object_or_404(tenaga_dengan_status().select_related("lembaga", "desa"), pk=pk)
    t.praktik = status_praktik(t)
    hari_ini = timezone.localdate()
    lisensi = list(t.lisensi.all())
    for lis in lisensi:
        lis.berlaku_hari_ini = lis.berlaku_pada(hari_ini)
    return render(
        request,
        "psks/sdm_detail.html",
        {
            "t": t,
            "lisensi": lisensi,
            "masalah": aturan.masalah_praktik(
                TenagaSosial.objects.prefetch_related("lisensi").get(pk=t.pk), hari_ini
            )
            if t.is_psp
            else [],
            "pelatihan": t.pelatihan.all(),
            "kasus": scope(request.user, KasusRehabilitasi)
            .filter(pekerja=t)
            .select_related("klien"),
            "peran_serta": t.peran_serta.all(),
            "riwayat": riwayat_untuk(t),
            "boleh_kelola": boleh(request.user, Izin.KELOLA_PSKS),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.KELOLA_PSKS)
def sdm_simpan(request, pk=None):
    t = get_object_or_404(TenagaSosial, pk=pk) if pk else None
    form = TenagaForm(request.POST or None, instance=t)
    if request.method == "POST" and form.is_valid():
        obj = jalankan(form, services.tenaga_simpan, tenaga=form.instance, oleh=request.user)
        if obj:
            messages.success(request, f"Data {obj.nama} disimpan.")
            return redirect("psks:sdm_detail", obj.pk)
    return halaman_form(
        request,
        judul=f"Ubah {t.nama}" if t else "Tenaga/pekerja sosial baru",
        form=form,
        batal=reverse("psks:sdm_detail", args=[t.pk]) if t else reverse("psks:sdm_list"),
        keterangan="Sumber daya manusia PSKS (Perbup Asahan 53/2022 Pasal 33–37): kualifikasi "
        "paling sedikit pelatihan/pendidikan di bidang kesejahteraan sosial dan pengalaman "
        "pelayanan sosial.",
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.KELOLA_PSKS)
def lisensi_baru(request, pk):
    t = get_object_or_404(TenagaSosial, pk=pk)
    form = LisensiForm(
        request.POST or None,
        initial={"jenis": Lisensi.Jenis.IZIN_PRAKTIK, "penerbit": "Kementerian Sosial RI"},
    )
    if request.method == "POST" and form.is_valid():
        form.instance.tenaga = t
        if jalankan(form, services.lisensi_tambah, lisensi=form.instance, oleh=request.user):
            messages.success(request, "Sertifikat/izin praktik dicatat.")
            return redirect("psks:sdm_detail", t.pk)
    return halaman_form(
        request,
        judul=f"Sertifikat/izin praktik — {t.nama}",
        form=form,
        batal=reverse("psks:sdm_detail", args=[t.pk]),
        keterangan="Pekerja Sosial Profesional dapat praktik setelah memperoleh izin praktik "
        "dari Menteri dengan melampirkan sertifikat kompetensi (Pasal 35 ayat (3); aturan S2).",
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.KELOLA_PSKS)
def lisensi_cabut(request, pk):
    lis = get_object_or_404(Lisensi.objects.select_related("tenaga"), pk=pk)
    form = CabutForm(request.POST or None, initial={"tanggal": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if jalankan(
            form,
            services.lisensi_cabut,
            lisensi=lis,
            tanggal=d["tanggal"],
            alasan=d["alasan"],
            oleh=request.user,
        ):
            messages.success(request, f"{lis} dicatat dicabut.")
            return redirect("psks:sdm_detail", lis.tenaga_id)
    return halaman_form(
        request,
        judul=f"Cabut/bekukan {lis}",
        form=form,
        tombol="Catat pencabutan",
        batal=reverse("psks:sdm_detail", args=[lis.tenaga_id]),
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.KELOLA_PSKS)
def pelatihan_baru(request, pk):
    t = get_object_or_404(TenagaSosial, pk=pk)
    form = PelatihanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.tenaga = t
        if jalankan(form, services.pelatihan_tambah, pelatihan=form.instance, oleh=request.user):
            messages.success(request, "Pelatihan dicatat.")
            return redirect("psks:sdm_detail", t.pk)
    return halaman_form(
        request,
        judul=f"Pelatihan/pembinaan teknis — {t.nama}",
        form=form,
        batal=reverse("psks:sdm_detail", args=[t.pk]),
        keterangan="Pembinaan teknis meliputi standar kompetensi dan pengembangan (Perbup "
        "Asahan 53/2022 Pasal 38 ayat (2)).",
    )


# --- Lembaga --------------------------------------------------------------------------------


class FilterLembaga(forms.Form):
    q = forms.CharField(label="Nama", required=False)
    jenis = forms.ChoiceField(choices=[("", "Semua jenis"), *JENIS_LEMBAGA], required=False)
    akreditasi = forms.ChoiceField(
        required=False,
        choices=[("", "Semua"), ("A", "A"), ("B", "B"), ("C", "C"), ("belum", "Belum")],
    )
    aktif = forms.ChoiceField(
        choices=[("1", "Aktif"), ("0", "Tidak aktif"), ("", "Semua")], required=False
    )


def lembaga_tersaring(user, data):
    """The list as the page shows it (and as its xlsx export writes it, psks.daftar)."""
    f = FilterLembaga(_isian(data, FilterLembaga) or {"aktif": "1"})
    qs = lembaga_dengan_akreditasi().select_related("desa__kecamatan")
    if f.is_valid():
        d = f.cleaned_data
        if d["q"]:
            qs = qs.filter(nama__icontains=d["q"])
        if d["jenis"]:
            qs = qs.filter(jenis=d["jenis"])
        if d["akreditasi"] == "belum":
            qs = qs.filter(akreditasi_peringkat__isnull=True)
        elif d["akreditasi"]:
            qs = qs.filter(akreditasi_peringkat=d["akreditasi"])
        if d["aktif"] in ("0", "1"):
            qs = qs.filter(aktif=d["aktif"] == "1")
    return f, qs


@login_required
def lembaga_list(request):
    """Institutions are kabupaten-wide; every role may see the list, only KELOLA_PSKS edits."""
    f, qs = lembaga_tersaring(request.user, request.GET)
    page, qstr = halaman(request, qs)
    return render(
        request,
        "psks/lembaga_list.html",
        {
            "filter": f,
            "page": page,
            "qs": qstr,
            "hari_ini": timezone.localdate(),
            "boleh_kelola": boleh(request.user, Izin.KELOLA_PSKS),
        },
    )


@login_required
def lembaga_detail(request, pk):
    lem = get_object_or_404(lembaga_dengan_akreditasi().select_related("desa__kecamatan"), pk=pk)
    u = request.user
    # Clients are people of a desa: each user sees only those of their own wilayah.
    return render(
        request,
        "psks/lembaga_detail.html",
        {
            "l": lem,
            "akreditasi": lem.akreditasi.all(),
            "klien": scope(u, KlienLembaga).filter(lembaga=lem).select_related("klien__desa"),
            "kasus": scope(u, KasusRehabilitasi)
            .filter(lembaga=lem)
            .select_related("klien", "pekerja"),
            "tenaga": lem.tenaga.all() if boleh_lihat_sdm(u) else None,
            "peran_serta": lem.peran_serta.all() if boleh_lihat_sdm(u) else None,
            "riwayat": riwayat_untuk(lem) if boleh_lihat_sdm(u) else None,
            "boleh_kelola": boleh(u, Izin.KELOLA_PSKS),
            "wilayah_terbatas": not boleh_lihat_sdm(u),
            "hari_ini": timezone.localdate(),
            "peringatan": [w for w in peringatan_kedaluwarsa() if w["objek"] == lem]
            if boleh_lihat_sdm(u)
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.KELOLA_PSKS)
def lembaga_simpan(request, pk=None):
    lem = get_object_or_404(Lembaga, pk=pk) if pk else None
    form = LembagaForm(request.POST or None, instance=lem)
    if request.method == "POST" and form.is_valid():
        obj = jalankan(form, services.lembaga_simpan, lembaga=form.instance, oleh=request.user)
        if obj:
            messages.success(request, f"Data {obj.nama} disimpan.")
            return redirect("psks:lembaga_detail", obj.pk)
    return halaman_form(
        request,
        judul=f"Ubah {lem.nama}" if lem else "Lembaga baru",
        form=form,
        batal=reverse("psks:lembaga_detail", args=[lem.pk])
        if lem
        else reverse("psks:lembaga_list"),
        keterangan="LK3, lembaga kesejahteraan sosial dan organisasi sosial lainnya, atau "
        "wahana kesejahteraan sosial (Perbup Asahan 53/2022 Pasal 32).",
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.KELOLA_PSKS)
def akreditasi_baru(request, pk):
    lem = get_object_or_404(Lembaga, pk=pk)
    form = AkreditasiForm(request.POST or None, initial={"tahun": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        form.instance.lembaga = lem
        if jalankan(form, services.akreditasi_tambah, akreditasi=form.instance, oleh=request.user):
            messages.success(request, "Akreditasi dicatat.")
            return redirect("psks:lembaga_detail", lem.pk)
    return halaman_form(
        request,
        judul=f"Akreditasi — {lem.nama}",
        form=form,
        batal=reverse("psks:lembaga_detail", args=[lem.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.KELOLA_PSKS)
def klien_lembaga_baru(request, pk):
    lem = get_object_or_404(Lembaga, pk=pk)
    form = KlienLembagaForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        kl = KlienLembaga(
            lembaga=lem,
            klien=d["identitas_klien"],
            tanggal_masuk=d["tanggal_masuk"],
            layanan=d["layanan"],
            keterangan=d["keterangan"],
        )
        if jalankan(form, services.klien_lembaga_masuk, klien_lembaga=kl, oleh=request.user):
            messages.success(request, f"{kl.klien.nama} dicatat sebagai klien {lem.nama}.")
            return redirect("psks:lembaga_detail", lem.pk)
    return halaman_form(
        request,
        judul=f"Klien baru — {lem.nama}",
        form=form,
        batal=reverse("psks:lembaga_detail", args=[lem.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.KELOLA_PSKS)
def klien_lembaga_keluar(request, pk):
    kl = get_object_or_404(
        scope(request.user, KlienLembaga).select_related("klien", "lembaga"), pk=pk
    )
    form = TanggalTeksForm(request.POST or None, label_teks="Keterangan keluar", teks_wajib=False)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if jalankan(
            form,
            services.klien_lembaga_keluar,
            klien_lembaga=kl,
            tanggal=d["tanggal"],
            keterangan=d["teks"],
            oleh=request.user,
        ):
            messages.success(request, f"{kl.klien.nama} dicatat keluar.")
            return redirect("psks:lembaga_detail", kl.lembaga_id)
    return halaman_form(
        request,
        judul=f"Klien keluar — {kl.klien.nama} dari {kl.lembaga.nama}",
        form=form,
        batal=reverse("psks:lembaga_detail", args=[kl.lembaga_id]),
    )


# --- Programmes (ASH 41) ----------------------------------------------------------------------


class FilterProgram(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis layanan",
        required=False,
        choices=[("", "Semua"), *ProgramLayanan.Jenis.choices],
    )
    tahun = forms.IntegerField(label="Tahun anggaran", required=False, min_value=0)


def program_tersaring(user, data):
    """The list as the page shows it (and as its xlsx export writes it, psks.daftar). The
    page ignores a value it cannot read; an export refuses it (the form is invalid)."""
    f = FilterProgram(_isian(data, FilterProgram))
    f.is_valid()
    d = f.cleaned_data
    qs = ProgramLayanan.objects.all()
    if d.get("jenis"):
        qs = qs.filter(jenis_layanan=d["jenis"])
    if d.get("tahun") is not None:
        qs = qs.filter(tahun_anggaran=d["tahun"])
    return f, qs


@login_required
def program_list(request):
    jenis = request.GET.get("jenis", "")
    tahun = request.GET.get("tahun", "")
    _f, qs = program_tersaring(request.user, request.GET)
    page, qstr = halaman(request, qs)
    return render(
        request,
        "psks/program_list.html",
        {
            "page": page,
            "qs": qstr,
            "jenis": jenis,
            "tahun": tahun,
            "jenis_pilihan": ProgramLayanan.Jenis.choices,
            "boleh_kelola": boleh(request.user, Izin.KELOLA_PSKS),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.KELOLA_PSKS)
def program_simpan(request, pk=None):
    prog = get_object_or_404(ProgramLayanan, pk=pk) if pk else None
    form = ProgramForm(
        request.POST or None,
        instance=prog,
        initial=None if prog else {"tahun_anggaran": timezone.localdate().year},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and jalankan(form, services.program_simpan, program=form.instance, oleh=request.user)
    ):
        messages.success(request, "Program disimpan.")
        return redirect("psks:program_list")
    return halaman_form(
        request,
        judul=f"Ubah program {prog.nama}" if prog else "Program layanan baru",
        form=form,
        batal=reverse("psks:program_list"),
        keterangan="Setiap program mencatat sumber dananya: APBN, APBD Provinsi, APBD, atau "
        "sumber lain yang sah dan tidak mengikat (Perbup Asahan 53/2022 Pasal 41).",
    )


# --- Peningkatan peran serta (S5; ASH 24–27) -----------------------------------------------


class FilterPeranSerta(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Semua"), *Status.choices]
    )


def peran_serta_tersaring(user, data):
    """The list as the page shows it (and as its xlsx export writes it, psks.daftar)."""
    f = FilterPeranSerta(_isian(data, FilterPeranSerta))
    f.is_valid()
    qs = PeranSerta.objects.select_related("lembaga", "tenaga", "program")
    if f.cleaned_data.get("status"):
        qs = qs.filter(status=f.cleaned_data["status"])
    return f, qs


@login_required
@perlu_kabupaten
def peran_serta_list(request):
    status = request.GET.get("status", "")
    _f, qs = peran_serta_tersaring(request.user, request.GET)
    page, qstr = halaman(request, qs)
    return render(
        request,
        "psks/peran_serta_list.html",
        {
            "page": page,
            "qs": qstr,
            "status": status,
            "status_pilihan": Status.choices,
            "boleh_kelola": boleh(request.user, Izin.KELOLA_PSKS),
        },
    )


def _peran_serta_halaman(request, k, form=None):
    if k.status != Status.AKTIF:
        galat_ke_pesan(request, form)
        form = None
    if form is None and boleh(request.user, Izin.KELOLA_PSKS) and k.status == Status.AKTIF:
        form = TahapForm(pilihan=TAHAP_PERAN_SERTA, initial={"tahap": k.tahap_berikut})
    return render(
        request,
        "psks/peran_serta_detail.html",
        {
            "k": k,
            "tahapan": tahapan(
                TAHAP_PERAN_SERTA, list(k.tahap.select_related("dicatat_oleh")), k.tahap_berikut
            ),
            "form": form,
            "riwayat": riwayat_untuk(k),
        },
    )


@login_required
@perlu_kabupaten
def peran_serta_detail(request, pk):
    k = get_object_or_404(PeranSerta.objects.select_related("lembaga", "tenaga", "program"), pk=pk)
    return _peran_serta_halaman(request, k)


@require_http_methods(["GET", "POST"])
@login_required
@perlu_izin(Izin.KELOLA_PSKS)
def peran_serta_baru(request):
    form = PeranSertaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        k = jalankan(
            form,
            services.peran_serta_buat,
            nama_kegiatan=d["nama_kegiatan"],
            lembaga=d["lembaga"],
            tenaga=d["tenaga"],
            kriteria=d["kriteria"],
            cara=d["cara"],
            bentuk=d["bentuk"],
            program=d["program"],
            tanggal_mulai=d["tanggal_mulai"],
            catatan=d["catatan"],
            oleh=request.user,
        )
        if k:
            messages.success(request, f"{k.nomor} dicatat.")
            return redirect("psks:peran_serta_detail", k.pk)
    return halaman_form(
        request,
        judul="Peningkatan peran serta lembaga/perseorangan",
        form=form,
        batal=reverse("psks:peran_serta_list"),
        keterangan="Pembinaan Lembaga Kesejahteraan Sosial (Pasal 25) atau peningkatan peran "
        "serta perseorangan (Pasal 26), melalui tahap persiapan → pelaksanaan → pendayagunaan "
        "berkelanjutan (Pasal 27; aturan S5).",
    )


@require_http_methods(["POST"])
@login_required
@perlu_izin(Izin.KELOLA_PSKS)
def peran_serta_tahap(request, pk):
    k = get_object_or_404(PeranSerta, pk=pk)
    form = TahapForm(request.POST, pilihan=TAHAP_PERAN_SERTA)
    if form.is_valid():
        d = form.cleaned_data
        if jalankan(
            form,
            services.peran_serta_tahap_catat,
            kegiatan=k,
            tahap=d["tahap"],
            tanggal=d["tanggal"],
            catatan=d["catatan"],
            oleh=request.user,
        ):
            messages.success(request, "Tahap dicatat.")
            return redirect("psks:peran_serta_detail", k.pk)
    return _peran_serta_halaman(request, k, form)
