"""The background documents of this app: the rekapitulasi (PDF, xlsx) and the bansos list.

Each builder gets the job, a temporary path to write and a progress callback; it returns the
download name and row count. Rows are always read under `wilayah_ekspor(job, …)`: the
requester's scope, re-applied in the worker. `daftarkan()` registers them with the ekspor app
(called from LaporanConfig.ready()).
"""

import datetime as dt
from pathlib import Path

from bansos.aturan import dasar_hukum_untuk
from bansos.filters import cari_permohonan
from bansos.models import JenisBansos, Permohonan, StatusPermohonan
from dinsos.format import terbilang
from ekspor import xlsx
from ekspor.berkas import dir_cache
from ekspor.models import Ekspor
from ekspor.runner import Hasil, Lapor, daftarkan_pembangun
from ekspor.wilayah import wilayah_ekspor

from .rekap import FilterRekap, ambil_baris, susun
from .rekap_pdf import render_rekap


def batas_penyampaian(tahun_anggaran: int) -> dt.date:
    """B7 / PCT 7g: the rekap reaches the PPKD by 5 January of the following year."""
    return dt.date(tahun_anggaran + 1, 1, 5)


def _wilayah_pemohon(e: Ekspor) -> str:
    return e.wilayah_label if e.desa_id or e.kecamatan_id else ""


def _uraian(e: Ekspor, f: FilterRekap) -> list[tuple[str, str]]:
    """The filters as printed. For an operator, no kecamatan chosen means all of his own wilayah
    (the form says "Semua kecamatan dalam wilayah Anda"); "Semua kecamatan" on the document
    would overstate what it covers."""
    wilayah = _wilayah_pemohon(e)
    if not wilayah or f.kecamatan:
        return f.uraian()
    ganti = f"{wilayah} (seluruh cakupan data pemohon)"
    return [(k, ganti if k == "Wilayah" else v) for k, v in f.uraian()]


def _meta_rekap(e: Ekspor, f: FilterRekap) -> dict:
    judul = f"Rekapitulasi Penyaluran Bantuan Sosial TA {f.tahun_anggaran}"
    return {
        "judul": judul,
        "judul_kaki": judul,
        "filter": f,
        "uraian": _uraian(e, f),
        "wilayah_pemohon": _wilayah_pemohon(e),
        "dasar_hukum": dasar_hukum_untuk(f.tahun_anggaran),
        "batas_penyampaian": batas_penyampaian(f.tahun_anggaran),
        "ukuran_kertas": e.parameter.get("ukuran_kertas"),
    }


def rekap_pdf(e: Ekspor, tmp: Path, lapor: Lapor) -> Hasil:
    f = FilterRekap.dari_json(e.parameter)
    lapor(1, "Mengambil data pencairan")
    baris = ambil_baris(f, wilayah_ekspor(e, "permohonan__desa"))
    rekap = susun(baris)
    render_rekap(rekap, _meta_rekap(e, f), tmp, cache_dir=dir_cache() / "rekap", progres=lapor)
    return Hasil("pdf", f.nama_berkas("pdf"), rekap.penerima)


KOLOM_REKAP = [
    xlsx.Kolom("No", "angka", 6),
    xlsx.Kolom("Nomor permohonan", "teks", 18),
    xlsx.Kolom("Nama penerima", "teks", 28),
    xlsx.Kolom("Keterangan", "teks", 24),
    xlsx.Kolom("Alamat", "teks", 30),
    xlsx.Kolom("Desa/Kelurahan", "teks", 20),
    xlsx.Kolom("Kecamatan", "teks", 16),
    xlsx.Kolom("Jenis bantuan", "teks", 30),
    xlsx.Kolom("Tanggal pencairan", "tanggal", 14),
    xlsx.Kolom("Jumlah", "rupiah", 18),
]
KOLOM_RINGKAS = [
    xlsx.Kolom("Jenis bantuan", "teks", 34),
    xlsx.Kolom("Kecamatan", "teks", 20),
    xlsx.Kolom("Penerima", "angka", 10),
    xlsx.Kolom("Jumlah", "rupiah", 20),
]


def rekap_xlsx(e: Ekspor, tmp: Path, lapor: Lapor) -> Hasil:
    f = FilterRekap.dari_json(e.parameter)
    lapor(1, "Mengambil data pencairan")
    rekap = susun(ambil_baris(f, wilayah_ekspor(e, "permohonan__desa")))
    wb = xlsx.buku()
    # Sheet 1: every disbursement, one row each, for sorting and filtering.
    ws = xlsx.lembar(wb, "Rincian", KOLOM_REKAP)
    ws.freeze_panes = "A2"
    xlsx.tulis_kepala(ws, KOLOM_REKAP)
    label = dict(JenisBansos.choices)
    n = 0
    for g in rekap.grup:
        for b in g.baris:
            n += 1
            xlsx.tulis_baris(
                ws,
                KOLOM_REKAP,
                [
                    n, b.nomor, b.nama, b.keterangan, b.alamat, b.desa, b.kecamatan,
                    label.get(b.jenis, b.jenis), b.tanggal, b.jumlah,
                ],
            )  # fmt: skip
        lapor(5 + int(85 * n / max(1, rekap.penerima)), "Menulis baris")
    ws.auto_filter.ref = f"A1:J{n + 1}"
    # Sheet 2: the subtotals and totals of the PDF, as numbers.
    ws2 = xlsx.lembar(wb, "Ringkasan", KOLOM_RINGKAS)
    # One line each: side by side, the next cell would cut every line off on screen.
    for x in _judul_rekap(e, f):
        ws2.append([xlsx.sel(ws2, x, tebal=True)])
    ws2.append([])
    xlsx.tulis_kepala(ws2, KOLOM_RINGKAS)
    for tj in rekap.per_jenis:
        for g in tj.grup:
            xlsx.tulis_baris(ws2, KOLOM_RINGKAS, [tj.label, g.kecamatan, len(g.baris), g.jumlah])
        xlsx.tulis_baris(
            ws2, KOLOM_RINGKAS, [f"Jumlah {tj.label}", "", tj.penerima, tj.jumlah], tebal=True
        )
    xlsx.tulis_baris(
        ws2, KOLOM_RINGKAS, ["JUMLAH SELURUHNYA", "", rekap.penerima, rekap.total], tebal=True
    )
    ws2.append([xlsx.sel(ws2, "Terbilang"), xlsx.sel(ws2, terbilang(rekap.total))])
    wb.save(tmp)
    return Hasil("xlsx", f.nama_berkas("xlsx"), rekap.penerima)


def _judul_rekap(e: Ekspor, f: FilterRekap) -> list[str]:
    return [f"Rekapitulasi penyaluran bantuan sosial TA {f.tahun_anggaran}"] + [
        f"{k}: {v}" for k, v in _uraian(e, f)[1:]
    ]


KOLOM_PERMOHONAN = [
    xlsx.Kolom("Nomor", "teks", 18),
    xlsx.Kolom("Tanggal permohonan", "tanggal", 14),
    xlsx.Kolom("Tahun anggaran", "tahun", 10),
    xlsx.Kolom("Jenis bantuan", "teks", 30),
    xlsx.Kolom("Nama penerima", "teks", 28),
    xlsx.Kolom("Desa/Kelurahan", "teks", 20),
    xlsx.Kolom("Kecamatan", "teks", 16),
    xlsx.Kolom("Status", "teks", 28),
    xlsx.Kolom("Jumlah dimohon", "rupiah", 18),
    xlsx.Kolom("Jumlah direkomendasikan", "rupiah", 18),
    xlsx.Kolom("Tanggal pencairan", "tanggal", 14),
    xlsx.Kolom("Jumlah dicairkan", "rupiah", 18),
]


def permohonan_terfilter(e: Ekspor):
    """The bansos list with the filters of the list page, under the job's scope."""
    p = e.parameter
    qs = Permohonan.objects.filter(wilayah_ekspor(e, "desa"))
    if p.get("tahun_anggaran"):
        qs = qs.filter(tahun_anggaran=int(p["tahun_anggaran"]))
    if p.get("jenis") in JenisBansos.values:
        qs = qs.filter(jenis=p["jenis"])
    if p.get("status") in StatusPermohonan.values:
        qs = qs.filter(status=p["status"])
    if p.get("kecamatan"):
        qs = qs.filter(desa__kecamatan=p["kecamatan"])
    if p.get("desa"):
        qs = qs.filter(desa=p["desa"])
    if p.get("q"):
        qs = cari_permohonan(qs, str(p["q"]))
    return qs.order_by("tahun_anggaran", "nomor")


def permohonan_xlsx(e: Ekspor, tmp: Path, lapor: Lapor) -> Hasil:
    lapor(1, "Mengambil data permohonan")
    qs = permohonan_terfilter(e)
    total = qs.count()
    status = dict(StatusPermohonan.choices)
    jenis = dict(JenisBansos.choices)
    kolom = (
        "nomor", "tanggal_permohonan", "tahun_anggaran", "jenis", "perseorangan__nama",
        "kelompok__nama", "desa__nama", "desa__kecamatan__nama", "status", "jumlah_diminta",
        "rekomendasi__jumlah", "pencairan__tanggal", "pencairan__jumlah",
    )  # fmt: skip

    def baris():
        for i, r in enumerate(qs.values_list(*kolom).iterator(chunk_size=2000), 1):
            if i % 500 == 0:
                lapor(5 + int(90 * i / max(1, total)), f"Menulis baris {i} dari {total}")
            nomor, tgl, ta, jns, p_nama, k_nama, desa, kec, st, diminta, rek, t_cair, cair = r
            yield [
                nomor, tgl, ta, jenis.get(jns, jns), p_nama or k_nama, desa, kec,
                status.get(st, st), diminta, rek, t_cair, cair,
            ]  # fmt: skip

    n = xlsx.daftar_xlsx("Permohonan bansos", KOLOM_PERMOHONAN, baris(), tmp)
    ta = e.parameter.get("tahun_anggaran")
    return Hasil("xlsx", f"daftar-permohonan-bansos{f'-TA{ta}' if ta else ''}.xlsx", n)


def daftarkan() -> None:
    daftarkan_pembangun(Ekspor.Jenis.REKAP_PDF, rekap_pdf)
    daftarkan_pembangun(Ekspor.Jenis.REKAP_XLSX, rekap_xlsx)
    daftarkan_pembangun(Ekspor.Jenis.PERMOHONAN_XLSX, permohonan_xlsx)
