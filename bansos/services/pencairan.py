"""Money out (B6, B8): the Kepala Dinas's pengajuan pencairan to the Kepala BPKAD, and the
Bendahara's record of the disbursement with its proof."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from dinsos.audit import catat
from dinsos.berkas import berkas_transaksional, simpan_tertunda
from dinsos.format import rupiah
from dinsos.models import Riwayat, User
from dinsos.services import TidakDitemukan, simpan

from .. import alur, kelayakan
from .. import berkas as berkasmod
from ..errors import AturanDilanggar, LangkahTidakSah
from ..models import Pencairan, PengajuanPencairan, Permohonan
from ..models import StatusPermohonan as S
from . import _umum as u


def _kunci_untuk_pengajuan(
    permohonan_list: Iterable[Permohonan | int], oleh: User, tahun: int | None = None
) -> list[Permohonan]:
    pks = sorted({x.pk if isinstance(x, Permohonan) else int(x) for x in permohonan_list})
    if not pks:
        raise AturanDilanggar("Pilih sedikitnya satu permohonan yang direkomendasikan.")
    daftar = [u.kunci(pk, oleh) for pk in pks]  # locked in pk order
    for p in daftar:
        alur.periksa("pengajuan", p, oleh)
    semua_tahun = {p.tahun_anggaran for p in daftar} | ({tahun} if tahun else set())
    if len(semua_tahun) > 1:
        raise AturanDilanggar(
            "Satu pengajuan pencairan hanya untuk satu tahun anggaran; pisahkan permohonan TA "
            + ", ".join(str(t) for t in sorted(semua_tahun))
            + "."
        )
    return daftar


def _masukkan(batch: PengajuanPencairan, daftar: list[Permohonan], oleh: User) -> None:
    for p in daftar:
        p.pengajuan = batch
        u.ganti_status(
            p,
            oleh,
            "pengajuan",
            S.DIAJUKAN_PENCAIRAN,
            tambahan={"pengajuan": [None, batch.nomor]},
        )


@transaction.atomic
def pengajuan_pencairan_buat(
    *,
    permohonan_list: Iterable[Permohonan | int],
    oleh: User,
    nomor_surat: str,
    tanggal: dt.date | None = None,
) -> PengajuanPencairan:
    """The Kepala Dinas asks the Kepala BPKAD to disburse a batch of recommended applications
    of one Tahun Anggaran (PCT 7d, 9d, 11d): each `direkomendasikan` → `diajukan_pencairan`."""
    alur.periksa_peran("pengajuan", oleh)
    nomor_surat = u.wajib_isi(nomor_surat, "Isi nomor surat pengajuan pencairan ke BPKAD.")
    daftar = _kunci_untuk_pengajuan(permohonan_list, oleh)
    batch = PengajuanPencairan(
        tahun_anggaran=daftar[0].tahun_anggaran,
        nomor_surat=nomor_surat,
        tanggal=u.tanggal(tanggal),
        dibuat_oleh=oleh,
    )
    simpan(batch)
    batch.nomor = f"PP-{batch.tahun_anggaran}-{batch.pk:04d}"
    batch.save(update_fields=["nomor"])
    catat(
        pengguna=oleh,
        aksi=Riwayat.Aksi.BUAT,
        obj=batch,
        perubahan={"permohonan": [None, [p.nomor for p in daftar]]},
    )
    _masukkan(batch, daftar, oleh)
    return batch


@transaction.atomic
def pengajuan_pencairan_tambah(
    *,
    pengajuan: PengajuanPencairan | int,
    permohonan_list: Iterable[Permohonan | int],
    oleh: User,
) -> PengajuanPencairan:
    """Add recommended applications of the same TA to a pengajuan still open (`diajukan`)."""
    alur.periksa_peran("pengajuan", oleh)
    # A batch is kabupaten-wide (only the Kepala Dinas makes one): no wilayah to scope by.
    pk = pengajuan.pk if isinstance(pengajuan, PengajuanPencairan) else pengajuan
    batch = PengajuanPencairan.objects.select_for_update().filter(pk=pk).first()
    if batch is None:
        raise TidakDitemukan("Pengajuan pencairan tidak ditemukan.")
    if batch.status != PengajuanPencairan.Status.DIAJUKAN:
        raise LangkahTidakSah(
            f"Pengajuan {batch.nomor} sudah {batch.get_status_display().lower()}; buat pengajuan "
            "baru.",
            code="status",
        )
    daftar = _kunci_untuk_pengajuan(permohonan_list, oleh, batch.tahun_anggaran)
    catat(
        pengguna=oleh,
        aksi=Riwayat.Aksi.UBAH,
        obj=batch,
        perubahan={"permohonan": [None, [p.nomor for p in daftar]]},
    )
    _masukkan(batch, daftar, oleh)
    return batch


@berkas_transaksional  # the proof leaves with a rolled-back row (dinsos.berkas, section 4)
@transaction.atomic
def pencairan_catat(
    *,
    permohonan: Permohonan | int,
    oleh: User,
    mode: str,
    bukti: Any,
    tanggal: dt.date | None = None,
    jumlah: Decimal | int | str | None = None,
    nomor_kwitansi: str = "",
    referensi_transfer: str = "",
    rekening_tujuan: str = "",
    nama_bank: str = "",
    nama_pemilik_rekening: str = "",
    nama_penerima: str = "",
) -> Pencairan:
    """The Bendahara records the disbursement with its proof (PCT 7e, 9e, 11e):
    `diajukan_pencairan` → `dicairkan`.

    B6: biaya hidup in cash against a kwitansi; permodalan usaha in cash up to the cash limit
    (Rp 2.000.000) and by transfer to the recipient's recorded account above it; pengobatan by
    pemindahbukuan to the facility's bendahara penerimaan account only. The amount equals the
    recommendation (`jumlah` may be omitted; given, it must match). B8: the pagu is checked
    again, locked, in case it was lowered after the recommendation.
    Non-cash destination fields default to the recorded account when left empty.
    """
    p = u.kunci(permohonan, oleh)
    alur.periksa("cairkan", p, oleh)
    if mode not in Pencairan.Mode.values:
        raise AturanDilanggar("Pilih cara pencairan.", code="mode")
    rek = p.rekomendasi
    besaran = rek.jumlah if jumlah in (None, "") else u.uang(jumlah, "Jumlah pencairan")
    if mode == Pencairan.Mode.PEMINDAHBUKUAN and p.faskes is not None:
        rekening_tujuan = rekening_tujuan or p.faskes.nomor_rekening
        nama_bank = nama_bank or p.faskes.nama_bank
        nama_pemilik_rekening = nama_pemilik_rekening or p.faskes.nama_rekening
    elif mode == Pencairan.Mode.TRANSFER:
        rekening_tujuan = rekening_tujuan or p.rekening_nomor
        nama_bank = nama_bank or p.rekening_bank
        nama_pemilik_rekening = nama_pemilik_rekening or p.rekening_nama
    if bukti is None:
        raise AturanDilanggar(
            "Unggah bukti pencairan (kwitansi atau bukti transfer/pemindahbukuan) (aturan B4, B6).",
            code="bukti",
        )
    try:
        jenis_berkas = berkasmod.periksa_berkas(bukti)
    except ValidationError as e:
        raise AturanDilanggar(e.messages[0], code=e.code) from None
    cair = Pencairan(
        permohonan=p,
        mode=mode,
        tanggal=u.tanggal(tanggal),
        jumlah=besaran,
        nomor_kwitansi=(nomor_kwitansi or "").strip(),
        referensi_transfer=(referensi_transfer or "").strip(),
        rekening_tujuan=(rekening_tujuan or "").strip(),
        nama_bank=nama_bank,
        nama_pemilik_rekening=nama_pemilik_rekening,
        nama_penerima=nama_penerima,
        bukti_tipe=jenis_berkas.mime,
        bendahara=oleh,
    )
    if mode == Pencairan.Mode.TUNAI:
        u.wajib_isi(cair.nomor_kwitansi, "Isi nomor kwitansi tanda terima (aturan B6).")
    else:
        u.wajib_isi(
            cair.referensi_transfer,
            "Isi nomor bukti transfer/pemindahbukuan (aturan B6).",
        )
    cair.clean()  # B6 first, so its message is the one shown
    kelayakan.periksa_pagu(p, besaran)
    bukti.seek(0)
    simpan_tertunda(cair.bukti, f"bukti.{jenis_berkas.ekstensi}", File(bukti))
    simpan(cair)
    p.pencairan = cair
    u.ganti_status(
        p,
        oleh,
        "cairkan",
        S.DICAIRKAN,
        tambahan={"pencairan": [None, f"{cair.get_mode_display()} {rupiah(cair.jumlah)}"]},
    )
    batch = p.pengajuan
    if batch and not batch.permohonan.exclude(status=S.DICAIRKAN).exists():
        batch.status = PengajuanPencairan.Status.SELESAI
        batch.save(update_fields=["status"])
        catat(
            pengguna=oleh,
            aksi=Riwayat.Aksi.STATUS,
            obj=batch,
            perubahan={"status": ["diajukan", "selesai"]},
        )
    return cair
