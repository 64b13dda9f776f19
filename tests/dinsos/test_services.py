"""The service kit (dinsos.services), the form-error helper (dinsos.forms) and the history display
(dinsos.riwayat), on both databases: one way for every app."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from dinsos import forms as dforms
from dinsos import services as kit
from dinsos.audit import catat
from dinsos.models import Riwayat, User
from dinsos.riwayat import riwayat_tampil
from ekspor.models import Ekspor
from ppks.models import KategoriPMKS, KriteriaPMKS, Perseorangan
from tests import factories as f


def _galat_db(fungsi):
    try:
        with transaction.atomic():
            fungsi()
    except IntegrityError as e:
        return e
    raise AssertionError("the database accepted the row")


@pytest.mark.django_db
def test_kunci_untuk_outside_the_wilayah_is_not_found_both_ways(users, wil):
    lain = f.buat_orang(desa=wil["desa3"])
    with transaction.atomic(), pytest.raises(kit.TidakDitemukan) as e:
        kit.kunci_untuk(users["op_desa"], Perseorangan, lain.pk)
    # A page answers it as 404; a caller that treats it as a refusal still can.
    assert isinstance(e.value, Http404) and isinstance(e.value, PermissionDenied)
    sendiri = f.buat_orang(desa=wil["desa1"])
    with transaction.atomic():
        assert kit.kunci_untuk(users["op_desa"], Perseorangan, sendiri) == sendiri
        assert kit.kunci_untuk(users["petugas"], Perseorangan.objects.all(), lain.pk) == lain


@pytest.mark.django_db
def test_constraint_named_for_a_field_unique(users):
    e = _galat_db(lambda: User.objects.create(username=users["petugas"].username))
    assert kit.constraint_dilanggar(e, User) == "dinsos.user.username"


@pytest.mark.django_db
def test_constraint_named_for_a_unique_constraint():
    k = KriteriaPMKS.objects.first()
    assert k is not None
    e = _galat_db(lambda: KriteriaPMKS.objects.create(kategori=k.kategori, huruf=k.huruf, teks="x"))
    assert kit.constraint_dilanggar(e, KriteriaPMKS) == "kriteria_unik_per_kategori"


@pytest.mark.django_db
def test_constraint_named_for_a_check_constraint(users):
    e = _galat_db(
        lambda: Ekspor.objects.create(
            jenis=Ekspor.Jenis.DAFTAR_XLSX, progres=101, dibuat_oleh=users["admin"], peran="x"
        )
    )
    assert kit.constraint_dilanggar(e, Ekspor) == "ekspor_progres_0_100"


@pytest.mark.django_db
def test_simpan_maps_a_registered_constraint_to_its_message(monkeypatch, users):
    monkeypatch.setitem(kit._PESAN, "kriteria_unik_per_kategori", ("huruf", "Huruf sudah ada."))
    k = KriteriaPMKS.objects.first()
    assert k is not None
    ganda = KriteriaPMKS(kategori=k.kategori, huruf=k.huruf, teks="x")
    with transaction.atomic():
        with pytest.raises(ValidationError) as e:
            kit.simpan(ganda, validasi=False)  # only the database can refuse it now
        assert e.value.message_dict == {"huruf": ["Huruf sudah ada."]}
        # The savepoint kept the outer transaction usable.
        assert KategoriPMKS.objects.exists()


@pytest.mark.django_db
def test_simpan_lets_an_unregistered_constraint_through(users):
    e = Ekspor(jenis=Ekspor.Jenis.DAFTAR_XLSX, progres=101, dibuat_oleh=users["admin"], peran="x")
    with transaction.atomic(), pytest.raises(IntegrityError):
        kit.simpan(e, validasi=False)


@pytest.mark.django_db
def test_simpan_runs_full_clean_first(users):
    e = Ekspor(jenis="bukan-jenis", dibuat_oleh=users["admin"], peran="x")
    with pytest.raises(ValidationError) as galat:
        kit.simpan(e)
    assert "jenis" in galat.value.message_dict
    assert not Ekspor.objects.exists()


class _Form(forms.Form):
    nama = forms.CharField(label="Nama")


def test_pasang_galat_puts_field_errors_on_their_field_and_the_rest_on_top():
    form = _Form(data={"nama": "x"})
    form.is_valid()
    dforms.pasang_galat(form, ValidationError({"nama": "Salah.", "lain": "Umum."}))
    assert form.errors["nama"] == ["Salah."]
    assert form.non_field_errors() == ["Umum."]
    assert dforms.galat_form(form).startswith("Nama: Salah.")
    assert dforms.pesan(ValidationError(["A.", "B."])) == "A. B."


@pytest.mark.django_db
def test_riwayat_tampil_masks_the_nik_and_labels_values(users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    nik_lama = orang.nik
    assert nik_lama is not None
    catat(
        pengguna=users["petugas"],
        aksi=Riwayat.Aksi.UBAH,
        obj=orang,
        perubahan={"nik": [nik_lama, "3501010101010001"], "jaminan_kesehatan": [None, "pbi"]},
        alasan="uji",
    )
    for peran in ("petugas", "kadis"):
        [r] = riwayat_tampil(Riwayat.objects.filter(object_id=str(orang.pk)), users[peran])
        teks = repr(r)
        assert nik_lama not in teks and "3501010101010001" not in teks  # never whole
        baris = {b["label"]: b for b in r["perubahan"]}
        assert baris["NIK"]["baru"].startswith("3501") and "*" in baris["NIK"]["baru"]
        jaminan = next(b for b in r["perubahan"] if b["label"].lower().startswith("jaminan"))
        assert jaminan["baru"] != "pbi"  # the code is shown as its label


@pytest.mark.django_db
def test_riwayat_tampil_label_singkatan_dan_rujukan_bernama(users, wil):
    # Labels keep the regulations' capitals even for a field without a verbose name, and a
    # foreign key to a desa or a user is shown by name, never as its code or id (B9).
    orang = f.buat_orang(desa=wil["desa1"])
    catat(
        pengguna=users["petugas"],
        aksi=Riwayat.Aksi.UBAH,
        obj=orang,
        perubahan={
            "desa": [wil["desa1"].pk, wil["desa2"].pk],
            "dibuat_oleh": [None, users["kadis"].pk],
        },
    )
    catat(pengguna=None, aksi=Riwayat.Aksi.UBAH, perubahan={"nik_ibu": [None, ""], "rt_rw": [1, 2]})
    r1, r2 = riwayat_tampil(Riwayat.objects.order_by("pk"), users["petugas"])
    baris = {b["label"]: (b["lama"], b["baru"]) for b in r1["perubahan"]}
    assert baris["Desa/kelurahan domisili"] == (
        "Desa Widoro, Kec. Donorojo",
        "Desa Sendang, Kec. Donorojo",
    )
    assert baris["Dibuat oleh"] == ("—", users["kadis"].get_full_name() or "kadis")
    assert {b["label"] for b in r2["perubahan"]} == {"NIK ibu", "RT RW"}
