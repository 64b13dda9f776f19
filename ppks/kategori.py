"""Loading the 26 PMKS categories and their criteria (R2–R4) from ppks/data/kategori_pmks.py."""

from .data.kategori_pmks import KATEGORI

_FIELDS = [
    "nama", "definisi", "pasal_definisi", "pasal_kriteria", "kriteria_ash", "catatan_ash",
    "usia_min", "usia_maks", "t4", "tanpa_nik_boleh", "bencana_alam", "bencana_sosial",
    "fakir_miskin",
]  # fmt: skip


def sinkronkan(KategoriPMKS, KriteriaPMKS) -> int:
    """Create or update every category and criterion; models are passed in so a data
    migration can use its historical models. Returns the number of categories."""
    for k in KATEGORI:
        defaults = {f: k[f] for f in _FIELDS}
        defaults["jenis_kelamin"] = k["jenis_kelamin"] or ""
        kat, _ = KategoriPMKS.objects.update_or_create(kode=k["kode"], defaults=defaults)
        for i, teks in enumerate(k["kriteria"]):
            huruf = chr(ord("a") + i)
            KriteriaPMKS.objects.update_or_create(
                kategori=kat, huruf=huruf, defaults={"teks": teks}
            )
    return len(KATEGORI)
