"""The one flow every service to a PPKS follows (S3–S7): take up the SLRT referral it was
opened for, record its stages in the regulation's order, end it, and close the referral.

A kind of service is described once by an `Alur` (its model, the capability it needs, its
stage table and the rule it cites); `tahap_catat()` and `akhiri_layanan()` run every kind's
stage and end steps, so a rule about stages or endings is written here only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, NotRequired, TypedDict, TypeVar, cast

from django.db.models import Model

from dinsos.audit import catat
from dinsos.format import tanggal as fmt_tanggal
from dinsos.models import User
from dinsos.services import kunci_untuk, simpan
from ppks.models import Perseorangan

from ..aturan import ASH
from ..models import (
    JaminanSosial,
    KasusRehabilitasi,
    PemberdayaanSosial,
    PeranSerta,
    PerlindunganSosial,
    PermintaanLayanan,
    ProgramLayanan,
    Rujukan,
    Status,
)
from ._dasar import (
    A,
    Pilihan,
    buat,
    bukan_masa_depan,
    cek_program,
    perlu,
    status_berubah,
    tolak,
    wilayah,
)

Bertahap = KasusRehabilitasi | JaminanSosial | PeranSerta
Layanan = KasusRehabilitasi | JaminanSosial | PemberdayaanSosial | PerlindunganSosial
L = TypeVar("L", KasusRehabilitasi, JaminanSosial, PemberdayaanSosial, PerlindunganSosial)
B = TypeVar("B", KasusRehabilitasi, JaminanSosial, PeranSerta)
KlienCocok = Callable[[Perseorangan], bool]
M_ = TypeVar("M_", bound=Model)
R = TypeVar("R", bound=Model)


@dataclass(frozen=True)
class Alur(Generic[R]):
    """One kind of service: what it needs and how its stages run."""

    model: type[R]
    izin: str
    program: str  # ProgramLayanan.Jenis the service is funded from (ASH 41)
    tujuan: str = ""  # Rujukan.Tujuan of the referrals it takes up (S7), if any
    tahap_model: type[Model] | None = None
    tahap_fk: str = ""
    tahap_pilihan: Pilihan = ()
    aturan: str = ""
    pasal: str = ""
    # The referral's outcome when the last stage closes the service.
    tuntas: Callable[[Any, dt.date], str] | None = None
    # Kabupaten-wide records (peran serta) name their desa path for the lock.
    desa_field: str | None = None

    def kunci(self, obj: M_, oleh: User) -> M_:
        """The role check, then the record loaded again and locked in the user's scope."""
        perlu(oleh, self.izin)
        return kunci_untuk(oleh, type(obj), obj, desa_field=self.desa_field)


# --- SLRT referrals: shared by every service that takes one up (S7) ---------------------


def perbarui_permintaan(permintaan: PermintaanLayanan, oleh: User) -> None:
    """A request is 'dirujuk' while a referral is open and 'selesai' once all are closed.

    A follow-up of a step the user was allowed to take: the request is locked as it is, since
    a family's or group's referral may name a member living outside the user's wilayah."""
    p = PermintaanLayanan.objects.select_for_update().get(pk=permintaan.pk)
    statuses = set(p.rujukan.values_list("status", flat=True))
    S = PermintaanLayanan.StatusPermintaan
    if statuses & set(Rujukan.TERBUKA):
        baru = S.DIRUJUK
    elif statuses:
        baru = S.SELESAI
    else:
        return
    if baru != p.status:
        lama = p.status
        p.status = baru
        status_berubah(
            p, oleh=oleh, lama=lama, baru=baru, validasi=False, update_fields=["status", "diubah"]
        )


def rujukan_berubah(r: Rujukan, *, oleh: User, lama: str, alasan: str = "") -> Rujukan:
    """Save a referral's new status, record it, and bring its request's status along (S7)."""
    status_berubah(r, oleh=oleh, lama=lama, baru=r.status, alasan=alasan)
    perbarui_permintaan(r.permintaan, oleh)
    return r


def ambil_rujukan(
    rujukan: Rujukan, *, tujuan: str, klien_cocok: KlienCocok, tanggal: dt.date, oleh: User
) -> Rujukan:
    """Take up a referral for a service being created: it must be open, to this kind of
    service, about this client; an unanswered referral is accepted on the service's date."""
    r = kunci_untuk(oleh, Rujukan, rujukan)
    if r.tujuan != tujuan:
        tolak(
            f"Rujukan {r.nomor} ditujukan ke {r.get_tujuan_display().lower()}, bukan ke layanan "
            "ini.",
            code="s7_rujukan_tujuan",
        )
    if not klien_cocok(r.permintaan.klien):
        tolak(f"Rujukan {r.nomor} adalah untuk orang lain.", code="s7_rujukan_klien")
    if not r.terbuka:
        tolak(
            f"Rujukan {r.nomor} sudah {r.get_status_display().lower()}.", code="s7_rujukan_status"
        )
    if r.layanan is not None:
        tolak(f"Rujukan {r.nomor} sudah ditindaklanjuti dengan {r.layanan}.", code="s7_rujukan")
    if tanggal < r.tanggal_rujuk:
        tolak(
            f"Tanggal mulai layanan ({fmt_tanggal(tanggal)}) tidak boleh sebelum tanggal rujukan "
            f"({fmt_tanggal(r.tanggal_rujuk)}).",
            code="s7_rujukan_tanggal",
        )
    if r.status == Rujukan.StatusRujukan.DIRUJUK:
        r.status = Rujukan.StatusRujukan.DITERIMA
        r.tanggal_diterima = tanggal
        rujukan_berubah(r, oleh=oleh, lama="dirujuk", alasan="Diterima dengan dibukanya layanan.")
    return r


def rujukan_tuntas(rujukan_id: int | None, *, tanggal: dt.date, hasil: str, oleh: User) -> None:
    """The service a referral led to has ended: the referral's outcome is recorded (S7)."""
    if not rujukan_id:
        return
    # Locked as it is, like the request in perbarui_permintaan().
    r = Rujukan.objects.select_for_update().get(pk=rujukan_id)
    if r.status != Rujukan.StatusRujukan.DITERIMA or r.tanggal_diterima is None:
        return
    r.status = Rujukan.StatusRujukan.SELESAI
    r.tanggal_hasil = max(tanggal, r.tanggal_diterima)
    r.hasil = hasil
    rujukan_berubah(r, oleh=oleh, lama="diterima", alasan=hasil)


def klien_sama(klien: Perseorangan) -> KlienCocok:
    return lambda orang: orang.pk == klien.pk


class Awal(TypedDict):
    """What every new service is opened with, besides the acting user: the programme it is
    funded from (ASH 41), its start date and the officer's notes."""

    program: ProgramLayanan
    tanggal_mulai: dt.date
    catatan: NotRequired[str]


class AwalRujukan(Awal):
    """The same, for the kinds that take up an SLRT referral (S7)."""

    rujukan: NotRequired[Rujukan | None]


def mulai(
    alur: Alur[Any],
    awal: Awal,
    *,
    oleh: User,
    desa: str | None = None,
    cek: Callable[[], object] | None = None,
) -> None:
    """The checks every new service starts with: role, the subject's wilayah (kabupaten-wide
    kinds have none), the date, the kind's own check on the subject, the programme (ASH 41)."""
    perlu(oleh, alur.izin)
    if alur.desa_field is None:
        wilayah(oleh, desa)
    bukan_masa_depan(awal["tanggal_mulai"], "Tanggal mulai")
    if cek is not None:
        cek()
    cek_program(awal["program"], alur.program)


def layanan_baru(
    alur: Alur[R],
    awal: Awal,
    *,
    oleh: User,
    klien_cocok: KlienCocok | None = None,
    **kolom: Any,
) -> R:
    """Create a service record once the kind's own checks have passed: the referral it was
    opened for is taken up (S7; kinds with a `tujuan` only), the row is built from `awal`,
    the creator and the kind's own `kolom`, saved through the kit and its creation recorded
    (B9)."""
    tanggal_mulai = awal["tanggal_mulai"]
    if alur.tujuan:
        assert klien_cocok is not None, "a kind that takes up referrals names its client check"
        kolom["rujukan"] = terima_rujukan(
            alur,
            cast(AwalRujukan, awal).get("rujukan"),  # kinds with a tujuan are opened with one
            klien_cocok=klien_cocok,
            tanggal=tanggal_mulai,
            oleh=oleh,
        )
    obj = alur.model(
        **kolom,
        program=awal["program"],
        tanggal_mulai=tanggal_mulai,
        catatan=awal.get("catatan") or "",
        dibuat_oleh=oleh,
    )
    return buat(obj, oleh=oleh)


def terima_rujukan(
    alur: Alur,
    rujukan: Rujukan | None,
    *,
    klien_cocok: KlienCocok,
    tanggal: dt.date,
    oleh: User,
) -> Rujukan | None:
    if rujukan is None:
        return None
    return ambil_rujukan(
        rujukan, tujuan=alur.tujuan, klien_cocok=klien_cocok, tanggal=tanggal, oleh=oleh
    )


# --- Stages, shared by S3, S4 and S5 -----------------------------------------------------


def _cek_urutan(alur: Alur, obj: Bertahap, sudah: list[Any], tahap: str, tanggal: dt.date) -> None:
    """Refuses a skipped stage, a stage already recorded (no going back), a date before the
    previous stage, a future date."""
    label = dict(alur.tahap_pilihan)
    urutan = list(label)
    if obj.status != Status.AKTIF:
        tolak(
            f"{obj} sudah {obj.get_status_display().lower()}; tahap tidak dapat dicatat lagi.",
            code="status",
        )
    if tahap not in urutan:
        tolak(f"Tahap {tahap!r} tidak dikenal.", code="tahap_tidak_dikenal", field="tahap")
    dicatat = {t.tahap: t for t in sudah}
    berikut = urutan[len(sudah)]
    rujukan = f"(aturan {alur.aturan}; {ASH} {alur.pasal})"
    code = f"{alur.aturan.lower()}_urutan"
    if tahap in dicatat:
        tolak(
            f"Tahap {label[tahap]} sudah dicatat pada {fmt_tanggal(dicatat[tahap].tanggal)}; "
            f"tahapan tidak dapat diulang atau dikembalikan. Tahap berikutnya adalah "
            f"{label[berikut]} {rujukan}.",
            code=code,
            field="tahap",
        )
    if tahap != berikut:
        tolak(
            f"Tahap {label[tahap]} tidak dapat dicatat sebelum tahap {label[berikut]}. Tahapan "
            f"dilaksanakan berurutan: {' → '.join(label.values())} {rujukan}.",
            code=code,
            field="tahap",
        )
    bukan_masa_depan(tanggal, "Tanggal tahap")
    if sudah:
        batas, nama_batas = sudah[-1].tanggal, f"tahap {label[sudah[-1].tahap]}"
    else:
        batas, nama_batas = obj.tanggal_mulai, "mulai layanan"
    if tanggal < batas:
        tolak(
            f"Tanggal tahap {label[tahap]} ({fmt_tanggal(tanggal)}) tidak boleh sebelum tanggal "
            f"{nama_batas} ({fmt_tanggal(batas)}) {rujukan}.",
            code="tanggal_mundur",
            field="tanggal",
        )


def tahap_catat(
    alur: Alur[Any],
    obj: B,
    tahap: str,
    *,
    tanggal: dt.date,
    catatan: str = "",
    oleh: User,
    sebelum: Callable[[B, str, dt.date], dict[str, Any]] | None = None,
) -> Model:
    """Record the next stage of a service (S3, S4, S5): role, lock, the kind's own check
    (`sebelum`, on the locked record, returning extra columns of the stage row), order and
    dates; the last stage closes the service and the referral it came from."""
    obj = alur.kunci(obj, oleh)
    assert alur.tahap_model is not None
    extra = sebelum(obj, tahap, tanggal) if sebelum else {}
    label = dict(alur.tahap_pilihan)
    sudah = list(
        alur.tahap_model._default_manager.filter(**{alur.tahap_fk: obj}).order_by("urutan")
    )
    _cek_urutan(alur, obj, sudah, tahap, tanggal)
    baris = alur.tahap_model(
        **{alur.tahap_fk: obj},
        tahap=tahap,
        urutan=len(sudah) + 1,
        tanggal=tanggal,
        catatan=catatan or "",
        dicatat_oleh=oleh,
        **extra,
    )
    simpan(baris)
    lama = obj.tahap_terakhir
    obj.tahap_terakhir = tahap
    perubahan = {"tahap": [label.get(lama), label[tahap]]}
    selesai = len(sudah) + 1 == len(label)
    fields = ["tahap_terakhir", "diubah"]
    if selesai:
        obj.status = Status.SELESAI
        obj.tanggal_selesai = tanggal
        fields += ["status", "tanggal_selesai"]
        perubahan["status"] = [Status.AKTIF.value, Status.SELESAI.value]
    obj.save(update_fields=fields)
    catat(pengguna=oleh, aksi=A.STATUS, obj=obj, perubahan=perubahan, alasan=catatan or "")
    if selesai and alur.tuntas is not None:
        rujukan_tuntas(
            getattr(obj, "rujukan_id", None),
            tanggal=tanggal,
            hasil=alur.tuntas(obj, tanggal),
            oleh=oleh,
        )
    return baris


def akhiri_layanan(
    alur: Alur[Any], obj: L, status: str, *, tanggal: dt.date, hasil: str, oleh: User
) -> L:
    """Finish (selesai) or stop (dihentikan) a running service with its outcome or reason;
    the referral it came from is closed with it (S7)."""
    obj = alur.kunci(obj, oleh)
    if obj.status != Status.AKTIF:
        tolak(f"{obj} sudah {obj.get_status_display().lower()}.", code="status")
    if not (hasil or "").strip():
        tolak(
            "Isi hasil layanan." if status == Status.SELESAI else "Isi alasan penghentian.",
            field="hasil",
        )
    bukan_masa_depan(tanggal, "Tanggal")
    if tanggal < obj.tanggal_mulai:
        tolak("Tanggal tidak boleh sebelum tanggal mulai layanan.", field="tanggal")
    lama = obj.status
    obj.status = status
    obj.tanggal_selesai = tanggal
    obj.hasil = (hasil or "").strip()
    status_berubah(obj, oleh=oleh, lama=lama, baru=status, alasan=hasil)
    kata = "selesai" if status == Status.SELESAI else "dihentikan"
    rujukan_tuntas(
        obj.rujukan_id,
        tanggal=tanggal,
        hasil=f"{obj} {kata} pada {fmt_tanggal(tanggal)}. {hasil}".strip(),
        oleh=oleh,
    )
    return obj
