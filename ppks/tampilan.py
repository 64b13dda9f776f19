"""Showing history and personal data safely: labels for fields, masks for what a role may not
see (RULES.md section 4). A history timeline never prints a whole NIK."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist

from dinsos.akses import Izin, boleh
from dinsos.format import samarkan_nik

# Always masked in a timeline: showing them whole would be an unlogged full-NIK view.
SELALU_SAMAR = {"nik"}
# Masked unless the role needs personal data (Izin.LIHAT_NIK_LENGKAP).
SAMAR_KECUALI_BERHAK = {"nomor_kk"}
# Specific personal data (UU 27/2022): hidden from roles without the right.
RAHASIA = {"catatan_disabilitas", "catatan_kesehatan", "nomor_jaminan"}

LABEL_TAMBAHAN = {
    "subjek": "Registran",
    "anggota": "Anggota",
    "kriteria": "Kriteria terpenuhi",
    "saringan": "Saringan",
    "jumlah": "Jumlah baris",
    "berkas": "Berkas",
}


def _label(model, nama: str) -> str:
    if nama in LABEL_TAMBAHAN:
        return LABEL_TAMBAHAN[nama]
    if model is not None:
        try:
            return str(model._meta.get_field(nama).verbose_name).capitalize()
        except FieldDoesNotExist:
            pass
    return nama.replace("_", " ").capitalize()


def _teks(nilai) -> str:
    if nilai is None or nilai == "":
        return "—"
    if isinstance(nilai, list):
        return ", ".join(str(x) for x in nilai) or "—"
    if isinstance(nilai, dict):
        return "; ".join(f"{k}: {_teks(v)}" for k, v in nilai.items()) or "—"
    if nilai is True:
        return "ya"
    if nilai is False:
        return "tidak"
    return str(nilai)


def _samarkan(nama: str, nilai, berhak: bool):
    if nilai in (None, ""):
        return nilai
    if nama in SELALU_SAMAR or (nama in SAMAR_KECUALI_BERHAK and not berhak):
        return samarkan_nik(str(nilai))
    if nama in RAHASIA and not berhak:
        return "(disembunyikan)"
    return nilai


def riwayat_tampil(entri, user) -> list[dict]:
    berhak = boleh(user, Izin.LIHAT_NIK_LENGKAP)
    hasil = []
    for r in entri:
        model = None
        if r.content_type_id:
            model = ContentType.objects.get_for_id(r.content_type_id).model_class()
        baris = []
        perubahan = r.perubahan if isinstance(r.perubahan, dict) else {}
        for nama, nilai in perubahan.items():
            if isinstance(nilai, list) and len(nilai) == 2:
                lama, baru = nilai
            else:
                lama, baru = None, nilai
            baris.append(
                {
                    "label": _label(model, nama),
                    "lama": _teks(_samarkan(nama, lama, berhak)),
                    "baru": _teks(_samarkan(nama, baru, berhak)),
                }
            )
        hasil.append(
            {
                "waktu": r.waktu,
                "pengguna": r.pengguna,
                "aksi": r.get_aksi_display(),
                "aksi_kode": r.aksi,
                "objek": r.objek,
                "jenis": str(model._meta.verbose_name) if model else "",
                "alasan": r.alasan,
                "perubahan": sorted(baris, key=lambda b: b["label"]),
            }
        )
    return hasil
