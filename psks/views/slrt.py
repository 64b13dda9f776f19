"""SLRT pages (S7): requests, identified needs, referrals and their outcomes, and a person's
service history ("Riwayat layanan")."""

from collections.abc import Callable
from functools import partial
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from dinsos import masukan
from dinsos.akses import Izin, boleh, get_for_user_or_404
from ppks import pemilih
from ppks.models import Perseorangan

from .. import aturan, services
from ..forms import (
    AlasanForm,
    CariOrangForm,
    KebutuhanForm,
    PermintaanForm,
    RujukForm,
    TanggalTeksForm,
)
from ..models import PermintaanLayanan, Rujukan
from ..selectors import layanan_untuk_orang, slrt_tersaring
from ._bantu import formulir, halaman, halaman_form, jalankan, pengubah, riwayat

S = PermintaanLayanan.StatusPermintaan
R = Rujukan.StatusRujukan
_layanan = partial(pengubah, izin=Izin.LAYANAN_SOSIAL)

# Where a referral to a programme of this system is taken up.
URL_TINDAK_LANJUT = {
    Rujukan.Tujuan.REHABILITASI: ("psks:rehab_baru", "Buka kasus rehabilitasi"),
    Rujukan.Tujuan.JAMINAN: ("psks:jaminan_baru", "Catat jaminan sosial"),
    Rujukan.Tujuan.PEMBERDAYAAN: ("psks:pemberdayaan_baru", "Catat pemberdayaan sosial"),
    Rujukan.Tujuan.PERLINDUNGAN: ("psks:perlindungan_baru", "Catat perlindungan sosial"),
}


@login_required
def slrt_list(request, cari_form=None):
    f, qs = slrt_tersaring(request.user, request.GET)
    page, qstr = halaman(request, qs)
    return render(
        request,
        "psks/slrt_list.html",
        {
            "filter": f,
            "page": page,
            "qs": qstr,
            "cari": cari_form or CariOrangForm(user=request.user),
            "boleh_ubah": boleh(request.user, Izin.LAYANAN_SOSIAL),
        },
    )


@login_required
@require_http_methods(["POST"])
def cari(request):
    """Find a person by name, registry number or NIK (POST keeps the NIK out of the URL); a
    name lists the people it matches on the list page, to choose one."""
    form = CariOrangForm(request.POST, user=request.user)
    if form.is_valid():
        return redirect("psks:orang", form.cleaned_data["identitas"].pk)
    if cast(pemilih.PemilihOrangField, form.fields["identitas"]).calon:
        return slrt_list(request, cari_form=form)
    messages.error(request, "Orang tidak ditemukan di wilayah Anda.")
    return redirect("psks:slrt_list")


def _ke_detail(p):
    return reverse("psks:slrt_detail", args=[p.pk])


def _permintaan(request, pk):
    return get_for_user_or_404(
        request.user, PermintaanLayanan.objects.select_related("klien__desa", "dicatat_oleh"), pk=pk
    )


@login_required
def slrt_detail(request, pk):
    p = _permintaan(request, pk)
    boleh_ubah = boleh(request.user, Izin.LAYANAN_SOSIAL)
    rujukan = list(p.rujukan.select_related("dirujuk_oleh"))
    for r in rujukan:
        r.riwayat = riwayat(request, r)
        r.tindak_lanjut = None
        if r.tujuan in URL_TINDAK_LANJUT and r.terbuka and r.layanan is None:
            nama, label = URL_TINDAK_LANJUT[r.tujuan]
            r.tindak_lanjut = (reverse(nama) + f"?rujukan={r.pk}", label)
    return render(
        request,
        "psks/slrt_detail.html",
        {
            "p": p,
            "rujukan": rujukan,
            "boleh_ubah": boleh_ubah and p.status != S.DITUTUP,
            "boleh_tutup": boleh_ubah and p.status in (S.BARU, S.DIIDENTIFIKASI),
            "riwayat": riwayat(request, p),
        },
    )


@_layanan("GET", "POST")
def slrt_baru(request):
    klien = None
    kid = masukan.angka_id(request.GET.get("klien", ""))  # ASCII digits only
    if kid is not None:
        klien = get_for_user_or_404(request.user, Perseorangan, pk=kid)
    form = PermintaanForm(request.POST or None, user=request.user, klien=klien)
    isian = (
        "saluran",
        "tanggal",
        "uraian",
        "pelapor_nama",
        "pelapor_hubungan",
        "pelapor_telepon",
        "kebutuhan",
        "kebutuhan_catatan",
    )
    return formulir(
        request, form,
        lambda d: jalankan(
            form, services.slrt_permintaan_catat, klien=d["identitas_klien"],
            **{n: d[n] for n in isian}, oleh=request.user,
        ),
        pesan=lambda p: f"Permintaan {p.nomor} dicatat.", ke=_ke_detail,
        judul="Permintaan layanan SLRT baru", batal=reverse("psks:slrt_list"), klien=klien,
        keterangan="Layanan kesejahteraan sosial diberikan terpadu melalui SLRT "
        f"({aturan.ASH} Pasal 39–40): permintaan didaftar, kebutuhan diidentifikasi, lalu "
        "dirujuk ke program atau instansi dan hasilnya dicatat (aturan S7).",
    )  # fmt: skip


@_layanan("GET", "POST")
def slrt_kebutuhan(request, pk):
    p = _permintaan(request, pk)
    form = KebutuhanForm(
        request.POST or None, initial={"kebutuhan": p.kebutuhan, "catatan": p.kebutuhan_catatan}
    )
    return formulir(
        request, form,
        lambda d: jalankan(
            form, services.slrt_kebutuhan_catat, permintaan=p, kebutuhan=d["kebutuhan"],
            catatan=d["catatan"], oleh=request.user,
        ),
        pesan=lambda _: "Kebutuhan dicatat.", ke=lambda _: _ke_detail(p),
        judul=f"Identifikasi kebutuhan — {p.nomor}", batal=_ke_detail(p), klien=p.klien,
    )  # fmt: skip


@_layanan("GET", "POST")
def slrt_rujuk(request, pk):
    p = _permintaan(request, pk)
    form = RujukForm(request.POST or None)
    isian = ("tujuan", "tanggal", "instansi", "referensi", "keterangan")
    return formulir(
        request, form,
        lambda d: jalankan(
            form, services.slrt_rujuk, permintaan=p, **{n: d[n] for n in isian},
            oleh=request.user,
        ),
        pesan=lambda r: f"{p.klien.nama} dirujuk ke {r.tujuan_label}.",
        ke=lambda _: _ke_detail(p),
        judul=f"Rujuk — {p.nomor}", tombol="Rujuk", batal=_ke_detail(p), klien=p.klien,
        keterangan="Rujukan ke permohonan bansos dicatat dengan nomor permohonannya sebagai "
        "referensi; rujukan ke rehabilitasi, jaminan, pemberdayaan atau perlindungan sosial "
        "ditindaklanjuti dari halaman permintaan ini.",
    )  # fmt: skip


@_layanan("GET", "POST")
def slrt_tutup(request, pk):
    p = _permintaan(request, pk)
    form = AlasanForm(request.POST or None)
    return formulir(
        request, form,
        lambda d: jalankan(
            form, services.slrt_permintaan_tutup, permintaan=p, alasan=d["alasan"],
            oleh=request.user,
        ),
        pesan=lambda _: f"Permintaan {p.nomor} ditutup.", ke=lambda _: _ke_detail(p),
        judul=f"Tutup permintaan {p.nomor} tanpa rujukan", tombol="Tutup permintaan",
        batal=_ke_detail(p),
    )  # fmt: skip


_HASIL: dict[str, tuple[str, str, bool, Callable[..., Rujukan], str]] = {
    "terima": ("Terima rujukan", "Catatan", False, services.slrt_rujukan_terima, "catatan"),
    "selesai": ("Catat hasil rujukan", "Hasil", True, services.slrt_rujukan_selesai, "hasil"),
    "tolak": ("Tolak rujukan", "Alasan penolakan", True, services.slrt_rujukan_tolak, "alasan"),
}


@_layanan("GET", "POST")
def rujukan_hasil(request, pk, aksi):
    r = get_for_user_or_404(
        request.user, Rujukan.objects.select_related("permintaan__klien"), pk=pk
    )
    judul, label, wajib, fungsi, kw = _HASIL[aksi]
    form = TanggalTeksForm(request.POST or None, label_teks=label, teks_wajib=wajib)
    kembali = reverse("psks:slrt_detail", args=[r.permintaan_id])
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if jalankan(
            form, fungsi, rujukan=r, tanggal=d["tanggal"], oleh=request.user, **{kw: d["teks"]}
        ):
            messages.success(request, f"Rujukan {r.nomor} diperbarui.")
            return redirect(kembali)
    return halaman_form(
        request,
        judul=f"{judul} {r.nomor} — {r.tujuan_label}",
        form=form,
        batal=kembali,
        klien=r.permintaan.klien,
    )


@login_required
def orang(request, pk):
    """Riwayat layanan: every SLRT request, referral and service of one person (S7)."""
    o = get_for_user_or_404(request.user, Perseorangan.objects.select_related("desa"), pk=pk)
    return render(
        request,
        "psks/orang.html",
        {
            "o": o,
            "l": layanan_untuk_orang(o, request.user),
            "boleh_ubah": boleh(request.user, Izin.LAYANAN_SOSIAL),
        },
    )
