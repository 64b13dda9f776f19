"""The job page's status label follows the job's status: a running rekap never reads "Menunggu
giliran" while its bar moves — on the page as served and as the polling script updates it."""

import re

import pytest
from django.urls import reverse

from ekspor import services
from ekspor.models import Ekspor

from .conftest import TA

pytestmark = pytest.mark.django_db


@pytest.fixture
def berjalan(users, kantor, monkeypatch):
    monkeypatch.setattr(services, "_antrekan", lambda e: None)  # no worker: we set the state
    e = services.ekspor_buat(
        oleh=users["kadis"],
        jenis=Ekspor.Jenis.REKAP_PDF,
        parameter={"tahun_anggaran": TA},
        judul="Rekap",
    )
    return e


@pytest.mark.parametrize(
    ("status", "progres", "label"),
    [("antri", 0, "Menunggu giliran"), ("berjalan", 40, "Sedang disusun")],
)
def test_label_mengikuti_status(client_for, users, berjalan, status, progres, label):
    Ekspor.objects.filter(pk=berjalan.pk).update(status=status, progres=progres, tahap="Halaman")
    c = client_for(users["kadis"])
    d = c.get(reverse("ekspor:status", args=[berjalan.pk])).json()
    assert d["status"] == status and d["status_label"] == label
    html = c.get(reverse("ekspor:detail", args=[berjalan.pk])).content.decode()
    cocok = re.search(r'id="ekspor-status"><span class="badge[^"]*">([^<]*)<', html)
    assert cocok is not None
    assert cocok.group(1).startswith(label)
    if status == "berjalan":
        assert "Menunggu giliran" not in html


def test_skrip_memperbarui_label_dari_json(client_for, users, berjalan):
    html = client_for(users["kadis"]).get(reverse("ekspor:detail", args=[berjalan.pk]))
    html = html.content.decode()
    skrip = html[html.index("<script>") : html.index("</script>")]
    # The polling script writes the badge from the JSON's `status_label`, not a fixed text.
    assert 'querySelector("#ekspor-status .badge")' in skrip
    assert "badge.textContent = d.status_label" in skrip
    assert '"Menunggu giliran' not in skrip
