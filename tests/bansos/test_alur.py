"""B4: each step by each role — allowed, forbidden, out of wilayah, out of order — and the
history each step writes (B9)."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from bansos import services as sv
from bansos.aturan import dokumen_wajib
from bansos.errors import LangkahTidakSah, PermohonanTidakDitemukan, TidakDitemukan
from bansos.models import JenisBansos, Permohonan, Verifikasi
from bansos.selectors import kotak_masuk, langkah_untuk, permohonan_untuk, riwayat_permohonan
from dinsos.models import Peran, Riwayat
from tests.bansos.conftest import HARI_INI, ajukan, cair_default, ke_status, lengkapi, pdf

pytestmark = pytest.mark.django_db

SEMUA = [
    "op_desa",
    "op_desa_lain",
    "op_kec",
    "op_kec_lain",
    "petugas",
    "verifikator",
    "kadis",
    "bendahara",
    "admin",
]
LUAR_WILAYAH = {"op_desa_lain", "op_kec_lain"}


def _verifikasi(p, oleh):
    return sv.permohonan_verifikasi(
        permohonan=p,
        oleh=oleh,
        checklist={d: True for d in dokumen_wajib(p)},
        hasil="lolos",
        nomor_berita_acara="BA/01",
    )


LANGKAH = {
    # name: (starting status, roles allowed, status after, call)
    "ketahui": (
        "diajukan",
        {"op_kec"},
        "menunggu_verifikasi",
        lambda p, u: sv.permohonan_ketahui_camat(permohonan=p, oleh=u, nama_camat="Camat"),
    ),
    "kembalikan_camat": (
        "diajukan",
        {"op_kec"},
        "dikembalikan",
        lambda p, u: sv.permohonan_kembalikan(permohonan=p, oleh=u, alasan="KK buram."),
    ),
    "kembalikan_verifikasi": (
        "menunggu_verifikasi",
        {"verifikator"},
        "dikembalikan",
        lambda p, u: sv.permohonan_kembalikan(permohonan=p, oleh=u, alasan="KK buram."),
    ),
    "verifikasi": ("menunggu_verifikasi", {"verifikator"}, "terverifikasi", _verifikasi),
    "tolak_verifikasi": (
        "menunggu_verifikasi",
        {"verifikator"},
        "ditolak",
        lambda p, u: sv.permohonan_tolak(permohonan=p, oleh=u, alasan="Bukan PMKS."),
    ),
    "rekomendasi": (
        "terverifikasi",
        {"kadis"},
        "direkomendasikan",
        lambda p, u: sv.permohonan_rekomendasi(
            permohonan=p, oleh=u, layak=True, jumlah=1_000_000, nomor_surat="460/1"
        ),
    ),
    "tolak_rekomendasi": (
        "terverifikasi",
        {"kadis"},
        "ditolak",
        lambda p, u: sv.permohonan_tolak(permohonan=p, oleh=u, alasan="Tidak layak."),
    ),
    "pengajuan": (
        "direkomendasikan",
        {"kadis"},
        "diajukan_pencairan",
        lambda p, u: sv.pengajuan_pencairan_buat(permohonan_list=[p], oleh=u, nomor_surat="900/1"),
    ),
    "cairkan": (
        "diajukan_pencairan",
        {"bendahara"},
        "dicairkan",
        lambda p, u: sv.pencairan_catat(
            permohonan=p, oleh=u, mode="tunai", nomor_kwitansi="KW-1", bukti=pdf()
        ),
    ),
    "batalkan": (
        "diajukan",
        {"op_desa", "petugas"},
        "dibatalkan",
        lambda p, u: sv.permohonan_batalkan(permohonan=p, oleh=u, alasan="Pindah domisili."),
    ),
    "ajukan_ulang": (
        "dikembalikan",
        {"op_desa", "petugas"},
        "menunggu_verifikasi",
        lambda p, u: sv.permohonan_ajukan_ulang(permohonan=p, oleh=u),
    ),
    "ubah": (
        "diajukan",
        {"op_desa", "petugas"},
        "diajukan",
        lambda p, u: sv.permohonan_ubah(permohonan=p, oleh=u, jumlah_diminta=1_500_000),
    ),
    "unggah": (
        "diajukan",
        {"op_desa", "petugas"},
        "diajukan",
        lambda p, u: sv.dokumen_unggah(permohonan=p, oleh=u, jenis_dokumen="kk", berkas=pdf()),
    ),
}


def siapkan(users, orang, status):
    p = ajukan(users, orang, jumlah=1_000_000)
    if status == "dikembalikan":
        ke_status(users, p, "menunggu_verifikasi")
        sv.permohonan_kembalikan(permohonan=p, oleh=users["verifikator"], alasan="KK kurang.")
    else:
        ke_status(users, p, status)
    if status == "menunggu_verifikasi":
        lengkapi(users, p)
    p.refresh_from_db()
    return p


@pytest.mark.parametrize("peran", SEMUA)
@pytest.mark.parametrize("langkah", list(LANGKAH))
def test_b4_step_by_role(users, orang, aturan, pagu, langkah, peran):
    """B4: only the role named for a step may take it; outside the wilayah the application
    does not exist (404); a refused step changes nothing."""
    dari, boleh, ke, panggil = LANGKAH[langkah]
    p = siapkan(users, orang, dari)
    sebelum = Riwayat.objects.count()
    if peran in boleh:
        panggil(p, users[peran])
        p.refresh_from_db()
        assert p.status == ke
        assert Riwayat.objects.count() > sebelum
        return
    harapan = PermohonanTidakDitemukan if peran in LUAR_WILAYAH else LangkahTidakSah
    if langkah == "pengajuan" and peran in LUAR_WILAYAH:
        harapan = LangkahTidakSah  # the role is checked before any row is loaded
    with pytest.raises(harapan) as e:
        panggil(p, users[peran])
    if harapan is LangkahTidakSah:
        assert getattr(e.value, "code", None) in {"peran", "status"}
    p.refresh_from_db()
    assert p.status == dari
    assert Riwayat.objects.count() == sebelum


SALAH_URUTAN = [
    ("ketahui", "menunggu_verifikasi"),
    ("verifikasi", "diajukan"),
    ("verifikasi", "terverifikasi"),
    ("rekomendasi", "menunggu_verifikasi"),
    ("rekomendasi", "direkomendasikan"),
    ("pengajuan", "terverifikasi"),
    ("pengajuan", "diajukan_pencairan"),
    ("cairkan", "direkomendasikan"),
    ("cairkan", "dicairkan"),
    ("batalkan", "terverifikasi"),
    ("batalkan", "dicairkan"),
    ("ajukan_ulang", "diajukan"),
    ("ubah", "menunggu_verifikasi"),
    ("unggah", "terverifikasi"),
    ("kembalikan_verifikasi", "terverifikasi"),
    ("tolak_rekomendasi", "direkomendasikan"),
]


@pytest.mark.parametrize(("langkah", "status"), SALAH_URUTAN)
def test_b4_out_of_order_is_a_clear_message(users, orang, aturan, pagu, langkah, status):
    """B4: a step on the wrong status names the current status and the expected one."""
    _, boleh, _, panggil = LANGKAH[langkah]
    p = siapkan(users, orang, status)
    oleh = users[sorted(boleh)[0]]
    with pytest.raises(LangkahTidakSah) as e:
        panggil(p, oleh)
    assert e.value.code == "status"
    assert p.get_status_display() in e.value.message
    assert "hanya dapat dilakukan pada status" in e.value.message
    p.refresh_from_db()
    assert p.status == status


def test_b4_no_double_disbursement(users, orang, aturan, pagu):
    p = siapkan(users, orang, "diajukan_pencairan")
    cair_default(users, p)
    with pytest.raises(LangkahTidakSah):
        cair_default(users, p)


def test_b4_create_by_role(users, orang, aturan, faskes):
    """Operator Desa for its own desa, Petugas Dinas anywhere; nobody else."""
    assert ajukan(users, orang, oleh=users["op_desa"]).dibuat_oleh == users["op_desa"]
    with pytest.raises(TidakDitemukan):
        ajukan(users, orang, jenis=JenisBansos.PERMODALAN_USAHA, oleh=users["op_desa_lain"])
    for peran in ["op_kec", "verifikator", "kadis", "bendahara", "admin"]:
        with pytest.raises(LangkahTidakSah):
            ajukan(users, orang, jenis=JenisBansos.PERMODALAN_USAHA, oleh=users[peran])
    assert ajukan(users, orang, jenis=JenisBansos.PERMODALAN_USAHA, oleh=users["petugas"])


def test_b4_pengobatan_entered_by_petugas_from_the_facility_letter(users, orang, aturan, faskes):
    """PCT 11a: the facility writes to the Kepala Dinas; the Operator Desa does not file it."""
    with pytest.raises(LangkahTidakSah) as e:
        ajukan(users, orang, jenis=JenisBansos.PENGOBATAN, oleh=users["op_desa"])
    assert "Pasal 11 huruf a" in e.value.message
    assert ajukan(users, orang, jenis=JenisBansos.PENGOBATAN, oleh=users["petugas"])


def test_b4_verifier_cannot_recommend_the_same_application(users, orang, aturan, pagu):
    """B4: separation of duties — whoever verified may not recommend, whatever their role."""
    p = siapkan(users, orang, "terverifikasi")
    verifikator = users["verifikator"]
    verifikator.peran = Peran.KEPALA_DINAS
    verifikator.save()
    with pytest.raises(LangkahTidakSah) as e:
        sv.permohonan_rekomendasi(
            permohonan=p, oleh=verifikator, layak=True, jumlah=1_000_000, nomor_surat="460/1"
        )
    assert e.value.code == "pemisahan_tugas"
    assert "rekomendasi" not in langkah_untuk(verifikator, p)
    sv.permohonan_rekomendasi(
        permohonan=p, oleh=users["kadis"], layak=True, jumlah=1_000_000, nomor_surat="460/1"
    )


def test_b4_return_by_verifier_then_resubmit_goes_back_to_verification(users, orang, aturan, pagu):
    p = siapkan(users, orang, "menunggu_verifikasi")
    sv.permohonan_verifikasi(
        permohonan=p, oleh=users["verifikator"], checklist={}, hasil="dikembalikan",
        catatan="Fotokopi KK tidak terbaca.",
    )  # fmt: skip
    p.refresh_from_db()
    assert p.status == "dikembalikan" and p.catatan_status == "Fotokopi KK tidak terbaca."
    sv.dokumen_unggah(permohonan=p, oleh=users["op_desa"], jenis_dokumen="kk", berkas=pdf())
    sv.permohonan_ajukan_ulang(permohonan=p, oleh=users["op_desa"])
    p.refresh_from_db()
    assert p.status == "menunggu_verifikasi"  # the Camat had already acknowledged
    assert p.verifikasi_set.count() == 1


def test_b4_return_by_camat_then_resubmit_goes_back_to_camat(users, orang, aturan):
    p = ajukan(users, orang, jumlah=1_000_000)
    sv.permohonan_kembalikan(permohonan=p, oleh=users["op_kec"], alasan="Tanda tangan kurang.")
    sv.permohonan_ajukan_ulang(permohonan=p, oleh=users["op_desa"])
    p.refresh_from_db()
    assert p.status == "diajukan"


def test_b4_changing_the_amount_clears_the_camat_acknowledgment(users, orang, aturan):
    p = ajukan(users, orang, jumlah=1_000_000)
    sv.permohonan_ketahui_camat(permohonan=p, oleh=users["op_kec"], nama_camat="Camat")
    sv.permohonan_kembalikan(permohonan=p, oleh=users["verifikator"], alasan="Nilai salah.")
    sv.permohonan_ubah(permohonan=p, oleh=users["op_desa"], jumlah_diminta=1_200_000)
    sv.permohonan_ajukan_ulang(permohonan=p, oleh=users["op_desa"])
    p.refresh_from_db()
    assert p.status == "diajukan" and p.tanggal_diketahui_camat is None


def test_b4_ubah_respects_b2_and_only_known_fields(users, orang, aturan):
    p = ajukan(users, orang, jumlah=1_000_000)
    with pytest.raises(ValidationError) as e:
        sv.permohonan_ubah(permohonan=p, oleh=users["op_desa"], jumlah_diminta=2_000_001)
    assert "Pasal 6 ayat (1) huruf a" in " ".join(e.value.messages)
    with pytest.raises(LangkahTidakSah):
        sv.permohonan_ubah(permohonan=p, oleh=users["op_desa"], status="dicairkan")


@pytest.mark.parametrize(
    ("peran", "panggil"),
    [
        ("verifikator", lambda p, u: sv.permohonan_kembalikan(permohonan=p, oleh=u, alasan=" ")),
        ("op_desa", lambda p, u: sv.permohonan_batalkan(permohonan=p, oleh=u, alasan="")),
        ("verifikator", lambda p, u: sv.permohonan_tolak(permohonan=p, oleh=u, alasan="")),
    ],
)
def test_b4_return_refuse_withdraw_need_a_reason(users, orang, aturan, peran, panggil):
    p = siapkan(users, orang, "menunggu_verifikasi")
    with pytest.raises(ValidationError):
        panggil(p, users[peran])
    p.refresh_from_db()
    assert p.status == "menunggu_verifikasi"


def test_b4_refusal_at_verification_records_the_round(users, orang, aturan):
    p = siapkan(users, orang, "menunggu_verifikasi")
    sv.permohonan_tolak(permohonan=p, oleh=users["verifikator"], alasan="Bukan warga.")
    v = Verifikasi.objects.get(permohonan=p)
    assert v.hasil == "ditolak" and v.catatan == "Bukan warga."


def test_b9_every_step_writes_who_when_from_to_why(users, orang, aturan, pagu):
    p = siapkan(users, orang, "dicairkan")
    riwayat = list(riwayat_permohonan(p).order_by("waktu", "pk"))
    transisi = [r.perubahan["status"] for r in riwayat if "status" in r.perubahan]
    assert transisi == [
        [None, "diajukan"],
        ["diajukan", "menunggu_verifikasi"],
        ["menunggu_verifikasi", "terverifikasi"],
        ["terverifikasi", "direkomendasikan"],
        ["direkomendasikan", "diajukan_pencairan"],
        ["diajukan_pencairan", "dicairkan"],
    ]
    pelaku = [r.pengguna and r.pengguna.username for r in riwayat if "status" in r.perubahan]
    assert pelaku == ["opdesa", "opkec", "verifikator", "kadis", "kadis", "bendahara"]
    assert all(r.waktu for r in riwayat)


def test_b9_reason_kept_in_history(users, orang, aturan):
    p = ajukan(users, orang)
    sv.permohonan_batalkan(permohonan=p, oleh=users["op_desa"], alasan="Penerima meninggal.")
    r = riwayat_permohonan(p).first()
    assert r is not None
    assert r.aksi == Riwayat.Aksi.STATUS and r.alasan == "Penerima meninggal."


def test_selectors_scope_and_inbox(users, wil, orang, aturan):
    from tests.bansos.conftest import penerima

    di_kec2 = penerima(desa=wil["desa3"], penilai=users["petugas"])
    a = ajukan(users, orang)
    b = ajukan(users, di_kec2, oleh=users["op_desa_lain"])
    assert set(permohonan_untuk(users["op_desa"])) == {a}
    assert set(permohonan_untuk(users["op_kec_lain"])) == {b}
    assert set(permohonan_untuk(users["verifikator"])) == {a, b}
    assert set(kotak_masuk(users["op_kec"])) == {a}
    assert not kotak_masuk(users["verifikator"]).exists()
    sv.permohonan_ketahui_camat(permohonan=a, oleh=users["op_kec"], nama_camat="Camat")
    assert set(kotak_masuk(users["verifikator"])) == {a}
    assert langkah_untuk(users["verifikator"], Permohonan.objects.get(pk=a.pk)) == {
        "verifikasi",
        "kembalikan",
        "tolak",
    }
    assert not kotak_masuk(users["admin"]).exists()


def test_camat_date_cannot_be_in_the_future(users, orang, aturan):
    import datetime as dt

    p = ajukan(users, orang)
    with pytest.raises(ValidationError):
        sv.permohonan_ketahui_camat(
            permohonan=p,
            oleh=users["op_kec"],
            nama_camat="Camat",
            tanggal=HARI_INI + dt.timedelta(days=1),
        )


def test_out_of_scope_is_a_404(users, orang, aturan):
    p = ajukan(users, orang)
    with pytest.raises(Http404):
        sv.permohonan_batalkan(permohonan=p, oleh=users["op_desa_lain"], alasan="x")
