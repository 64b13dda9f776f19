from django.urls import path

from .views import langkah, pengajuan, permohonan

app_name = "bansos"

urlpatterns = [
    path("", permohonan.daftar, name="daftar"),
    path("kotak-masuk/", permohonan.kotak_masuk, name="kotak_masuk"),
    path("baru/", permohonan.pilih_jenis, name="pilih_jenis"),
    path("baru/<slug:jenis>/", permohonan.baru, name="baru"),
    path("<int:pk>/", permohonan.detail, name="detail"),
    path("<int:pk>/ubah/", permohonan.ubah, name="ubah"),
    path("<int:pk>/unggah/", permohonan.unggah, name="unggah"),
    path("<int:pk>/dokumen/<int:dok>/", permohonan.dokumen_unduh, name="dokumen_unduh"),
    path("<int:pk>/bukti-pencairan/", permohonan.bukti_unduh, name="bukti_unduh"),
    path("<int:pk>/ketahui/", langkah.ketahui, name="ketahui"),
    path("<int:pk>/kembalikan/", langkah.kembalikan, name="kembalikan"),
    path("<int:pk>/ajukan-ulang/", langkah.ajukan_ulang, name="ajukan_ulang"),
    path("<int:pk>/batalkan/", langkah.batalkan, name="batalkan"),
    path("<int:pk>/verifikasi/", langkah.verifikasi, name="verifikasi"),
    path("<int:pk>/rekomendasi/", langkah.rekomendasi, name="rekomendasi"),
    path("<int:pk>/cairkan/", langkah.cairkan, name="cairkan"),
    path("pengajuan/", pengajuan.pengajuan_daftar, name="pengajuan_daftar"),
    path("pengajuan/baru/", pengajuan.pengajuan_baru, name="pengajuan_baru"),
    path("pengajuan/<int:pk>/", pengajuan.pengajuan_detail, name="pengajuan_detail"),
    path("pagu/", pengajuan.pagu, name="pagu"),
]
