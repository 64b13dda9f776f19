"""Demo data for the registry: ~40 persons, families, a KUBE, a community, registrations.

Everything goes through ppks.services (so the demo also writes history) and is keyed by
stable values (NIK, KK number, names), so running `manage.py muat_demo` twice changes nothing.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction

from dinsos.models import Desa, Peran, User

from . import services
from .models import KategoriPMKS, Kelompok, Keluarga, Komunitas, Perseorangan, Registrasi

# (nama, jenis kelamin, tanggal lahir, kategori, huruf kriteria)
ORANG_DESA_OPERATOR = [
    ("Sukirno", "L", dt.date(1949, 3, 12), "h", "ab"),
    ("Painem", "P", dt.date(1952, 8, 2), "h", "a"),
    ("Tukiman", "L", dt.date(1978, 1, 20), "x", "ab"),
    ("Sri Wahyuni", "P", dt.date(1981, 11, 5), "x", "a"),
    ("Suparmi", "P", dt.date(1987, 6, 14), "w", "a"),
    ("Agus Setiawan", "L", dt.date(1995, 4, 30), "i", "a"),
    ("Wagiyem", "P", dt.date(1944, 12, 1), "h", "ab"),
    ("Joko Susilo", "L", dt.date(1975, 9, 9), "u", "a"),
    ("Mursidi", "L", dt.date(1970, 2, 17), "x", "a"),
    ("Rini Astuti", "P", dt.date(1990, 7, 23), "x", "a"),
]
ORANG_LAIN = [
    ("Sarmin", "L", dt.date(1956, 5, 4), "h", "a"),
    ("Ngatini", "P", dt.date(1960, 10, 10), "h", "a"),
    ("Bambang Riyadi", "L", dt.date(1983, 3, 3), "x", "a"),
    ("Lestari", "P", dt.date(1992, 1, 15), "i", "a"),
    ("Kasno", "L", dt.date(1968, 12, 24), "u", "a"),
    ("Sumini", "P", dt.date(1972, 4, 18), "u", "a"),
    ("Darmaji", "L", dt.date(1950, 6, 6), "h", "ab"),
    ("Siti Aminah", "P", dt.date(1985, 8, 19), "w", "a"),
    ("Slamet Riyanto", "L", dt.date(1979, 2, 2), "x", "ab"),
    ("Tumini", "P", dt.date(1958, 9, 29), "x", "a"),
    ("Hadi Purnomo", "L", dt.date(1999, 11, 11), "i", "a"),
    ("Yatini", "P", dt.date(1963, 3, 21), "u", "a"),
    ("Paimin", "L", dt.date(1947, 7, 7), "h", "a"),
    ("Wartini", "P", dt.date(1980, 5, 25), "x", "a"),
    ("Suyanto", "L", dt.date(1974, 10, 1), "x", "a"),
    ("Endang Sulastri", "P", dt.date(1989, 12, 12), "w", "a"),
    ("Gunawan", "L", dt.date(2001, 6, 16), "i", "a"),
    ("Sumarni", "P", dt.date(1955, 1, 8), "h", "a"),
    ("Parno", "L", dt.date(1966, 4, 4), "u", "a"),
    ("Katmi", "P", dt.date(1977, 8, 8), "x", "a"),
    ("Supriyadi", "L", dt.date(1984, 2, 14), "x", "a"),
    ("Marsini", "P", dt.date(1951, 11, 30), "h", "a"),
    ("Eko Prasetyo", "L", dt.date(1993, 9, 3), "u", "a"),
    ("Tugiyem", "P", dt.date(1961, 5, 5), "x", "a"),
    ("Wahyudi", "L", dt.date(1987, 3, 27), "i", "a"),
    ("Sulastri", "P", dt.date(1970, 7, 17), "x", "a"),
]
TANPA_NIK = [
    # R6: persons without a KTP, found on the street (PCT 4(10) huruf k).
    ("Mbah Darmo (nama panggilan)", "L", dt.date(1965, 1, 1), "k", "ab"),
    ("Tarjo", "L", dt.date(1980, 1, 1), "k", "a"),
]
DUSUN = ["Krajan", "Ngasem", "Gunungsari", "Karanganyar", "Sumberejo", "Tegalrejo"]


def _nik(desa: Desa, lahir: dt.date, jk: str, urut: int) -> str:
    hari = lahir.day + (40 if jk == "P" else 0)
    return f"{desa.kecamatan_id.replace('.', '')}{hari:02d}{lahir:%m}{lahir:%y}{urut:04d}"


def _petugas() -> User | None:
    return (
        User.objects.filter(username="petugas", peran=Peran.PETUGAS_DINAS).first()
        or User.objects.filter(peran=Peran.PETUGAS_DINAS, is_active=True).first()
        or User.objects.filter(peran=Peran.ADMINISTRATOR, is_active=True).first()
    )


def _orang(oleh, desa, nama, jk, lahir, urut, **extra) -> tuple[Perseorangan, bool]:
    nik = _nik(desa, lahir, jk, urut) if urut else None
    if nik:
        ada = Perseorangan.objects.filter(nik=nik).first()
    else:
        ada = Perseorangan.objects.filter(nik__isnull=True, nama=nama, desa=desa).first()
    if ada:
        return ada, False
    data = {
        "nik": nik,
        "nama": nama,
        "jenis_kelamin": jk,
        "tanggal_lahir": lahir,
        "tempat_lahir": "Pacitan" if settings.KABUPATEN_KODE == "35.01" else "",
        "alamat": f"Dusun {DUSUN[urut % len(DUSUN)]}",
        "rt": f"{urut % 5 + 1:03d}",
        "rw": f"{urut % 3 + 1:03d}",
        "desa": desa,
        **extra,
    }
    if not nik:
        data["alasan_tanpa_nik"] = "Tidak memiliki KTP; ditemukan di jalan saat razia PMKS."
    return services.perseorangan_buat(oleh=oleh, data=data), True


def _daftarkan(oleh, kode: str, huruf: str, **subjek) -> bool:
    kat = KategoriPMKS.objects.get(kode=kode)
    nama_subjek, s = next(iter(subjek.items()))
    if Registrasi.objects.filter(
        **{nama_subjek: s}, kategori=kat, status=Registrasi.Status.AKTIF
    ).exists():
        return False
    kriteria = list(kat.kriteria.filter(huruf__in=list(huruf)))
    services.registrasi_buat(
        oleh=oleh,
        kategori=kat,
        kriteria=kriteria,
        sumber_data=Registrasi.Sumber.PENDATAAN,
        catatan="Data contoh.",
        **subjek,
    )
    return True


@transaction.atomic
def muat(stdout):
    oleh = _petugas()
    semua_desa = list(
        Desa.objects.select_related("kecamatan")
        .filter(kode__startswith=settings.KABUPATEN_KODE + ".")
        .order_by("kode")
    )
    if oleh is None or not semua_desa:
        stdout.write("Registri: data contoh dilewati (wilayah atau akun petugas belum ada).")
        return
    desa_op = semua_desa[0]
    # Other desa: the first desa of each further kecamatan, so counts spread over kecamatan.
    lain, kec_terpakai = [], {desa_op.kecamatan_id}
    for d in semua_desa:
        if d.kecamatan_id not in kec_terpakai:
            lain.append(d)
            kec_terpakai.add(d.kecamatan_id)
    if not lain:
        lain = semua_desa[1:] or [desa_op]
    lain = lain[:6]

    n_baru = n_reg = 0
    orang = []
    urut = 1
    for nama, jk, lahir, kode, huruf in ORANG_DESA_OPERATOR:
        o, baru = _orang(oleh, desa_op, nama, jk, lahir, urut)
        orang.append((o, kode, huruf))
        n_baru += baru
        urut += 1
    for i, (nama, jk, lahir, kode, huruf) in enumerate(ORANG_LAIN):
        o, baru = _orang(oleh, lain[i % len(lain)], nama, jk, lahir, urut)
        orang.append((o, kode, huruf))
        n_baru += baru
        urut += 1
    for i, (nama, jk, lahir, kode, huruf) in enumerate(TANPA_NIK):
        o, baru = _orang(oleh, lain[i % len(lain)], nama, jk, lahir, 0)
        orang.append((o, kode, huruf))
        n_baru += baru
    for o, kode, huruf in orang:
        n_reg += _daftarkan(oleh, kode, huruf, perseorangan=o)

    # Families: husband and wife of the operator's desa, and one elsewhere.
    per_nama = {o.nama: o for o, _, _ in orang}
    keluarga = [
        (desa_op, "Tukiman", [("Sri Wahyuni", Perseorangan.Hubungan.SUAMI_ISTRI)]),
        (desa_op, "Sukirno", [("Painem", Perseorangan.Hubungan.SUAMI_ISTRI)]),
        (lain[0], "Sarmin", []),
    ]
    for i, (desa, kepala, anggota) in enumerate(keluarga, start=1):
        kk_nomor = f"{desa.kecamatan_id.replace('.', '')}{desa.kode[-4:]}{i:06d}"
        kk = Keluarga.objects.filter(nomor_kk=kk_nomor).first()
        kepala_o = per_nama[kepala]
        if kk is None and kepala_o.desa_id == desa.pk:
            kk = services.keluarga_buat(
                oleh=oleh,
                data={"nomor_kk": kk_nomor, "alamat": kepala_o.alamat, "desa": desa},
                kepala=kepala_o,
            )
            for nama, hub in anggota:
                services.keluarga_tambah_anggota(
                    keluarga=kk, orang=per_nama[nama], hubungan=hub, oleh=oleh
                )
    kk_miskin = Keluarga.objects.filter(kepala=per_nama["Tukiman"]).first()
    if kk_miskin:
        n_reg += _daftarkan(oleh, "x", "a", keluarga=kk_miskin)

    # A KUBE (kelompok usaha bersama) with a bank account, for permodalan usaha (PCT 10).
    kube = Kelompok.objects.filter(nama="KUBE Sido Makmur", desa=desa_op).first()
    if kube is None:
        kube = services.kelompok_buat(
            oleh=oleh,
            data={
                "nama": "KUBE Sido Makmur",
                "desa": desa_op,
                "alamat": "Dusun Krajan",
                "tanggal_dibentuk": dt.date(2024, 2, 1),
                "nomor_surat_pembentukan": f"140/017/{desa_op.kode[-4:]}/2024",
                "nama_bank": "Bank Jatim",
                "nomor_rekening": "0012345678",
            },
            ketua=per_nama["Mursidi"],
            anggota=[per_nama["Rini Astuti"], per_nama["Tukiman"], per_nama["Sri Wahyuni"]],
        )
    n_reg += _daftarkan(oleh, "x", "a", kelompok=kube)

    kom_desa = lain[1 % len(lain)]
    kom = Komunitas.objects.filter(nama="Warga terdampak tanah longsor", desa=kom_desa).first()
    if kom is None:
        kom = services.komunitas_buat(
            oleh=oleh,
            data={
                "nama": "Warga terdampak tanah longsor",
                "desa": kom_desa,
                "lokasi": "Dusun Gunungsari",
                "jumlah_kk": 14,
                "jumlah_jiwa": 47,
                "keterangan": "Tanah longsor setelah hujan deras; rumah rusak berat dan sedang.",
            },
        )
    n_reg += _daftarkan(oleh, "u", "a", komunitas=kom)
    stdout.write(
        f"Registri: {n_baru} perseorangan baru, {n_reg} registrasi baru "
        f"(desa operator contoh: {desa_op.nama})."
    )
