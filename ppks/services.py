"""State changes of the registry: one function per change (RULES.md R1–R8).

Each one takes keyword-only arguments, runs inside `transaction.atomic()`, locks the row it
changes, checks the role and the wilayah itself (a view is only one of its callers), validates
with `full_clean()`, saves, and writes a `Riwayat` row: who, when, {field: [old, new]}, why.

Domain errors are `ValidationError`s with Indonesian messages (a view shows them next to the
field); a role without the capability gets `PermissionDenied` (403).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError, RestrictedError

from dinsos import akses
from dinsos.akses import Izin
from dinsos.audit import beda, catat, potret
from dinsos.models import Desa, Riwayat

from . import nik as nikmod
from .models import (
    KategoriPMKS,
    Kelompok,
    Keluarga,
    Komunitas,
    KriteriaPMKS,
    Perseorangan,
    Registrasi,
)

FIELD_ORANG = [
    "nik",
    "alasan_tanpa_nik",
    "nomor_kk",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "alasan_beda_nik",
    "alamat",
    "rt",
    "rw",
    "desa",
    "telepon",
    "jaminan_kesehatan",
    "nomor_jaminan",
    "status_dtsen",
    "desil_dtsen",
    "catatan_disabilitas",
    "catatan_kesehatan",
]
# R5: these must agree with the NIK; changing them later needs a reason in the history.
FIELD_IDENTITAS = {"nik", "tanggal_lahir", "jenis_kelamin"}
FIELD_KELUARGA = ["nomor_kk", "alamat", "rt", "rw", "desa"]
FIELD_KELOMPOK = [
    "nama",
    "desa",
    "alamat",
    "tanggal_dibentuk",
    "nomor_surat_pembentukan",
    "nama_bank",
    "nomor_rekening",
]
FIELD_KOMUNITAS = ["nama", "desa", "lokasi", "jumlah_kk", "jumlah_jiwa", "keterangan"]
_TIDAK_DICATAT = {"dibuat", "diubah"}

PESAN_NIK_GANDA = (
    "NIK ini sudah terdaftar di registri; satu NIK hanya untuk satu orang (aturan R5)."
)


# --- shared checks ---------------------------------------------------------------------------


def _wajib_izin(oleh, izin: str = Izin.UBAH_REGISTRI) -> None:
    if not akses.boleh(oleh, izin):
        raise PermissionDenied("Peran Anda tidak berwenang mengubah data registri.")


def desa_dalam_kabupaten(desa: Desa | str) -> bool:
    kode = desa if isinstance(desa, str) else desa.pk
    return kode.startswith(settings.KABUPATEN_KODE + ".")


def cek_desa(oleh, desa: Desa | None, field: str = "desa") -> None:
    """R7: domicile is a desa/kelurahan of this kabupaten, and within the user's wilayah."""
    if desa is None:
        raise ValidationError({field: "Desa/kelurahan domisili wajib dipilih (aturan R7)."})
    if not desa_dalam_kabupaten(desa):
        raise ValidationError(
            {
                field: f"Desa/kelurahan {desa.nama} ({desa.pk}) berada di luar kabupaten ini; "
                "registri hanya untuk penduduk yang berdomisili di kabupaten (aturan R7)."
            }
        )
    if not akses.dalam_wilayah(oleh, desa):
        raise ValidationError(
            {field: f"Desa/kelurahan {desa.nama} berada di luar wilayah kerja Anda."}
        )


def _kunci(oleh, model: type[Model], pk):
    """Lock the row, loaded through the user's wilayah; outside it the record does not exist."""
    obj = (
        akses.scope(oleh, model).select_for_update(of=("self",)).filter(pk=pk).first()
    )  # of=self: never lock the desa rows the scope joins
    if obj is None:
        raise PermissionDenied("Data tidak ditemukan atau di luar wilayah kerja Anda.")
    return obj


def _cek_terlihat(oleh, obj: Model) -> None:
    if not akses.scope(oleh, type(obj)).filter(pk=obj.pk).exists():
        raise ValidationError(f"{obj} tidak ditemukan atau di luar wilayah kerja Anda.")


def _potret(obj) -> dict:
    return {k: v for k, v in potret(obj).items() if k not in _TIDAK_DICATAT}


def _perubahan_baru(obj) -> dict:
    return {k: [None, v] for k, v in _potret(obj).items() if v not in (None, "")}


def _isi(obj, data: dict, fields: list[str]) -> None:
    for f in fields:
        if f in data:
            setattr(obj, f, data[f])


def _simpan(obj) -> None:
    """Save in a savepoint so a unique clash found only by the database becomes a message."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as e:
        teks = str(e).lower()
        if isinstance(obj, Perseorangan) and "nik" in teks:
            raise ValidationError({"nik": PESAN_NIK_GANDA}) from e
        if "nomor_kk" in teks:
            raise ValidationError({"nomor_kk": "Nomor KK ini sudah terdaftar."}) from e
        if "satu_registrasi_aktif" in teks or "perseorangan_id, kategori_id" in teks:
            raise ValidationError(
                "Registran ini sudah memiliki registrasi aktif pada kategori tersebut."
            ) from e
        raise


def _hapus(obj, oleh, alasan: str) -> None:
    """Write the history row, then delete; a PROTECT reference becomes a clear message."""
    catat(pengguna=oleh, aksi=Riwayat.Aksi.HAPUS, obj=obj, perubahan={}, alasan=alasan)
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as e:
        terkait = getattr(e, "protected_objects", None) or getattr(e, "restricted_objects", [])
        dipakai = sorted({str(o._meta.verbose_name) for o in terkait})
        raise ValidationError(
            f"{obj} tidak dapat dihapus karena masih dipakai oleh data lain "
            f"({', '.join(dipakai) or 'data terkait'})."
        ) from e


def _normalisasi_orang(data: dict) -> dict:
    data = dict(data)
    if "nik" in data:
        data["nik"] = nikmod.normalisasi(data["nik"] or "") or None
    if "nomor_kk" in data:
        data["nomor_kk"] = nikmod.normalisasi(data["nomor_kk"] or "")
    for f in ("nama", "tempat_lahir", "alamat"):
        if isinstance(data.get(f), str):
            data[f] = " ".join(data[f].split())
    return data


def _cek_nik_unik(orang: Perseorangan) -> None:
    if orang.nik and Perseorangan.objects.filter(nik=orang.nik).exclude(pk=orang.pk).exists():
        raise ValidationError({"nik": PESAN_NIK_GANDA})


def _full_clean_orang(orang: Perseorangan) -> None:
    _cek_nik_unik(orang)
    orang.full_clean(exclude=["dibuat_oleh"])


# --- perseorangan ----------------------------------------------------------------------------


def perseorangan_buat(*, oleh, data: dict) -> Perseorangan:
    """Register a person (R1, R5–R8). `data` holds FIELD_ORANG values, `desa` a Desa."""
    _wajib_izin(oleh)
    data = _normalisasi_orang(data)
    with transaction.atomic():
        orang = Perseorangan(dibuat_oleh=oleh)
        _isi(orang, data, FIELD_ORANG)
        cek_desa(oleh, orang.desa if orang.desa_id else None)
        _full_clean_orang(orang)
        _simpan(orang)
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.BUAT,
            obj=orang,
            perubahan=_perubahan_baru(orang),
            alasan=orang.alasan_beda_nik or orang.alasan_tanpa_nik,
        )
    return orang


def perseorangan_ubah(*, orang: Perseorangan, oleh, data: dict, alasan: str = "") -> Perseorangan:
    """Change a person's data. R5: a change of NIK, birth date or sex needs a reason."""
    _wajib_izin(oleh)
    data = _normalisasi_orang(data)
    with transaction.atomic():
        orang = _kunci(oleh, Perseorangan, orang.pk)
        lama = _potret(orang)
        _isi(orang, data, FIELD_ORANG)
        perubahan = beda(lama, _potret(orang))
        if not perubahan:
            return orang
        if FIELD_IDENTITAS & perubahan.keys() and not (alasan or "").strip():
            raise ValidationError(
                {
                    "alasan": "Perubahan NIK, tanggal lahir atau jenis kelamin wajib disertai "
                    "alasan; alasan dicatat dalam riwayat (aturan R5)."
                }
            )
        if "desa" in perubahan:
            cek_desa(oleh, orang.desa)
        _full_clean_orang(orang)
        _simpan(orang)
        if "desa" in perubahan:
            # Registrasi.desa is a copy of the registrant's desa (for scoping and counts).
            Registrasi.objects.filter(perseorangan=orang).update(desa=orang.desa_id)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=orang, perubahan=perubahan, alasan=alasan)
    return orang


def perseorangan_hapus(*, orang: Perseorangan, oleh, alasan: str = "") -> None:
    """Delete a person entered by mistake; never one with registrations or bansos."""
    _wajib_izin(oleh)
    with transaction.atomic():
        orang = _kunci(oleh, Perseorangan, orang.pk)
        if Registrasi.objects.filter(perseorangan=orang).exists():
            raise ValidationError(
                f"{orang.nama} tidak dapat dihapus karena memiliki registrasi PMKS. Ubah status "
                "registrasinya menjadi “Tidak lagi PMKS” bila tidak lagi memenuhi."
            )
        for kk in Keluarga.objects.select_for_update().filter(kepala=orang):
            kk.kepala = None
            kk.save(update_fields=["kepala", "diubah"])
            catat(
                pengguna=oleh,
                aksi=Riwayat.Aksi.UBAH,
                obj=kk,
                perubahan={"kepala": [str(orang), None]},
                alasan="Data kepala keluarga dihapus dari registri.",
            )
        _hapus(orang, oleh, alasan)


# --- keluarga --------------------------------------------------------------------------------


def _normalisasi_kk(data: dict) -> dict:
    data = dict(data)
    if "nomor_kk" in data:
        data["nomor_kk"] = nikmod.normalisasi(data["nomor_kk"] or "")
    return data


def _cek_kk_unik(kk: Keluarga) -> None:
    if Keluarga.objects.filter(nomor_kk=kk.nomor_kk).exclude(pk=kk.pk).exists():
        raise ValidationError({"nomor_kk": "Nomor KK ini sudah terdaftar sebagai keluarga lain."})


def _pasang_anggota(oleh, kk: Keluarga, orang: Perseorangan, hubungan: str) -> None:
    _cek_terlihat(oleh, orang)
    orang = Perseorangan.objects.select_for_update().get(pk=orang.pk)
    if orang.keluarga_id and orang.keluarga_id != kk.pk:
        raise ValidationError(
            f"{orang.nama} sudah tercatat sebagai anggota keluarga lain; keluarkan dahulu dari "
            "keluarga tersebut."
        )
    lama = _potret(orang)
    orang.keluarga = kk
    orang.hubungan_keluarga = hubungan
    orang.nomor_kk = kk.nomor_kk
    perubahan = beda(lama, _potret(orang))
    if perubahan:
        orang.save(update_fields=["keluarga", "hubungan_keluarga", "nomor_kk", "diubah"])
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=orang, perubahan=perubahan)


def keluarga_buat(*, oleh, data: dict, kepala: Perseorangan | None = None) -> Keluarga:
    """A family as one Kartu Keluarga (R1); the head, if given, becomes its first member."""
    _wajib_izin(oleh)
    data = _normalisasi_kk(data)
    with transaction.atomic():
        kk = Keluarga()
        _isi(kk, data, FIELD_KELUARGA)
        cek_desa(oleh, kk.desa if kk.desa_id else None)
        _cek_kk_unik(kk)
        kk.full_clean(exclude=["kepala"])
        _simpan(kk)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.BUAT, obj=kk, perubahan=_perubahan_baru(kk))
        if kepala is not None:
            _pasang_anggota(oleh, kk, kepala, Perseorangan.Hubungan.KEPALA)
            kk.kepala = kepala
            kk.save(update_fields=["kepala", "diubah"])
            catat(
                pengguna=oleh,
                aksi=Riwayat.Aksi.UBAH,
                obj=kk,
                perubahan={"kepala": [None, str(kepala)]},
            )
    return kk


def keluarga_ubah(
    *, keluarga: Keluarga, oleh, data: dict, kepala: Perseorangan | None = None, alasan=""
) -> Keluarga:
    """Change a family's data or head. The new head must be (or becomes) a member."""
    _wajib_izin(oleh)
    data = _normalisasi_kk(data)
    with transaction.atomic():
        kk = _kunci(oleh, Keluarga, keluarga.pk)
        lama = _potret(kk)
        _isi(kk, data, FIELD_KELUARGA)
        if kepala is not None and kepala.pk != kk.kepala_id:
            if kk.kepala_id:
                # The former head stays a member, no longer recorded as head.
                mantan = Perseorangan.objects.select_for_update().get(pk=kk.kepala_id)
                if mantan.keluarga_id == kk.pk:
                    mantan.hubungan_keluarga = Perseorangan.Hubungan.LAINNYA
                    mantan.save(update_fields=["hubungan_keluarga", "diubah"])
                    catat(
                        pengguna=oleh,
                        aksi=Riwayat.Aksi.UBAH,
                        obj=mantan,
                        perubahan={"hubungan_keluarga": ["kepala", "lainnya"]},
                        alasan=alasan or "Kepala keluarga berganti.",
                    )
            _pasang_anggota(oleh, kk, kepala, Perseorangan.Hubungan.KEPALA)
            kk.kepala = kepala
        perubahan = beda(lama, _potret(kk))
        if not perubahan:
            return kk
        if "desa" in perubahan:
            cek_desa(oleh, kk.desa)
        _cek_kk_unik(kk)
        kk.full_clean()
        _simpan(kk)
        if "nomor_kk" in perubahan:
            kk.anggota.update(nomor_kk=kk.nomor_kk)
        if "desa" in perubahan:
            Registrasi.objects.filter(keluarga=kk).update(desa=kk.desa_id)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=kk, perubahan=perubahan, alasan=alasan)
    return kk


def keluarga_tambah_anggota(
    *, keluarga: Keluarga, orang: Perseorangan, hubungan: str, oleh
) -> None:
    _wajib_izin(oleh)
    if hubungan not in Perseorangan.Hubungan.values:
        raise ValidationError({"hubungan": "Pilih hubungan dalam keluarga."})
    with transaction.atomic():
        kk = _kunci(oleh, Keluarga, keluarga.pk)
        if hubungan == Perseorangan.Hubungan.KEPALA and kk.kepala_id not in (None, orang.pk):
            raise ValidationError(
                {
                    "hubungan": "Keluarga ini sudah memiliki kepala keluarga; ubah data keluarga "
                    "untuk mengganti kepala keluarga."
                }
            )
        _pasang_anggota(oleh, kk, orang, hubungan)
        perubahan = {"anggota": [None, f"{orang.nama} ({orang.nomor_registrasi})"]}
        if hubungan == Perseorangan.Hubungan.KEPALA and kk.kepala_id is None:
            kk.kepala = orang
            kk.save(update_fields=["kepala", "diubah"])
            perubahan["kepala"] = [None, str(orang)]
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=kk, perubahan=perubahan)


def keluarga_keluarkan_anggota(
    *, keluarga: Keluarga, orang: Perseorangan, oleh, alasan: str = ""
) -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kk = _kunci(oleh, Keluarga, keluarga.pk)
        orang = Perseorangan.objects.select_for_update().filter(pk=orang.pk, keluarga=kk).first()
        if orang is None:
            raise ValidationError("Orang tersebut bukan anggota keluarga ini.")
        perubahan = {"anggota": [f"{orang.nama} ({orang.nomor_registrasi})", None]}
        if kk.kepala_id == orang.pk:
            kk.kepala = None
            kk.save(update_fields=["kepala", "diubah"])
            perubahan["kepala"] = [str(orang), None]
        lama = _potret(orang)
        orang.keluarga = None
        orang.hubungan_keluarga = ""
        orang.save(update_fields=["keluarga", "hubungan_keluarga", "diubah"])
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.UBAH,
            obj=orang,
            perubahan=beda(lama, _potret(orang)),
            alasan=alasan,
        )
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=kk, perubahan=perubahan, alasan=alasan)


def keluarga_hapus(*, keluarga: Keluarga, oleh, alasan: str = "") -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kk = _kunci(oleh, Keluarga, keluarga.pk)
        if Registrasi.objects.filter(keluarga=kk).exists():
            raise ValidationError(
                "Keluarga ini tidak dapat dihapus karena memiliki registrasi PMKS; ubah status "
                "registrasinya bila tidak lagi memenuhi."
            )
        for orang in kk.anggota.select_for_update():
            lama = _potret(orang)
            orang.keluarga = None
            orang.hubungan_keluarga = ""
            orang.save(update_fields=["keluarga", "hubungan_keluarga", "diubah"])
            catat(
                pengguna=oleh,
                aksi=Riwayat.Aksi.UBAH,
                obj=orang,
                perubahan=beda(lama, _potret(orang)),
                alasan=f"Data keluarga {kk.nomor_kk} dihapus. {alasan}".strip(),
            )
        _hapus(kk, oleh, alasan)


# --- kelompok --------------------------------------------------------------------------------


def kelompok_buat(
    *, oleh, data: dict, ketua: Perseorangan, anggota: list[Perseorangan] = ()
) -> Kelompok:
    """A named group with a chair and members (R1); the chair is always a member."""
    _wajib_izin(oleh)
    with transaction.atomic():
        kel = Kelompok()
        _isi(kel, data, FIELD_KELOMPOK)
        if ketua is None:
            raise ValidationError({"ketua": "Ketua kelompok wajib diisi (aturan R1)."})
        _cek_terlihat(oleh, ketua)
        kel.ketua = ketua
        cek_desa(oleh, kel.desa if kel.desa_id else None)
        kel.full_clean()
        _simpan(kel)
        semua = {ketua.pk: ketua}
        for o in anggota:
            _cek_terlihat(oleh, o)
            semua[o.pk] = o
        kel.anggota.set(list(semua.values()))
        perubahan = _perubahan_baru(kel)
        perubahan["anggota"] = [
            None,
            sorted(f"{o.nama} ({o.nomor_registrasi})" for o in semua.values()),
        ]
        catat(pengguna=oleh, aksi=Riwayat.Aksi.BUAT, obj=kel, perubahan=perubahan)
    return kel


def kelompok_ubah(
    *, kelompok: Kelompok, oleh, data: dict, ketua: Perseorangan | None = None, alasan=""
) -> Kelompok:
    _wajib_izin(oleh)
    with transaction.atomic():
        kel = _kunci(oleh, Kelompok, kelompok.pk)
        lama = _potret(kel)
        _isi(kel, data, FIELD_KELOMPOK)
        if ketua is not None and ketua.pk != kel.ketua_id:
            _cek_terlihat(oleh, ketua)
            kel.ketua = ketua
        perubahan = beda(lama, _potret(kel))
        if not perubahan:
            return kel
        if "desa" in perubahan:
            cek_desa(oleh, kel.desa)
        kel.full_clean()
        _simpan(kel)
        if "ketua" in perubahan:
            kel.anggota.add(kel.ketua)
        if "desa" in perubahan:
            Registrasi.objects.filter(kelompok=kel).update(desa=kel.desa_id)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=kel, perubahan=perubahan, alasan=alasan)
    return kel


def kelompok_tambah_anggota(*, kelompok: Kelompok, orang: Perseorangan, oleh) -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kel = _kunci(oleh, Kelompok, kelompok.pk)
        _cek_terlihat(oleh, orang)
        if kel.anggota.filter(pk=orang.pk).exists():
            raise ValidationError(f"{orang.nama} sudah menjadi anggota kelompok ini.")
        kel.anggota.add(orang)
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.UBAH,
            obj=kel,
            perubahan={"anggota": [None, f"{orang.nama} ({orang.nomor_registrasi})"]},
        )


def kelompok_keluarkan_anggota(
    *, kelompok: Kelompok, orang: Perseorangan, oleh, alasan: str = ""
) -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kel = _kunci(oleh, Kelompok, kelompok.pk)
        if kel.ketua_id == orang.pk:
            raise ValidationError(
                "Ketua tidak dapat dikeluarkan dari kelompok; ganti ketua terlebih dahulu."
            )
        if not kel.anggota.filter(pk=orang.pk).exists():
            raise ValidationError("Orang tersebut bukan anggota kelompok ini.")
        kel.anggota.remove(orang)
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.UBAH,
            obj=kel,
            perubahan={"anggota": [f"{orang.nama} ({orang.nomor_registrasi})", None]},
            alasan=alasan,
        )


def kelompok_hapus(*, kelompok: Kelompok, oleh, alasan: str = "") -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kel = _kunci(oleh, Kelompok, kelompok.pk)
        if Registrasi.objects.filter(kelompok=kel).exists():
            raise ValidationError(
                "Kelompok ini tidak dapat dihapus karena memiliki registrasi PMKS; ubah status "
                "registrasinya bila tidak lagi memenuhi."
            )
        _hapus(kel, oleh, alasan)


# --- komunitas -------------------------------------------------------------------------------


def komunitas_buat(*, oleh, data: dict) -> Komunitas:
    _wajib_izin(oleh)
    with transaction.atomic():
        kom = Komunitas()
        _isi(kom, data, FIELD_KOMUNITAS)
        cek_desa(oleh, kom.desa if kom.desa_id else None)
        kom.full_clean()
        _simpan(kom)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.BUAT, obj=kom, perubahan=_perubahan_baru(kom))
    return kom


def komunitas_ubah(*, komunitas: Komunitas, oleh, data: dict, alasan: str = "") -> Komunitas:
    _wajib_izin(oleh)
    with transaction.atomic():
        kom = _kunci(oleh, Komunitas, komunitas.pk)
        lama = _potret(kom)
        _isi(kom, data, FIELD_KOMUNITAS)
        perubahan = beda(lama, _potret(kom))
        if not perubahan:
            return kom
        if "desa" in perubahan:
            cek_desa(oleh, kom.desa)
        kom.full_clean()
        _simpan(kom)
        if "desa" in perubahan:
            Registrasi.objects.filter(komunitas=kom).update(desa=kom.desa_id)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.UBAH, obj=kom, perubahan=perubahan, alasan=alasan)
    return kom


def komunitas_hapus(*, komunitas: Komunitas, oleh, alasan: str = "") -> None:
    _wajib_izin(oleh)
    with transaction.atomic():
        kom = _kunci(oleh, Komunitas, komunitas.pk)
        if Registrasi.objects.filter(komunitas=kom).exists():
            raise ValidationError(
                "Komunitas ini tidak dapat dihapus karena memiliki registrasi PMKS; ubah status "
                "registrasinya bila tidak lagi memenuhi."
            )
        _hapus(kom, oleh, alasan)


# --- registrasi ------------------------------------------------------------------------------


def cek_kriteria(kategori: KategoriPMKS, kriteria) -> list[KriteriaPMKS]:
    """R2: at least one criterion found to hold, all of them criteria of this category."""
    kriteria = list(kriteria or [])
    if not kriteria:
        raise ValidationError(
            {
                "kriteria": "Centang paling sedikit satu kriteria yang terpenuhi "
                f"(aturan R2; Perbup Pacitan 1/2018 {kategori.pasal_kriteria} "
                f"huruf {kategori.kode})."
            }
        )
    asing = [k for k in kriteria if k.kategori_id != kategori.pk]
    if asing:
        raise ValidationError(
            {
                "kriteria": f"Kriteria yang dipilih bukan kriteria kategori {kategori.nama} "
                "(aturan R2)."
            }
        )
    return kriteria


def _ringkas_reg(reg: Registrasi, kriteria) -> dict:
    return {
        "subjek": [None, f"{reg.jenis_subjek}: {reg.subjek}"],
        "kategori": [None, str(reg.kategori)],
        "kriteria": [None, sorted(k.huruf for k in kriteria)],
        "tanggal_asesmen": [None, str(reg.tanggal_asesmen)],
        "status": [None, reg.status],
        "sumber_data": [None, reg.sumber_data],
        "penilai": [None, str(reg.penilai)],
    }


def registrasi_buat(
    *,
    oleh,
    kategori: KategoriPMKS,
    kriteria,
    perseorangan: Perseorangan | None = None,
    keluarga: Keluarga | None = None,
    kelompok: Kelompok | None = None,
    komunitas: Komunitas | None = None,
    tanggal_asesmen: dt.date | None = None,
    sumber_data: str = Registrasi.Sumber.PENDATAAN,
    catatan: str = "",
) -> Registrasi:
    """Place a registrant in a PMKS category (R1, R2, R4, R6); the user is the assessor."""
    _wajib_izin(oleh)
    subjek = [s for s in (perseorangan, keluarga, kelompok, komunitas) if s is not None]
    if len(subjek) != 1:
        raise ValidationError(
            "Registrasi harus untuk tepat satu registran: perseorangan, keluarga, kelompok atau "
            "komunitas (aturan R1)."
        )
    if kategori is None:
        raise ValidationError({"kategori": "Pilih kategori PMKS (aturan R2)."})
    kriteria = cek_kriteria(kategori, kriteria)
    with transaction.atomic():
        s = subjek[0]
        s = _kunci(oleh, type(s), s.pk)
        nama_subjek = s._meta.model_name
        if Registrasi.objects.filter(
            **{nama_subjek: s}, kategori=kategori, status=Registrasi.Status.AKTIF
        ).exists():
            raise ValidationError(
                {"kategori": f"{s} sudah memiliki registrasi aktif pada kategori {kategori.nama}."}
            )
        reg = Registrasi(
            kategori=kategori,
            penilai=oleh,
            tanggal_asesmen=tanggal_asesmen or dt.date.today(),
            sumber_data=sumber_data,
            catatan=catatan,
            **{nama_subjek: s},
        )
        reg.full_clean()
        _simpan(reg)
        reg.kriteria.set(kriteria)
        catat(pengguna=oleh, aksi=Riwayat.Aksi.BUAT, obj=reg, perubahan=_ringkas_reg(reg, kriteria))
    return reg


TRANSISI_REGISTRASI = {
    Registrasi.Status.AKTIF: {Registrasi.Status.SELESAI, Registrasi.Status.DITOLAK},
}


def registrasi_ubah_status(*, registrasi: Registrasi, oleh, status: str, alasan: str) -> Registrasi:
    """End a registration: no longer PMKS, or found not to meet the criteria. Needs a reason."""
    _wajib_izin(oleh)
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Alasan perubahan status wajib diisi."})
    with transaction.atomic():
        reg = _kunci(oleh, Registrasi, registrasi.pk)
        if status not in TRANSISI_REGISTRASI.get(reg.status, set()):
            ke = dict(Registrasi.Status.choices).get(status, status)
            raise ValidationError(
                f"Status registrasi “{reg.get_status_display()}” tidak dapat diubah menjadi "
                f"“{ke}”. "
                "Untuk mendaftarkan kembali, buat registrasi baru dengan asesmen baru."
            )
        lama = reg.status
        reg.status = status
        reg.save(update_fields=["status", "diubah"])
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.STATUS,
            obj=reg,
            perubahan={"status": [lama, status]},
            alasan=alasan,
        )
    return reg
