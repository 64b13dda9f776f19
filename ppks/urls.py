from django.urls import path

from .views import daftar, impor, kelompok, keluarga, komunitas, orang, pemilih, registrasi, riwayat

app_name = "ppks"

urlpatterns = [
    path("", daftar.daftar, name="daftar"),
    path("dasbor/", daftar.dasbor, name="dasbor"),
    path("ekspor/", daftar.ekspor, name="ekspor"),
    path("pemilih/", pemilih.cari, name="pemilih"),
    # Perseorangan
    path("orang/baru/", orang.baru, name="orang_baru"),
    path("orang/<int:pk>/", orang.detail, name="orang_detail"),
    path("orang/<int:pk>/nik/", orang.nik_lengkap, name="orang_nik"),
    path("orang/<int:pk>/ubah/", orang.ubah, name="orang_ubah"),
    path("orang/<int:pk>/hapus/", orang.hapus, name="orang_hapus"),
    # Keluarga
    path("keluarga/", keluarga.daftar, name="keluarga_daftar"),
    path("keluarga/baru/", keluarga.baru, name="keluarga_baru"),
    path("keluarga/<int:pk>/", keluarga.detail, name="keluarga_detail"),
    path("keluarga/<int:pk>/ubah/", keluarga.ubah, name="keluarga_ubah"),
    path("keluarga/<int:pk>/hapus/", keluarga.hapus, name="keluarga_hapus"),
    path("keluarga/<int:pk>/anggota/", keluarga.anggota_tambah, name="keluarga_anggota"),
    path(
        "keluarga/<int:pk>/anggota/<int:orang_pk>/keluarkan/",
        keluarga.anggota_keluarkan,
        name="keluarga_keluarkan",
    ),
    # Kelompok
    path("kelompok/", kelompok.daftar, name="kelompok_daftar"),
    path("kelompok/baru/", kelompok.baru, name="kelompok_baru"),
    path("kelompok/<int:pk>/", kelompok.detail, name="kelompok_detail"),
    path("kelompok/<int:pk>/ubah/", kelompok.ubah, name="kelompok_ubah"),
    path("kelompok/<int:pk>/hapus/", kelompok.hapus, name="kelompok_hapus"),
    path("kelompok/<int:pk>/anggota/", kelompok.anggota_tambah, name="kelompok_anggota"),
    path(
        "kelompok/<int:pk>/anggota/<int:orang_pk>/keluarkan/",
        kelompok.anggota_keluarkan,
        name="kelompok_keluarkan",
    ),
    # Komunitas
    path("komunitas/", komunitas.daftar, name="komunitas_daftar"),
    path("komunitas/baru/", komunitas.baru, name="komunitas_baru"),
    path("komunitas/<int:pk>/", komunitas.detail, name="komunitas_detail"),
    path("komunitas/<int:pk>/ubah/", komunitas.ubah, name="komunitas_ubah"),
    path("komunitas/<int:pk>/hapus/", komunitas.hapus, name="komunitas_hapus"),
    # Registrasi and history of any registrant (jenis: orang, keluarga, kelompok, komunitas)
    path("<str:jenis>/<int:pk>/registrasi/baru/", registrasi.baru, name="registrasi_baru"),
    path("registrasi/<int:pk>/status/", registrasi.ubah_status, name="registrasi_status"),
    path("<str:jenis>/<int:pk>/riwayat/", riwayat.riwayat, name="riwayat"),
    # Import
    path("impor/", impor.unggah, name="impor"),
    path("impor/templat.xlsx", impor.templat, name="impor_templat"),
    path("impor/<int:pk>/", impor.pratinjau, name="impor_pratinjau"),
    path("impor/<int:pk>/kesalahan.xlsx", impor.galat_xlsx, name="impor_galat"),
]
