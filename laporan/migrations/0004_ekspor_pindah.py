"""The background-job model moved to the `ekspor` app (its migration 0001 renames the table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0003_ekspor_daftar"),
        ("ekspor", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="Ekspor")],
        ),
    ]
