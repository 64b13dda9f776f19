"""The printed letters of the bansos path (B4, B6): what each shows, loaded for this user.

Every loader goes through `dinsos.akses` so a record outside the user's wilayah is a 404, the
same answer as a record that does not exist. A letter shows only what its purpose needs: no
category of PMKS on letters that leave the Dinas, the NIK masked unless the role needs it whole.
"""

import datetime as dt
from typing import cast

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from lokal import terbilang as _kata

from bansos.aturan import dokumen_wajib
from bansos.models import (
    AturanTahunan,
    Faskes,
    JenisDokumen,
    Pencairan,
    Permohonan,
    StatusPermohonan,
    Verifikasi,
)
from bansos.selectors import pengajuan_untuk
from dinsos.akses import Izin, boleh, get_for_user_or_404
from dinsos.audit import catat
from dinsos.format import BULAN, HARI, samarkan_nik
from dinsos.models import Riwayat
from ppks.models import Kelompok, Perseorangan

from .rekap import URUTAN_JENIS


def _permohonan_qs():
    return Permohonan.objects.select_related(
        "perseorangan",
        "kelompok",
        "kelompok__ketua",
        "keluarga",
        "kategori",
        "faskes",
        "desa",
        "desa__kecamatan",
    )


def permohonan_untuk_cetak(user, pk: int) -> Permohonan:
    return get_for_user_or_404(user, _permohonan_qs(), pk=pk)


def tanggal_kata(t: dt.date) -> str:
    """ "hari Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam"."""
    return (
        f"hari {HARI[t.weekday()]} tanggal {_kata(t.day)} bulan {BULAN[t.month - 1]} "
        f"tahun {_kata(t.year)}"
    )


def identitas_penerima(user, p: Permohonan, *, catat_nik: bool = True) -> dict:
    """Name, address and (masked unless the role needs it) NIK of the recipient."""
    # The *_id checks decide which relation is set; the casts tell the checker so.
    if p.perseorangan_id:
        o = cast(Perseorangan, p.perseorangan)
        alamat = o.alamat
        if o.rt or o.rw:
            alamat += f" RT {o.rt or '-'}/RW {o.rw or '-'}"
        lengkap = boleh(user, Izin.LIHAT_NIK_LENGKAP)
        if lengkap and o.nik and catat_nik:
            catat(pengguna=user, aksi=Riwayat.Aksi.LIHAT_NIK, obj=o, alasan="Cetak dokumen bansos")
        return {
            "nama": o.nama,
            "nik": (o.nik if lengkap else samarkan_nik(o.nik)) if o.nik else "",
            "nomor_registrasi": o.nomor_registrasi,
            "alamat": alamat,
            "desa": p.desa,
            "kelompok": None,
        }
    k = cast(Kelompok, p.kelompok)
    return {
        "nama": k.nama,
        "nik": "",
        "nomor_registrasi": "",
        "alamat": k.alamat,
        "desa": p.desa,
        "kelompok": k,
    }


def verifikasi_lolos(p: Permohonan) -> Verifikasi | None:
    return (
        p.verifikasi_set.select_related("verifikator")
        .filter(hasil=Verifikasi.Hasil.LOLOS)
        .order_by("-dibuat", "-pk")
        .first()
    )


def konteks_rekomendasi(user, pk: int) -> dict:
    p = permohonan_untuk_cetak(user, pk)
    rek = getattr(p, "rekomendasi", None)
    if rek is None or not rek.layak:
        raise Http404("Permohonan ini belum memiliki rekomendasi layak.")
    return {
        "p": p,
        "rek": rek,
        "penerima": identitas_penerima(user, p),
        "verifikasi": verifikasi_lolos(p),
        "aturan": p.aturan,
        "tanggal_surat": rek.tanggal,
        "nama_berkas": f"surat-rekomendasi-{p.nomor}.pdf",
        "judul_riwayat": "Cetak surat rekomendasi",
    }


def konteks_kwitansi(user, pk: int) -> dict:
    p = permohonan_untuk_cetak(user, pk)
    cair = Pencairan.objects.select_related("bendahara").filter(permohonan=p).first()
    if cair is None:
        raise Http404("Permohonan ini belum dicairkan.")
    return {
        "p": p,
        "cair": cair,
        "rek": p.rekomendasi,
        "tunai": cair.mode == Pencairan.Mode.TUNAI,
        "penerima": identitas_penerima(user, p, catat_nik=False),
        "tanggal_surat": cair.tanggal,
        "nama_berkas": f"kwitansi-{p.nomor}.pdf",
        "judul_riwayat": "Cetak kwitansi/tanda terima",
    }


def konteks_berita_acara(user, pk: int) -> dict:
    p = permohonan_untuk_cetak(user, pk)
    v = (
        p.verifikasi_set.select_related("verifikator")
        .exclude(nomor_berita_acara="")
        .order_by("-dibuat", "-pk")
        .first()
    )
    if v is None:
        raise Http404("Permohonan ini belum memiliki berita acara verifikasi.")
    label = dict(JenisDokumen.choices)
    ada = set(p.dokumen.values_list("jenis_dokumen", flat=True))
    # The checklist recorded at verification; a document required then is listed even if the
    # rules changed since.
    jenis = list(v.checklist) or dokumen_wajib(p)
    daftar = [
        {"label": label.get(d, d), "ada": d in ada, "sesuai": bool(v.checklist.get(d))}
        for d in jenis
    ]
    return {
        "p": p,
        "v": v,
        "penerima": identitas_penerima(user, p),
        "dokumen": daftar,
        "tanggal_kata": tanggal_kata(v.tanggal),
        "tanggal_surat": v.tanggal,
        "nama_berkas": f"berita-acara-verifikasi-{p.nomor}.pdf",
        "judul_riwayat": "Cetak berita acara verifikasi",
    }


def cara_penyaluran(p: Permohonan, aturan) -> str:
    """B6 (PCT 7e, 9e, 11e): how the money will move, as listed for the BPKAD."""
    jumlah = p.rekomendasi.jumlah
    if p.faskes_id:
        f = cast(Faskes, p.faskes)
        return (
            f"Pemindahbukuan ke rekening bendahara penerimaan {f.nama} "
            f"({f.nama_bank} {f.nomor_rekening})"
        )
    if p.jenis == "permodalan_usaha" and jumlah > aturan.batas_tunai_permodalan:
        return f"Transfer ke rekening penerima ({p.rekening_bank} {p.rekening_nomor})"
    return "Tunai dengan kwitansi"


def patah_di_garis_miring(teks: str) -> SafeString:
    """A letter number that may wrap after each "/" in a narrow table cell ("460/306/
    408.40/2025"), instead of between two digits of the year."""
    return mark_safe(escape(teks).replace("/", "/<wbr>"))


def konteks_pengajuan(user, pk: int) -> dict:
    batch = get_object_or_404(pengajuan_untuk(user), pk=pk)
    daftar = list(
        _permohonan_qs()
        .filter(pengajuan=batch)
        .select_related("rekomendasi")
        .order_by("desa__kecamatan__nama", "nomor")
    )
    # The jenis in the order of PCT Pasal 5, as in the rekapitulasi (not alphabetically by code).
    daftar.sort(key=lambda x: URUTAN_JENIS.get(x.jenis, 99))
    total = sum((x.rekomendasi.jumlah for x in daftar), start=0)
    aturan = AturanTahunan.baca(batch.tahun_anggaran)
    return {
        "batch": batch,
        "daftar": [
            {
                "p": x,
                "penerima": identitas_penerima(user, x, catat_nik=False),
                "cara": cara_penyaluran(x, aturan),
                "nomor_rekomendasi": patah_di_garis_miring(x.rekomendasi.nomor_surat),
            }
            for x in daftar
        ],
        "total": total,
        "jenis_set": list(dict.fromkeys(x.get_jenis_display() for x in daftar)),
        "aturan": aturan,
        "tanggal_surat": batch.tanggal,
        "nama_berkas": f"surat-pengajuan-pencairan-{batch.nomor}.pdf",
        "judul_riwayat": "Cetak surat permohonan pencairan ke BPKAD",
        "status_dicairkan": StatusPermohonan.DICAIRKAN,
    }


def catat_cetak(user, obj, judul: str) -> None:
    catat(pengguna=user, aksi=Riwayat.Aksi.EKSPOR, obj=obj, alasan=judul)
