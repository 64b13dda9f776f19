from django.urls import path

from .views import layanan, slrt, sumber

app_name = "psks"

urlpatterns = [
    path("", sumber.index, name="index"),
    # PSKS: tenaga/pekerja sosial (S1, S2)
    path("sdm/", sumber.sdm_list, name="sdm_list"),
    path("sdm/baru/", sumber.sdm_simpan, name="sdm_baru"),
    path("sdm/<int:pk>/", sumber.sdm_detail, name="sdm_detail"),
    path("sdm/<int:pk>/ubah/", sumber.sdm_simpan, name="sdm_ubah"),
    path("sdm/<int:pk>/lisensi/", sumber.lisensi_baru, name="lisensi_baru"),
    path("sdm/<int:pk>/pelatihan/", sumber.pelatihan_baru, name="pelatihan_baru"),
    path("lisensi/<int:pk>/cabut/", sumber.lisensi_cabut, name="lisensi_cabut"),
    # PSKS: lembaga (S1)
    path("lembaga/", sumber.lembaga_list, name="lembaga_list"),
    path("lembaga/baru/", sumber.lembaga_simpan, name="lembaga_baru"),
    path("lembaga/<int:pk>/", sumber.lembaga_detail, name="lembaga_detail"),
    path("lembaga/<int:pk>/ubah/", sumber.lembaga_simpan, name="lembaga_ubah"),
    path("lembaga/<int:pk>/akreditasi/", sumber.akreditasi_baru, name="akreditasi_baru"),
    path("lembaga/<int:pk>/klien/", sumber.klien_lembaga_baru, name="klien_lembaga_baru"),
    path(
        "klien-lembaga/<int:pk>/keluar/", sumber.klien_lembaga_keluar, name="klien_lembaga_keluar"
    ),
    # Program and sumber dana (ASH 41)
    path("program/", sumber.program_list, name="program_list"),
    path("program/baru/", sumber.program_simpan, name="program_baru"),
    path("program/<int:pk>/ubah/", sumber.program_simpan, name="program_ubah"),
    # Rehabilitasi sosial (S3)
    path("rehabilitasi/", layanan.rehab_list, name="rehab_list"),
    path("rehabilitasi/baru/", layanan.rehab_baru, name="rehab_baru"),
    path("rehabilitasi/<int:pk>/", layanan.rehab_detail, name="rehab_detail"),
    path("rehabilitasi/<int:pk>/tahap/", layanan.rehab_tahap, name="rehab_tahap"),
    path("rehabilitasi/<int:pk>/tugaskan/", layanan.rehab_tugaskan, name="rehab_tugaskan"),
    path("rehabilitasi/<int:pk>/hentikan/", layanan.rehab_hentikan, name="rehab_hentikan"),
    # Jaminan sosial (S4)
    path("jaminan/", layanan.jaminan_list, name="jaminan_list"),
    path("jaminan/baru/", layanan.jaminan_baru, name="jaminan_baru"),
    path("jaminan/<int:pk>/", layanan.jaminan_detail, name="jaminan_detail"),
    path("jaminan/<int:pk>/tahap/", layanan.jaminan_tahap, name="jaminan_tahap"),
    path("jaminan/<int:pk>/hentikan/", layanan.jaminan_hentikan, name="jaminan_hentikan"),
    # Pemberdayaan sosial (S5)
    path("pemberdayaan/", layanan.pemberdayaan_list, name="pemberdayaan_list"),
    path("pemberdayaan/baru/", layanan.pemberdayaan_baru, name="pemberdayaan_baru"),
    path("pemberdayaan/<int:pk>/", layanan.pemberdayaan_detail, name="pemberdayaan_detail"),
    path(
        "pemberdayaan/<int:pk>/selesai/", layanan.pemberdayaan_selesai, name="pemberdayaan_selesai"
    ),
    path(
        "pemberdayaan/<int:pk>/hentikan/",
        layanan.pemberdayaan_hentikan,
        name="pemberdayaan_hentikan",
    ),
    path("peran-serta/", sumber.peran_serta_list, name="peran_serta_list"),
    path("peran-serta/baru/", sumber.peran_serta_baru, name="peran_serta_baru"),
    path("peran-serta/<int:pk>/", sumber.peran_serta_detail, name="peran_serta_detail"),
    path("peran-serta/<int:pk>/tahap/", sumber.peran_serta_tahap, name="peran_serta_tahap"),
    # Perlindungan sosial (S6)
    path("perlindungan/", layanan.perlindungan_list, name="perlindungan_list"),
    path("perlindungan/baru/", layanan.perlindungan_baru, name="perlindungan_baru"),
    path("perlindungan/<int:pk>/", layanan.perlindungan_detail, name="perlindungan_detail"),
    path(
        "perlindungan/<int:pk>/perpanjang/",
        layanan.perlindungan_perpanjang,
        name="perlindungan_perpanjang",
    ),
    path(
        "perlindungan/<int:pk>/selesai/", layanan.perlindungan_selesai, name="perlindungan_selesai"
    ),
    # SLRT (S7)
    path("slrt/", slrt.slrt_list, name="slrt_list"),
    path("slrt/cari/", slrt.cari, name="cari"),
    path("slrt/baru/", slrt.slrt_baru, name="slrt_baru"),
    path("slrt/<int:pk>/", slrt.slrt_detail, name="slrt_detail"),
    path("slrt/<int:pk>/kebutuhan/", slrt.slrt_kebutuhan, name="slrt_kebutuhan"),
    path("slrt/<int:pk>/rujuk/", slrt.slrt_rujuk, name="slrt_rujuk"),
    path("slrt/<int:pk>/tutup/", slrt.slrt_tutup, name="slrt_tutup"),
    path("rujukan/<int:pk>/terima/", slrt.rujukan_hasil, {"aksi": "terima"}, name="rujukan_terima"),
    path(
        "rujukan/<int:pk>/selesai/", slrt.rujukan_hasil, {"aksi": "selesai"}, name="rujukan_selesai"
    ),
    path("rujukan/<int:pk>/tolak/", slrt.rujukan_hasil, {"aksi": "tolak"}, name="rujukan_tolak"),
    # Riwayat layanan of a person
    path("orang/<int:pk>/", slrt.orang, name="orang"),
]
