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
                    # The planner estimates `UPPER(nama) LIKE '%…%'` from the histogram of this
                    # expression index; 100 buckets miss a name part held by 0.3 % of the rows,
                    # so it chose a trigram scan of thousands of rows plus a sort where walking
                    # the primary key backwards stops after one page (docs/performance.md).
                    "ALTER INDEX orang_nama_upper ALTER COLUMN 1 SET STATISTICS 1000",
                    # Registry list filtered by category (+ kecamatan/desa): walk the active
                    # registrations of the category in person-id order and check the desa
                    # inside the index, reading a person row only for a match
                    # (ppks.selectors.PerseoranganFilter.filter_queryset; docs/performance.md).
                    "CREATE INDEX IF NOT EXISTS reg_kat_status_orang_desa ON ppks_registrasi "
                    "(kategori_id, status, perseorangan_id) INCLUDE (desa_id)",
                ]
            },
            reverse_sql={
                "postgresql": [
                    "DROP INDEX IF EXISTS reg_kat_status_orang_desa",
                    "ALTER INDEX orang_nama_upper ALTER COLUMN 1 SET STATISTICS -1",
                    "DROP INDEX IF EXISTS orang_nama_trgm",
                ]
            },
        ),
    ]
