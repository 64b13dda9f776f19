"""The surat permohonan pencairan to the BPKAD as printed (PCT 7d, 9d, 11d): an application
number stays on one line, no word is hyphenated, the letter's date is written once."""

import io
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from bansos import services as sv
from bansos.models import Permohonan
from dinsos.format import tanggal
from dinsos.models import ProfilKantor
from tests.bansos.conftest import ajukan, ke_status, penerima

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(users, wil, aturan, pagu):
    profil = ProfilKantor.get()
    profil.kota_surat, profil.kepala_dinas_nama = "Pacitan", "Dra. Sri Rahayu, M.Si."
    profil.save()
    ps = []
    for i in range(6):
        o = penerima(
            desa=wil["desa1"], penilai=users["petugas"], nama=f"Ngadinem Rahmawati Sulistyo {i}"
        )
        p = ajukan(users, o, jumlah=1_750_000)
        ke_status(users, p, "direkomendasikan")
        ps.append(p)
    return sv.pengajuan_pencairan_buat(
        permohonan_list=ps, oleh=users["kadis"], nomor_surat="900/010/408.40/2026"
    )


def _baris(isi: bytes) -> list[str]:
    """The PDF's lines as laid out (pdftotext -layout when present, else pypdf)."""
    if shutil.which("pdftotext"):
        keluar = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=isi, capture_output=True, check=True
        )
        return keluar.stdout.decode().splitlines()
    return [
        b for h in PdfReader(io.BytesIO(isi)).pages for b in (h.extract_text() or "").split("\n")
    ]


def test_nomor_utuh_tanpa_pemenggalan_dan_tanggal_sekali(client_for, users, batch):
    r = client_for(users["kadis"]).get(reverse("laporan:surat_pengajuan", args=[batch.pk]))
    assert r.status_code == 200
    baris = _baris(r.content)
    teks = "\n".join(baris)
    for p in Permohonan.objects.filter(pengajuan=batch):
        assert p.nomor in teks, p.nomor  # whole on one line, never "BH-2026-" / "000040"
    # No hyphenation: a line never ends in a broken syllable of "biaya hidup sehari-hari".
    assert not re.search(r"\b(bia|se|seha|hi)-\s*$", teks, re.M | re.I)
    satu = " ".join(teks.split())
    assert "Bantuan biaya hidup sehari-hari" in satu
    # The letter's date once, above the signature (not also beside the number at the top);
    # the recommendations' dates in the table are theirs.
    hari = tanggal(batch.tanggal)
    assert hari not in satu[: satu.index("Kepada Yth.")]
    assert satu[satu.index("Bersama ini kami lampirkan") :].count(hari) == 1
