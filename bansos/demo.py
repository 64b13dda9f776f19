"""Demo bansos data: this year's and next year's rules and pagu, two facilities, and a handful
of applications in various statuses — made through the services themselves. Idempotent: a
second run finds the demo applications (by their surat number) and adds nothing."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from dinsos.models import Kecamatan, User
from ppks.models import JaminanKesehatan, Registrasi

from . import services as sv
from .aturan import aturan_tetapkan, dokumen_wajib
from .models import CamatKecamatan, Faskes, JenisBansos, Pagu, Permohonan, SumberDana

# A real one-page PDF: an upload must parse as a PDF (bansos.berkas).
PDF_CONTOH = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)
PENANDA = "DEMO-BANSOS"


def _pdf(nama):
    return ContentFile(PDF_CONTOH, name=nama)


# Names of the Camat the demo offices acknowledge with (PCT 7a): kept as data per kecamatan,
# so the Operator Kecamatan never types them (the Administrator edits them in the admin).
NAMA_CAMAT = [
    "Drs. Sukamto, M.Si.", "Heru Prasetyo, S.Sos., M.M.", "Dra. Sri Wahyuni, M.Si.",
    "Bambang Sutrisno, S.IP.", "Agus Riyanto, S.Sos.", "Endang Lestari, S.H., M.M.",
    "Drs. Joko Santoso", "Wahyu Nugroho, S.STP., M.Si.", "Dra. Rini Astuti",
    "Teguh Raharjo, S.Sos., M.Si.", "Imam Mulyono, S.IP., M.M.", "Dwi Handayani, S.Sos.",
]  # fmt: skip


def camat_demo() -> None:
    for i, kec in enumerate(Kecamatan.objects.order_by("kode")):
        CamatKecamatan.objects.get_or_create(
            kecamatan=kec, defaults={"nama_camat": NAMA_CAMAT[i % len(NAMA_CAMAT)]}
        )


def muat(stdout):
    camat_demo()
    tahun = timezone.localdate().year
    for t in (tahun, tahun + 1):
        aturan_tetapkan(t)
        for jenis, jumlah in (
            (JenisBansos.BIAYA_HIDUP, 150_000_000),
            (JenisBansos.PERMODALAN_USAHA, 250_000_000),
            (JenisBansos.PENGOBATAN, 300_000_000),
        ):
            Pagu.objects.get_or_create(
                tahun_anggaran=t,
                jenis=jenis,
                sumber_dana=SumberDana.APBD,
                defaults={"jumlah": Decimal(jumlah), "keterangan": f"DPA Dinas Sosial {t}"},
            )
    rsud, _ = Faskes.objects.get_or_create(
        nama="RSUD dr. Darsono",
        defaults={
            "jenis": Faskes.Jenis.RSUD,
            "nama_bank": "Bank Jatim",
            "nomor_rekening": "0011223344",
            "nama_rekening": "Bendahara Penerimaan RSUD dr. Darsono",
            "nama_bendahara": "Bendahara RSUD Contoh",
        },
    )
    Faskes.objects.get_or_create(
        nama="Puskesmas Donorojo",
        defaults={
            "jenis": Faskes.Jenis.PUSKESMAS,
            "nama_bank": "Bank Jatim",
            "nomor_rekening": "0055667788",
            "nama_rekening": "Bendahara Penerimaan Puskesmas Donorojo",
        },
    )
    if Permohonan.objects.filter(nomor_surat_permohonan__startswith=PENANDA).exists():
        stdout.write("Bansos: data contoh sudah ada.")
        return
    u = {x.username: x for x in User.objects.filter(
        username__in=["desa", "kecamatan", "petugas", "verifikator", "kadis", "bendahara"]
    )}  # fmt: skip
    if len(u) < 6:
        stdout.write("Bansos: akun contoh belum lengkap; permohonan contoh dilewati.")
        return
    regs = list(
        Registrasi.objects.filter(status="aktif", perseorangan__isnull=False)
        .select_related("perseorangan", "kategori")
        .order_by("pk")[:40]
    )
    if not regs:
        stdout.write("Bansos: belum ada registrasi PMKS; permohonan contoh dilewati.")
        return
    target = [
        ("diajukan", JenisBansos.BIAYA_HIDUP, 1_500_000),
        ("menunggu_verifikasi", JenisBansos.BIAYA_HIDUP, 2_000_000),
        ("dikembalikan", JenisBansos.BIAYA_HIDUP, 1_000_000),
        ("terverifikasi", JenisBansos.PERMODALAN_USAHA, 2_000_000),
        ("direkomendasikan", JenisBansos.PERMODALAN_USAHA, 1_500_000),
        ("diajukan_pencairan", JenisBansos.BIAYA_HIDUP, 1_750_000),
        ("dicairkan", JenisBansos.BIAYA_HIDUP, 2_000_000),
        ("dicairkan", JenisBansos.PENGOBATAN, 8_250_000),  # at cost when the category allows
        ("ditolak", JenisBansos.BIAYA_HIDUP, 1_000_000),
    ]
    dibuat = 0
    aturan = aturan_tetapkan(tahun)
    for i, (status, jenis, jumlah) in enumerate(target):
        calon = list(regs)
        if jenis == JenisBansos.PENGOBATAN:
            # Show the at-cost path (PCT 6(1)c.1) when a gelandangan/korban bencana is there.
            calon.sort(key=lambda r: not aturan.sesuai_biaya(r.kategori_id))
            if calon and not aturan.sesuai_biaya(calon[0].kategori_id):
                jumlah = 3_250_000
            calon = calon[:1]
        for reg in calon:
            try:
                p = _buat(u, reg, jenis, jumlah, rsud, i, tahun)
            except ValidationError:
                continue  # this registrant does not fit (jaminan, wilayah, ceiling): next one
            regs.remove(reg)
            _jalankan(u, p, status)
            dibuat += 1
            break
    stdout.write(f"Bansos: {dibuat} permohonan contoh dibuat.")


def _buat(u, reg, jenis, jumlah, rsud, i, tahun):
    orang = reg.perseorangan
    hari_ini = timezone.localdate()
    umum = {
        "kategori": reg.kategori,
        "jumlah_diminta": jumlah,
        "perseorangan": orang,
        "tahun_anggaran": tahun,
        "nomor_surat_permohonan": f"{PENANDA}/{i + 1:03d}",
        "uraian": "Data contoh",
    }
    if jenis == JenisBansos.PENGOBATAN:
        if orang.jaminan_kesehatan == JaminanKesehatan.BELUM_DIKETAHUI:
            # B1 needs the jaminan status established; the demo records it through the
            # registry's own service, so the change is in the person's history too.
            from ppks.services import perseorangan_ubah

            orang = perseorangan_ubah(
                orang=orang,
                oleh=u["petugas"],
                data={"jaminan_kesehatan": JaminanKesehatan.TIDAK_ADA},
                alasan="Data contoh: belum memiliki jaminan kesehatan (PCT 5 huruf c).",
            )
            umum["perseorangan"] = orang
        if orang.jaminan_kesehatan != JaminanKesehatan.TIDAK_ADA:
            raise ValidationError("lewati")
        return sv.permohonan_buat(
            oleh=u["petugas"], jenis=jenis, faskes=rsud, biaya_tagihan=jumlah, **umum
        )
    oleh = u["desa"] if orang.desa_id == u["desa"].desa_id else u["petugas"]
    if orang.desa.kecamatan_id != u["kecamatan"].kecamatan_id:
        raise ValidationError("lewati")  # the demo Camat acknowledges only his kecamatan
    return sv.permohonan_buat(
        oleh=oleh,
        jenis=jenis,
        nama_lurah="Kepala Desa Contoh",
        tanggal_diketahui_lurah=hari_ini,
        rekening_bank="Bank Jatim",
        rekening_nomor="99887766",
        rekening_nama=orang.nama,
        **umum,
    )


def _jalankan(u, p, status):
    hari_ini = timezone.localdate()
    if status == "diajukan":
        return
    if p.status == "diajukan":
        sv.permohonan_ketahui_camat(
            permohonan=p,
            oleh=u["kecamatan"],
            nama_camat=CamatKecamatan.objects.get(kecamatan=p.desa.kecamatan_id).nama_camat,
            tanggal=hari_ini,
        )
    if status == "menunggu_verifikasi":
        return
    if status == "dikembalikan":
        sv.permohonan_kembalikan(
            permohonan=p, oleh=u["verifikator"], alasan="Fotokopi KK belum dilampirkan."
        )
        return
    for d in dokumen_wajib(p):
        sv.dokumen_unggah(permohonan=p, oleh=u["petugas"], jenis_dokumen=d, berkas=_pdf("c.pdf"))
    sv.permohonan_verifikasi(
        permohonan=p,
        oleh=u["verifikator"],
        checklist={d: True for d in dokumen_wajib(p)},
        hasil="lolos",
        nomor_berita_acara=f"BA/{p.pk:03d}/{p.tahun_anggaran}",
    )
    if status == "terverifikasi":
        return
    if status == "ditolak":
        sv.permohonan_tolak(
            permohonan=p, oleh=u["kadis"], alasan="Kebutuhan telah dipenuhi program lain."
        )
        return
    sv.permohonan_rekomendasi(
        permohonan=p,
        oleh=u["kadis"],
        layak=True,
        jumlah=p.jumlah_diminta,
        nomor_surat=f"460/{p.pk:03d}/408.40/{p.tahun_anggaran}",
    )
    if status == "direkomendasikan":
        return
    sv.pengajuan_pencairan_buat(
        permohonan_list=[p], oleh=u["kadis"], nomor_surat=f"900/{p.pk:03d}/408.40"
    )
    if status == "diajukan_pencairan":
        return
    p.refresh_from_db()
    if p.jenis == JenisBansos.PENGOBATAN:
        mode, ref = "pemindahbukuan", {"referensi_transfer": f"SP2D-{p.pk:04d}"}
    elif p.jenis == JenisBansos.PERMODALAN_USAHA and p.rekomendasi.jumlah > 2_000_000:
        mode, ref = "transfer", {"referensi_transfer": f"TRF-{p.pk:04d}"}
    else:
        mode, ref = "tunai", {"nomor_kwitansi": f"KW-{p.pk:04d}"}
    sv.pencairan_catat(
        permohonan=p,
        oleh=u["bendahara"],
        mode=mode,
        bukti=_pdf("bukti.pdf"),
        nomor_kwitansi=ref.get("nomor_kwitansi", ""),
        referensi_transfer=ref.get("referensi_transfer", ""),
    )
