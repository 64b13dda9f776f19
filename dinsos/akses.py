"""Who may see and do what: the one place that scopes by role and wilayah.

Every page, export, file download and PDF that shows a record loads it through `scope()` or
`get_for_user_or_404()`, so a record outside the user's wilayah is a 404 — the same answer as
for a record that does not exist, which tells an outsider nothing.
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from .models import Desa, Kecamatan, Peran

# `user` below is whatever `request.user` holds: a `dinsos.models.User` or an AnonymousUser,
# hence `Any`; every function checks `is_authenticated` before it reads a role.
M = TypeVar("M", bound=Model)
P = ParamSpec("P")
R = TypeVar("R")
Rq = TypeVar("Rq", bound=HttpRequest)

# Roles that work across the whole kabupaten.
PERAN_KABUPATEN = frozenset(
    {
        Peran.PETUGAS_DINAS,
        Peran.TIM_VERIFIKASI,
        Peran.KEPALA_DINAS,
        Peran.BENDAHARA,
        Peran.ADMINISTRATOR,
    }
)


class Izin:
    """Capabilities, granted per role in IZIN_PERAN; names are greppable strings."""

    LIHAT_REGISTRI = "lihat_registri"
    UBAH_REGISTRI = "ubah_registri"
    IMPOR_REGISTRI = "impor_registri"
    EKSPOR = "ekspor"
    LIHAT_NIK_LENGKAP = "lihat_nik_lengkap"
    KELOLA_PSKS = "kelola_psks"
    LAYANAN_SOSIAL = "layanan_sosial"
    BANSOS_AJUKAN = "bansos_ajukan"
    BANSOS_KETAHUI = "bansos_ketahui"
    BANSOS_VERIFIKASI = "bansos_verifikasi"
    BANSOS_REKOMENDASI = "bansos_rekomendasi"
    BANSOS_CAIRKAN = "bansos_cairkan"
    CETAK_LAPORAN = "cetak_laporan"
    ATUR_SISTEM = "atur_sistem"


_SEMUA_LIHAT = {Izin.LIHAT_REGISTRI, Izin.EKSPOR}

IZIN_PERAN: dict[str, frozenset[str]] = {
    Peran.OPERATOR_DESA: frozenset(
        _SEMUA_LIHAT
        | {
            Izin.UBAH_REGISTRI,
            Izin.IMPOR_REGISTRI,
            Izin.LIHAT_NIK_LENGKAP,
            Izin.BANSOS_AJUKAN,
            Izin.LAYANAN_SOSIAL,
        }
    ),
    Peran.OPERATOR_KECAMATAN: frozenset(_SEMUA_LIHAT | {Izin.BANSOS_KETAHUI}),
    Peran.PETUGAS_DINAS: frozenset(
        _SEMUA_LIHAT
        | {
            Izin.UBAH_REGISTRI,
            Izin.IMPOR_REGISTRI,
            Izin.LIHAT_NIK_LENGKAP,
            Izin.BANSOS_AJUKAN,
            Izin.KELOLA_PSKS,
            Izin.LAYANAN_SOSIAL,
            Izin.CETAK_LAPORAN,
        }
    ),
    Peran.TIM_VERIFIKASI: frozenset(
        _SEMUA_LIHAT | {Izin.LIHAT_NIK_LENGKAP, Izin.BANSOS_VERIFIKASI, Izin.CETAK_LAPORAN}
    ),
    Peran.KEPALA_DINAS: frozenset(
        _SEMUA_LIHAT | {Izin.BANSOS_REKOMENDASI, Izin.CETAK_LAPORAN, Izin.KELOLA_PSKS}
    ),
    Peran.BENDAHARA: frozenset(_SEMUA_LIHAT | {Izin.BANSOS_CAIRKAN, Izin.CETAK_LAPORAN}),
    Peran.ADMINISTRATOR: frozenset(
        _SEMUA_LIHAT
        | {
            Izin.UBAH_REGISTRI,
            Izin.IMPOR_REGISTRI,
            Izin.LIHAT_NIK_LENGKAP,
            Izin.KELOLA_PSKS,
            Izin.CETAK_LAPORAN,
            Izin.ATUR_SISTEM,
        }
    ),
}


def boleh(user: Any, izin: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return izin in IZIN_PERAN.get(user.peran, frozenset())


def perlu_izin(
    *izin: str,
) -> Callable[[Callable[Concatenate[Rq, P], R]], Callable[Concatenate[Rq, P], R]]:
    """View decorator: 403 unless the user holds every named capability."""

    def decorator(view: Callable[Concatenate[Rq, P], R]) -> Callable[Concatenate[Rq, P], R]:
        @wraps(view)
        def wrapped(request: Rq, *args: P.args, **kwargs: P.kwargs) -> R:
            if not all(boleh(request.user, i) for i in izin):
                raise PermissionDenied("Peran Anda tidak berwenang untuk tindakan ini.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def wilayah_q(user: Any, desa_field: str = "desa") -> Q:
    """The rows of the kabupaten `user` may see, as a filter on the path to a Desa."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.peran == Peran.OPERATOR_DESA:
        return Q(**{desa_field: user.desa_id})
    if user.peran == Peran.OPERATOR_KECAMATAN:
        # On Desa itself (desa_field "pk") the kecamatan is a direct field.
        kec = "kecamatan" if desa_field in ("pk", "kode") else f"{desa_field}__kecamatan"
        return Q(**{kec: user.kecamatan_id})
    if user.peran in PERAN_KABUPATEN:
        return Q()
    return Q(pk__in=[])


def _desa_field(model: type[Model], desa_field: str | None) -> str:
    if desa_field:
        return desa_field
    try:
        # An optional class attribute of the scoped models; its absence is handled below.
        return model.WILAYAH_DESA_FIELD  # type: ignore[attr-defined]
    except AttributeError:
        raise TypeError(
            f"{model.__name__} tidak menyatakan WILAYAH_DESA_FIELD; sebutkan desa_field."
        ) from None


def scope(user: Any, qs: QuerySet[M] | type[M], desa_field: str | None = None) -> QuerySet[M]:
    """Restrict a queryset (or a model's default manager) to the user's wilayah."""
    if not isinstance(qs, QuerySet):
        qs = qs._default_manager.all()
    return qs.filter(wilayah_q(user, _desa_field(qs.model, desa_field)))


def get_for_user_or_404(
    user: Any, qs: QuerySet[M] | type[M], desa_field: str | None = None, **kw: Any
) -> M:
    return get_object_or_404(scope(user, qs, desa_field), **kw)


def desa_untuk(user: Any) -> QuerySet[Desa]:
    """The desa a user may choose in a form."""
    return Desa.objects.select_related("kecamatan").filter(wilayah_q(user, "pk"))


def kecamatan_untuk(user: Any) -> QuerySet[Kecamatan]:
    if getattr(user, "peran", None) == Peran.OPERATOR_DESA:
        return Kecamatan.objects.filter(desa_set=user.desa_id)
    if getattr(user, "peran", None) == Peran.OPERATOR_KECAMATAN:
        return Kecamatan.objects.filter(pk=user.kecamatan_id)
    if wilayah_q(user, "pk") == Q():
        return Kecamatan.objects.all()
    return Kecamatan.objects.none()


def dalam_wilayah(user: Any, desa: Desa | str | None) -> bool:
    if desa is None:
        return False
    kode = desa if isinstance(desa, str) else desa.pk
    return desa_untuk(user).filter(pk=kode).exists()


def peran_di(user: Any, peran: Iterable[str]) -> bool:
    return getattr(user, "is_authenticated", False) and user.peran in set(peran)
