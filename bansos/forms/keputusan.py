"""Forms of the decisions after an application: the verification sheet, the recommendation, the
batch to the BPKAD and the disbursement (B4, B6; PCT 7b–e, 9b–e, 11b–e). They check shape; the
rules are decided by bansos.services, whose errors the views put back on these forms.
"""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from dinsos import forms as dforms
from dinsos.format import rupiah

from ..models import JenisBansos, JenisDokumen, Pencairan, Permohonan, Verifikasi
from .permohonan import TANGGAL, UANG, BerkasField


class VerifikasiForm(dforms.Form):
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


class RekomendasiForm(dforms.Form):
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


class PengajuanForm(dforms.Form):
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


# The cash fields and the non-cash fields of the disbursement form; the page shows only those of
# the chosen mode (static/js/cairkan.js), and without JavaScript `PencairanForm.clean` still
# requires the chosen mode's own and drops the other's.
ISIAN_TUNAI = ("nomor_kwitansi", "nama_penerima")
ISIAN_NONTUNAI = ("referensi_transfer", "rekening_tujuan")


def mode_untuk(jenis: str) -> list[str]:
    """B6: the modes a jenis may be paid by. Only pengobatan pays a faskes (PCT 11e); biaya
    hidup is cash against a kwitansi (PCT 7e); permodalan usaha cash or transfer (PCT 9e)."""
    M = Pencairan.Mode
    if jenis == JenisBansos.PENGOBATAN:
        return [M.PEMINDAHBUKUAN]
    if jenis == JenisBansos.BIAYA_HIDUP:
        return [M.TUNAI]
    return [M.TUNAI, M.TRANSFER]


PESAN_MODE: dict[str, str] = {
    JenisBansos.BIAYA_HIDUP: (
        "Bantuan biaya hidup dicairkan secara tunai kepada yang bersangkutan/keluarganya dengan "
        "kwitansi (aturan B6; Perbup Pacitan 1/2018 Pasal 7 huruf e)."
    ),
    JenisBansos.PERMODALAN_USAHA: (
        "Permodalan usaha dicairkan secara tunai atau transfer ke rekening penerima, bukan ke "
        "rekening faskes (aturan B6; Perbup Pacitan 1/2018 Pasal 9 huruf e)."
    ),
    JenisBansos.PENGOBATAN: (
        "Bantuan pengobatan dibayarkan secara non tunai melalui pemindahbukuan ke rekening "
        "bendahara penerimaan Puskesmas/RSUD (aturan B6; Perbup Pacitan 1/2018 Pasal 11 huruf e)."
    ),
}


class PencairanForm(dforms.Form):
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

    def __init__(self, *args, permohonan: Permohonan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        mode = cast(forms.ChoiceField, self.fields["mode"])
        if permohonan is not None:
            boleh = mode_untuk(permohonan.jenis)
            # Only the widget's choices shrink: a mode the jenis may not use that is posted
            # anyway gets the B6 message of `clean_mode`, not "pilihan tidak valid".
            mode.widget.choices = [(m, Pencairan.Mode(m).label) for m in boleh]
            self.mode_boleh, self.jenis = boleh, permohonan.jenis
            if len(boleh) == 1:
                mode.initial = boleh[0]
            # A mode the jenis cannot use has no fields on the page at all.
            if Pencairan.Mode.TUNAI not in boleh:
                for f in ISIAN_TUNAI:
                    del self.fields[f]
            if all(m == Pencairan.Mode.TUNAI for m in boleh):
                for f in ISIAN_NONTUNAI:
                    del self.fields[f]
        for f in ISIAN_TUNAI:
            if f in self.fields:
                self.fields[f].widget.attrs["data-mode"] = "tunai"
        for f in ISIAN_NONTUNAI:
            if f in self.fields:
                self.fields[f].widget.attrs["data-mode"] = "nontunai"

    mode_boleh: list[str] | None = None
    jenis = ""

    def clean_mode(self) -> str:
        mode = self.cleaned_data["mode"]
        if self.mode_boleh is not None and mode not in self.mode_boleh:
            raise ValidationError(PESAN_MODE[self.jenis])
        return mode

    def clean(self):
        data: dict[str, Any] = super().clean() or self.cleaned_data
        mode = data.get("mode")
        if not mode:
            return data
        tunai = mode == Pencairan.Mode.TUNAI
        # The other mode's fields may hold what was typed before the mode changed: never keep it.
        for f in ISIAN_NONTUNAI if tunai else ISIAN_TUNAI:
            data[f] = ""
        if tunai and not data.get("nomor_kwitansi"):
            self.add_error("nomor_kwitansi", "Isi nomor kwitansi tanda terima (aturan B6).")
        if not tunai and not data.get("referensi_transfer"):
            self.add_error(
                "referensi_transfer", "Isi nomor bukti transfer/pemindahbukuan (aturan B6)."
            )
        return data

    def isian_mode(self) -> list[tuple[str, list]]:
        """The fields in groups by the mode they belong to ("" for every mode), for the page."""
        semua = [n for n in self.fields if n not in ISIAN_TUNAI + ISIAN_NONTUNAI]
        return [
            ("", [self[n] for n in semua if n != "bukti"]),
            ("tunai", [self[n] for n in ISIAN_TUNAI if n in self.fields]),
            ("nontunai", [self[n] for n in ISIAN_NONTUNAI if n in self.fields]),
            ("", [self["bukti"]]),
        ]


def mode_bawaan(p: Permohonan) -> str:
    """The mode B6 prescribes, to preselect it (the service still decides)."""
    if p.jenis == JenisBansos.PENGOBATAN:
        return Pencairan.Mode.PEMINDAHBUKUAN
    jumlah = p.jumlah_rekomendasi or p.jumlah_diminta
    if p.jenis == JenisBansos.PERMODALAN_USAHA and jumlah > p.aturan.batas_tunai_permodalan:
        return Pencairan.Mode.TRANSFER
    return Pencairan.Mode.TUNAI
