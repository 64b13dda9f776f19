"""Forms of the application itself: the application with its documents (B4 first step, B5),
corrections, uploads and the Camat's acknowledgment. They check shape and find the recipient
within the user's wilayah; the rules (B1–B8) are decided by bansos.services.
"""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from dinsos import akses, masukan
from dinsos import forms as dforms
from dinsos.format import rupiah
from ppks import pemilih
from ppks.models import KategoriPMKS, Kelompok, Perseorangan, Registrasi

from .. import berkas as berkasmod
from ..aturan import PCT_BAWAAN
from ..models import (
    LABEL_BATAS,
    PASAL_BATAS,
    PCT,
    AturanTahunan,
    Faskes,
    JenisBansos,
    JenisDokumen,
    PemohonJenis,
    Permohonan,
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
    # A file staged by an earlier failed submit (bansos.unggahan): its token and name.
    token = ""
    nama_sementara = ""

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


class PermohonanForm(_DenganDokumen, dforms.Form):
    """The application (B4 first step) with its supporting documents (B5)."""

    penerima_jenis = forms.ChoiceField(
        label="Penerima",
        choices=[("perseorangan", "Perseorangan"), ("kelompok", "Kelompok")],
        initial="perseorangan",
        widget=forms.RadioSelect,
    )
    identitas = forms.CharField(
        label="Cari penerima: nama, NIK atau nomor registrasi",
        required=False,
        max_length=150,
        help_text=(
            "Penerima harus sudah terdaftar aktif sebagai PMKS di registri. Hasil pencarian "
            "hanya dari wilayah kerja Anda, dengan tanggal lahir dan desa untuk membedakan nama "
            "yang sama."
        ),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kelompok = KelompokPilihan(
        label="Kelompok penerima", queryset=Kelompok.objects.none(), required=False
    )
    # The group picker's query (ppks.pemilih): a group is chosen from its results by pk.
    cari_kelompok = forms.CharField(
        label="Cari kelompok penerima: nama kelompok atau nama ketua",
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"type": "search"}),
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
        | {"cari_kelompok"}
        | {"rekening_bank", "rekening_nomor", "rekening_nama"},
        JenisBansos.PERMODALAN_USAHA: {"faskes", "biaya_tagihan", "pemohon_jenis"},
        JenisBansos.PENGOBATAN: {"penerima_jenis", "kelompok", "pemohon_jenis", "nama_lurah"}
        | {"cari_kelompok"}
        | {"tanggal_diketahui_lurah", "rekening_bank", "rekening_nomor", "rekening_nama"},
    }

    # Candidates of a search by name (the picker's list), and the person chosen.
    calon: list = []
    penerima_terpilih: Perseorangan | None = None

    def __init__(self, *args, user, jenis: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.jenis = jenis
        self.calon = []
        for nama in self._PER_JENIS[jenis]:
            del self.fields[nama]
        if "kelompok" in self.fields:
            cast(forms.ModelChoiceField, self.fields["kelompok"]).queryset = (
                akses.scope(user, Kelompok).select_related("desa").order_by("nama")
            )
        # The query box is never required by itself: a person chosen in the picker (by pk)
        # needs no text; `clean` says what is missing.
        self.fields["identitas"].required = False
        if jenis == JenisBansos.PENGOBATAN:
            self.fields["faskes"].required = True
            self.fields["biaya_tagihan"].required = True
            self.fields["identitas"].label = "Cari pasien: nama, NIK atau nomor registrasi"
            self.fields["jumlah_diminta"].help_text = (
                "Tidak melebihi biaya menurut kuitansi (Perbup Pacitan 1/2018 Pasal 6 ayat (1) "
                "huruf c)."
            )
        else:
            self.fields["nama_lurah"].required = True
            self.fields["tanggal_diketahui_lurah"].required = True
        self._tambah_dokumen(DOKUMEN_CALON[jenis])

    def _cari_penerima(self, data: dict[str, Any]) -> Perseorangan | None:
        """The person chosen in the picker (by pk), or typed whole (NIK or registry number);
        a name alone lists the candidates (`self.calon`) to choose from."""
        # ASCII digits only (dinsos.masukan): "²".isdigit() is True but int("²") fails.
        pk = masukan.angka_id(str(self.data.get("orang") or "").strip())
        if pk is not None:
            orang = akses.scope(self.user, Perseorangan).filter(pk=pk).first()
            if orang is None:
                self.add_error("identitas", "Penerima tidak ditemukan di wilayah kerja Anda.")
            return orang
        if "identitas" in self.errors:
            return None
        teks = (data.get("identitas") or "").strip()
        if not teks:
            self.add_error(
                "identitas", "Cari dan pilih penerima menurut nama, NIK atau nomor registrasi."
            )
            return None
        orang = _cari_orang(self.user, teks)
        if orang is not None:
            return orang
        self.calon = pemilih.cari_orang(self.user, teks)
        if self.calon:
            self.add_error(
                "identitas",
                "Pilih penerima dari hasil pencarian (nama yang sama dibedakan menurut tanggal "
                "lahir dan desa).",
            )
        else:
            self.add_error(
                "identitas",
                "Penerima dengan nama, NIK atau nomor registrasi tersebut tidak ditemukan di "
                "wilayah kerja Anda. Daftarkan dahulu di registri PMKS.",
            )
        return None

    def _cek_batas(self, data: dict[str, Any]) -> None:
        """B2's ceiling, which needs no recipient, checked with the other fields so that every
        error of the form comes in one answer (the service checks it again, with the yearly
        total). Pengobatan is bounded by the invoice here; its categories paid at cost
        (PCT 6(1)c.1) are left to the service, which knows the recipient."""
        jumlah = data.get("jumlah_diminta")
        if jumlah is None or "jumlah_diminta" in self.errors:
            return
        if self.jenis == JenisBansos.PENGOBATAN:
            tagihan = data.get("biaya_tagihan")
            if tagihan is not None and jumlah > tagihan:
                self.add_error(
                    "jumlah_diminta",
                    f"Jumlah {rupiah(jumlah)} melebihi biaya menurut kuitansi dan rincian biaya "
                    f"{rupiah(tagihan)} ({PCT} Pasal 6 ayat (1) huruf c).",
                )
            return
        tahun = (data.get("tanggal_permohonan") or timezone.localdate()).year
        aturan = AturanTahunan.objects.filter(tahun_anggaran=tahun).first()
        nama: str = {
            JenisBansos.BIAYA_HIDUP: "batas_biaya_hidup",
            JenisBansos.PERMODALAN_USAHA: "batas_permodalan",
        }[JenisBansos(self.jenis)]
        batas = aturan.batas_untuk(self.jenis) if aturan else PCT_BAWAAN[nama]
        if jumlah > batas:
            self.add_error(
                "jumlah_diminta",
                f"Melebihi batas {LABEL_BATAS[self.jenis]} {rupiah(batas)} per tahun anggaran "
                f"({PCT} {PASAL_BATAS[self.jenis]}).",
            )

    def clean(self):
        data: dict[str, Any] = super().clean() or self.cleaned_data
        # Every check runs, whatever failed before it: all the form's errors in one answer,
        # each on its own field.
        self._cek_batas(data)
        kelompok_dipilih = data.get("penerima_jenis") == "kelompok"
        orang = None
        subjek: dict[str, Any] | None = None
        if kelompok_dipilih:
            if not data.get("kelompok"):
                if "kelompok" not in self.errors:
                    self.add_error("kelompok", "Pilih kelompok penerima.")
            else:
                subjek = {"kelompok": data["kelompok"]}
        else:
            orang = self._cari_penerima(data)
            if orang is not None:
                subjek = {"perseorangan": orang}
                self.penerima_terpilih = orang
        data["perseorangan"] = orang
        data["kelompok"] = data.get("kelompok") if kelompok_dipilih else None
        if subjek is not None and not data.get("kategori"):
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
        if data.get("pemohon_jenis") == PemohonJenis.KELUARGA and subjek is not None:
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

    def _isian_penerima(self) -> list[str]:
        return [n for n in self._KELOMPOK[0][1] if n in self.fields]

    def isian_sebelum_pemilih(self):
        """The recipient section's fields before the picker (which takes `identitas`)."""
        nama = self._isian_penerima()
        return [self[n] for n in nama[: nama.index("identitas")]]

    def isian_sesudah_pemilih(self):
        # The group is chosen in its own picker (`pemilih_kelompok`), not in a list.
        nama = self._isian_penerima()
        return [self[n] for n in nama[nama.index("identitas") + 1 :] if n != "kelompok"]

    def pemilih_kelompok(self, calon: list | None = None) -> dict | None:
        """The group picker's context: the groups found, or, for a wilayah with few groups,
        all of them (a village officer sees the desa's groups at once)."""
        if "kelompok" not in self.fields:
            return None
        if calon is None:
            qs = cast(forms.ModelChoiceField, self.fields["kelompok"]).queryset
            sedikit = qs is not None and qs.count() <= pemilih.BATAS_HASIL
            calon = pemilih.cari_kelompok(self.user, "", semua=True) if sedikit else []
        dipilih = self["kelompok"].value()
        return {
            "field": self["cari_kelompok"],
            "nama": "kelompok",
            "jenis": "kelompok",
            "calon": calon,
            "terpilih": masukan.angka_id(str(dipilih or "")),
            "galat": self["kelompok"].errors if self.is_bound else [],
        }

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


class UbahPermohonanForm(dforms.Form):
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


class UnggahForm(_DenganDokumen, dforms.Form):
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


class AlasanForm(dforms.Form):
    alasan = forms.CharField(
        label="Alasan", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CatatanForm(dforms.Form):
    catatan = forms.CharField(
        label="Catatan (apa yang sudah dilengkapi)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class KetahuiForm(dforms.Form):
    nama_camat = forms.CharField(label="Nama Camat yang mengetahui", max_length=150)
    tanggal = forms.DateField(label="Tanggal diketahui", widget=TANGGAL, initial=timezone.localdate)
