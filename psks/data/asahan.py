# ruff: noqa: E501
"""Service and resource lists of Perbup Asahan No. 53 Tahun 2022 (ASH), for docs/rules.md S1, S3-S6, B8.

Each list holds (kode, teks) tuples; kode is the letter of the text where the list is a
single lettered enumeration, otherwise a short slug. Texts are verbatim with whitespace
normalised, without the leading letter and without the trailing "dan"/"dan/atau"/";".
Lists of stages are in the order the text gives them. Pure data: no Django.
"""

# --- Rehabilitasi sosial (docs/rules.md S3) -------------------------------------------------

# ASH Pasal 13 (sasaran rehabilitasi sosial, huruf a-n)
SASARAN_REHABILITASI = [
    ("a", "orang terlantar"),
    ("b", "lansia terlantar"),
    ("c", "anak terlantar"),
    ("d", "penyandang disabilitas"),
    ("e", "tuna susila"),
    ("f", "gelandangan"),
    ("g", "pengemis"),
    ("h", "mantan penderita penyakit kronis"),
    ("i", "mantan narapidana"),
    ("j", "korban tindak kekerasan"),
    ("k", "korban bencana"),
    ("l", "korban perdagangan orang"),
    ("m", "anak dengan kebutuhan khusus"),
    ("n", "anak yang berhadapan dengan hukum"),
]

# ASH Pasal 15 ayat (1) (bentuk rehabilitasi sosial, huruf a-j)
BENTUK_REHABILITASI = [
    ("a", "motivasi dan asesmen psikososial"),
    ("b", "perawatan dan pengasuhan"),
    ("c", "pelatihan vokasional dan pembinaan kewirausahaan"),
    ("d", "bimbingan mental spiritual"),
    ("e", "bimbingan fisik"),
    ("f", "bimbingan sosial dan konseling psikososial"),
    ("g", "bantuan dan asistensi sosial"),
    ("h", "bimbingan resosialisasi"),
    ("i", "bimbingan lanjut"),
    ("j", "rujukan"),
]

# ASH Pasal 15 ayat (2) (tahapan rehabilitasi sosial, huruf a-g, in this order)
# ASH Pasal 15 ayat (3): carried out by a pekerja sosial profesional holding a certificate and
# an izin praktik (docs/rules.md S2).
TAHAP_REHABILITASI = [
    ("pendekatan_awal", "pendekatan awal"),
    ("pengungkapan_masalah", "pengungkapan dan pemahaman masalah"),
    ("rencana_pemecahan_masalah", "penyusunan rencana pemecahan masalah"),
    ("pemecahan_masalah", "pemecahan masalah"),
    ("resosialisasi", "resosialisasi"),
    ("terminasi", "terminasi"),
    ("bimbingan_lanjut", "bimbingan lanjut"),
]

# --- Jaminan sosial (docs/rules.md S4) ------------------------------------------------------
# ASH Pasal 16 ayat (1): only for PPKS with the kemiskinan criterion.

# ASH Pasal 16 ayat (2), Pasal 17 ayat (1), Pasal 18 ayat (1)-(2)
# Pasal 16 ayat (2) names two forms: a. asuransi kesejahteraan sosial, b. bantuan langsung.
# Pasal 17 ayat (1): asuransi kesejahteraan sosial is given as bantuan iuran by the Pemerintah
# Daerah. Pasal 18 ayat (1): bantuan langsung is given "secara berkelanjutan dan/atau
# sementara"; ayat (2): bantuan langsung berkelanjutan is given as money (ayat (3): sesuai
# kemampuan keuangan Daerah); ayat (5)-(6): targets from the data of the competent agency.
# NOTE: the text never writes "bantuan langsung sementara" as one phrase; that label is
# composed from Pasal 18 ayat (1).
BENTUK_JAMINAN_SOSIAL = [
    ("asuransi_kesejahteraan_sosial", "asuransi kesejahteraan sosial"),
    ("bantuan_langsung_berkelanjutan", "bantuan langsung berkelanjutan"),
    ("bantuan_langsung_sementara", "bantuan langsung sementara"),
]

# ASH Pasal 18 ayat (7) (tahapan pemberian bantuan langsung berupa uang, huruf a-d)
# NOTE: the text orders the stages a. persiapan skema lembaga, b. pendampingan pemberian
# bantuan, c. terminasi, d. pelaksanaan -- terminasi before pelaksanaan, unlike docs/rules.md S4
# (persiapan -> pendampingan -> pelaksanaan -> terminasi). The list follows the text; a
# workflow that needs the logical order must not rely on list order here.
# NOTE: ayat (7) applies to bantuan langsung in the form of money (ayat (2)), not to the
# asuransi kesejahteraan sosial.
TAHAP_JAMINAN_SOSIAL = [
    ("persiapan", "persiapan skema lembaga"),
    ("pendampingan", "pendampingan pemberian bantuan"),
    ("terminasi", "terminasi"),
    ("pelaksanaan", "pelaksanaan"),
]

# --- Pemberdayaan sosial (docs/rules.md S5) -------------------------------------------------

# ASH Pasal 20 ayat (1) (cara pemberdayaan sosial, huruf a-e); only huruf a and b have
# forms listed (ayat (2) and (3)).
CARA_PEMBERDAYAAN = [
    ("a", "peningkatan kemauan dan kemampuan"),
    ("b", "penggalian potensi dan sumber daya"),
    ("c", "penggalian nilai-nilai dasar"),
    ("d", "pemberian akses"),
    ("e", "pemberian bantuan usaha"),
]

# ASH Pasal 20 ayat (2) (kode "2a".."2i", for Pasal 20 ayat (1) huruf a) and
# ASH Pasal 20 ayat (3) (kode "3a".."3d", for Pasal 20 ayat (1) huruf b).
# NOTE: "diagnosis dan pemberian motivasi" appears in both ayat; kept twice, once per ayat.
BENTUK_PEMBERDAYAAN = [
    ("2a", "diagnosis dan pemberian motivasi"),
    ("2b", "pelatihan keterampilan"),
    ("2c", "pendampingan"),
    ("2d", "pemberian stimulan modal, peralatan usaha dan tempat usaha"),
    ("2e", "peningkatan akses pemasaran hasil usaha"),
    ("2f", "supervisi dan advokasi sosial"),
    ("2g", "penguatan keserasian sosial"),
    ("2h", "penataan lingkungan"),
    ("2i", "bimbingan lanjut"),
    ("3a", "diagnosis dan pemberian motivasi"),
    ("3b", "penguatan kelembagaan masyarakat"),
    ("3c", "kemitraan dan penggalangan dana"),
    ("3d", "pemberian stimulan"),
]

# ASH Pasal 21 ayat (2) (seseorang miskin dan/atau rentan sosial ekonomi, ayat (1))
KRITERIA_PEMBERDAYAAN_PERSEORANGAN = [
    ("a", "berpenghasilan tidak mencukupi kebutuhan dasar minimal"),
    ("b", "keterbatasan terhadap keterampilan kerja"),
    ("c", "keterbatasan akses terhadap pelayanan sosial dasar"),
    ("d", "keterbatasan akses terhadap pasar kerja, modal, dan usaha"),
]

# ASH Pasal 22 ayat (2) (Keluarga miskin dan/atau rentan sosial ekonomi, ayat (1))
KRITERIA_PEMBERDAYAAN_KELUARGA = [
    ("a", "berpenghasilan tidak mencukupi kebutuhan dasar minimal"),
    ("b", "keterbatasan akses terhadap pelayanan sosial dasar"),
    ("c", "mengalami masalah sosial psikologis"),
]

# ASH Pasal 23 ayat (2) (kelompok miskin dan/atau rentan sosial ekonomi, ayat (1))
KRITERIA_PEMBERDAYAAN_KELOMPOK = [
    ("a", "mempunyai potensi, kemauan dan kemampuan untuk mengembangkan usaha bersama"),
    ("b", "mempunyai jenis usaha dan tinggal di wilayah yang sama"),
    ("c", "mempunyai keterbatasan akses terhadap pasar, modal, dan usaha"),
]

# ASH Pasal 25 ayat (2) (pembinaan Lembaga Kesejahteraan Sosial, Pasal 24 huruf a)
KRITERIA_PEMBINAAN_LEMBAGA = [
    ("a", "mempunyai potensi, kemauan dan kemampuan untuk menyelenggarakan Kesejahteraan Sosial"),
    (
        "b",
        "mempunyai kepedulian dan komitmen sebagai mitra Pemerintah Daerah dalam Penyelenggaraan Kesejahteraan Sosial",
    ),
]

# ASH Pasal 26 ayat (2) (peningkatan peran serta perseorangan, Pasal 24 huruf b)
KRITERIA_PERAN_SERTA_PERSEORANGAN = [
    ("a", "mempunyai kepedulian terhadap Pemberdayaan Sosial"),
    (
        "b",
        "mempunyai komitmen sebagai relawan mitra Pemerintah Daerah dalam Penyelenggaraan Kesejahteraan Sosial",
    ),
]

# ASH Pasal 27 (tahapan peningkatan peran serta lembaga dan/atau perseorangan, huruf a-c)
TAHAP_PEMBERDAYAAN_LEMBAGA = [
    ("persiapan", "persiapan"),
    ("pelaksanaan", "pelaksanaan"),
    ("pendayagunaan_berkelanjutan", "pendayagunaan berkelanjutan"),
]

# --- Perlindungan sosial (docs/rules.md S6) -------------------------------------------------
# NOTE: the text heads Paragraf 5 (Pasal 28-31) "Pemberdayaan Sosial"; its content is
# Perlindungan Sosial (as Pasal 28 ayat (1) says).

# ASH Pasal 28 ayat (3) (perlindungan sosial dilaksanakan melalui, huruf a-c)
BENTUK_PERLINDUNGAN_SOSIAL = [
    ("a", "bantuan langsung"),
    ("b", "advokasi sosial"),
    ("c", "fasilitasi bantuan hukum"),
]

# ASH Pasal 29 ayat (2) (bantuan langsung, sementara sampai keadaan stabil, huruf a-g)
# ASH Pasal 29 ayat (3): huruf f (pemakaman) only for PPKS with the keterlantaran criterion.
# ASH Pasal 29 ayat (4): huruf a (uang) sesuai kemampuan keuangan Daerah.
BENTUK_BANTUAN_LANGSUNG_PERLINDUNGAN = [
    ("a", "uang"),
    ("b", "sandang, pangan, dan papan"),
    ("c", "penyediaan tempat penampungan sementara"),
    ("d", "pelayanan kesehatan"),
    ("e", "pelayanan terapi psikososial"),
    ("f", "fasilitasi penyediaan pemakaman"),
    ("g", "penyediaan aksesibilitas"),
]

# ASH Pasal 30 ayat (2) (advokasi sosial, huruf a-f)
BENTUK_ADVOKASI_SOSIAL = [
    ("a", "penyuluhan"),
    ("b", "pemberian informasi"),
    ("c", "diseminasi"),
    ("d", "bimbingan"),
    ("e", "pendampingan"),
    ("f", "pemulihan hak"),
]

# ASH Pasal 31 ayat (2) (fasilitasi bantuan hukum: "pembelaan dan konsultasi hukum")
# ASH Pasal 31 ayat (3): only for PPKS with the kemiskinan criterion.
# NOTE: the text has one phrase, not a lettered list; split into its two forms here.
BENTUK_BANTUAN_HUKUM = [
    ("pembelaan", "pembelaan"),
    ("konsultasi_hukum", "konsultasi hukum"),
]

# --- Potensi dan Sumber Kesejahteraan Sosial (docs/rules.md S1, S2) -------------------------

# ASH Pasal 32 huruf a-d, with huruf a (sumber daya manusia) expanded by Pasal 33 ayat (1)
# huruf a-d (qualifications: Pasal 34-37; izin praktik of the pekerja sosial profesional:
# Pasal 35 ayat (3)).
# NOTE: Pasal 32 huruf c reads "lembaga kesejahteraan dan organisasi sosial lainnya" (docs/rules.md
# S1: "Lembaga Kesejahteraan Sosial and other social organisations"); Pasal 25 ayat (1) names
# the "Lembaga Kesejahteraan Sosial".
JENIS_PSKS = [
    # Pasal 33 ayat (1) huruf a, Pasal 34
    ("tenaga_kesejahteraan_sosial", "Tenaga Kesejahteraan Sosial"),
    # Pasal 33 ayat (1) huruf b, Pasal 35
    ("pekerja_sosial_profesional", "Pekerja Sosial Profesional"),
    # Pasal 33 ayat (1) huruf c, Pasal 36
    ("relawan_sosial", "Relawan Sosial"),
    # Pasal 33 ayat (1) huruf d, Pasal 37
    ("penyuluh_sosial", "Penyuluh Sosial"),
    # Pasal 32 huruf b
    ("lk3", "Lembaga Konsultasi Kesejahteraan Keluarga"),
    # Pasal 32 huruf c
    ("lks", "lembaga kesejahteraan dan organisasi sosial lainnya"),
    # Pasal 32 huruf d
    ("wahana_kesejahteraan_sosial", "wahana Kesejahteraan Sosial"),
]

# ASH Pasal 33 ayat (2) (unsur asal sumber daya manusia: "Pemerintah, Pemerintah Daerah,
# swasta dan/atau masyarakat")
ASAL_SDM = [
    ("pemerintah", "Pemerintah"),
    ("pemerintah_daerah", "Pemerintah Daerah"),
    ("swasta", "swasta"),
    ("masyarakat", "masyarakat"),
]

# ASH Pasal 38 ayat (2) (pembinaan teknis sumber daya manusia meliputi standar, huruf a-b)
STANDAR_PEMBINAAN_TEKNIS_SDM = [
    ("a", "kompetensi"),
    ("b", "pengembangan"),
]

# --- Pendanaan (docs/rules.md B8) -----------------------------------------------------------

# ASH Pasal 41 (sumber pendanaan, huruf a-d)
SUMBER_DANA = [
    # huruf a
    ("apbn", "Anggaran Pendapatan dan Belanja Negara"),
    # huruf b
    ("apbd_provinsi", "Anggaran Pendapatan dan Belanja Daerah Provinsi"),
    # huruf c
    ("apbd", "Anggaran Pendapatan dan Belanja Daerah"),
    # huruf d
    ("lain", "Sumber lain yang sah dan tidak mengikat sesuai peraturan perundang-undangan"),
]
