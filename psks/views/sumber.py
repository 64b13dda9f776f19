"""PSKS registry pages (S1, S2), programmes (ASH 41) and peningkatan peran serta (S5)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from dinsos.akses import Izin, boleh, scope

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
    lembaga_dengan_akreditasi,
    lembaga_tersaring,
    peran_serta_tersaring,
    peringatan_kedaluwarsa,
    program_tersaring,
    sdm_tersaring,
    status_praktik,
    tenaga_dengan_status,
)
from ._bantu import (
    formulir,
    galat_ke_pesan,
    halaman,
    halaman_form,
    jalankan,
    pengubah,
    perlu_kabupaten,
    riwayat,
    tahapan,
)

_kelola = partial(pengubah, izin=Izin.KELOLA_PSKS)


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
    hari_ini = timezone.localdate()
    lisensi = [(lis, lis.berlaku_pada(hari_ini)) for lis in t.lisensi.all()]
    return render(
        request,
        "psks/sdm_detail.html",
        {
            "t": t,
            "praktik": status_praktik(t),
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
            "riwayat": riwayat(request, t),
            "boleh_kelola": boleh(request.user, Izin.KELOLA_PSKS),
        },
    )


@_kelola("GET", "POST")
def sdm_simpan(request, pk=None):
    t = get_object_or_404(TenagaSosial, pk=pk) if pk else None
    form = TenagaForm(request.POST or None, instance=t)
    return formulir(
        request, form,
        lambda d: jalankan(form, services.tenaga_simpan, tenaga=form.instance, oleh=request.user),
        pesan=lambda obj: f"Data {obj.nama} disimpan.",
        ke=lambda obj: reverse("psks:sdm_detail", args=[obj.pk]),
        judul=f"Ubah {t.nama}" if t else "Tenaga/pekerja sosial baru",
        batal=reverse("psks:sdm_detail", args=[t.pk]) if t else reverse("psks:sdm_list"),
        keterangan=f"Sumber daya manusia PSKS ({aturan.ASH} Pasal 33–37): kualifikasi "
        "paling sedikit pelatihan/pendidikan di bidang kesejahteraan sosial dan pengalaman "
        "pelayanan sosial.",
    )  # fmt: skip


def _tambah_ke(form, induk, nama, fungsi, kw, oleh):
    """Attach the form's new row to its parent record, then run the service that adds it."""
    setattr(form.instance, nama, induk)
    return jalankan(form, fungsi, **{kw: form.instance}, oleh=oleh)


@_kelola("GET", "POST")
def lisensi_baru(request, pk):
    t = get_object_or_404(TenagaSosial, pk=pk)
    form = LisensiForm(
        request.POST or None,
        initial={"jenis": Lisensi.Jenis.IZIN_PRAKTIK, "penerbit": "Kementerian Sosial RI"},
    )
    kembali = reverse("psks:sdm_detail", args=[t.pk])
    return formulir(
        request, form,
        lambda d: _tambah_ke(form, t, "tenaga", services.lisensi_tambah, "lisensi", request.user),
        pesan=lambda _: "Sertifikat/izin praktik dicatat.", ke=lambda _: kembali,
        judul=f"Sertifikat/izin praktik — {t.nama}", batal=kembali,
        keterangan="Pekerja Sosial Profesional dapat praktik setelah memperoleh izin praktik "
        "dari Menteri dengan melampirkan sertifikat kompetensi (Pasal 35 ayat (3); aturan S2).",
    )  # fmt: skip


@_kelola("GET", "POST")
def lisensi_cabut(request, pk):
    lis = get_object_or_404(Lisensi.objects.select_related("tenaga"), pk=pk)
    form = CabutForm(request.POST or None, initial={"tanggal": timezone.localdate()})
    kembali = reverse("psks:sdm_detail", args=[lis.tenaga_id])
    return formulir(
        request, form,
        lambda d: jalankan(
            form, services.lisensi_cabut, lisensi=lis, tanggal=d["tanggal"], alasan=d["alasan"],
            oleh=request.user,
        ),
        pesan=lambda _: f"{lis} dicatat dicabut.", ke=lambda _: kembali,
        judul=f"Cabut/bekukan {lis}", tombol="Catat pencabutan", batal=kembali,
    )  # fmt: skip


@_kelola("GET", "POST")
def pelatihan_baru(request, pk):
    t = get_object_or_404(TenagaSosial, pk=pk)
    form = PelatihanForm(request.POST or None)
    kembali = reverse("psks:sdm_detail", args=[t.pk])
    return formulir(
        request, form,
        lambda d: _tambah_ke(
            form, t, "tenaga", services.pelatihan_tambah, "pelatihan", request.user
        ),
        pesan=lambda _: "Pelatihan dicatat.", ke=lambda _: kembali,
        judul=f"Pelatihan/pembinaan teknis — {t.nama}", batal=kembali,
        keterangan="Pembinaan teknis meliputi standar kompetensi dan pengembangan "
        f"({aturan.ASH} Pasal 38 ayat (2)).",
    )  # fmt: skip


# --- Lembaga --------------------------------------------------------------------------------


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
            "riwayat": riwayat(request, lem) if boleh_lihat_sdm(u) else None,
            "boleh_kelola": boleh(u, Izin.KELOLA_PSKS),
            "wilayah_terbatas": not boleh_lihat_sdm(u),
            "hari_ini": timezone.localdate(),
            "peringatan": [w for w in peringatan_kedaluwarsa() if w["objek"] == lem]
            if boleh_lihat_sdm(u)
            else [],
        },
    )


@_kelola("GET", "POST")
def lembaga_simpan(request, pk=None):
    lem = get_object_or_404(Lembaga, pk=pk) if pk else None
    form = LembagaForm(request.POST or None, instance=lem)
    return formulir(
        request, form,
        lambda d: jalankan(
            form, services.lembaga_simpan, lembaga=form.instance, oleh=request.user
        ),
        pesan=lambda obj: f"Data {obj.nama} disimpan.",
        ke=lambda obj: reverse("psks:lembaga_detail", args=[obj.pk]),
        judul=f"Ubah {lem.nama}" if lem else "Lembaga baru",
        batal=reverse("psks:lembaga_detail", args=[lem.pk]) if lem
        else reverse("psks:lembaga_list"),
        keterangan="LK3, lembaga kesejahteraan sosial dan organisasi sosial lainnya, atau "
        f"wahana kesejahteraan sosial ({aturan.ASH} Pasal 32).",
    )  # fmt: skip


@_kelola("GET", "POST")
def akreditasi_baru(request, pk):
    lem = get_object_or_404(Lembaga, pk=pk)
    form = AkreditasiForm(request.POST or None, initial={"tahun": timezone.localdate().year})
    kembali = reverse("psks:lembaga_detail", args=[lem.pk])
    return formulir(
        request, form,
        lambda d: _tambah_ke(
            form, lem, "lembaga", services.akreditasi_tambah, "akreditasi", request.user
        ),
        pesan=lambda _: "Akreditasi dicatat.", ke=lambda _: kembali,
        judul=f"Akreditasi — {lem.nama}", batal=kembali,
    )  # fmt: skip


@_kelola("GET", "POST")
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


@_kelola("GET", "POST")
def klien_lembaga_keluar(request, pk):
    kl = get_object_or_404(
        scope(request.user, KlienLembaga).select_related("klien", "lembaga"), pk=pk
    )
    form = TanggalTeksForm(request.POST or None, label_teks="Keterangan keluar", teks_wajib=False)
    kembali = reverse("psks:lembaga_detail", args=[kl.lembaga_id])
    return formulir(
        request, form,
        lambda d: jalankan(
            form, services.klien_lembaga_keluar, klien_lembaga=kl, tanggal=d["tanggal"],
            keterangan=d["teks"], oleh=request.user,
        ),
        pesan=lambda _: f"{kl.klien.nama} dicatat keluar.", ke=lambda _: kembali,
        judul=f"Klien keluar — {kl.klien.nama} dari {kl.lembaga.nama}", batal=kembali,
    )  # fmt: skip


# --- Programmes (ASH 41) ----------------------------------------------------------------------


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


@_kelola("GET", "POST")
def program_simpan(request, pk=None):
    prog = get_object_or_404(ProgramLayanan, pk=pk) if pk else None
    form = ProgramForm(
        request.POST or None,
        instance=prog,
        initial=None if prog else {"tahun_anggaran": timezone.localdate().year},
    )
    daftar = reverse("psks:program_list")
    return formulir(
        request, form,
        lambda d: jalankan(
            form, services.program_simpan, program=form.instance, oleh=request.user
        ),
        pesan=lambda _: "Program disimpan.", ke=lambda _: daftar,
        judul=f"Ubah program {prog.nama}" if prog else "Program layanan baru", batal=daftar,
        keterangan="Setiap program mencatat sumber dananya: APBN, APBD Provinsi, APBD, atau "
        f"sumber lain yang sah dan tidak mengikat ({aturan.ASH} Pasal 41).",
    )  # fmt: skip


# --- Peningkatan peran serta (S5; ASH 24–27) -----------------------------------------------


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
            "riwayat": riwayat(request, k),
        },
    )


@login_required
@perlu_kabupaten
def peran_serta_detail(request, pk):
    k = get_object_or_404(PeranSerta.objects.select_related("lembaga", "tenaga", "program"), pk=pk)
    return _peran_serta_halaman(request, k)


@_kelola("GET", "POST")
def peran_serta_baru(request):
    form = PeranSertaForm(request.POST or None)
    isian = ("nama_kegiatan", "lembaga", "tenaga", "kriteria", "cara", "bentuk", "program")
    return formulir(
        request, form,
        lambda d: jalankan(
            form, services.peran_serta_buat, **{n: d[n] for n in isian},
            tanggal_mulai=d["tanggal_mulai"], catatan=d["catatan"], oleh=request.user,
        ),
        pesan=lambda k: f"{k.nomor} dicatat.",
        ke=lambda k: reverse("psks:peran_serta_detail", args=[k.pk]),
        judul="Peningkatan peran serta lembaga/perseorangan",
        batal=reverse("psks:peran_serta_list"),
        keterangan="Pembinaan Lembaga Kesejahteraan Sosial (Pasal 25) atau peningkatan peran "
        "serta perseorangan (Pasal 26), melalui tahap persiapan → pelaksanaan → pendayagunaan "
        "berkelanjutan (Pasal 27; aturan S5).",
    )  # fmt: skip


@_kelola("POST")
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
