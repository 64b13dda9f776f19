"""Demo data for the psks app (`manage.py muat_demo`). Idempotent: every record is looked up
by a natural key before it is created, and all changes go through psks.services.

Creates: programmes for each kind of service (ASH 41); five workers, three of them Pekerja
Sosial Profesional — licensed, licence expired, licence ending in 30 days (S2); an accredited
LKS and an LK3 (S1); and, using a PPKS of the ppks demo data, an SLRT request referred to a
rehabilitation case held by the licensed worker with the first three stages recorded (S3, S7).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dinsos.models import Desa, User
from ppks.models import Registrasi

from . import services
from .models import (
    Akreditasi,
    KasusRehabilitasi,
    Lembaga,
    Lisensi,
    PermintaanLayanan,
    ProgramLayanan,
    TenagaSosial,
)

PELAPOR_DEMO = "Kepala Dusun Krajan (contoh)"

# PMKS category (PCT Pasal 3 letter) → target group of ASH Pasal 13, for the demo case.
SASARAN_DARI_KATEGORI = {
    "a": "c",
    "b": "c",
    "c": "n",
    "d": "c",
    "e": "m",
    "f": "j",
    "g": "c",
    "h": "b",
    "i": "d",
    "j": "e",
    "k": "f",
    "l": "g",
    "o": "i",
    "q": "h",
    "r": "l",
    "s": "j",
    "u": "k",
    "v": "k",
}


def _hari(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def _program(nama, jenis, sumber, oleh, pagu):
    tahun = timezone.localdate().year
    prog = ProgramLayanan.objects.filter(nama=nama, tahun_anggaran=tahun).first()
    if prog is None:
        prog = services.program_simpan(
            program=ProgramLayanan(
                nama=nama, jenis_layanan=jenis, tahun_anggaran=tahun, sumber_dana=sumber, pagu=pagu
            ),
            oleh=oleh,
        )
    return prog


def _tenaga(nama, oleh, **data):
    t = TenagaSosial.objects.filter(nama=nama).first()
    if t is None:
        t = services.tenaga_simpan(tenaga=TenagaSosial(nama=nama, **data), oleh=oleh)
    return t


def _lisensi(tenaga, jenis, nomor, penerbit, terbit, sampai, oleh):
    if not Lisensi.objects.filter(jenis=jenis, nomor=nomor).exists():
        services.lisensi_tambah(
            lisensi=Lisensi(
                tenaga=tenaga,
                jenis=jenis,
                nomor=nomor,
                penerbit=penerbit,
                tanggal_terbit=terbit,
                berlaku_sampai=sampai,
            ),
            oleh=oleh,
        )


def _psp(nama, nomor, izin_terbit, izin_sampai, oleh, desa):
    t = _tenaga(
        nama,
        oleh,
        jenis=TenagaSosial.PSP,
        asal="pemerintah_daerah",
        instansi="Dinas Sosial",
        jenis_kelamin="P" if nama.startswith(("Siti", "Dewi")) else "L",
        desa=desa,
        pendidikan_terakhir=TenagaSosial.Pendidikan.D4_S1,
        bidang_pendidikan="Pekerjaan Sosial",
        kualifikasi="Pelatihan asesmen psikososial; manajemen kasus.",
        pengalaman="Pendampingan rehabilitasi sosial di keluarga dan masyarakat.",
    )
    _lisensi(
        t,
        Lisensi.Jenis.SERTIFIKAT,
        f"SK-PEKSOS-{nomor}",
        "Lembaga Sertifikasi Pekerjaan Sosial (LSPS)",
        _hari(-3 * 365),
        _hari(3 * 365),
        oleh,
    )
    _lisensi(
        t,
        Lisensi.Jenis.IZIN_PRAKTIK,
        f"IPPS-{nomor}",
        "Kementerian Sosial RI",
        izin_terbit,
        izin_sampai,
        oleh,
    )
    return t


@transaction.atomic
def muat(stdout):
    oleh = User.objects.filter(username="petugas").first()
    desa = Desa.objects.select_related("kecamatan").order_by("kode").first()
    if oleh is None or desa is None:
        stdout.write("psks: akun 'petugas' atau wilayah belum ada; data contoh PSKS dilewati.")
        return
    J = ProgramLayanan.Jenis
    prog = {
        J.REHABILITASI: _program(
            "Rehabilitasi Sosial Berbasis Keluarga", J.REHABILITASI, "apbd", oleh, 150_000_000
        ),
        J.JAMINAN: _program("Bantuan Iuran Jaminan Sosial Daerah", J.JAMINAN, "apbd", oleh, None),
        J.PEMBERDAYAAN: _program(
            "Pemberdayaan Sosial Kelompok Usaha Bersama", J.PEMBERDAYAAN, "apbn", oleh, None
        ),
        J.PERLINDUNGAN: _program(
            "Perlindungan Sosial Tanggap Darurat", J.PERLINDUNGAN, "apbd", oleh, 75_000_000
        ),
        J.PERAN_SERTA: _program(
            "Pembinaan LKS dan Relawan Sosial", J.PERAN_SERTA, "apbd_provinsi", oleh, None
        ),
    }

    siti = _psp("Siti Rahmawati, S.Tr.Sos.", "0001", _hari(-2 * 365), _hari(2 * 365), oleh, desa)
    _psp("Budi Santoso, S.Sos.", "0002", _hari(-3 * 365), _hari(-30), oleh, desa)
    _psp("Dewi Lestari, S.Tr.Sos.", "0003", _hari(-365), _hari(30), oleh, desa)
    _tenaga(
        "Ahmad Fauzi",
        oleh,
        jenis="relawan_sosial",
        asal="masyarakat",
        instansi="Tagana",
        desa=desa,
        pengalaman="Relawan tanggap bencana sejak 2019.",
    )
    _tenaga(
        "Rina Marlina",
        oleh,
        jenis="tenaga_kesejahteraan_sosial",
        asal="masyarakat",
        instansi="TKSK Kecamatan",
        desa=desa,
        kualifikasi="Bimbingan teknis TKSK.",
        pengalaman="Pendataan dan pendampingan PPKS tingkat kecamatan.",
    )

    lks = Lembaga.objects.filter(nama="LKS Panti Sosial Kasih Bunda").first()
    if lks is None:
        lks = services.lembaga_simpan(
            lembaga=Lembaga(
                nama="LKS Panti Sosial Kasih Bunda",
                jenis="lks",
                bentuk_organisasi="Panti sosial lanjut usia",
                bidang_pelayanan="Lanjut usia telantar",
                alamat="Jl. Contoh No. 5",
                desa=desa,
                pimpinan="Hj. Contoh Pimpinan",
                badan_hukum=Lembaga.BadanHukum.YAYASAN,
                nomor_akta="12",
                tanggal_akta=dt.date(2015, 3, 2),
                notaris="Notaris Contoh, S.H., M.Kn.",
                nomor_sk_badan_hukum="AHU-0001234.AH.01.04.Tahun 2015",
                nomor_tanda_daftar="460/001/DINSOS/2024",
                tanda_daftar_berlaku_sampai=_hari(3 * 365),
                kapasitas=40,
            ),
            oleh=oleh,
        )
    tahun_akr = timezone.localdate().year - 1
    if not Akreditasi.objects.filter(lembaga=lks, tahun=tahun_akr).exists():
        services.akreditasi_tambah(
            akreditasi=Akreditasi(
                lembaga=lks,
                peringkat=Akreditasi.Peringkat.B,
                tahun=tahun_akr,
                nomor_sertifikat=f"BALKS/{tahun_akr}/B/0042",
                pemberi="Badan Akreditasi Lembaga Kesejahteraan Sosial",
                berlaku_sampai=_hari(4 * 365),
            ),
            oleh=oleh,
        )
    if not Lembaga.objects.filter(nama="LK3 Keluarga Harmonis").exists():
        services.lembaga_simpan(
            lembaga=Lembaga(
                nama="LK3 Keluarga Harmonis",
                jenis="lk3",
                bidang_pelayanan="Konsultasi keluarga bermasalah sosial psikologis",
                alamat="Kantor Dinas Sosial",
                desa=desa,
                badan_hukum=Lembaga.BadanHukum.PEMERINTAH,
            ),
            oleh=oleh,
        )
    stdout.write(
        f"psks: {TenagaSosial.objects.count()} tenaga/pekerja sosial, "
        f"{Lembaga.objects.count()} lembaga, {ProgramLayanan.objects.count()} program."
    )

    _slrt_ke_rehabilitasi(stdout, oleh=oleh, desa=desa, pekerja=siti, program=prog[J.REHABILITASI])


def _slrt_ke_rehabilitasi(stdout, *, oleh, desa, pekerja, program):
    """The path of the issue's 'done when': SLRT request → referral → rehabilitation case."""
    if PermintaanLayanan.objects.filter(pelapor_nama=PELAPOR_DEMO).exists():
        return
    aktif = Registrasi.objects.filter(
        status=Registrasi.Status.AKTIF, perseorangan__isnull=False
    ).select_related("perseorangan", "kategori")
    # The demo village operator works in the first desa: pick a person there when possible.
    reg = aktif.filter(desa=desa).order_by("pk").first() or aktif.order_by("pk").first()
    if reg is None:
        stdout.write("psks: belum ada PPKS perseorangan aktif; contoh SLRT dilewati.")
        return
    orang = reg.perseorangan
    assert orang is not None  # filtered on perseorangan__isnull=False above
    try:
        # Its own savepoint: a refusal here must not undo the workers and institutions above.
        with transaction.atomic():
            permintaan, rujukan, kasus = _rantai(
                orang=orang, reg=reg, oleh=oleh, pekerja=pekerja, program=program
            )
    except ValidationError as e:
        stdout.write(f"psks: contoh SLRT dilewati: {'; '.join(e.messages)}")
        return
    stdout.write(
        f"psks: permintaan {permintaan.nomor} → rujukan {rujukan.nomor} → kasus {kasus.nomor} "
        f"({orang.nama}), tiga tahap pertama tercatat."
    )


def _rantai(*, orang, reg, oleh, pekerja, program):
    permintaan = services.slrt_permintaan_catat(
        klien=orang,
        saluran=PermintaanLayanan.Saluran.PETUGAS_DESA,
        tanggal=_hari(-25),
        pelapor_nama=PELAPOR_DEMO,
        pelapor_hubungan="Kepala dusun",
        uraian="Warga dilaporkan menarik diri dan tidak lagi mampu mengurus diri sendiri "
        "sejak ditinggal keluarganya (contoh).",
        kebutuhan=[PermintaanLayanan.Kebutuhan.REHABILITASI],
        kebutuhan_catatan="Perlu asesmen psikososial dan pendampingan dalam keluarga.",
        oleh=oleh,
    )
    rujukan = services.slrt_rujuk(
        permintaan=permintaan,
        tujuan="rehabilitasi",
        instansi="Bidang Rehabilitasi Sosial",
        tanggal=_hari(-24),
        oleh=oleh,
    )
    kasus = services.rehabilitasi_buat(
        klien=orang,
        sasaran=SASARAN_DARI_KATEGORI.get(reg.kategori.kode, "a"),
        setting=KasusRehabilitasi.Setting.KELUARGA,
        bentuk=["a", "f"],
        pekerja=pekerja,
        program=program,
        tanggal_mulai=_hari(-22),
        catatan="Kasus contoh dari rujukan SLRT.",
        rujukan=rujukan,
        oleh=oleh,
    )
    for tahap, hari, catatan in [
        ("pendekatan_awal", -20, "Kunjungan rumah pertama; klien bersedia didampingi."),
        ("pengungkapan_masalah", -15, "Asesmen psikososial bersama keluarga."),
        ("rencana_pemecahan_masalah", -8, "Rencana intervensi disepakati dengan keluarga."),
    ]:
        services.rehabilitasi_tahap_catat(
            kasus=kasus, tahap=tahap, tanggal=_hari(hari), catatan=catatan, oleh=oleh
        )
    return permintaan, rujukan, kasus
