from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "laporan"

urlpatterns = [
    # Letters, linked from the bansos application page (stable names).
    path(
        "permohonan/<int:pk>/surat-rekomendasi.pdf",
        views.surat_rekomendasi,
        name="surat_rekomendasi",
    ),
    path("permohonan/<int:pk>/kwitansi.pdf", views.kwitansi, name="kwitansi"),
    path("permohonan/<int:pk>/berita-acara.pdf", views.berita_acara, name="berita_acara"),
    path("pengajuan/<int:pk>/surat-pengajuan.pdf", views.surat_pengajuan, name="surat_pengajuan"),
    path("kop.pdf", views.kop_pratinjau, name="kop_pratinjau"),
    # The rekapitulasi and exports: background jobs.
    path("rekap/", views.rekap, name="rekap"),
    path("ekspor/permohonan/", views.ekspor_permohonan, name="ekspor_permohonan"),
    # Dashboard and public figures.
    path("dasbor/", views.dasbor, name="dasbor"),
    # The public page moved to /publik/; old links and bookmarks keep working.
    path("publik/", RedirectView.as_view(pattern_name="publik", query_string=True, permanent=True)),
]
