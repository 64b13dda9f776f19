"""The psks lists as xlsx exports (laporan.daftar): services, SLRT, workers, institutions,
programmes and peran serta.

Each entry names the selector its list page calls (psks.selectors), so the file holds the page's
rows under the page's filters; the columns are those of the page, with its dates as date cells
and its amounts as rupiah cells. No column holds a NIK or a person's health or case notes: the
pages do not show them either. Services are scoped by the client's (or subject's) desa; the
workers' records and peran serta are for the Dinas roles only, as their pages are (S1).
"""

from ekspor.daftar import Daftar, Kolom, daftarkan

from .selectors import (
    boleh_lihat_sdm,
    jaminan_tersaring,
    lembaga_tersaring,
    pemberdayaan_tersaring,
    peran_serta_tersaring,
    perlindungan_tersaring,
    program_tersaring,
    rehab_tersaring,
    sdm_tersaring,
    slrt_tersaring,
    status_praktik,
)


def _klien(x):
    return x.klien.nama


def _desa_klien(x):
    return x.klien.desa.nama


def _kec_klien(x):
    return x.klien.desa.kecamatan.nama


def _tahap(x):
    return x.get_tahap_terakhir_display() or "belum dimulai"


def _program(x):
    return x.program.nama


def _sumber(x):
    return x.sumber_dana


def _aktif(x):
    return "Aktif" if x.aktif else "Tidak aktif"


NOMOR = Kolom("Nomor", lambda x: x.nomor, lebar=12)
STATUS = Kolom("Status", lambda x: x.get_status_display(), lebar=12)
AKTIF = Kolom("Status", _aktif, lebar=12)
DESA = [
    Kolom("Desa/Kelurahan", lambda x: x.desa.nama, lebar=20),
    Kolom("Kecamatan", lambda x: x.desa.kecamatan.nama, lebar=18),
]
KLIEN = [
    Kolom("Klien", _klien, lebar=28),
    Kolom("Desa/Kelurahan", _desa_klien, lebar=20),
    Kolom("Kecamatan", _kec_klien, lebar=18),
]
PROGRAM = [
    Kolom("Program", _program, lebar=30),
    Kolom("Sumber dana", _sumber, lebar=16),
]
MASA = [
    Kolom("Tanggal mulai", lambda x: x.tanggal_mulai, "tanggal", 14),
    Kolom("Tanggal selesai", lambda x: x.tanggal_selesai, "tanggal", 14),
]


def _rujukan(p) -> str:
    return "; ".join(f"{r.get_tujuan_display()}: {r.get_status_display()}" for r in p.rujukan.all())


def _lembaga_tenaga(t) -> str:
    return t.lembaga.nama if t.lembaga_id else (t.instansi or "")


def _daftar(kode, judul, berkas, saring, kolom, *, url="", desa_field="klien__desa", syarat=None):
    """One psks list export: registered as `psks.<kode>`, going back to the page
    `psks:<kode>_list` unless `url` names another; a service list is scoped by its client's desa
    unless `desa_field` says otherwise (None: kabupaten-wide records)."""
    return Daftar(
        nama=f"psks.{kode}",
        judul=judul,
        berkas=berkas,
        url_daftar=url or f"psks:{kode}_list",
        saring=saring,
        kolom=kolom,
        desa_field=desa_field,
        syarat=syarat,
    )


daftarkan(
    _daftar(
        "rehabilitasi",
        "Kasus rehabilitasi sosial",
        "kasus-rehabilitasi-sosial",
        rehab_tersaring,
        [
            NOMOR,
            *KLIEN,
            Kolom("Sasaran", lambda k: k.get_sasaran_display(), lebar=30),
            Kolom("Pekerja sosial", lambda k: k.pekerja.nama, lebar=24),
            Kolom("Tahap terakhir", _tahap, lebar=26),
            Kolom("Kemajuan (%)", lambda k: k.kemajuan, "angka", 10),
            STATUS,
            *MASA,
            *PROGRAM,
        ],
        url="psks:rehab_list",
    ),
    _daftar(
        "jaminan",
        "Jaminan sosial",
        "jaminan-sosial",
        jaminan_tersaring,
        [
            NOMOR,
            *KLIEN,
            Kolom("Bentuk", lambda j: j.get_bentuk_display(), lebar=28),
            *PROGRAM,
            Kolom("Tahap", _tahap, lebar=18),
            STATUS,
            *MASA,
            Kolom("Nilai per periode", lambda j: j.nominal, "rupiah", 18),
        ],
    ),
    _daftar(
        "pemberdayaan",
        "Pemberdayaan sosial",
        "pemberdayaan-sosial",
        pemberdayaan_tersaring,
        [
            NOMOR,
            Kolom("Sasaran", lambda p: str(p.subjek), lebar=28),
            Kolom("Jenis sasaran", lambda p: p.jenis_subjek.capitalize(), lebar=14),
            *DESA,
            Kolom("Cara", lambda p: "; ".join(p.cara_label), lebar=30),
            *PROGRAM,
            *MASA,
            STATUS,
        ],
        desa_field="desa",
    ),
    _daftar(
        "perlindungan",
        "Perlindungan sosial",
        "perlindungan-sosial",
        perlindungan_tersaring,
        [
            NOMOR,
            *KLIEN,
            Kolom("Jenis", lambda p: p.get_jenis_display(), lebar=22),
            Kolom("Bentuk", lambda p: "; ".join(p.bentuk_label), lebar=30),
            *MASA,
            Kolom("Nilai bantuan uang", lambda p: p.nominal, "rupiah", 18),
            STATUS,
            *PROGRAM,
        ],
    ),
    _daftar(
        "slrt",
        "Permintaan layanan SLRT",
        "permintaan-slrt",
        slrt_tersaring,
        [
            Kolom("Nomor", lambda p: p.nomor, lebar=16),
            Kolom("Tanggal", lambda p: p.tanggal, "tanggal", 14),
            *KLIEN,
            Kolom("Saluran", lambda p: p.get_saluran_display(), lebar=22),
            Kolom("Kebutuhan", lambda p: ", ".join(p.kebutuhan_label), lebar=30),
            Kolom("Rujukan", _rujukan, lebar=34),
            Kolom("Status", lambda p: p.get_status_display(), lebar=20),
        ],
    ),
    _daftar(
        "sdm",
        "Tenaga dan pekerja sosial",
        "tenaga-pekerja-sosial",
        sdm_tersaring,
        [
            Kolom("Nama", lambda t: t.nama, lebar=28),
            Kolom("Jenis", lambda t: t.get_jenis_display(), lebar=26),
            Kolom("Unsur", lambda t: t.get_asal_display(), lebar=16),
            Kolom("Instansi/lembaga", _lembaga_tenaga, lebar=26),
            Kolom("Sertifikat & izin praktik", lambda t: status_praktik(t)["label"], lebar=34),
            Kolom("Sertifikat berlaku s.d.", lambda t: t.sertifikat_sampai, "tanggal", 14),
            Kolom("Izin praktik berlaku s.d.", lambda t: t.izin_sampai, "tanggal", 14),
            AKTIF,
        ],
        desa_field=None,  # kabupaten-wide records, for the Dinas roles only (S1)
        syarat=boleh_lihat_sdm,
    ),
    _daftar(
        "lembaga",
        "Lembaga kesejahteraan sosial",
        "lembaga-kesejahteraan-sosial",
        lembaga_tersaring,
        [
            Kolom("Nama", lambda x: x.nama, lebar=30),
            Kolom("Jenis", lambda x: x.get_jenis_display(), lebar=26),
            *DESA,
            Kolom("Badan hukum", lambda x: x.get_badan_hukum_display(), lebar=18),
            Kolom("Akreditasi", lambda x: x.akreditasi_peringkat or "belum", lebar=10),
            Kolom("Tahun akreditasi", lambda x: x.akreditasi_tahun, "tahun", 10),
            Kolom("Akreditasi berlaku s.d.", lambda x: x.akreditasi_sampai, "tanggal", 14),
            AKTIF,
        ],
        desa_field=None,  # kabupaten-wide records: every role sees the whole list
    ),
    _daftar(
        "program",
        "Program layanan dan sumber dana",
        "program-layanan",
        program_tersaring,
        [
            Kolom("Program", lambda p: p.nama, lebar=32),
            Kolom("Jenis layanan", lambda p: p.get_jenis_layanan_display(), lebar=26),
            Kolom("Tahun anggaran", lambda p: p.tahun_anggaran, "tahun", 10),
            Kolom("Sumber dana", lambda p: p.get_sumber_dana_display(), lebar=18),
            Kolom("Pagu", lambda p: p.pagu, "rupiah", 20),
            AKTIF,
        ],
        desa_field=None,  # kabupaten-wide records (ASH 41)
    ),
    _daftar(
        "peran_serta",
        "Peningkatan peran serta",
        "peningkatan-peran-serta",
        peran_serta_tersaring,
        [
            NOMOR,
            Kolom("Kegiatan", lambda k: k.nama_kegiatan, lebar=30),
            Kolom("Sasaran", lambda k: str(k.sasaran), lebar=28),
            *PROGRAM,
            Kolom("Tahap", _tahap, lebar=24),
            STATUS,
            *MASA,
        ],
        desa_field=None,  # kabupaten-wide records, for the Dinas roles only (S5)
        syarat=boleh_lihat_sdm,
    ),
)
