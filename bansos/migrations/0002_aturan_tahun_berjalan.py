from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    # Rules as data (B2, B3, B6): the current Tahun Anggaran starts with the PCT values; other
    # years are created by bansos.aturan.aturan_tetapkan() where a year begins.
    from bansos.aturan import buat_dari_pct

    AturanTahunan = apps.get_model("bansos", "AturanTahunan")
    KategoriPMKS = apps.get_model("ppks", "KategoriPMKS")
    tahun = timezone.localdate().year
    if not AturanTahunan.objects.filter(tahun_anggaran=tahun).exists():
        buat_dari_pct(AturanTahunan, KategoriPMKS, tahun)


class Migration(migrations.Migration):
    dependencies = [("bansos", "0001_initial"), ("ppks", "0002_kategori_dan_indeks")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
