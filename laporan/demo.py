"""Demo data for the reports: one whole past Tahun Anggaran of bansos.

The current year's demo (bansos/demo.py) holds a handful of applications, which makes a
rekapitulasi of two lines. This module fills the previous Tahun Anggaran with a realistic year:
a few hundred PMKS in every desa of every kecamatan, the three jenis bansos, applications from
January to December walked through every step, monthly batches to the BPKAD and their
disbursements — plus a few applications refused, withdrawn or returned for completion.

Everything goes through ppks.services and bansos.services, so each person, registration and
step has its `Riwayat` row exactly as an officer's work would (B9); the services also check
every rule on the way (R4, R5, B1–B8), so the demo cannot hold a row the rules forbid. The
figures (ceilings, pagu) come from the year's `AturanTahunan` and `Pagu`, never from here.

Idempotent: the applications carry the `PENANDA` prefix in their letter number; once the year
holds one, a second run adds nothing. Deterministic: the same seed gives the same year.
"""

import datetime as dt
import random
from collections import Counter
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from bansos import services as sv
from bansos.aturan import aturan_tetapkan, dokumen_wajib
from bansos.models import JenisBansos, JenisDokumen, Permohonan
from dinsos.models import Desa, ProfilKantor, User
from ppks import services as ppks_sv
from ppks.models import (
    JaminanKesehatan,
    KategoriPMKS,
    Kelompok,
    Perseorangan,
    Registrasi,
    StatusDTSEN,
)

from .data.demo_tahun import (
    ALASAN_KEMBALI,
    ALASAN_TOLAK_REKOMENDASI,
    ALASAN_TOLAK_VERIFIKASI,
    BANK,
    DUSUN,
    KEBUTUHAN_BH,
    KUBE,
    USAHA,
)
from .demo_dasar import (
    Kasus,
    Tanggal,
    akun_demo,
    desa_bergilir,
    faskes,
    hari_pengajuan,
    hari_terakhir_permohonan,
    lahir_acak,
    nama,
    nik,
    operator_kecamatan,
    pagu,
    pdf_contoh,
)
from .models import PenomoranSurat
from .nomor import format_nomor

PENANDA = "DEMO-SETAHUN"
BH, PU, PB = JenisBansos.BIAYA_HIDUP, JenisBansos.PERMODALAN_USAHA, JenisBansos.PENGOBATAN

JUMLAH_ORANG = 330  # individual recipients; plus one KUBE per kecamatan
J = PenomoranSurat.Jenis
# Classification code and section of each letter, when the registers leave them blank.
KODE_SURAT: dict[str, tuple[str, str]] = {
    J.BERITA_ACARA: ("460", "Tim-BPMKS"),
    J.REKOMENDASI: ("460", "408.40"),
    J.PENGAJUAN_PENCAIRAN: ("900", "408.40"),
}
# Age range (years, in the TA) by category: lansia >= 60, PRSE 18-59, BWBLP adult (R4).
USIA = {"h": (64, 90), "w": (23, 55), "o": (25, 50)}
# Months weighted as a DPA is spent: slow in January, busy mid-year, short in December.
BOBOT_BULAN = [2, 6, 9, 10, 10, 9, 10, 10, 10, 10, 9, 5]


class _Pembangun:
    def __init__(self, ta: int, akun: dict, semua_desa: list[Desa]):
        self.ta = ta
        self.u = akun
        # The same seed every year: the plan, and so its coverage, does not depend on the date.
        self.rng = random.Random(PENANDA)
        self.desa = desa_bergilir(semua_desa)
        self.kecamatan = sorted(
            {d.kecamatan for d in semua_desa}, key=lambda k: k.pk
        )  # every kecamatan that has a desa
        self.kat = {k.kode: k for k in KategoriPMKS.objects.prefetch_related("kriteria")}
        self.camat = operator_kecamatan(self.kecamatan)
        self.nama_camat = {k.pk: f"{nama(self.rng, 'L')}, S.Sos." for k in self.kecamatan}
        self.nama_kades: dict[str, str] = {}
        self.rsud, self.puskesmas = faskes(self.kecamatan)
        self.aturan = aturan_tetapkan(ta)
        self.tempat_lahir = (ProfilKantor.get().kota_surat or "").strip()
        self.pdf: dict[str, bytes] = {}
        self.urut_nik = 5000
        self.urut: Counter[str] = Counter()
        self.lewati = 0

    # --- the registry ------------------------------------------------------------------------

    def _berkas(self, jenis_dokumen: str) -> ContentFile:
        if jenis_dokumen not in self.pdf:
            label = dict(JenisDokumen.choices).get(jenis_dokumen, jenis_dokumen)
            self.pdf[jenis_dokumen] = pdf_contoh(label)
        return ContentFile(self.pdf[jenis_dokumen], name=f"{jenis_dokumen}.pdf")

    def _petugas_untuk(self, desa: Desa) -> User:
        # The demo's Operator Desa enters the applicants of his own desa; the Petugas Dinas
        # enters the rest (PCT 7a: the letter reaches the Dinas either way).
        return self.u["desa"] if desa.pk == self.u["desa"].desa_id else self.u["petugas"]

    def orang(self, desa: Desa, kode: str, *, jaminan: str, tanpa_nik=False):
        rng = self.rng
        kat = self.kat[kode]
        jk = kat.jenis_kelamin or ("L" if tanpa_nik else rng.choice("LP"))
        # Ages well inside the category's R4 bounds on the assessment date (a year before).
        muda, tua = USIA.get(kode, (27, 75))
        lahir = lahir_acak(rng, self.ta - tua, self.ta - muda)
        if tanpa_nik:
            lahir = dt.date(lahir.year, 1, 1)  # R6: an estimate, there is no document
        self.urut_nik += 1
        desil = rng.randint(1, 4) if rng.random() < 0.75 else None
        data = {
            "nik": None if tanpa_nik else nik(desa, lahir, jk, self.urut_nik),
            "nama": nama(rng, jk),
            "jenis_kelamin": jk,
            "tanggal_lahir": lahir,
            "tempat_lahir": "" if tanpa_nik else self.tempat_lahir,
            "alamat": "Tidak tetap" if tanpa_nik else f"Dusun {rng.choice(DUSUN)}",
            "rt": "" if tanpa_nik else f"{rng.randint(1, 9):03d}",
            "rw": "" if tanpa_nik else f"{rng.randint(1, 5):03d}",
            "desa": desa,
            "jaminan_kesehatan": jaminan,
            "status_dtsen": StatusDTSEN.TERDAFTAR if desil else StatusDTSEN.BELUM_DIKETAHUI,
            "desil_dtsen": desil,
        }
        if tanpa_nik:
            data["nama"] = f"{data['nama']} (nama panggilan)"
            data["alasan_tanpa_nik"] = "Tidak memiliki KTP; ditemukan di jalan saat penjangkauan."
        if kode == "i":
            data["catatan_disabilitas"] = rng.choice(
                ["Disabilitas fisik (kaki)", "Disabilitas netra", "Disabilitas rungu wicara"]
            )
        oleh = self._petugas_untuk(desa)
        o = ppks_sv.perseorangan_buat(oleh=oleh, data=data)
        self.daftarkan(kat, perseorangan=o)
        return o

    def daftarkan(self, kat: KategoriPMKS, **subjek) -> Registrasi:
        kriteria = list(kat.kriteria.all())[: 1 + (self.rng.random() < 0.4)]
        asesmen = dt.date(self.ta - 1, 1, 15) + dt.timedelta(days=self.rng.randint(0, 330))
        return ppks_sv.registrasi_buat(
            oleh=self.u["petugas"],
            kategori=kat,
            kriteria=kriteria,
            tanggal_asesmen=asesmen,
            sumber_data=self.rng.choice(
                [Registrasi.Sumber.PENDATAAN, Registrasi.Sumber.DTSEN, Registrasi.Sumber.MUSDES]
            ),
            catatan="Data contoh.",
            **subjek,
        )

    def kube(self, desa: Desa, nama: str):
        ketua = self.orang(desa, "x", jaminan=JaminanKesehatan.PBI)
        anggota = [self.orang(desa, "x", jaminan=JaminanKesehatan.PBI) for _ in range(2)]
        bentuk = dt.date(self.ta - 2, self.rng.randint(1, 12), self.rng.randint(1, 28))
        kel = ppks_sv.kelompok_buat(
            oleh=self.u["petugas"],
            data={
                "nama": nama,
                "desa": desa,
                "alamat": f"Dusun {self.rng.choice(DUSUN)}",
                "tanggal_dibentuk": bentuk,
                "nomor_surat_pembentukan": f"140/{self.rng.randint(10, 99):03d}/{bentuk.year}",
                "nama_bank": self.rng.choice(BANK),
                "nomor_rekening": f"{self.rng.randint(10**9, 10**10 - 1)}",
            },
            ketua=ketua,
            anggota=anggota,
        )
        self.daftarkan(self.kat["x"], kelompok=kel)
        return kel

    # --- the plan ----------------------------------------------------------------------------

    def _bulan(self) -> int:
        return self.rng.choices(range(1, 13), weights=BOBOT_BULAN)[0]

    def _kelipatan(self, dari: int, sampai: int, langkah: int = 250_000) -> int:
        return self.rng.randrange(dari, sampai + 1, langkah)

    def rencana(self) -> list[Kasus]:
        rng = self.rng
        A = self.aturan
        batas_bh, batas_pu = int(A.batas_biaya_hidup), int(A.batas_permodalan)
        kasus: list[Kasus] = []
        n_kec = len(self.kecamatan)
        for i in range(JUMLAH_ORANG):
            desa = self.desa[i % len(self.desa)]
            # The first three rounds of desa take one desa of each kecamatan each: one round per
            # jenis, so every kecamatan shows every jenis in the rekap, whatever the dice say.
            r = (0.0, 0.6, 0.9)[i // n_kec] if i < 3 * n_kec else rng.random()
            if r < 0.57:
                kode = rng.choices("hixu", weights=[40, 20, 30, 10])[0]
                jenis = BH
            elif r < 0.82:
                kode = rng.choices("wxio", weights=[45, 30, 15, 10])[0]
                jenis = PU
            else:
                kode = rng.choices("xhiuk", weights=[40, 25, 15, 12, 8])[0]
                jenis = PB
            # A second bansos of another jenis in the year: treatment for some who also get
            # daily living support (B3 counts per jenis).
            juga_berobat = jenis == BH and kode != "u" and rng.random() < 0.08
            tanpa_jaminan = jenis == PB or juga_berobat
            if tanpa_jaminan:
                jaminan = JaminanKesehatan.TIDAK_ADA
            else:
                jaminan = rng.choices(
                    [
                        JaminanKesehatan.PBI,
                        JaminanKesehatan.TIDAK_ADA,
                        JaminanKesehatan.NON_PBI,
                        JaminanKesehatan.BELUM_DIKETAHUI,
                    ],
                    weights=[60, 20, 5, 15],
                )[0]
            o = self.orang(desa, kode, jaminan=jaminan, tanpa_nik=kode == "k")
            kat = self.kat[kode]
            bulan = self._bulan()
            if jenis == BH:
                if kode == "u":
                    # PCT 6(3): korban bencana alam may receive more than once in a TA; the
                    # yearly ceiling still holds (B2), so two tranches share it.
                    bulan = min(bulan, 8)
                    separuh = (batas_bh // 2) // 250_000 * 250_000
                    for b in (bulan, bulan + 3):
                        kasus.append(Kasus(o, kat, BH, b, separuh, uraian=KEBUTUHAN_BH[3], hari=0))
                else:
                    kasus.append(
                        Kasus(
                            o,
                            kat,
                            BH,
                            bulan,
                            self._kelipatan(750_000, batas_bh),
                            uraian=KEBUTUHAN_BH[{"h": 1, "i": 2}.get(kode, 0)],
                        )
                    )
            elif jenis == PU:
                jumlah = self._kelipatan(1_000_000, batas_pu, 500_000)
                kasus.append(
                    Kasus(
                        o,
                        kat,
                        PU,
                        bulan,
                        jumlah,
                        uraian=f"Modal usaha {rng.choice(USAHA)}",
                        rekomendasi=jumlah - 500_000 if rng.random() < 0.1 else None,
                    )
                )
            if jenis == PB or juga_berobat:
                kasus.append(self._berobat(o, kat, desa, self._bulan()))
        for i, k in enumerate(self.kecamatan):
            desa = next(d for d in self.desa if d.kecamatan_id == k.pk)
            kel = self.kube(desa, KUBE[i % len(KUBE)])
            jumlah = self._kelipatan(3_000_000, batas_pu, 500_000)
            kasus.append(
                Kasus(kel, self.kat["x"], PU, self._bulan(), jumlah, uraian="Modal usaha bersama")
            )
        # Some applications end otherwise, as in any year: refused at verification or by the
        # Kepala Dinas, or withdrawn — each before a later application of the same jenis that
        # is granted (a refused or withdrawn one does not count for B3, PCT 6(3)).
        calon = [c for c in kasus if c.bulan >= 4 and c.kategori.kode not in "uk"]
        for c in rng.sample(calon, min(16, len(calon))):
            akhir = rng.choices(["tolak_verifikasi", "tolak_rekomendasi", "batal"], [6, 6, 4])[0]
            kasus.append(
                Kasus(
                    c.penerima,
                    c.kategori,
                    c.jenis,
                    c.bulan - rng.randint(2, 3),
                    c.jumlah,
                    akhir=akhir,
                    biaya=c.biaya,
                    faskes=c.faskes,
                    uraian=c.uraian,
                )
            )
        for c in rng.sample(kasus, len(kasus) // 10):
            if c.akhir == "cair":
                c.dikembalikan = True
        for c in kasus:
            c.hari = rng.randint(1, hari_terakhir_permohonan(c.bulan))
        # Chronological, then by entry order: the same order an office would work in.
        kasus.sort(key=lambda c: (c.bulan, c.hari))
        return kasus

    def _berobat(self, o, kat: KategoriPMKS, desa: Desa, bulan: int) -> Kasus:
        rng = self.rng
        batas = int(self.aturan.batas_pengobatan)
        sesuai_biaya = self.aturan.sesuai_biaya(kat.pk)
        if rng.random() < 0.45:
            faskes, biaya = self.puskesmas[desa.kecamatan_id], self._kelipatan(500_000, 3_000_000)
        else:
            faskes, biaya = self.rsud, rng.randrange(1_500_000, 9_500_000, 50_000)
        # PCT 6(1)c: at cost for korban bencana and PMKS T4; up to the ceiling for the others.
        jumlah = biaya if sesuai_biaya else min(biaya, batas)
        return Kasus(
            o,
            kat,
            PB,
            bulan,
            jumlah,
            biaya=biaya,
            faskes=faskes,
            uraian="Biaya perawatan kelas III",
        )

    # --- the path ----------------------------------------------------------------------------

    def _nomor(self, jenis: str, tanggal: dt.date) -> str:
        """A letter number in the office's format, counted per kind of letter in the year.

        The registers (`PenomoranSurat`) hold only the current year, so a past year's numbers
        are counted here rather than taken from them; their classification code and section
        are used when the Administrator has set them.
        """
        reg = PenomoranSurat.objects.filter(jenis=jenis).first()
        kode, bagian = KODE_SURAT[jenis]
        self.urut[jenis] += 1
        return format_nomor(
            nomor=self.urut[jenis],
            kode=(reg.kode if reg and reg.kode else kode),
            bagian=(reg.bagian if reg and reg.bagian else bagian),
            tanggal=tanggal,
        )

    def _kades(self, desa: Desa) -> str:
        if desa.pk not in self.nama_kades:
            self.nama_kades[desa.pk] = nama(self.rng, "L")
        return self.nama_kades[desa.pk]

    def ajukan(self, c: Kasus, t: Tanggal) -> Permohonan:
        pen = c.penerima
        orang = pen if hasattr(pen, "nik") else None
        umum: dict[str, Any] = {
            "jenis": c.jenis,
            "kategori": c.kategori,
            "jumlah_diminta": c.jumlah,
            "tahun_anggaran": self.ta,
            "tanggal_permohonan": t.permohonan,
            "uraian": c.uraian,
            "perseorangan": orang,
            "kelompok": None if orang else pen,
        }
        self.urut["permohonan"] += 1
        umum["nomor_surat_permohonan"] = f"{PENANDA}/{self.ta}/{self.urut['permohonan']:04d}"
        if c.jenis == PB:
            return sv.permohonan_buat(
                oleh=self.u["petugas"], faskes=c.faskes, biaya_tagihan=c.biaya, **umum
            )
        rekening: dict[str, Any] = {}
        if orang is not None and c.jenis == PU:
            rekening = {
                "rekening_bank": self.rng.choice(BANK),
                "rekening_nomor": f"{self.rng.randint(10**9, 10**10 - 1)}",
                "rekening_nama": orang.nama,
            }
        return sv.permohonan_buat(
            oleh=self._petugas_untuk(pen.desa),
            nama_lurah=self._kades(pen.desa),
            tanggal_diketahui_lurah=t.lurah,
            **rekening,
            **umum,
        )

    def _unggah(self, p: Permohonan, oleh: User) -> None:
        for d in dokumen_wajib(p):
            sv.dokumen_unggah(permohonan=p, oleh=oleh, jenis_dokumen=d, berkas=self._berkas(d))

    def sampai_rekomendasi(self, c: Kasus) -> Permohonan | None:
        """From the letter to the Kepala Dinas's decision; a refusal or withdrawal ends it."""
        t = Tanggal(self.rng, self.ta, c.bulan, c.hari)
        p = self.ajukan(c, t)
        oleh_desa = self._petugas_untuk(p.desa)
        if c.akhir == "batal":
            sv.permohonan_batalkan(
                permohonan=p,
                oleh=oleh_desa,
                alasan="Pemohon menarik permohonan untuk memperbaiki data; diajukan kembali.",
            )
            return None
        if p.butuh_camat:
            sv.permohonan_ketahui_camat(
                permohonan=p,
                oleh=self.camat[p.desa.kecamatan_id],
                nama_camat=self.nama_camat[p.desa.kecamatan_id],
                tanggal=t.camat,
            )
        oleh_unggah = self.u["petugas"] if c.jenis == PB else oleh_desa
        self._unggah(p, oleh_unggah)
        v = self.u["verifikator"]
        if c.akhir == "tolak_verifikasi":
            sv.permohonan_verifikasi(
                permohonan=p,
                oleh=v,
                checklist={},
                hasil="ditolak",
                catatan=self.rng.choice(ALASAN_TOLAK_VERIFIKASI),
                tanggal=t.verifikasi,
            )
            return None
        tanggal_lolos = t.verifikasi
        if c.dikembalikan:
            sv.permohonan_verifikasi(
                permohonan=p,
                oleh=v,
                checklist={},
                hasil="dikembalikan",
                catatan=self.rng.choice(ALASAN_KEMBALI),
                tanggal=t.verifikasi,
            )
            # The applicant replaces the document the verifier found wanting, then resubmits.
            d = dokumen_wajib(p)[-1]
            sv.dokumen_unggah(
                permohonan=p, oleh=oleh_unggah, jenis_dokumen=d, berkas=self._berkas(d)
            )
            sv.permohonan_ajukan_ulang(
                permohonan=p, oleh=oleh_desa, catatan="Dokumen telah dilengkapi."
            )
            tanggal_lolos = t.verifikasi_ulang
        sv.permohonan_verifikasi(
            permohonan=p,
            oleh=v,
            checklist={d: True for d in dokumen_wajib(p)},
            hasil="lolos",
            nomor_berita_acara=self._nomor(J.BERITA_ACARA, tanggal_lolos),
            tanggal=tanggal_lolos,
        )
        if c.akhir == "tolak_rekomendasi":
            sv.permohonan_tolak(
                permohonan=p,
                oleh=self.u["kadis"],
                alasan=self.rng.choice(ALASAN_TOLAK_REKOMENDASI),
                tanggal=t.rekomendasi,
            )
            return None
        sv.permohonan_rekomendasi(
            permohonan=p,
            oleh=self.u["kadis"],
            layak=True,
            jumlah=c.rekomendasi or c.jumlah,
            nomor_surat=self._nomor(J.REKOMENDASI, t.rekomendasi),
            tanggal=t.rekomendasi,
        )
        return p

    def cairkan(self, p: Permohonan, tanggal: dt.date) -> None:
        p.refresh_from_db()
        jumlah = p.rekomendasi.jumlah
        if p.jenis == PB:
            mode, ref = "pemindahbukuan", {"referensi_transfer": f"SP2D-{self.ta}-{p.pk:05d}"}
        elif p.jenis == PU and jumlah > self.aturan.batas_tunai_permodalan:
            mode, ref = "transfer", {"referensi_transfer": f"TRF-{self.ta}-{p.pk:05d}"}
        else:
            mode, ref = (
                "tunai",
                {
                    "nomor_kwitansi": f"KW-{self.ta}-{p.pk:05d}",
                    "nama_penerima": (
                        cast(Perseorangan | Kelompok, p.penerima).nama if p.perseorangan_id else ""
                    ),
                },
            )
        sv.pencairan_catat(
            permohonan=p,
            oleh=self.u["bendahara"],
            mode=mode,
            bukti=ContentFile(pdf_contoh("Bukti pencairan"), name="bukti.pdf"),
            tanggal=tanggal,
            **ref,
        )

    def jalankan(self, kasus: list[Kasus]) -> tuple[int, int]:
        cair = lain = 0
        for bulan in range(1, 13):
            direkomendasikan = []
            for c in (c for c in kasus if c.bulan == bulan):
                try:
                    # One savepoint per application: a plan line the rules refuse (say, a
                    # pagu an Administrator set lower) leaves no half-walked application.
                    with transaction.atomic():
                        p = self.sampai_rekomendasi(c)
                except ValidationError:
                    self.lewati += 1
                    continue
                if p is None:
                    lain += 1
                else:
                    direkomendasikan.append(p)
            if not direkomendasikan:
                continue
            hari = hari_pengajuan(self.ta, bulan)
            sv.pengajuan_pencairan_buat(
                permohonan_list=direkomendasikan,
                oleh=self.u["kadis"],
                nomor_surat=self._nomor(J.PENGAJUAN_PENCAIRAN, hari),
                tanggal=hari,
            )
            for i, p in enumerate(
                sorted(direkomendasikan, key=lambda p: (p.desa.kecamatan_id, p.pk))
            ):
                # The Bendahara pays kecamatan by kecamatan over the following days.
                tanggal = hari + dt.timedelta(days=2 + i * 9 // len(direkomendasikan))
                self.cairkan(p, tanggal)
                cair += 1
        return cair, lain


def muat(stdout):
    ta = timezone.localdate().year - 1
    if Permohonan.objects.filter(
        tahun_anggaran=ta, nomor_surat_permohonan__startswith=PENANDA
    ).exists():
        stdout.write(f"Laporan: data contoh TA {ta} sudah ada.")
        return
    akun = akun_demo()
    semua_desa = list(
        Desa.objects.select_related("kecamatan")
        .filter(kode__startswith=settings.KABUPATEN_KODE + ".")
        .order_by("kode")
    )
    if akun is None or not semua_desa:
        stdout.write(f"Laporan: data contoh TA {ta} dilewati (wilayah atau akun belum ada).")
        return
    with transaction.atomic():
        pagu(ta)
        b = _Pembangun(ta, akun, semua_desa)
        kasus = b.rencana()
        cair, lain = b.jalankan(kasus)
    stdout.write(
        f"Laporan: TA {ta} — {cair} pencairan contoh di {len(b.kecamatan)} kecamatan "
        f"({lain} permohonan ditolak/dibatalkan"
        + (f", {b.lewati} dilewati karena aturan" if b.lewati else "")
        + ")."
    )
