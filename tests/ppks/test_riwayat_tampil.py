"""The one history display on real pages (B9): labels as the regulations write them, pointed-to
rows by name, dates in Indonesian, choice codes as labels, no raw ids or codes."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from dinsos.audit import catat
from dinsos.models import Riwayat
from ppks import services
from psks import services as psks_services
from tests import factories as f
from tests.psks import bantu as b

from .test_aturan import data_orang

pytestmark = pytest.mark.django_db


def _teks(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_riwayat_orang_menampilkan_nama_tanggal_dan_label(client_for, users, wil):
    petugas = users["petugas"]
    petugas.first_name, petugas.last_name = "Sri", "Wahyuni"
    petugas.save()
    lahir = dt.date(1980, 5, 17)
    orang = services.perseorangan_buat(
        oleh=petugas,
        data={
            **data_orang(wil["desa1"], lahir=lahir),
            "rt": "003",
            "jaminan_kesehatan": "belum_diketahui",
        },
    )
    services.perseorangan_ubah(
        orang=orang,
        oleh=petugas,
        data={
            "desa": wil["desa2"],
            "tanggal_lahir": dt.date(1980, 5, 18),
            "rt": "004",
            "alasan_beda_nik": "Sesuai akta kelahiran.",
        },  # fmt: skip
        alasan="Pindah dusun; tanggal sesuai akta.",
    )
    html = client_for(users["op_kec"]).get(f"/registri/orang/{orang.pk}/").content.decode()
    teks = _teks(html)
    assert "Dibuat oleh Sri Wahyuni" in teks or "Dibuat oleh — Sri Wahyuni" in teks
    assert f"Dibuat oleh — {petugas.pk} " not in teks
    assert wil["desa1"].pk not in teks and wil["desa2"].pk not in teks  # codes, not names
    assert wil["desa1"].nama in teks and wil["desa2"].nama in teks
    assert "17 Mei 1980" in teks and "18 Mei 1980" in teks
    assert "1980-05-1" not in teks  # no ISO date
    assert "belum_diketahui" not in teks and "Belum diketahui" in teks
    assert " RT " in teks and " Rt " not in teks and " Nik " not in teks


def test_rujukan_ke_orang_hanya_nomor_registrasi(users, wil):
    """A history row pointing to a person shows only the registry number (rules section 4)."""
    from dinsos.riwayat import riwayat_tampil

    lain = f.buat_orang(desa=wil["desa3"], nama="Orang Kecamatan Lain")
    kk = f.buat_keluarga(desa=wil["desa1"])
    catat(
        pengguna=users["petugas"],
        aksi=Riwayat.Aksi.UBAH,
        obj=kk,
        perubahan={"kepala": [None, lain.pk]},
    )
    [r] = riwayat_tampil(Riwayat.objects.filter(object_id=str(kk.pk)), users["petugas"])
    [baris] = r["perubahan"]
    assert baris["baru"] == lain.nomor_registrasi
    assert "Orang Kecamatan Lain" not in repr(r) and (lain.nik or "-") not in repr(r)
    # Outside the viewer's wilayah, not even the registry number (rules section 4).
    [r] = riwayat_tampil(Riwayat.objects.filter(object_id=str(kk.pk)), users["op_desa"])
    [baris] = r["perubahan"]
    assert baris["baru"] == "anggota di luar wilayah Anda"
    assert lain.nomor_registrasi not in repr(r)


def test_slrt_riwayat_satu_baris_per_perubahan_dengan_label(client_for, users, wil):
    op = users["op_desa"]
    klien = b.ppks(desa=wil["desa1"], kriteria="keterlantaran", penilai=users["petugas"])
    p = psks_services.slrt_permintaan_catat(
        klien=klien, saluran="datang_langsung", tanggal=b.hari(-5), uraian="Uji", oleh=op
    )
    psks_services.slrt_kebutuhan_catat(permintaan=p, kebutuhan=["rehabilitasi"], oleh=op)
    psks_services.slrt_rujuk(permintaan=p, tujuan="rehabilitasi", tanggal=b.hari(-4), oleh=op)
    html = client_for(op).get(reverse("psks:slrt_detail", args=[p.pk])).content.decode()
    riwayat = html[html.index("Riwayat perubahan") :]
    # One dot per history entry: the changes are a table, not a nested bulleted list.
    assert "<ul>" not in riwayat.split("</ol>")[0]
    teks = _teks(riwayat)
    assert "diidentifikasi → dirujuk" not in teks and "status:" not in teks
    assert "Kebutuhan diidentifikasi" in teks and "Dalam rujukan" in teks
