"""Writing the checked rows: one transaction, bulk statements, history rows in bulk.

Persons are created or updated (matched by NIK, so a re-import never duplicates and an
unchanged row writes nothing), registrations created where none is active (R2), and one
summary history row records the file (B9).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from dinsos import akses
from dinsos.audit import beda, catat, catat_banyak
from dinsos.models import Riwayat, User

from ..models import BerkasImpor, Perseorangan, Registrasi
from ..services._umum import _perubahan_baru, _potret
from .kolom import BATCH, FIELD_ORANG_IMPOR
from .periksa import BarisSiap, HasilValidasi, registrasi_aktif


def terapkan(
    hasil: HasilValidasi, *, oleh: User, berkas: BerkasImpor, hanya_valid: bool
) -> dict[str, int]:
    """Write the valid rows in one transaction; with errors, only if the user chose so."""
    if hasil.galat and not hanya_valid:
        raise ValidationError(
            "Berkas masih memiliki kesalahan; tidak ada data yang ditulis. Perbaiki berkas, atau "
            "pilih “Impor baris yang valid saja”."
        )
    if not akses.boleh(oleh, akses.Izin.IMPOR_REGISTRI):
        raise ValidationError("Peran Anda tidak berwenang mengimpor data registri.")
    alasan = f"Impor berkas {berkas.nama_asli}"
    with transaction.atomic():
        berkas = BerkasImpor.objects.select_for_update().get(pk=berkas.pk)
        if berkas.status != BerkasImpor.Status.PRATINJAU:
            raise ValidationError("Berkas ini sudah diimpor atau dibatalkan.")
        sekarang = timezone.now()
        ct_orang = ContentType.objects.get_for_model(Perseorangan)
        ct_reg = ContentType.objects.get_for_model(Registrasi)
        riwayat: list[Riwayat] = []
        baru: list[tuple[BarisSiap, Perseorangan]] = []
        diubah: list[tuple[BarisSiap, Perseorangan, dict[str, Any]]] = []
        pindah: list[Perseorangan] = []
        # A person on a row per category is created once (R5: one NIK, one person).
        dibuat: dict[str, Perseorangan] = {}
        orang_baris: list[tuple[BarisSiap, Perseorangan]] = []
        for b in hasil.siap:
            if b.orang_lama is None:
                o = dibuat.get(b.data["nik"])
                if o is None:
                    o = dibuat[b.data["nik"]] = Perseorangan(dibuat_oleh=oleh, **b.data)
                    baru.append((b, o))
                orang_baris.append((b, o))
                continue
            o = b.orang_lama
            orang_baris.append((b, o))
            sebelum = _potret(o)
            desa_lama = o.desa_id
            for f in FIELD_ORANG_IMPOR:
                setattr(o, f, b.data[f])
            perubahan = beda(sebelum, _potret(o))
            if perubahan:
                o.diubah = sekarang
                diubah.append((b, o, perubahan))
                if o.desa_id != desa_lama:
                    pindah.append(o)
        Perseorangan.objects.bulk_create([o for _, o in baru], batch_size=BATCH)
        if diubah:
            Perseorangan.objects.bulk_update(
                [o for _, o, _ in diubah], FIELD_ORANG_IMPOR + ["diubah"], batch_size=BATCH
            )
        for o in pindah:
            Registrasi.objects.filter(perseorangan=o).update(desa=o.desa_id)
        for b, o in baru:
            riwayat.append(
                _riwayat(
                    oleh,
                    Riwayat.Aksi.BUAT,
                    ct_orang,
                    o,
                    _perubahan_baru(o),
                    f"{alasan}, baris {b.no}",
                )
            )
        for b, o, perubahan in diubah:
            riwayat.append(
                _riwayat(oleh, Riwayat.Aksi.UBAH, ct_orang, o, perubahan, f"{alasan}, baris {b.no}")
            )

        # R2: a registration in the row's category, unless one is already active.
        aktif = registrasi_aktif(o.pk for _, o in orang_baris)
        reg_baru: list[tuple[BarisSiap, Perseorangan, Registrasi]] = []
        for b, o in orang_baris:
            if (o.pk, b.kategori.pk) in aktif:
                continue
            reg = Registrasi(
                perseorangan=o,
                desa_id=o.desa_id,
                kategori=b.kategori,
                penilai=oleh,
                tanggal_asesmen=timezone.localdate(),
                sumber_data=Registrasi.Sumber.IMPOR,
                catatan=f"{alasan}, baris {b.no}",
            )
            reg_baru.append((b, o, reg))
            aktif.add((o.pk, b.kategori.pk))
        Registrasi.objects.bulk_create([r for _, _, r in reg_baru], batch_size=BATCH)
        Melalui = Registrasi.kriteria.through
        Melalui.objects.bulk_create(
            [
                Melalui(registrasi_id=r.pk, kriteriapmks_id=k.pk)
                for b, _, r in reg_baru
                for k in b.kriteria
            ],
            batch_size=BATCH,
        )
        for b, o, r in reg_baru:
            riwayat.append(
                _riwayat(
                    oleh,
                    Riwayat.Aksi.BUAT,
                    ct_reg,
                    r,
                    {
                        "subjek": [None, f"perseorangan: {o.nama}"],
                        "kategori": [None, str(b.kategori)],
                        "kriteria": [None, sorted(k.huruf for k in b.kriteria)],
                        "status": [None, r.status],
                        "sumber_data": [None, r.sumber_data],
                    },
                    f"{alasan}, baris {b.no}",
                )
            )
        catat_banyak(riwayat)
        ringkasan = {
            "baris": hasil.jumlah_baris,
            "dibuat": len(baru),
            "diubah": len(diubah),
            "tidak_berubah": len({o.pk for _, o in orang_baris}) - len(baru) - len(diubah),
            "registrasi_baru": len(reg_baru),
            "dilewati_karena_galat": len(hasil.baris_galat),
            "baris_berulang": len(hasil.berulang),
        }
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.IMPOR,
            obj=berkas,
            perubahan={"berkas": berkas.nama_asli, **ringkasan},
            alasan="Hanya baris yang valid" if hanya_valid and hasil.galat else "",
        )
        nama_file = berkas.berkas.name
        storage = berkas.berkas.storage
        berkas.status = BerkasImpor.Status.SELESAI
        berkas.ringkasan = {**berkas.ringkasan, "hasil": ringkasan}
        berkas.berkas = ""
        berkas.save(update_fields=["status", "ringkasan", "berkas", "diubah"])
        if nama_file:
            # The staged copy holds personal data: remove it once the data is in the registry.
            transaction.on_commit(lambda: storage.delete(nama_file))
    return ringkasan


def _riwayat(
    oleh: User,
    aksi: str,
    ct: ContentType,
    obj: Model,
    perubahan: dict[str, Any],
    alasan: str,
) -> Riwayat:
    """A history row built for `catat_banyak` (one INSERT per batch instead of one per row)."""
    return Riwayat(
        pengguna=oleh,
        aksi=aksi,
        content_type=ct,
        object_id=str(obj.pk),
        objek=str(obj)[:255],
        perubahan=perubahan,
        alasan=alasan,
    )
