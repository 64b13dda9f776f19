"""Forms of the bansos pages: they check shape (a date, an amount, a file that really is a PDF,
JPEG or PNG within the size limit) and find the recipient within the user's wilayah. Whether the
application may go ahead (B1–B8) is decided by bansos.services, whose errors the views put back
on these forms.
"""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from dinsos import akses
from dinsos.format import rupiah
from ppks.models import KategoriPMKS, Kelompok, Perseorangan, Registrasi

from . import berkas as berkasmod
from .models import (
    Faskes,
    JenisBansos,
    JenisDokumen,
    PemohonJenis,
    Pencairan,
    Permohonan,
    Verifikasi,
)

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
UANG = forms.NumberInput(attrs={"inputmode": "numeric", "min": "1", "step": "1"})
D = JenisDokumen

# Documents that may be required for each jenis (B5; PCT 8, 10, 12, 13), with the condition under
# which they are, for the application form. The authoritative list of one application is
# `bansos.aturan.dokumen_wajib`, shown on its detail page once it exists.
DOKUMEN_CALON: dict[str, list[tuple[str, str]]] = {
    JenisBansos.BIAYA_HIDUP: [
        (D.SURAT_PERMOHONAN, ""),
        (D.KTP, ""),
        (D.KK, ""),
        (D.SKM, "wajib bagi fakir miskin"),
    ],
    JenisBansos.PERMODALAN_USAHA: [
        (D.SURAT_PERMOHONAN, ""),
        (D.KTP, ""),
        (D.PEMBENTUKAN_KELOMPOK, "wajib bagi kelompok"),
        (D.REKENING_PENERIMA, "wajib bagi kelompok dan bila di atas batas pencairan tunai"),
    ],
    JenisBansos.PENGOBATAN: [
        (D.SURAT_PERMOHONAN_FASKES, ""),
        (D.KTP, "selain korban bencana dan PMKS T4"),
        (D.KK, "selain korban bencana dan PMKS T4"),
        (D.FOTO_KONDISI, "bagi korban bencana alam/sosial dan PMKS T4"),
        (D.KUITANSI_BIAYA, ""),
        (D.REKENING_FASKES, ""),
    ],
}


def _batas_label() -> str:
    return berkasmod._ukuran_label(settings.UPLOAD_MAX_BYTES)


class BerkasField(forms.FileField):
    """A supporting document: PDF, JPEG or PNG judged by content, within UPLOAD_MAX_BYTES."""

    # What the document checklist of the page shows next to the field.
    kode_dokumen = ""
    wajib = False
    sudah = False
    dok: Any = None

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/*"})

    def clean(self, data, initial=None):
        f = super().clean(data, initial)
        if f:
            berkasmod.validasi_berkas(f)
        return f


def nama_berkas_field(kode: str) -> str:
    return f"dok_{kode}"


class _DenganDokumen(forms.BaseForm):
    """Adds one optional file field per document type; `dokumen_terisi()` lists the chosen."""

    def _tambah_dokumen(
        self, daftar: list[tuple[str, str]], wajib: set[str] | None = None, ada=frozenset()
    ):
        self.dokumen_kode = []
        for kode, syarat in daftar:
            nama = nama_berkas_field(kode)
            label = JenisDokumen(kode).label
            field = BerkasField(label=label, help_text=syarat)
            field.kode_dokumen = kode
            field.wajib = wajib is None or kode in wajib
            field.sudah = kode in ada
            field.dok = None
            self.fields[nama] = field
            self.dokumen_kode.append(kode)

    def dokumen_terisi(self) -> list[tuple[str, object]]:
        return [
            (kode, self.cleaned_data[nama_berkas_field(kode)])
            for kode in self.dokumen_kode
            if self.cleaned_data.get(nama_berkas_field(kode))
        ]

    def isian_dokumen(self):
        return [self[nama_berkas_field(k)] for k in self.dokumen_kode]

    @property
    def batas_berkas(self) -> str:
        return _batas_label()


def _cari_orang(user, teks: str) -> Perseorangan | None:
    from ppks.selectors import cari_orang

    return cari_orang(user, teks)


class KelompokPilihan(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nama} — {obj.desa.nama}"


class PermohonanForm(_DenganDokumen, forms.Form):
    """The application (B4 first step) with its supporting documents (B5)."""

    penerima_jenis = forms.ChoiceField(
        label="Penerima",
        choices=[("perseorangan", "Perseorangan"), ("kelompok", "Kelompok")],
        initial="perseorangan",
        widget=forms.RadioSelect,
    )
    identitas = forms.CharField(
        label="NIK atau nomor registrasi penerima",
        required=False,
        max_length=40,
        help_text="Penerima harus sudah terdaftar aktif sebagai PMKS di registri.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    kelompok = KelompokPilihan(
        label="Kelompok penerima", queryset=Kelompok.objects.none(), required=False
    )
    kategori = forms.ModelChoiceField(
        label="Kategori PMKS",
        queryset=KategoriPMKS.objects.order_by("kode"),
        required=False,
        empty_label="— ikuti registrasi aktif penerima —",
        help_text="Kosongkan bila penerima hanya terdaftar pada satu kategori.",
    )
    pemohon_jenis = forms.ChoiceField(
        label="Surat permohonan diajukan oleh",
        choices=[
            (PemohonJenis.PERSEORANGAN, "Yang bersangkutan"),
            (PemohonJenis.KELUARGA, "Keluarga (sesuai Kartu Keluarga penerima)"),
        ],
        initial=PemohonJenis.PERSEORANGAN,
        required=False,
    )
    faskes = forms.ModelChoiceField(
        label="Puskesmas/RSUD pemohon",
        queryset=Faskes.objects.filter(aktif=True),
        required=False,
        empty_label="— pilih fasilitas kesehatan —",
    )
    biaya_tagihan = forms.DecimalField(
        label="Biaya menurut kuitansi dan rincian biaya (Rp)",
        min_value=1,
        max_digits=15,
        decimal_places=2,
        required=False,
        widget=UANG,
    )
    jumlah_diminta = forms.DecimalField(
        label="Jumlah yang dimohon (Rp)", min_value=1, max_digits=15, decimal_places=2, widget=UANG
    )
    tanggal_permohonan = forms.DateField(
        label="Tanggal surat permohonan", widget=TANGGAL, initial=timezone.localdate
    )
    nomor_surat_permohonan = forms.CharField(
        label="Nomor surat permohonan", max_length=100, required=False
    )
    uraian = forms.CharField(
        label="Uraian kebutuhan", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    nama_lurah = forms.CharField(
        label="Nama Lurah/Kepala Desa yang mengetahui", max_length=150, required=False
    )
    tanggal_diketahui_lurah = forms.DateField(
        label="Tanggal diketahui Lurah/Kepala Desa",
        widget=TANGGAL,
        required=False,
        initial=timezone.localdate,
    )
    rekening_bank = forms.CharField(label="Nama bank penerima", max_length=100, required=False)
    rekening_nomor = forms.CharField(
        label="Nomor rekening penerima",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    rekening_nama = forms.CharField(label="Nama pemilik rekening", max_length=150, required=False)

    # Fields shown per jenis; the rest are removed so the page stays short on a phone.
    _PER_JENIS: dict[str, set[str]] = {
        JenisBansos.BIAYA_HIDUP: {"faskes", "biaya_tagihan", "penerima_jenis", "kelompok"}
        | {"rekening_bank", "rekening_nomor", "rekening_nama"},
        JenisBansos.PERMODALAN_USAHA: {"faskes", "biaya_tagihan", "pemohon_jenis"},
        JenisBansos.PENGOBATAN: {"penerima_jenis", "kelompok", "pemohon_jenis", "nama_lurah"}
        | {"tanggal_diketahui_lurah", "rekening_bank", "rekening_nomor", "rekening_nama"},
    }

    def __init__(self, *args, user, jenis: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.jenis = jenis
        for nama in self._PER_JENIS[jenis]:
            del self.fields[nama]
        if "kelompok" in self.fields:
            cast(forms.ModelChoiceField, self.fields["kelompok"]).queryset = (
                akses.scope(user, Kelompok).select_related("desa").order_by("nama")
            )
        # Without a choice of kelompok the recipient is always a person given by NIK/number.
        self.fields["identitas"].required = "penerima_jenis" not in self.fields
        if jenis == JenisBansos.PENGOBATAN:
            self.fields["faskes"].required = True
            self.fields["biaya_tagihan"].required = True
            self.fields["identitas"].label = "NIK atau nomor registrasi pasien"
            self.fields["jumlah_diminta"].help_text = (
                "Tidak melebihi biaya menurut kuitansi (Perbup Pacitan 1/2018 Pasal 6 ayat (1) "
                "huruf c)."
            )
        else:
            self.fields["nama_lurah"].required = True
            self.fields["tanggal_diketahui_lurah"].required = True
        self._tambah_dokumen(DOKUMEN_CALON[jenis])

    def clean(self):
        data: dict[str, Any] = super().clean() or self.cleaned_data
        kelompok_dipilih = data.get("penerima_jenis") == "kelompok"
        orang = None
        if kelompok_dipilih:
            if not data.get("kelompok"):
                self.add_error("kelompok", "Pilih kelompok penerima.")
                return data
            subjek = {"kelompok": data["kelompok"]}
        else:
            if "identitas" in self.errors:
                return data
            teks = (data.get("identitas") or "").strip()
            if not teks:
                self.add_error("identitas", "Isi NIK atau nomor registrasi penerima.")
                return data
            orang = _cari_orang(self.user, teks)
            if orang is None:
                self.add_error(
                    "identitas",
                    "Penerima dengan NIK/nomor registrasi tersebut tidak ditemukan di wilayah "
                    "kerja Anda. Daftarkan dahulu di registri PMKS.",
                )
                return data
            subjek = {"perseorangan": orang}
        data["perseorangan"] = orang
        data["kelompok"] = data.get("kelompok") if kelompok_dipilih else None
        if not data.get("kategori"):
            aktif = list(
                Registrasi.objects.filter(status=Registrasi.Status.AKTIF, **subjek)
                .select_related("kategori")
                .order_by("kategori__kode")
            )
            kategori = {r.kategori_id: r.kategori for r in aktif}
            if len(kategori) == 1:
                data["kategori"] = next(iter(kategori.values()))
            elif not kategori:
                self.add_error(
                    "identitas" if orang else "kelompok",
                    "Penerima belum terdaftar aktif sebagai PMKS; bansos hanya bagi PMKS yang "
                    "terdaftar (Perbup Pacitan 1/2018 Pasal 3).",
                )
            else:
                self.add_error(
                    "kategori",
                    "Penerima terdaftar pada beberapa kategori ("
                    + ", ".join(f"{k.kode}. {k.nama}" for k in kategori.values())
                    + "); pilih salah satu.",
                )
        if data.get("pemohon_jenis") == PemohonJenis.KELUARGA:
            if orang is None or not orang.keluarga_id:
                self.add_error(
                    "pemohon_jenis",
                    "Penerima belum tercatat dalam keluarga (Kartu Keluarga) di registri.",
                )
            else:
                data["keluarga"] = orang.keluarga
        return data

    _KELOMPOK = [
        ("Penerima", ["penerima_jenis", "identitas", "kelompok", "kategori", "pemohon_jenis"]),
        ("Puskesmas/RSUD", ["faskes", "biaya_tagihan"]),
        (
            "Surat permohonan",
            ["jumlah_diminta", "tanggal_permohonan", "nomor_surat_permohonan", "uraian"],
        ),
        ("Diketahui Lurah/Kepala Desa", ["nama_lurah", "tanggal_diketahui_lurah"]),
        ("Rekening penerima", ["rekening_bank", "rekening_nomor", "rekening_nama"]),
    ]

    def kelompok_isian(self):
        """The fields in sections, for a short page on a phone."""
        hasil = []
        for judul, nama in self._KELOMPOK:
            isian = [self[n] for n in nama if n in self.fields]
            if isian:
                hasil.append((judul, isian))
        return hasil

    def data_layanan(self) -> dict:
        """Keyword arguments for `services.permohonan_buat`."""
        d = self.cleaned_data
        hasil = {
            "jenis": self.jenis,
            "kategori": d["kategori"],
            "jumlah_diminta": d["jumlah_diminta"],
            "perseorangan": d.get("perseorangan"),
            "kelompok": d.get("kelompok"),
            "keluarga": d.get("keluarga"),
            "tanggal_permohonan": d["tanggal_permohonan"],
            "nomor_surat_permohonan": d.get("nomor_surat_permohonan", ""),
            "uraian": d.get("uraian", ""),
        }
        if self.jenis == JenisBansos.PENGOBATAN:
            hasil.update(faskes=d["faskes"], biaya_tagihan=d["biaya_tagihan"])
        else:
            hasil.update(
                nama_lurah=d["nama_lurah"], tanggal_diketahui_lurah=d["tanggal_diketahui_lurah"]
            )
            if self.jenis == JenisBansos.BIAYA_HIDUP:
                hasil["pemohon_jenis"] = d.get("pemohon_jenis") or PemohonJenis.PERSEORANGAN
        for f in ("rekening_bank", "rekening_nomor", "rekening_nama"):
            if f in d:
                hasil[f] = d[f]
        return hasil


class UbahPermohonanForm(forms.Form):
    """Corrections while the application is open or returned (services._BOLEH_DIUBAH)."""

    jumlah_diminta = PermohonanForm.base_fields["jumlah_diminta"]
    biaya_tagihan = PermohonanForm.base_fields["biaya_tagihan"]
    tanggal_permohonan = PermohonanForm.base_fields["tanggal_permohonan"]
    nomor_surat_permohonan = PermohonanForm.base_fields["nomor_surat_permohonan"]
    uraian = PermohonanForm.base_fields["uraian"]
    nama_lurah = PermohonanForm.base_fields["nama_lurah"]
    tanggal_diketahui_lurah = PermohonanForm.base_fields["tanggal_diketahui_lurah"]
    rekening_bank = PermohonanForm.base_fields["rekening_bank"]
    rekening_nomor = PermohonanForm.base_fields["rekening_nomor"]
    rekening_nama = PermohonanForm.base_fields["rekening_nama"]
    alasan = forms.CharField(label="Alasan perubahan", max_length=500, required=False)

    def __init__(self, *args, permohonan: Permohonan, **kwargs):
        awal = {f: getattr(permohonan, f) for f in self.base_fields if f != "alasan"}
        kwargs.setdefault("initial", awal)
        super().__init__(*args, **kwargs)
        self.permohonan = permohonan
        if permohonan.jenis == JenisBansos.PENGOBATAN:
            for f in ("nama_lurah", "tanggal_diketahui_lurah", "rekening_bank"):
                del self.fields[f]
            for f in ("rekening_nomor", "rekening_nama"):
                del self.fields[f]
            self.fields["biaya_tagihan"].required = True
        else:
            del self.fields["biaya_tagihan"]
            self.fields["nama_lurah"].required = True
            self.fields["tanggal_diketahui_lurah"].required = True
            if permohonan.jenis == JenisBansos.BIAYA_HIDUP:
                for f in ("rekening_bank", "rekening_nomor", "rekening_nama"):
                    del self.fields[f]

    def perubahan(self) -> dict:
        """Only the fields that differ, so the history shows what really changed."""
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k != "alasan" and v != getattr(self.permohonan, k)
        }


class UnggahForm(_DenganDokumen, forms.Form):
    """Upload (or replace) supporting documents of an existing application."""

    def __init__(self, *args, wajib: list[str], ada: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        lain = [k for k in ada if k not in wajib]
        self._tambah_dokumen(
            [(k, "") for k in wajib] + [(k, "tidak wajib untuk permohonan ini") for k in lain],
            wajib=set(wajib),
            ada=ada,
        )

    def clean(self):
        data: dict[str, Any] = super().clean() or self.cleaned_data
        if not self.errors and not self.dokumen_terisi():
            raise ValidationError("Pilih sedikitnya satu berkas untuk diunggah.")
        return data


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CatatanForm(forms.Form):
    catatan = forms.CharField(
        label="Catatan (apa yang sudah dilengkapi)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class KetahuiForm(forms.Form):
    nama_camat = forms.CharField(label="Nama Camat yang mengetahui", max_length=150)
    tanggal = forms.DateField(label="Tanggal diketahui", widget=TANGGAL, initial=timezone.localdate)


class VerifikasiForm(forms.Form):
    """The verification sheet (PCT 7b, 9b, 11b): one box per required document (B5)."""

    hasil = forms.ChoiceField(
        label="Hasil verifikasi", choices=Verifikasi.Hasil.choices, widget=forms.RadioSelect
    )
    nomor_berita_acara = forms.CharField(
        label="Nomor berita acara verifikasi",
        max_length=100,
        required=False,
        help_text="Wajib bila memenuhi syarat.",
    )
    tanggal = forms.DateField(
        label="Tanggal verifikasi", widget=TANGGAL, initial=timezone.localdate
    )
    catatan = forms.CharField(
        label="Catatan",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wajib bila dikembalikan (apa yang harus dilengkapi) atau ditolak (alasannya).",
    )

    def __init__(self, *args, wajib: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.kode_cek = list(wajib)
        for kode in wajib:
            self.fields[f"cek_{kode}"] = forms.BooleanField(
                label=JenisDokumen(kode).label, required=False
            )

    def checklist(self) -> dict[str, bool]:
        return {k: bool(self.cleaned_data.get(f"cek_{k}")) for k in self.kode_cek}

    def isian_cek(self):
        return [(k, self[f"cek_{k}"]) for k in self.kode_cek]

    def isian_lain(self):
        return [self["nomor_berita_acara"], self["tanggal"], self["catatan"]]


class RekomendasiForm(forms.Form):
    keputusan = forms.ChoiceField(
        label="Keputusan",
        choices=[("layak", "Layak, direkomendasikan"), ("tidak", "Tidak layak (ditolak)")],
        widget=forms.RadioSelect,
        initial="layak",
    )
    jumlah = forms.DecimalField(
        label="Besaran bantuan (Rp)",
        min_value=1,
        max_digits=15,
        decimal_places=2,
        required=False,
        widget=UANG,
    )
    nomor_surat = forms.CharField(label="Nomor surat rekomendasi", max_length=100, required=False)
    tanggal = forms.DateField(
        label="Tanggal rekomendasi", widget=TANGGAL, initial=timezone.localdate
    )
    alasan = forms.CharField(
        label="Pertimbangan / alasan",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wajib bila tidak layak.",
    )


class PermohonanPilihan(forms.ModelMultipleChoiceField):
    def label_from_instance(self, p):
        return f"{p.nomor} — {p.penerima} — {rupiah(p.jumlah_rekomendasi)}"


class PengajuanForm(forms.Form):
    """A batch of recommended applications to the Kepala BPKAD (PCT 7d, 9d, 11d)."""

    permohonan = PermohonanPilihan(
        label="Permohonan yang diajukan",
        queryset=Permohonan.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    nomor_surat = forms.CharField(label="Nomor surat pengajuan ke BPKAD", max_length=100)
    tanggal = forms.DateField(label="Tanggal surat", widget=TANGGAL, initial=timezone.localdate)

    def __init__(self, *args, pilihan, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["permohonan"]).queryset = pilihan

    def isian_surat(self):
        return [self["nomor_surat"], self["tanggal"]]


class PencairanForm(forms.Form):
    """The disbursement with its proof (B6; PCT 7e, 9e, 11e)."""

    mode = forms.ChoiceField(label="Cara pencairan", choices=Pencairan.Mode.choices)
    tanggal = forms.DateField(label="Tanggal pencairan", widget=TANGGAL, initial=timezone.localdate)
    nomor_kwitansi = forms.CharField(
        label="Nomor kwitansi", max_length=100, required=False, help_text="Wajib bila tunai."
    )
    nama_penerima = forms.CharField(
        label="Nama yang menerima (menandatangani kwitansi)", max_length=150, required=False
    )
    referensi_transfer = forms.CharField(
        label="Nomor bukti transfer/pemindahbukuan",
        max_length=100,
        required=False,
        help_text="Wajib bila non tunai.",
    )
    rekening_tujuan = forms.CharField(
        label="Rekening tujuan",
        max_length=30,
        required=False,
        help_text="Kosongkan untuk memakai rekening yang tercatat pada permohonan.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    bukti = BerkasField(
        label="Bukti pencairan (kwitansi bertanda tangan atau bukti transfer)", required=True
    )


def mode_bawaan(p: Permohonan) -> str:
    """The mode B6 prescribes, to preselect it (the service still decides)."""
    if p.jenis == JenisBansos.PENGOBATAN:
        return Pencairan.Mode.PEMINDAHBUKUAN
    jumlah = p.jumlah_rekomendasi or p.jumlah_diminta
    if p.jenis == JenisBansos.PERMODALAN_USAHA and jumlah > p.aturan.batas_tunai_permodalan:
        return Pencairan.Mode.TRANSFER
    return Pencairan.Mode.TUNAI
