"""Eligibility: the rules that read rows other than the application itself.

- B1: the category is an active registration of the recipient (PCT 3); pengobatan only for a
  person without a jaminan kesehatan (PCT 5c);
- B2: the ceiling per jenis is a yearly total per recipient (PCT 6(1)); pengobatan never above
  the invoice, at cost for the categories of PCT 6(1)c.1;
- B3: once per Tahun Anggaran, korban bencana alam exempt (PCT 6(3)) — also the database's
  conditional unique key `bansos_sekali_setahun`, filled by `siapkan()`;
- B8: the pagu of the TA and jenis, summed over its sources, is not exceeded.

The services call these with the recipient row locked (`kunci_penerima`), and for B8 with the
pagu rows locked (`periksa_pagu` locks them): two officers acting at once are judged one after
the other. The models hold only the checks of their own row.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from dinsos.format import rupiah
from ppks.models import JaminanKesehatan, Kelompok, Perseorangan, Registrasi

from .aturan import pagu_terpakai
from .errors import AturanDilanggar
from .models import (
    LABEL_BATAS,
    NOL,
    PASAL_BATAS,
    PCT,
    STATUS_TIDAK_DIHITUNG,
    AturanTahunan,
    JenisBansos,
    Pagu,
    Permohonan,
)

__all__ = [
    "siapkan",
    "kunci_sekali_setahun",
    "lainnya_terhitung",
    "kunci_penerima",
    "periksa",
    "bersihkan_baru",
    "kunci_pagu",
    "periksa_pagu",
]


# --- derived fields ---------------------------------------------------------------------------


def kunci_sekali_setahun(p: Permohonan) -> str | None:
    """B3 key "<penerima>:<tahun>:<jenis|*>" of a counted application; None for a refused,
    withdrawn or exempt (korban bencana alam) one."""
    if (
        p.status in STATUS_TIDAK_DIHITUNG
        or not p.kategori_id
        or not p.tahun_anggaran
        or p.aturan.bebas_sekali_setahun(p.kategori_id)
    ):
        return None
    semua = p.aturan.sekali_setahun_lingkup == AturanTahunan.Lingkup.SEMUA_JENIS
    lingkup = "*" if semua else p.jenis
    return f"{p.penerima_kunci}:{p.tahun_anggaran}:{lingkup}"


def siapkan(p: Permohonan) -> None:
    """Fill every derived field before `full_clean()`: the row's own, then the B3 key."""
    p.siapkan()
    if p.penerima is not None:
        p.kunci_sekali_setahun = kunci_sekali_setahun(p)


def lainnya_terhitung(p: Permohonan) -> QuerySet[Permohonan]:
    """The recipient's other counted applications in the same TA (B2, B3)."""
    qs = Permohonan.objects.filter(
        penerima_kunci=p.penerima_kunci, tahun_anggaran=p.tahun_anggaran
    ).exclude(status__in=STATUS_TIDAK_DIHITUNG)
    if p.pk:
        qs = qs.exclude(pk=p.pk)
    return qs


# --- B1–B3 ------------------------------------------------------------------------------------


def kunci_penerima(p: Permohonan) -> None:
    """Lock the recipient's row: the yearly total (B2) and once-per-year (B3) checks of
    concurrent applications for one recipient then run one after another."""
    if p.perseorangan_id:
        Perseorangan.objects.select_for_update().filter(pk=p.perseorangan_id).exists()
    elif p.kelompok_id is not None:
        Kelompok.objects.select_for_update().filter(pk=p.kelompok_id).exists()


def periksa(p: Permohonan, jumlah: Decimal) -> None:
    """B1–B3 for `jumlah` (the amount asked, or the amount about to be recommended).

    Race-free only while the recipient row is locked (`kunci_penerima`). Sets `p.registrasi`
    to the active registration the application rests on.
    """
    jumlah = Decimal(jumlah)
    aturan = p.aturan
    _cek_registrasi(p)
    if p.jenis == JenisBansos.PENGOBATAN:
        _cek_jaminan(p)
        if p.biaya_tagihan is not None and jumlah > p.biaya_tagihan:
            raise ValidationError(
                {
                    "jumlah_diminta": (
                        f"Jumlah {rupiah(jumlah)} melebihi biaya menurut kuitansi dan rincian "
                        f"biaya {rupiah(p.biaya_tagihan)} ({PCT} Pasal 6 ayat (1) huruf c)."
                    )
                }
            )
        if p.sesuai_biaya:
            # PCT 6(1)c.1: at cost — bounded only by the invoice, checked above.
            _cek_sekali_setahun(p)
            return
    batas = aturan.batas_untuk(p.jenis)
    pesan_batas = (
        f"Melebihi batas {LABEL_BATAS[p.jenis]} {rupiah(batas)} per tahun anggaran "
        f"({PCT} {PASAL_BATAS[p.jenis]})."
    )
    if jumlah > batas:
        raise ValidationError({"jumlah_diminta": pesan_batas})
    # B2 reading: the ceiling is the yearly total per recipient and jenis; it still applies
    # to korban bencana alam, who may receive more than once (PCT 6(3)).
    sudah: Decimal = (
        lainnya_terhitung(p)
        .filter(jenis=p.jenis)
        .aggregate(
            t=Coalesce(
                Sum(Coalesce("rekomendasi__jumlah", "jumlah_diminta")),
                NOL,
                output_field=models.DecimalField(max_digits=15, decimal_places=2),
            )
        )["t"]
    )
    if sudah + jumlah > batas:
        raise ValidationError(
            {
                "jumlah_diminta": (
                    f"{pesan_batas[:-1]}: penerima sudah tercatat {rupiah(sudah)} pada tahun "
                    f"anggaran {p.tahun_anggaran}, sisa {rupiah(max(batas - sudah, NOL))}."
                )
            }
        )
    _cek_sekali_setahun(p)


def _cek_registrasi(p: Permohonan) -> None:
    """B1 / PCT 3: the category must be an ACTIVE registration of this recipient."""
    if not p.kategori_id:
        return
    q = Q(perseorangan_id=p.perseorangan_id) if p.perseorangan_id else Q(kelompok_id=p.kelompok_id)
    if p.keluarga_id:
        q |= Q(keluarga_id=p.keluarga_id)
    reg = (
        Registrasi.objects.filter(q, kategori_id=p.kategori_id, status="aktif")
        .order_by("-tanggal_asesmen", "-pk")
        .first()
    )
    if reg is None:
        raise ValidationError(
            {
                "kategori": (
                    "Penerima tidak terdaftar aktif sebagai PMKS kategori "
                    f"{p.kategori.nama}; bansos hanya bagi PMKS yang terdaftar "
                    f"({PCT} Pasal 3)."
                )
            }
        )
    p.registrasi = reg


def _cek_jaminan(p: Permohonan) -> None:
    """B1 / PCT 5 huruf c: pengobatan only for PMKS without a jaminan sosial for health."""
    if p.perseorangan is None:
        raise ValidationError(
            f"Bantuan pengobatan hanya untuk perseorangan (pasien) ({PCT} Pasal 5 huruf c)."
        )
    jaminan = p.perseorangan.jaminan_kesehatan
    if jaminan == JaminanKesehatan.TIDAK_ADA:
        return
    if jaminan == JaminanKesehatan.BELUM_DIKETAHUI:
        raise ValidationError(
            "Status jaminan kesehatan penerima belum diketahui. Bantuan pengobatan hanya "
            "untuk PMKS yang belum mempunyai jaminan sosial; perbarui data registri terlebih "
            f"dahulu ({PCT} Pasal 5 huruf c; aturan B1)."
        )
    raise ValidationError(
        f"Penerima sudah mempunyai jaminan kesehatan "
        f"({JaminanKesehatan(jaminan).label}); bantuan pengobatan hanya untuk PMKS yang "
        f"belum mempunyai jaminan sosial ({PCT} Pasal 5 huruf c)."
    )


def _cek_sekali_setahun(p: Permohonan) -> None:
    """B3 / PCT 6(3), the friendly form of the database constraint."""
    siapkan(p)
    if p.kunci_sekali_setahun is None:
        return
    aturan = p.aturan
    lain = lainnya_terhitung(p)
    if aturan.sekali_setahun_lingkup == AturanTahunan.Lingkup.PER_JENIS:
        lain = lain.filter(jenis=p.jenis)
    # Applications of an exempt category do not use up the once-per-year allowance.
    lain = lain.exclude(kategori__in=aturan.kategori_bebas_sekali_setahun.all())
    ada = lain.order_by("pk").first()
    if ada is not None:
        lingkup = (
            "bansos"
            if aturan.sekali_setahun_lingkup == AturanTahunan.Lingkup.SEMUA_JENIS
            else f"{p.get_jenis_display().lower()}"
        )
        raise ValidationError(
            {
                "kunci_sekali_setahun": (
                    f"Penerima sudah memiliki permohonan {lingkup} pada tahun anggaran "
                    f"{p.tahun_anggaran} ({ada.nomor}, {ada.get_status_display().lower()}). "
                    "Bansos hanya dapat diberikan 1 (satu) kali dalam 1 (satu) Tahun "
                    f"Anggaran, kecuali untuk korban bencana alam ({PCT} Pasal 6 ayat (3))."
                )
            }
        )


def bersihkan_baru(p: Permohonan) -> None:
    """`full_clean()` of a new application with B1–B3 judged where its own checks end.

    Eligibility runs only when the row's own shape passed (`clean()`), and before the
    constraints, so a field already refused by B2/B3 is not refused a second time in the
    constraint's words — the order the messages a clerk reads have always had.
    """
    galat: dict[str, list[ValidationError]] = {}
    try:
        p.clean_fields()
    except ValidationError as e:
        galat = e.update_error_dict(galat)
    try:
        p.clean()
        if (
            p.jenis in JenisBansos.values
            and p.jumlah_diminta is not None
            and p.kategori_id
            and p.tahun_anggaran
        ):
            periksa(p, p.jumlah_diminta)
    except ValidationError as e:
        galat = e.update_error_dict(galat)
    kecuali = {nama for nama in galat if nama != NON_FIELD_ERRORS}
    try:
        p.validate_unique(exclude=kecuali)
    except ValidationError as e:
        galat = e.update_error_dict(galat)
    kecuali = {nama for nama in galat if nama != NON_FIELD_ERRORS}
    try:
        p.validate_constraints(exclude=kecuali)
    except ValidationError as e:
        galat = e.update_error_dict(galat)
    if galat:
        raise ValidationError(galat)


# --- B8 ---------------------------------------------------------------------------------------


def kunci_pagu(tahun: int, jenis: str) -> Decimal:
    """B8: lock every pagu row of the TA and jenis, return their total."""
    baris = list(
        Pagu.objects.select_for_update().filter(tahun_anggaran=tahun, jenis=jenis).order_by("pk")
    )
    if not baris:
        raise AturanDilanggar(
            f"Pagu bansos {JenisBansos(jenis).label.lower()} tahun anggaran {tahun} belum "
            "ditetapkan; bansos diberikan sesuai kemampuan keuangan daerah (aturan B8).",
            code="b8_pagu_kosong",
        )
    return sum((b.jumlah for b in baris), Decimal("0"))


def periksa_pagu(p: Permohonan, jumlah: Decimal) -> None:
    """B8: the pagu left for this jenis and TA, not counting `p` itself, must cover `jumlah`."""
    total = kunci_pagu(p.tahun_anggaran, p.jenis)
    terpakai = pagu_terpakai(p.tahun_anggaran, p.jenis, kecuali=p)
    if terpakai + jumlah > total:
        sisa = max(total - terpakai, Decimal("0"))
        raise AturanDilanggar(
            f"Sisa pagu {JenisBansos(p.jenis).label.lower()} tahun anggaran {p.tahun_anggaran} "
            f"tinggal {rupiah(sisa)} dari {rupiah(total)}; {rupiah(jumlah)} melebihi pagu "
            "(aturan B8: sesuai kemampuan keuangan daerah).",
            code="b8_pagu",
        )
