from django.db import migrations

from dinsos.db import RunSQLPerVendor


def muat_kategori(apps, schema_editor):
    from ppks.kategori import sinkronkan

    sinkronkan(apps.get_model("ppks", "KategoriPMKS"), apps.get_model("ppks", "KriteriaPMKS"))


class Migration(migrations.Migration):
    dependencies = [("ppks", "0001_initial")]

    operations = [
        # R2: the 26 categories and their criteria are data, present in every database.
        migrations.RunPython(muat_kategori, migrations.RunPython.noop),
        # Search by any part of a name at a million rows: `nama__icontains` compiles to
        # UPPER(nama::text) LIKE UPPER('%…%'), which a trigram index on the same expression serves.
        RunSQLPerVendor(
            sql={
                "postgresql": [
                    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                    "CREATE INDEX IF NOT EXISTS orang_nama_trgm ON ppks_perseorangan "
                    "USING gin ((UPPER(nama::text)) gin_trgm_ops)",
                ]
            },
            reverse_sql={"postgresql": ["DROP INDEX IF EXISTS orang_nama_trgm"]},
        ),
    ]
