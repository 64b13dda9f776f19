"""The psks pages cite the office's own regulation (data in `dinsos.ProfilKantor`), and show a
link only to the roles its page lets in."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dinsos.models import DASAR_HUKUM_KESOS_UMUM, ProfilKantor, dasar_hukum_kesos_bawaan
from psks import aturan
from tests import factories as f

pytestmark = pytest.mark.django_db

SEMUA = ["op_desa", "op_desa_lain", "op_kec", "op_kec_lain", "petugas", "verifikator",
         "kadis", "bendahara", "admin"]  # fmt: skip

HALAMAN = [
    "psks:rehab_baru",
    "psks:jaminan_baru",
    "psks:pemberdayaan_baru",
    "psks:perlindungan_baru",
    "psks:index",
    "psks:rehab_list",
    "psks:jaminan_list",
    "psks:pemberdayaan_list",
    "psks:perlindungan_list",
    "psks:slrt_list",
    "psks:peran_serta_list",
    "psks:program_list",
    "psks:sdm_baru",
    "psks:lembaga_baru",
    "psks:program_baru",
]


@pytest.mark.parametrize("peran", SEMUA)
def test_tautan_peran_serta_hanya_bagi_yang_boleh_membukanya(client_for, users, peran):
    c = client_for(users[peran])
    html = c.get(reverse("psks:pemberdayaan_list")).content.decode()
    tujuan = reverse("psks:peran_serta_list")
    ditampilkan = f'href="{tujuan}"' in html
    assert ditampilkan == (peran not in {"op_desa", "op_desa_lain", "op_kec", "op_kec_lain"})
    if ditampilkan:
        assert c.get(tujuan).status_code == 200
    else:
        assert c.get(tujuan).status_code == 403


def test_bawaan_menurut_kabupaten(settings):
    settings.KABUPATEN_KODE = "35.01"  # Pacitan
    assert dasar_hukum_kesos_bawaan() == DASAR_HUKUM_KESOS_UMUM
    assert "Asahan" not in ProfilKantor().dasar_hukum_kesos
    settings.KABUPATEN_KODE = "12.09"
    assert ProfilKantor().dasar_hukum_kesos == "Perbup Asahan 53/2022"


def test_halaman_psks_mengutip_peraturan_dari_profil_kantor(client_for, users):
    profil = ProfilKantor.get()
    profil.dasar_hukum_kesos = "Peraturan Bupati Pacitan Nomor 99 Tahun 2025"
    profil.save()
    c = client_for(users["petugas"])
    for nama in HALAMAN:
        html = c.get(reverse(nama)).content.decode()
        assert "Asahan" not in html, nama
    for nama in ["psks:rehab_list", "psks:program_list", "psks:rehab_baru", "psks:sdm_baru"]:
        html = c.get(reverse(nama)).content.decode()
        assert "Peraturan Bupati Pacitan Nomor 99 Tahun 2025 Pasal" in html, nama
    # Messages of the rules read it too, when they are written (not when the code is loaded).
    assert str(aturan.ASH) == "Peraturan Bupati Pacitan Nomor 99 Tahun 2025"
    orang = f.buat_orang(desa=users["op_desa"].desa)  # not a registered PPKS
    with pytest.raises(ValidationError) as e:
        aturan.cek_ppks_aktif(orang)
    assert "Peraturan Bupati Pacitan Nomor 99 Tahun 2025 Pasal 11" in str(e.value)
