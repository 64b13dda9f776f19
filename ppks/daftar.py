"""The registry's lists as xlsx exports (laporan.daftar): persons, families, groups, communities.

Each entry names the function its list page calls, so the file holds the page's rows under the
page's filters and the user's scope. NIK and KK are whole only for Izin.LIHAT_NIK_LENGKAP
(`nik=True`), as on the pages (docs/rules.md section 4); the NIK search is never a stored filter.
"""

from types import SimpleNamespace

from dinsos.akses import Izin
from ekspor.daftar import Daftar, Kolom, daftarkan
from ekspor.models import Ekspor

from . import selectors
from .views.kelompok import kelompok_tersaring
from .views.keluarga import keluarga_tersaring
from .views.komunitas import komunitas_tersaring


def perseorangan_tersaring(user, data):
    # The registry page's own FilterSet; it reads its choices from `request.user`.
    s = selectors.saring_perseorangan(SimpleNamespace(user=user), data)
    return s.form, s.qs


def _kategori_aktif(o) -> str:
    return ", ".join(f"{r.kategori.kode}. {r.kategori.nama}" for r in o.registrasi_aktif)


def _desa(o):
    return o.desa.nama


def _kecamatan(o):
    return o.desa.kecamatan.nama


KOLOM_PERSEORANGAN = [
    Kolom("No. Registrasi", lambda o: o.nomor_registrasi, lebar=16),
    Kolom("NIK", lambda o: o.nik, lebar=20, nik=True),
    Kolom("No KK", lambda o: o.nomor_kk, lebar=20, nik=True),
    Kolom("Nama", lambda o: o.nama, lebar=30),
    Kolom("Tempat Lahir", lambda o: o.tempat_lahir),
    Kolom("Tanggal Lahir", lambda o: o.tanggal_lahir, "tanggal", 14),
    Kolom("Jenis Kelamin", lambda o: o.get_jenis_kelamin_display(), lebar=12),
    Kolom("Alamat", lambda o: o.alamat, lebar=30),
    Kolom("RT", lambda o: o.rt, lebar=6),
    Kolom("RW", lambda o: o.rw, lebar=6),
    Kolom("Desa", _desa, lebar=22),
    Kolom("Kode Desa", lambda o: o.desa_id, lebar=15),
    Kolom("Kecamatan", _kecamatan, lebar=20),
    Kolom("Kategori Aktif", _kategori_aktif, lebar=40),
    Kolom("Status DTSEN", lambda o: o.get_status_dtsen_display(), lebar=20),
    Kolom("Desil DTSEN", lambda o: o.desil_dtsen, "angka", 10),
    Kolom("Jaminan Kesehatan", lambda o: o.get_jaminan_kesehatan_display(), lebar=24),
]

daftarkan(
    Daftar(
        nama="ppks.perseorangan",
        judul="Registri PMKS/PPKS perseorangan",
        berkas="registri-pmks",
        url_daftar="ppks:daftar",
        saring=perseorangan_tersaring,
        kolom=KOLOM_PERSEORANGAN,
        desa_field="desa",
        izin=(Izin.LIHAT_REGISTRI,),
        # The NIK search is answered on the page only (POST); it never goes into a job.
        rahasia=frozenset({"nik"}),
        # The page's keyset pager orders by -id.
        urutan=("-pk",),
        jenis=Ekspor.Jenis.REGISTRI_XLSX,
    ),
    Daftar(
        nama="ppks.keluarga",
        judul="Registri keluarga",
        berkas="registri-keluarga",
        url_daftar="ppks:keluarga_daftar",
        saring=keluarga_tersaring,
        kolom=[
            Kolom("Nomor KK", lambda k: k.nomor_kk, lebar=20, nik=True),
            Kolom("Kepala keluarga", lambda k: k.kepala.nama if k.kepala_id else "", lebar=28),
            Kolom("Alamat", lambda k: k.alamat, lebar=30),
            Kolom("RT", lambda k: k.rt, lebar=6),
            Kolom("RW", lambda k: k.rw, lebar=6),
            Kolom("Desa/Kelurahan", _desa, lebar=22),
            Kolom("Kecamatan", _kecamatan, lebar=20),
        ],
        desa_field="desa",
        izin=(Izin.LIHAT_REGISTRI,),
        urutan=("-pk",),
    ),
    Daftar(
        nama="ppks.kelompok",
        judul="Registri kelompok",
        berkas="registri-kelompok",
        url_daftar="ppks:kelompok_daftar",
        saring=kelompok_tersaring,
        kolom=[
            Kolom("Nama kelompok", lambda k: k.nama, lebar=30),
            Kolom("Ketua", lambda k: k.ketua.nama if k.ketua_id else "", lebar=28),
            Kolom("Anggota", lambda k: k.jumlah_anggota, "angka", 10),
            Kolom("Desa/Kelurahan", _desa, lebar=22),
            Kolom("Kecamatan", _kecamatan, lebar=20),
        ],
        desa_field="desa",
        izin=(Izin.LIHAT_REGISTRI,),
        urutan=("-pk",),
    ),
    Daftar(
        nama="ppks.komunitas",
        judul="Registri masyarakat/komunitas",
        berkas="registri-komunitas",
        url_daftar="ppks:komunitas_daftar",
        saring=komunitas_tersaring,
        kolom=[
            Kolom("Nama", lambda k: k.nama, lebar=30),
            Kolom("Lokasi", lambda k: k.lokasi, lebar=24),
            Kolom("Jumlah KK", lambda k: k.jumlah_kk, "angka", 10),
            Kolom("Jumlah jiwa", lambda k: k.jumlah_jiwa, "angka", 10),
            Kolom("Desa/Kelurahan", _desa, lebar=22),
            Kolom("Kecamatan", _kecamatan, lebar=20),
        ],
        desa_field="desa",
        izin=(Izin.LIHAT_REGISTRI,),
        urutan=("-pk",),
    ),
)
