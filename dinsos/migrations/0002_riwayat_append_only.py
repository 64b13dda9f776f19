from django.db import migrations

from dinsos.db import RunSQLPerVendor, append_only_sql

sql, reverse = append_only_sql("dinsos_riwayat")


class Migration(migrations.Migration):
    """B9, PCT 14: the audit trail cannot be edited, not even by a bug or the admin."""

    dependencies = [("dinsos", "0001_initial")]

    operations = [RunSQLPerVendor(sql=sql, reverse_sql=reverse)]
