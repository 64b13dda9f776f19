"""Names, places and wording of the demo's past Tahun Anggaran (laporan.demo)."""

# fmt: off
NAMA_L = [
    "Sukardi", "Suparno", "Wagimin", "Sutrisno", "Paijo", "Sarno", "Tukiran", "Sumadi", "Kateno",
    "Darsono", "Sugeng", "Wiyono", "Margono", "Parman", "Sajiman", "Karno", "Samiran", "Tarmuji",
    "Slamet", "Bejo", "Jumadi", "Mulyono", "Suwarno", "Riyadi", "Kusnadi", "Triyono", "Sutopo",
    "Marjuki", "Tugimin", "Kasiran", "Ngadiman", "Sunarto", "Giyanto", "Purwanto", "Haryono",
    "Joko", "Agus", "Budi", "Heru", "Eko", "Bambang", "Dwi", "Wahyu", "Teguh", "Hadi", "Rohmat",
    "Imam", "Nur", "Ahmad",
]
NAMA_P = [
    "Sainem", "Tukinem", "Painah", "Katinem", "Suminah", "Wartini", "Sutini", "Parinem", "Ngatmi",
    "Sumiyati", "Warsini", "Sukarti", "Rubiyem", "Mujiyem", "Tumirah", "Paniyem", "Sarinah",
    "Legiyem", "Ngadinem", "Kasmini", "Sri", "Endang", "Siti", "Tri", "Rini", "Yuli", "Dewi",
    "Eni", "Wahyuni", "Lestari", "Sumarni", "Suyatmi", "Marsinah", "Jumiati", "Tuginah",
    "Sulastri", "Winarti", "Suprapti", "Ponirah", "Daliyem", "Kamisah", "Juminten", "Sarmi",
    "Tarmini", "Puji", "Ani",
]
NAMA_BELAKANG_L = [
    "Santoso", "Susanto", "Wibowo", "Pranoto", "Setiawan", "Prasetyo", "Hartono", "Raharjo",
    "Utomo", "Wahyudi", "Purnomo", "Sulistyo", "Nugroho", "Saputro",
]
NAMA_BELAKANG_P = [
    "Lestari", "Rahayu", "Astuti", "Handayani", "Wulandari", "Susilowati", "Suryani", "Ningsih",
    "Rahmawati", "Wahyuningsih",
]
DUSUN = [
    "Krajan", "Ngasem", "Gunungsari", "Karanganyar", "Sumberejo", "Tegalrejo", "Kedungrejo",
    "Sidomulyo", "Gondang", "Banaran", "Ngrejo", "Kalipucung", "Salam", "Wonosari", "Jati",
    "Tanjung", "Plosorejo", "Suren",
]
# fmt: on
KUBE = [
    "KUBE Sido Rukun",
    "KUBE Ngudi Rejeki",
    "KUBE Tani Makmur",
    "KUBE Sekar Arum",
    "KUBE Maju Bersama",
    "KUBE Mugi Lestari",
    "KUBE Rukun Santoso",
    "KUBE Karya Mandiri",
    "KUBE Guyub Rukun",
    "KUBE Tunas Harapan",
    "KUBE Sumber Rejeki",
    "KUBE Makmur Jaya",
]
BANK = ["Bank Jatim", "BRI", "Bank Jatim", "BNI"]
USAHA = [
    "warung kelontong",
    "ternak kambing",
    "jahit pakaian",
    "gorengan dan jajanan pasar",
    "tambal ban",
    "keripik singkong",
    "budidaya lele",
    "anyaman bambu",
    "batik tulis",
    "jualan sayur keliling",
]
KEBUTUHAN_BH = [
    "Pemenuhan kebutuhan pangan sehari-hari",
    "Kebutuhan hidup sehari-hari lansia yang tinggal sendiri",
    "Kebutuhan hidup sehari-hari dan alat bantu",
    "Kebutuhan hidup sehari-hari setelah rumah rusak akibat bencana",
]
ALASAN_TOLAK_VERIFIKASI = [
    "Surat Keterangan Miskin tidak disertai instrumen identifikasi rumah tangga miskin.",
    "Pemohon telah menerima bantuan sejenis dari program Kementerian Sosial pada tahun yang sama.",
]
ALASAN_TOLAK_REKOMENDASI = [
    "Kebutuhan pemohon telah dipenuhi melalui Program Keluarga Harapan.",
    "Hasil kunjungan lapangan: kondisi ekonomi pemohon telah membaik.",
]
ALASAN_KEMBALI = [
    "Fotokopi Kartu Keluarga tidak terbaca; mohon unggah ulang hasil pindaian yang jelas.",
    "Surat permohonan belum ditandatangani pemohon.",
    "Kuitansi belum disertai rincian biaya pelayanan.",
]
