"""Forms check shape only; every rule is checked by psks.services."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import format_lazy

from dinsos import forms as dforms
from dinsos.akses import scope
from dinsos.models import Desa
from ppks import pemilih
from ppks.models import Kelompok, Keluarga

from . import models as m
from .aturan import ASH
from .selectors import status_praktik, tenaga_dengan_status

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CENTANG = forms.CheckboxSelectMultiple


def _tanggal(label="Tanggal", required=True, **kw):
    return forms.DateField(label=label, required=required, widget=TANGGAL, **kw)


def _teks(label, required=True, **kw):
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": 3}), **kw
    )


def _centang(label: str, choices: Any, required: bool = False, **kw: Any) -> forms.Field:
    """A set of checkboxes over a regulation's list (criteria, ways, forms of a service)."""
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=CENTANG, required=required, **kw
    )


def _daftar(form: forms.BaseForm, nama: str, qs: QuerySet[Any]) -> None:
    # The stubs type form.fields as plain Field; these fields are all ModelChoiceFields.
    cast(forms.ModelChoiceField, form.fields[nama]).queryset = qs


def _pekerja_aktif() -> QuerySet[Any]:
    return tenaga_dengan_status(m.TenagaSosial.objects.filter(aktif=True))


class _DateWidgets:
    """ModelForm mixin: HTML date pickers for every DateField."""

    fields: dict[str, forms.Field]  # set by the ModelForm it is mixed into

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            if isinstance(f, forms.DateField):
                f.widget = TANGGAL


# --- PSKS registry -------------------------------------------------------------------------


class _DesaForm(_DateWidgets, dforms.ModelForm):
    """A registry row placed in a desa: the picker names each desa with its kecamatan."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _daftar(self, "desa", Desa.objects.select_related("kecamatan"))


class TenagaForm(_DesaForm):
    class Meta:
        model = m.TenagaSosial
        fields = [
            "nama",
            "jenis",
            "asal",
            "instansi",
            "lembaga",
            "nip",
            "jenis_kelamin",
            "telepon",
            "email",
            "alamat",
            "desa",
            "pendidikan_terakhir",
            "bidang_pendidikan",
            "kualifikasi",
            "pengalaman",
            "mulai_bertugas",
            "aktif",
        ]
        widgets = {
            "kualifikasi": forms.Textarea(attrs={"rows": 3}),
            "pengalaman": forms.Textarea(attrs={"rows": 3}),
        }


class LisensiForm(_DateWidgets, dforms.ModelForm):
    class Meta:
        model = m.Lisensi
        fields = ["jenis", "nomor", "penerbit", "tanggal_terbit", "berlaku_sampai"]


class CabutForm(dforms.Form):
    tanggal = _tanggal("Dicabut/dibekukan sejak")
    alasan = _teks("Alasan")


class PelatihanForm(_DateWidgets, dforms.ModelForm):
    class Meta:
        model = m.Pelatihan
        fields = [
            "nama",
            "standar",
            "penyelenggara",
            "tanggal_mulai",
            "tanggal_selesai",
            "jumlah_jam",
            "nomor_sertifikat",
            "keterangan",
        ]
        widgets = {"keterangan": forms.Textarea(attrs={"rows": 2})}


class LembagaForm(_DesaForm):
    class Meta:
        model = m.Lembaga
        fields = [
            "nama",
            "jenis",
            "bentuk_organisasi",
            "bidang_pelayanan",
            "alamat",
            "desa",
            "pimpinan",
            "telepon",
            "email",
            "badan_hukum",
            "nomor_akta",
            "tanggal_akta",
            "notaris",
            "nomor_sk_badan_hukum",
            "nomor_tanda_daftar",
            "tanda_daftar_berlaku_sampai",
            "npwp",
            "kapasitas",
            "aktif",
        ]


class AkreditasiForm(_DateWidgets, dforms.ModelForm):
    class Meta:
        model = m.Akreditasi
        fields = ["peringkat", "tahun", "nomor_sertifikat", "pemberi", "berlaku_sampai"]


class ProgramForm(dforms.ModelForm):
    class Meta:
        model = m.ProgramLayanan
        fields = [
            "nama",
            "jenis_layanan",
            "tahun_anggaran",
            "sumber_dana",
            "pagu",
            "keterangan",
            "aktif",
        ]
        widgets = {"keterangan": forms.Textarea(attrs={"rows": 2})}


# --- Choosing a client without putting a NIK in a URL ---------------------------------------


class _KlienForm(dforms.Form):
    """A form with the client chosen in the one picker (ppks.pemilih: by name, NIK or registry
    number, within the user's wilayah), or fixed by the page."""

    identitas_klien = pemilih.PemilihOrangField(
        label="Klien: cari nama, NIK atau nomor registrasi",
        help_text="Klien harus sudah terdaftar di registri PPKS dan berada di wilayah Anda; nama "
        "yang sama dibedakan menurut tanggal lahir dan desa.",
        required=True,
        judul="Pilih klien",
        error_messages={
            "kosong": "Cari dan pilih klien menurut nama, NIK atau nomor registrasi.",
            "pilih": "Pilih klien dari hasil pencarian (nama yang sama dibedakan menurut "
            "tanggal lahir dan desa).",
            "luar": "Klien yang dipilih tidak ditemukan di wilayah Anda.",
            "tidak_ada": "Klien tidak ditemukan di wilayah Anda. Periksa nama atau nomornya, "
            "atau daftarkan dahulu di registri PPKS.",
        },
    )

    def __init__(self, *args, user, klien=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.klien_tetap = klien
        if klien is not None:
            self.fields["identitas_klien"] = forms.CharField(
                required=False, widget=forms.HiddenInput()
            )
        pemilih.siapkan(self, user)
        self.order_fields(["identitas_klien"])

    def clean_identitas_klien(self):
        if self.klien_tetap is not None:
            return self.klien_tetap
        return self.cleaned_data.get("identitas_klien")


class CariOrangForm(dforms.Form):
    """A person's service history, found with the one picker (ppks.pemilih)."""

    identitas = pemilih.PemilihOrangField(
        label="Riwayat layanan seseorang: cari nama, NIK atau nomor registrasi",
        required=True,
        help_text="",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pemilih.siapkan(self, user)


def _program(jenis):
    return forms.ModelChoiceField(
        label="Program (dan sumber dananya)",
        queryset=m.ProgramLayanan.objects.filter(jenis_layanan=jenis, aktif=True),
        # The office's own regulation (ProfilKantor), read when the form is drawn.
        help_text=format_lazy("Sumber dana menurut {} Pasal 41.", ASH),
    )


class _PekerjaField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        st = status_praktik(obj)
        tambahan = f" — {st['label']}" if st["label"] != "—" else ""
        return f"{obj.nama} ({obj.get_jenis_display()}){tambahan}"


def _pekerja_field(label="Pekerja sosial", required=True, help_text=""):
    return _PekerjaField(
        label=label,
        required=required,
        queryset=tenaga_dengan_status(m.TenagaSosial.objects.filter(aktif=True)),
        help_text=help_text,
    )


# --- Services -------------------------------------------------------------------------------


class RehabilitasiForm(_KlienForm):
    sasaran = forms.ChoiceField(label="Sasaran (Pasal 13)", choices=m.SASARAN_REHABILITASI)
    setting = forms.ChoiceField(
        label="Tempat pelaksanaan (Pasal 14)", choices=m.KasusRehabilitasi.Setting.choices
    )
    lembaga = forms.ModelChoiceField(
        label="Lembaga Kesejahteraan Sosial",
        queryset=m.Lembaga.objects.filter(jenis="lks", aktif=True),
        required=False,
        help_text="Wajib bila dilaksanakan di LKS.",
    )
    bentuk = _centang(
        "Bentuk rehabilitasi (Pasal 15 ayat (1))", m.BENTUK_REHABILITASI, required=True
    )
    pekerja = _pekerja_field(
        "Pekerja Sosial Profesional",
        help_text="Hanya Pekerja Sosial Profesional dengan sertifikat kompetensi dan izin "
        "praktik yang berlaku pada tanggal mulai (Pasal 15 ayat (3), Pasal 35 ayat (3)).",
    )
    program = _program(m.ProgramLayanan.Jenis.REHABILITASI)
    tanggal_mulai = _tanggal("Tanggal mulai", initial=timezone.localdate)
    catatan = _teks("Catatan asesmen awal", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _daftar(self, "pekerja", _pekerja_aktif())


class TahapForm(dforms.Form):
    tahap = forms.ChoiceField(label="Tahap")
    tanggal = _tanggal("Tanggal pelaksanaan tahap", initial=timezone.localdate)
    catatan = _teks("Catatan", required=False)

    def __init__(self, *args, pilihan, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["tahap"]).choices = pilihan


class TugaskanForm(dforms.Form):
    pekerja = _pekerja_field("Pekerja Sosial Profesional pengganti")
    tanggal = _tanggal("Berlaku sejak", initial=timezone.localdate)
    alasan = _teks("Alasan penggantian")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _daftar(self, "pekerja", _pekerja_aktif())


class AkhiriForm(dforms.Form):
    tanggal = _tanggal(initial=timezone.localdate)
    hasil = _teks("Hasil/alasan")


class JaminanForm(_KlienForm):
    bentuk = forms.ChoiceField(label="Bentuk (Pasal 16 ayat (2))", choices=m.BENTUK_JAMINAN)
    program = _program(m.ProgramLayanan.Jenis.JAMINAN)
    tanggal_mulai = _tanggal("Tanggal mulai", initial=timezone.localdate)
    tanggal_selesai = _tanggal(
        "Tanggal berakhir", required=False, help_text="Wajib untuk bantuan langsung sementara."
    )
    nominal = forms.DecimalField(
        label="Nilai per periode (Rp)", required=False, min_value=0, decimal_places=2
    )
    nomor_peserta = forms.CharField(label="Nomor peserta/kartu", required=False, max_length=30)
    pendamping = _pekerja_field("Pendamping", required=False)
    catatan = _teks("Catatan", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _daftar(self, "pendamping", _pekerja_aktif())


class PemberdayaanForm(dforms.Form):
    jenis_sasaran = forms.ChoiceField(
        label="Sasaran",
        choices=[
            ("perseorangan", "Perseorangan (Pasal 21)"),
            ("keluarga", "Keluarga (Pasal 22)"),
            ("kelompok", "Kelompok (Pasal 23)"),
        ],
    )
    identitas_klien = pemilih.PemilihOrangField(
        label="Perseorangan: cari nama, NIK atau nomor registrasi",
        required=False,
        error_messages={
            "luar": "Perseorangan yang dipilih tidak ditemukan di wilayah Anda.",
            "tidak_ada": "Perseorangan tidak ditemukan di wilayah Anda.",
        },
    )
    nomor_kk = forms.CharField(label="Keluarga: nomor KK", max_length=16, required=False)
    kelompok = forms.ModelChoiceField(
        label="Kelompok", queryset=Kelompok.objects.none(), required=False
    )
    kriteria_perseorangan = _centang(
        "Kriteria perseorangan (Pasal 21 ayat (2))", m.KRITERIA_PEMBERDAYAAN["perseorangan"]
    )
    kriteria_keluarga = _centang(
        "Kriteria keluarga (Pasal 22 ayat (2))", m.KRITERIA_PEMBERDAYAAN["keluarga"]
    )
    kriteria_kelompok = _centang(
        "Kriteria kelompok (Pasal 23 ayat (2))", m.KRITERIA_PEMBERDAYAAN["kelompok"]
    )
    cara = _centang("Cara (Pasal 20 ayat (1))", m.CARA_PEMBERDAYAAN, required=True)
    bentuk = _centang(
        "Bentuk (Pasal 20 ayat (2) untuk cara a, ayat (3) untuk cara b)", m.BENTUK_PEMBERDAYAAN
    )
    program = _program(m.ProgramLayanan.Jenis.PEMBERDAYAAN)
    tanggal_mulai = _tanggal("Tanggal mulai", initial=timezone.localdate)
    pendamping = _pekerja_field("Pendamping", required=False)
    catatan = _teks("Catatan", required=False)

    def __init__(self, *args, user, klien=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _daftar(self, "kelompok", scope(user, Kelompok))
        _daftar(self, "pendamping", _pekerja_aktif())
        pemilih.siapkan(self, user)
        if klien is not None:
            self.initial.setdefault("identitas_klien", klien.nomor_registrasi)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        jenis = data.get("jenis_sasaran")
        data["subjek"] = {}
        if jenis == "perseorangan":
            orang = data.get("identitas_klien")
            if orang is None and "identitas_klien" not in self.errors:
                self.add_error("identitas_klien", "Perseorangan tidak ditemukan di wilayah Anda.")
            data["subjek"] = {"perseorangan": orang}
        elif jenis == "keluarga":
            kk = scope(self.user, Keluarga).filter(nomor_kk=(data.get("nomor_kk") or "").strip())
            if not kk.exists():
                self.add_error("nomor_kk", "Keluarga tidak ditemukan di wilayah Anda.")
            data["subjek"] = {"keluarga": kk.first()}
        elif jenis == "kelompok":
            if not data.get("kelompok"):
                self.add_error("kelompok", "Pilih kelompok.")
            data["subjek"] = {"kelompok": data.get("kelompok")}
        if jenis != "perseorangan" and not self.data.get("cari_penerima"):
            # The person box belongs to the "perseorangan" target only.
            self.errors.pop("identitas_klien", None)
        if jenis:
            data["kriteria"] = data.get(f"kriteria_{jenis}") or []
        return data


class PeranSertaForm(dforms.Form):
    nama_kegiatan = forms.CharField(max_length=200)
    lembaga = forms.ModelChoiceField(
        label="Lembaga Kesejahteraan Sosial (Pasal 25)",
        queryset=m.Lembaga.objects.filter(aktif=True),
        required=False,
    )
    tenaga = forms.ModelChoiceField(
        label="atau perseorangan/relawan (Pasal 26)",
        queryset=m.TenagaSosial.objects.filter(aktif=True),
        required=False,
    )
    kriteria_lembaga = _centang(
        "Kriteria lembaga (Pasal 25 ayat (2))", m.KRITERIA_PERAN_SERTA["lembaga"]
    )
    kriteria_tenaga = _centang(
        "Kriteria perseorangan (Pasal 26 ayat (2))", m.KRITERIA_PERAN_SERTA["tenaga"]
    )
    cara = _centang("Cara (Pasal 20 ayat (1))", m.CARA_PEMBERDAYAAN)
    bentuk = _centang("Bentuk (Pasal 20 ayat (2)–(3))", m.BENTUK_PEMBERDAYAAN)
    program = _program(m.ProgramLayanan.Jenis.PERAN_SERTA)
    tanggal_mulai = _tanggal("Tanggal mulai", initial=timezone.localdate)
    catatan = _teks("Catatan", required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if bool(data.get("lembaga")) == bool(data.get("tenaga")):
            raise forms.ValidationError("Pilih tepat satu sasaran: lembaga atau perseorangan.")
        data["kriteria"] = (
            data.get("kriteria_lembaga") if data.get("lembaga") else data.get("kriteria_tenaga")
        ) or []
        return data


class PerlindunganForm(_KlienForm):
    jenis = forms.ChoiceField(
        label="Jenis (Pasal 28 ayat (3))", choices=m.PerlindunganSosial.Jenis.choices
    )
    bentuk_a = _centang(
        "Bentuk bantuan langsung (Pasal 29 ayat (2))",
        m.BENTUK_BANTUAN_LANGSUNG,
        help_text="Pemakaman (huruf f) hanya untuk PPKS dengan kriteria keterlantaran "
        "(Pasal 29 ayat (3)).",
    )
    bentuk_b = _centang("Bentuk advokasi sosial (Pasal 30 ayat (2))", m.BENTUK_ADVOKASI)
    bentuk_c = _centang(
        "Bentuk bantuan hukum (Pasal 31 ayat (2))",
        m.BENTUK_BANTUAN_HUKUM,
        help_text="Hanya untuk PPKS dengan kriteria kemiskinan (Pasal 31 ayat (3)).",
    )
    program = _program(m.ProgramLayanan.Jenis.PERLINDUNGAN)
    tanggal_mulai = _tanggal("Tanggal mulai", initial=timezone.localdate)
    tanggal_selesai = _tanggal(
        "Berlaku sampai",
        required=False,
        help_text="Wajib untuk bantuan langsung: sementara sampai keadaan stabil.",
    )
    nominal = forms.DecimalField(
        label="Nilai bantuan uang (Rp)", required=False, min_value=0, decimal_places=2
    )
    pelaksana = forms.CharField(label="Pelaksana/pemberi layanan", required=False, max_length=200)
    catatan = _teks("Catatan", required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        jenis = data.get("jenis")
        if jenis:
            data["bentuk"] = data.get(f"bentuk_{jenis}") or []
        return data


class PerpanjangForm(dforms.Form):
    sampai = _tanggal("Berlaku sampai (baru)")
    alasan = _teks("Alasan (keadaan belum stabil)")


class PermintaanForm(_KlienForm):
    saluran = forms.ChoiceField(choices=m.PermintaanLayanan.Saluran.choices)
    tanggal = _tanggal("Tanggal permintaan", initial=timezone.localdate)
    pelapor_nama = forms.CharField(
        label="Nama pelapor",
        required=False,
        max_length=150,
        help_text="Wajib bila disampaikan petugas desa/kelurahan; kosongkan bila klien sendiri.",
    )
    pelapor_hubungan = forms.CharField(label="Hubungan/jabatan pelapor", required=False)
    pelapor_telepon = forms.CharField(label="Telepon pelapor", required=False, max_length=20)
    uraian = _teks("Uraian permasalahan")
    kebutuhan = _centang(
        "Kebutuhan teridentifikasi (boleh diisi kemudian)", m.PermintaanLayanan.Kebutuhan.choices
    )
    kebutuhan_catatan = _teks("Catatan identifikasi kebutuhan", required=False)


class KebutuhanForm(dforms.Form):
    kebutuhan = _centang(
        "Kebutuhan teridentifikasi", m.PermintaanLayanan.Kebutuhan.choices, required=True
    )
    catatan = _teks("Catatan identifikasi", required=False)


class RujukForm(dforms.Form):
    tujuan = forms.ChoiceField(label="Dirujuk ke", choices=m.Rujukan.Tujuan.choices)
    instansi = forms.CharField(
        label="Instansi/unit penerima",
        required=False,
        max_length=200,
        help_text="Wajib untuk instansi lain, mis. RSUD, Dinas Dukcapil, LBH.",
    )
    referensi = forms.CharField(
        label="Nomor referensi",
        required=False,
        max_length=100,
        help_text="Mis. nomor permohonan bansos.",
    )
    tanggal = _tanggal("Tanggal rujukan", initial=timezone.localdate)
    keterangan = _teks("Keterangan", required=False)


class TanggalTeksForm(dforms.Form):
    tanggal = _tanggal(initial=timezone.localdate)
    teks = _teks("Keterangan")

    def __init__(self, *args, label_teks="Keterangan", teks_wajib=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teks"].label = label_teks
        self.fields["teks"].required = teks_wajib


class AlasanForm(dforms.Form):
    alasan = _teks("Alasan")


class KlienLembagaForm(_KlienForm):
    tanggal_masuk = _tanggal("Tanggal masuk", initial=timezone.localdate)
    layanan = forms.CharField(label="Layanan yang diterima", required=False, max_length=200)
    keterangan = _teks("Keterangan", required=False)
