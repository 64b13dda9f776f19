"""The rekapitulasi penyaluran bansos of one Tahun Anggaran (B7; PCT 7f–g, 9f–g, 11f–g).

Rows are disbursements (`bansos.Pencairan`) of the TA, read under the requester's wilayah, then
grouped by jenis and kecamatan with subtotals, totals per jenis and a grand total. Only what B7
asks for is printed — name, address, jenis, amount, date — never NIK, category or health data.
"""

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.db.models import Q

from bansos.models import JenisBansos, Pencairan
from dinsos.format import rupiah, tanggal
from dinsos.models import Kecamatan

URUTAN_JENIS = {j: i for i, j in enumerate(JenisBansos.values)}
NOL = Decimal("0")


@dataclass(frozen=True, slots=True)
class Baris:
    """One disbursement as printed."""

    nomor: str  # nomor permohonan, for tracing a line back to its file
    nama: str
    keterangan: str  # e.g. "melalui RSUD …" for pengobatan (paid to the facility, B6)
    alamat: str
    desa: str
    kecamatan_kode: str
    kecamatan: str
    jenis: str
    jumlah: Decimal
    tanggal: dt.date

    @property
    def alamat_lengkap(self) -> str:
        return ", ".join(x for x in (self.alamat, self.desa) if x)


@dataclass
class Grup:
    jenis: str
    jenis_label: str
    kecamatan_kode: str
    kecamatan: str
    baris: list[Baris] = field(default_factory=list)
    jumlah: Decimal = NOL

    @property
    def judul(self) -> str:
        return f"{self.jenis_label} — Kecamatan {self.kecamatan}"


@dataclass
class TotalJenis:
    jenis: str
    label: str
    penerima: int = 0
    jumlah: Decimal = NOL
    grup: list[Grup] = field(default_factory=list)


@dataclass
class Rekap:
    grup: list[Grup]
    per_jenis: list[TotalJenis]
    penerima: int
    total: Decimal


@dataclass
class FilterRekap:
    """What the requester asked for; stored as JSON in `Ekspor.parameter`."""

    tahun_anggaran: int
    jenis: str = ""
    kecamatan: str = ""
    dari: dt.date | None = None
    sampai: dt.date | None = None

    def ke_json(self) -> dict:
        d = asdict(self)
        d["dari"] = self.dari.isoformat() if self.dari else None
        d["sampai"] = self.sampai.isoformat() if self.sampai else None
        return d

    @classmethod
    def dari_json(cls, d: dict) -> "FilterRekap":
        return cls(
            tahun_anggaran=int(d["tahun_anggaran"]),
            jenis=d.get("jenis") or "",
            kecamatan=d.get("kecamatan") or "",
            dari=dt.date.fromisoformat(d["dari"]) if d.get("dari") else None,
            sampai=dt.date.fromisoformat(d["sampai"]) if d.get("sampai") else None,
        )

    def uraian(self) -> list[tuple[str, str]]:
        """The filters as printed under the title."""
        jenis = JenisBansos(self.jenis).label if self.jenis else "Semua jenis bantuan sosial"
        if self.kecamatan:
            kec = Kecamatan.objects.filter(pk=self.kecamatan).values_list("nama", flat=True)
            wilayah = f"Kecamatan {kec.first() or self.kecamatan}"
        else:
            wilayah = "Semua kecamatan"
        if self.dari or self.sampai:
            periode = (
                f"{tanggal(self.dari) if self.dari else 'awal tahun anggaran'} s.d. "
                f"{tanggal(self.sampai) if self.sampai else 'akhir tahun anggaran'}"
            )
        else:
            periode = f"1 Januari s.d. 31 Desember {self.tahun_anggaran}"
        return [
            ("Tahun Anggaran", str(self.tahun_anggaran)),
            ("Jenis bantuan", jenis),
            ("Wilayah", wilayah),
            ("Periode pencairan", periode),
        ]

    def nama_berkas(self, ext: str) -> str:
        bagian = [f"rekap-bansos-TA{self.tahun_anggaran}"]
        if self.jenis:
            bagian.append(self.jenis.replace("_", "-"))
        if self.kecamatan:
            bagian.append(self.kecamatan.replace(".", ""))
        return "-".join(bagian) + f".{ext}"


def pencairan_rekap(f: FilterRekap, wilayah: Q):
    """The disbursements of the rekap, under `wilayah` (a `wilayah_q` on permohonan__desa)."""
    qs = Pencairan.objects.filter(wilayah, permohonan__tahun_anggaran=f.tahun_anggaran)
    if f.jenis:
        qs = qs.filter(permohonan__jenis=f.jenis)
    if f.kecamatan:
        qs = qs.filter(permohonan__desa__kecamatan=f.kecamatan)
    if f.dari:
        qs = qs.filter(tanggal__gte=f.dari)
    if f.sampai:
        qs = qs.filter(tanggal__lte=f.sampai)
    return qs


_KOLOM = (
    "permohonan__nomor",
    "permohonan__jenis",
    "permohonan__perseorangan__nama",
    "permohonan__perseorangan__alamat",
    "permohonan__perseorangan__rt",
    "permohonan__perseorangan__rw",
    "permohonan__kelompok__nama",
    "permohonan__kelompok__alamat",
    "permohonan__kelompok__ketua__nama",
    "permohonan__faskes__nama",
    "permohonan__desa__jenis",
    "permohonan__desa__nama",
    "permohonan__desa__kecamatan_id",
    "permohonan__desa__kecamatan__nama",
    "jumlah",
    "tanggal",
    "pk",
)


def _alamat(jalan: str, rt: str, rw: str) -> str:
    bagian = [jalan.strip()] if jalan and jalan.strip() else []
    if rt or rw:
        bagian.append(f"RT {rt or '-'}/RW {rw or '-'}")
    return " ".join(bagian)


def ambil_baris(f: FilterRekap, wilayah: Q) -> list[Baris]:
    """Rows in print order: jenis (PCT order), kecamatan name, date, then entry order."""
    hasil = []
    qs = pencairan_rekap(f, wilayah).order_by("permohonan__desa__kecamatan__nama", "tanggal", "pk")
    for r in qs.values_list(*_KOLOM).iterator(chunk_size=2000):
        (
            nomor, jenis, p_nama, p_alamat, p_rt, p_rw, k_nama, k_alamat, k_ketua,
            faskes, desa_jenis, desa_nama, kec_kode, kec_nama, jumlah, tgl, _pk,
        ) = r  # fmt: skip
        if p_nama is not None:
            nama, alamat = p_nama, _alamat(p_alamat, p_rt, p_rw)
            keterangan = f"melalui {faskes}" if faskes else ""
        else:
            nama, alamat = k_nama, (k_alamat or "").strip()
            keterangan = f"Kelompok, ketua {k_ketua}" if k_ketua else "Kelompok"
        desa = f"{'Kelurahan' if desa_jenis == 'kelurahan' else 'Desa'} {desa_nama}"
        hasil.append(
            Baris(
                nomor=nomor,
                nama=nama,
                keterangan=keterangan,
                alamat=alamat,
                desa=desa,
                kecamatan_kode=kec_kode,
                kecamatan=kec_nama,
                jenis=jenis,
                jumlah=jumlah,
                tanggal=tgl,
            )
        )
    # Stable: keeps kecamatan/date/pk order inside each jenis.
    hasil.sort(key=lambda b: URUTAN_JENIS.get(b.jenis, 99))
    return hasil


def susun(baris: list[Baris]) -> Rekap:
    """Group rows already in print order; subtotals, per-jenis totals, grand total."""
    label = dict(JenisBansos.choices)
    grup: list[Grup] = []
    per_jenis: dict[str, TotalJenis] = {}
    for b in baris:
        g = grup[-1] if grup else None
        if g is None or g.jenis != b.jenis or g.kecamatan_kode != b.kecamatan_kode:
            g = Grup(
                jenis=b.jenis,
                jenis_label=label.get(b.jenis, b.jenis),
                kecamatan_kode=b.kecamatan_kode,
                kecamatan=b.kecamatan,
            )
            grup.append(g)
            tj = per_jenis.setdefault(b.jenis, TotalJenis(b.jenis, label.get(b.jenis, b.jenis)))
            tj.grup.append(g)
        g.baris.append(b)
        g.jumlah += b.jumlah
        tj = per_jenis[b.jenis]
        tj.penerima += 1
        tj.jumlah += b.jumlah
    total = sum((t.jumlah for t in per_jenis.values()), NOL)
    return Rekap(grup=grup, per_jenis=list(per_jenis.values()), penerima=len(baris), total=total)


def baris_cetak(g: Grup) -> list[tuple[str, ...]]:
    """A group's rows as the strings printed; the PDF cache is keyed on exactly these."""
    return [
        (b.nama, b.keterangan, b.alamat_lengkap, tanggal(b.tanggal), rupiah(b.jumlah))
        for b in g.baris
    ]
