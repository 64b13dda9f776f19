from django.urls import path

from . import views

app_name = "ekspor"

# Mounted under /laporan/ekspor/ (config.urls): the addresses users bookmarked stay the same.
urlpatterns = [
    path("daftar/<str:nama>/", views.ekspor_daftar_mulai, name="daftar_mulai"),
    path("", views.ekspor_daftar, name="daftar"),
    path("<int:pk>/", views.ekspor_detail, name="detail"),
    path("<int:pk>/status.json", views.ekspor_status, name="status"),
    path("<int:pk>/unduh/", views.ekspor_unduh, name="unduh"),
    path("<int:pk>/coba-lagi/", views.ekspor_coba_lagi, name="coba_lagi"),
]
