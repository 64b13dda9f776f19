"""The Django admin with private files and personal data (docs/rules.md, section 4): pages of
uploaded files answer (a private file has no public URL), and no whole NIK or KK number is
shown or searchable there."""

# The bansos fixtures are imported, so the tests naming them redefine the names.
# ruff: noqa: F811

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import reverse

from bansos import services as sv
from dinsos.audit import catat
from dinsos.models import Riwayat
from ekspor.models import Ekspor
from tests.bansos.conftest import (  # noqa: F401 (fixtures)
    ajukan,
    aturan,
    cair_default,
    ke_status,
    orang,
    pagu,
    pdf,
)
from tests.factories import buat_nik

pytestmark = pytest.mark.django_db


def _ubah(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _daftar(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def test_change_pages_of_private_files_answer(client_for, users, orang, aturan, pagu):
    p = ajukan(users, orang)
    dok = sv.dokumen_unggah(
        permohonan=p, oleh=users["op_desa"], jenis_dokumen="ktp", berkas=pdf("KTP 3501.pdf")
    )
    cair = cair_default(users, ke_status(users, p, "diajukan_pencairan"))
    e = Ekspor(jenis=Ekspor.Jenis.DAFTAR_XLSX, dibuat_oleh=users["admin"], peran="x")
    e.berkas.save("berkas.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    e.status = Ekspor.Status.SELESAI
    e.save()
    c = client_for(users["admin"])
    for obj, unduh in (
        (dok, reverse("bansos:dokumen_unduh", args=[p.pk, dok.pk])),
        (cair, reverse("bansos:bukti_unduh", args=[p.pk])),
        (e, None),
    ):
        resp = c.get(_ubah(obj))
        assert resp.status_code == 200, type(obj)
        teks = resp.content.decode()
        nama = getattr(obj, "bukti", None) or obj.berkas
        assert nama.name in teks
        if unduh:
            # Linked to the application's scoped download, which records the download.
            assert f'href="{unduh}"' in teks
        assert c.get(_daftar(type(obj))).status_code == 200


def test_every_registered_admin_changelist_answers(client_for, users):
    c = client_for(users["admin"])
    for model in admin.site._registry:
        assert c.get(_daftar(model)).status_code == 200, model


def test_no_admin_searches_or_shows_a_nik_column():
    for model, ma in admin.site._registry.items():
        kolom = {s.lstrip("^=@").split("__")[-1] for s in ma.search_fields}
        assert not kolom & {"nik", "nomor_kk"}, model
    # The registry is not in the admin at all: a person's NIK is seen (and its reveal logged)
    # only in the application.
    from ppks.models import Keluarga, Perseorangan

    assert Perseorangan not in admin.site._registry and Keluarga not in admin.site._registry


def test_history_rows_in_the_admin_never_show_a_whole_nik(client_for, users, wil):
    lama, baru = buat_nik(urut=4321), buat_nik(urut=8765)
    kk = "3501012345678901"
    r = catat(
        pengguna=users["petugas"],
        aksi=Riwayat.Aksi.UBAH,
        objek=f"Budi {lama}",
        perubahan={"nik": [lama, baru], "anggota": {"nomor_kk": kk}},
        alasan=f"NIK salah ketik, seharusnya {baru}",
    )
    c = client_for(users["admin"])
    halaman = [
        c.get(_daftar(Riwayat)),
        c.get(_ubah(r)),
        c.get(reverse("admin:dinsos_riwayat_history", args=[r.pk])),
    ]
    for resp in halaman:
        assert resp.status_code == 200
        teks = resp.content.decode()
        for angka in (lama, baru, kk):
            assert angka not in teks
    # Masked as everywhere else: region and serial kept.
    assert f"{baru[:4]}{'*' * 10}{baru[-2:]}" in halaman[1].content.decode()


def test_admin_search_by_nik_finds_nothing(client_for, users, wil):
    nik = buat_nik(urut=1357)
    catat(pengguna=users["petugas"], aksi=Riwayat.Aksi.UBAH, objek=f"Ani {nik}")
    c = client_for(users["admin"])
    resp = c.get(_daftar(Riwayat), {"q": nik})
    assert resp.status_code == 200 and resp.context["cl"].result_count == 0
    assert c.get(_daftar(Riwayat), {"q": "Ani"}).context["cl"].result_count == 1
