"""Reads of the registry, always through the user's wilayah (dinsos.akses.scope).

The list must stay fast at a million persons on PostgreSQL: no COUNT(*) on page load, a
keyset pager on the primary key, and a constant number of queries per page whatever the
number of rows (one for the page, one prefetch for the categories, one per filter choice list).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, Model, OuterRef, Prefetch, Q, QuerySet

from dinsos import akses
from dinsos.models import Desa, Kecamatan, Riwayat, User
from dinsos.riwayat import riwayat_tampil

from . import nik as nikmod
from .models import (
    KategoriPMKS,
    Kelompok,
    Keluarga,
    Komunitas,
    Perseorangan,
    Registrasi,
    StatusDTSEN,
)

UKURAN_HALAMAN = 50


class PunyaPengguna(Protocol):
    """A request, or a stand-in for one outside a request (an export job): it has a user."""

    user: Any


# The four kinds of registrant a registration may belong to (R1).
Subjek = Perseorangan | Keluarga | Kelompok | Komunitas


# --- pager -----------------------------------------------------------------------------------


@dataclass
class Halaman:
    """One page of a keyset pager: `berikutnya` / `sebelumnya` are the ids for the links."""

    items: list[Any] = field(default_factory=list)
    berikutnya: int | None = None  # ?sebelum=<id>: older rows
    sebelumnya: int | None = None  # ?sesudah=<id>: newer rows


def _int_atau_none(nilai: Any) -> int | None:
    try:
        n = int(nilai)
    except (TypeError, ValueError):
        return None
    return n if n > 0 else None


def halaman(
    qs: QuerySet[Any], params: Mapping[str, Any] | None = None, ukuran: int = UKURAN_HALAMAN
) -> Halaman:
    """Fetch `ukuran + 1` rows ordered by -id after/before a key: no COUNT, no deep OFFSET."""
    params = params or {}
    sebelum = _int_atau_none(params.get("sebelum"))
    sesudah = _int_atau_none(params.get("sesudah"))
    if sesudah is not None:
        rows = list(qs.filter(pk__gt=sesudah).order_by("pk")[: ukuran + 1])
        if rows:
            ada_lebih_baru = len(rows) > ukuran
            rows = rows[:ukuran][::-1]
            return Halaman(
                items=rows,
                berikutnya=rows[-1].pk,
                sebelumnya=rows[0].pk if ada_lebih_baru else None,
            )
        sebelum = None  # nothing newer: show the first page
    q = qs.order_by("-pk")
    if sebelum is not None:
        q = q.filter(pk__lt=sebelum)
    rows = list(q[: ukuran + 1])
    ada_lagi = len(rows) > ukuran
    rows = rows[:ukuran]
    return Halaman(
        items=rows,
        berikutnya=rows[-1].pk if ada_lagi else None,
        sebelumnya=rows[0].pk if (sebelum is not None and rows) else None,
    )


# --- persons ---------------------------------------------------------------------------------


def registrasi_aktif_prefetch() -> Prefetch:
    return Prefetch(
        "registrasi",
        queryset=Registrasi.objects.filter(status=Registrasi.Status.AKTIF)
        .select_related("kategori")
        .order_by("kategori__kode"),
        to_attr="registrasi_aktif",
    )


def perseorangan_untuk(user: User) -> QuerySet[Perseorangan]:
    """Persons the user may see, with what a list row shows, in two queries per page."""
    return (
        akses.scope(user, Perseorangan)
        .select_related("desa__kecamatan")
        .prefetch_related(registrasi_aktif_prefetch())
    )


def _desa_pilihan(request: PunyaPengguna) -> QuerySet[Desa]:
    return akses.desa_untuk(request.user).order_by("kecamatan__nama", "nama")


def _kecamatan_pilihan(request: PunyaPengguna) -> QuerySet[Kecamatan]:
    return akses.kecamatan_untuk(request.user).order_by("nama")


class PerseoranganFilter(django_filters.FilterSet):
    """Filters of the registry list. NIK is accepted only from a POST body (see views.daftar)."""

    nama = django_filters.CharFilter(label="Nama (sebagian)", method="saring_nama")
    nik = django_filters.CharFilter(label="NIK", method="saring_nik")
    kategori = django_filters.ModelChoiceFilter(
        label="Kategori PMKS",
        queryset=KategoriPMKS.objects.all(),
        to_field_name="kode",
        method="lewati",
        empty_label="Semua kategori",
    )
    status = django_filters.ChoiceFilter(
        label="Status registrasi",
        choices=Registrasi.Status.choices,
        method="lewati",
        empty_label="Semua status",
    )
    kecamatan = django_filters.ModelChoiceFilter(
        label="Kecamatan",
        field_name="desa__kecamatan",
        queryset=_kecamatan_pilihan,
        method="saring_wilayah",
        empty_label="Semua kecamatan",
    )
    desa = django_filters.ModelChoiceFilter(
        label="Desa/kelurahan",
        field_name="desa",
        queryset=_desa_pilihan,
        method="saring_wilayah",
        empty_label="Semua desa/kelurahan",
    )
    dtsen = django_filters.ChoiceFilter(
        label="Status DTSEN",
        field_name="status_dtsen",
        choices=StatusDTSEN.choices,
        empty_label="Semua",
    )

    class Meta:
        model = Perseorangan
        fields: list[str] = []

    def saring_nama(
        self, qs: QuerySet[Perseorangan], name: str, value: str
    ) -> QuerySet[Perseorangan]:
        value = " ".join(value.split())
        # On PostgreSQL this is UPPER(nama) LIKE UPPER('%…%'), served by the trigram index.
        return qs.filter(nama__icontains=value) if value else qs

    def saring_nik(
        self, qs: QuerySet[Perseorangan], name: str, value: str
    ) -> QuerySet[Perseorangan]:
        value = nikmod.normalisasi(value.strip())
        return qs.filter(nik=value) if value else qs

    def lewati(
        self, qs: QuerySet[Perseorangan], name: str, value: object
    ) -> QuerySet[Perseorangan]:
        return qs  # kategori and status combine into one EXISTS in filter_queryset

    def _kategori_aktif(self) -> bool:
        data = self.form.cleaned_data
        return bool(data.get("kategori")) and data.get("status") in (
            None,
            "",
            Registrasi.Status.AKTIF,
        )

    def saring_wilayah(
        self, qs: QuerySet[Perseorangan], name: str, value: Model
    ) -> QuerySet[Perseorangan]:
        if self._kategori_aktif():
            return qs  # applied to the registration in filter_queryset
        return qs.filter(**{name: value})

    def filter_queryset(self, queryset: QuerySet[Perseorangan]) -> QuerySet[Perseorangan]:
        queryset = super().filter_queryset(queryset)
        kategori = self.form.cleaned_data.get("kategori")
        status = self.form.cleaned_data.get("status")
        if self._kategori_aktif():
            # Flat at a million rows (docs/performance.md): a person has at most one active
            # registration per category (satu_registrasi_aktif_per_orang_kategori), so a join
            # adds no duplicate and lets PostgreSQL walk the index (kategori, status,
            # perseorangan) INCLUDE (desa) in id order and stop after one page. Registrasi.desa
            # is the person's desa (services keep it in step), so the desa/kecamatan filter is
            # checked in that index before any person row is read.
            syarat = {
                "registrasi__kategori": kategori,
                "registrasi__status": Registrasi.Status.AKTIF,
            }
            if self.form.cleaned_data.get("desa"):
                syarat["registrasi__desa"] = self.form.cleaned_data["desa"]
            if self.form.cleaned_data.get("kecamatan"):
                syarat["registrasi__desa__kecamatan"] = self.form.cleaned_data["kecamatan"]
            return queryset.filter(**syarat)
        if kategori or status:
            reg = Registrasi.objects.filter(perseorangan=OuterRef("pk"))
            if kategori:
                reg = reg.filter(kategori=kategori)
            # A category filter alone means "currently in this category": active registrations.
            reg = reg.filter(status=status or Registrasi.Status.AKTIF)
            queryset = queryset.filter(Exists(reg))
        return queryset

    def saringan_dipakai(self) -> dict[str, str]:
        """The filters in use, for the export log: labels and values, never a NIK."""
        if not self.form.is_valid():
            return {}
        hasil: dict[str, str] = {}
        for nama, nilai in self.form.cleaned_data.items():
            if nilai in (None, ""):
                continue
            hasil[nama] = "(disaring, tidak dicatat)" if nama == "nik" else str(nilai)
        return hasil


def saring_perseorangan(
    request: PunyaPengguna, data: Mapping[str, Any] | None
) -> PerseoranganFilter:
    return PerseoranganFilter(data, queryset=perseorangan_untuk(request.user), request=request)


def cari_orang(user: User, teks: str) -> Perseorangan | None:
    """A person the user may see, by NIK or registry number (R6: persons without NIK)."""
    teks = (teks or "").strip()
    if not teks:
        return None
    qs = akses.scope(user, Perseorangan)
    nik = nikmod.normalisasi(teks)
    if nik.isdigit() and len(nik) == 16:
        return qs.filter(nik=nik).first()
    return qs.filter(nomor_registrasi=teks.upper()).first()


# --- other registrants -----------------------------------------------------------------------


def keluarga_untuk(user: User) -> QuerySet[Keluarga]:
    return akses.scope(user, Keluarga).select_related("kepala", "desa__kecamatan")


def kelompok_untuk(user: User) -> QuerySet[Kelompok]:
    return (
        akses.scope(user, Kelompok)
        .select_related("ketua", "desa__kecamatan")
        .annotate(jumlah_anggota=Count("anggota", distinct=True))
    )


def komunitas_untuk(user: User) -> QuerySet[Komunitas]:
    return akses.scope(user, Komunitas).select_related("desa__kecamatan")


# --- members ---------------------------------------------------------------------------------
# A family or group of one wilayah may hold a person of another (added by a kabupaten role).
# Its page shows such a member only as "anggota di luar wilayah Anda", with no name, number,
# NIK, birth date or link (rules section 4): the same scope as the person's own page, which is
# a 404 for that viewer.


def _terlihat(user: User) -> Exists:
    return Exists(akses.scope(user, Perseorangan).filter(pk=OuterRef("pk")))


def anggota_keluarga(user: User, kk: Keluarga) -> QuerySet[Perseorangan]:
    """The family's members, each with `terlihat`: whether the user's wilayah holds it."""
    return kk.anggota.select_related("desa").annotate(terlihat=_terlihat(user)).order_by("pk")


def anggota_kelompok(user: User, kel: Kelompok) -> QuerySet[Perseorangan]:
    """The group's members, each with `terlihat`, in name order with outsiders last (their
    names must not order the list either)."""
    return (
        kel.anggota.select_related("desa")
        .annotate(terlihat=_terlihat(user))
        .order_by("-terlihat", "nama", "pk")
    )


def orang_terlihat(user: User, orang_id: int | None) -> bool:
    """Whether a person one record points to (a family head, a group chair) is in scope."""
    return orang_id is not None and akses.scope(user, Perseorangan).filter(pk=orang_id).exists()


def nama_subjek(subjek: Subjek) -> str:
    """The field of Registrasi that points to this kind of registrant."""
    return subjek._meta.model_name or ""


def registrasi_subjek(subjek: Subjek) -> QuerySet[Registrasi]:
    return (
        Registrasi.objects.filter(**{nama_subjek(subjek): subjek})
        .select_related("kategori", "penilai")
        .prefetch_related("kriteria")
        .order_by("-tanggal_asesmen", "-pk")
    )


# --- history ---------------------------------------------------------------------------------


def riwayat_subjek(subjek: Subjek, batas: int | None = None) -> list[Riwayat]:
    """History of a registrant and of its registrations, newest first, in one query.

    The caller has already loaded `subjek` through the user's scope, so this shows exactly
    the history of a record the user may see (another wilayah's record is a 404 before this).
    """
    ct_subjek = ContentType.objects.get_for_model(subjek)
    ct_reg = ContentType.objects.get_for_model(Registrasi)
    reg_ids = [
        str(pk)
        for pk in Registrasi.objects.filter(**{nama_subjek(subjek): subjek}).values_list(
            "pk", flat=True
        )
    ]
    q = Q(content_type=ct_subjek, object_id=str(subjek.pk))
    if reg_ids:
        q |= Q(content_type=ct_reg, object_id__in=reg_ids)
    qs = Riwayat.objects.filter(q).select_related("pengguna").order_by("-waktu", "-pk")
    return list(qs[:batas] if batas else qs)


def riwayat_subjek_tampil(
    subjek: Subjek, user: User, batas: int | None = None
) -> list[dict[str, Any]]:
    """The registrant's history as the one display shows it to `user`. A registration's
    entry names only its category: its stored name starts with the registrant's, which for a
    family is its head's, who may be outside the user's wilayah (rules section 4)."""
    hasil = riwayat_tampil(riwayat_subjek(subjek, batas=batas), user)
    for r in hasil:
        if r["jenis"] == str(Registrasi._meta.verbose_name) and " — " in r["objek"]:
            r["objek"] = r["objek"].rsplit(" — ", 1)[1]
    return hasil


def judul_subjek(user: User, subjek: Subjek) -> str:
    """The registrant's title; a family is titled by its head only if the user may see him."""
    if isinstance(subjek, Keluarga) and not orang_terlihat(user, subjek.kepala_id):
        return (
            "Keluarga (kepala keluarga: anggota di luar wilayah Anda)"
            if subjek.kepala_id
            else str(subjek)
        )
    return str(subjek)


# --- dashboard -------------------------------------------------------------------------------


def hitungan_per_kategori(user: User) -> list[dict[str, Any]]:
    """Active registrations per category in the user's wilayah: one GROUP BY."""
    return list(
        akses.scope(user, Registrasi)
        .filter(status=Registrasi.Status.AKTIF)
        .values("kategori__kode", "kategori__nama")
        .annotate(jumlah=Count("pk"))
        .order_by("kategori__kode")
    )


def hitungan_per_kecamatan(user: User) -> list[dict[str, Any]]:
    """Registered persons per kecamatan in the user's wilayah: one GROUP BY."""
    return list(
        akses.scope(user, Perseorangan)
        .values("desa__kecamatan__kode", "desa__kecamatan__nama")
        .annotate(jumlah=Count("pk"))
        .order_by("desa__kecamatan__nama")
    )
