"""The background-job model moves from `laporan` to this app: state only, no data copied.

The table is renamed (`laporan_ekspor` → `ekspor_ekspor`) and the content type follows, so the
audit trail's rows about existing jobs keep pointing at them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import ekspor.models


def pindahkan_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="ekspor", model="ekspor").exists():
        ContentType.objects.using(db).filter(app_label="laporan", model="ekspor").update(
            app_label="ekspor"
        )


def kembalikan_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="ekspor", model="ekspor").update(
        app_label="laporan"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("dinsos", "0001_initial"),
        ("laporan", "0003_ekspor_daftar"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE laporan_ekspor RENAME TO ekspor_ekspor",
                    reverse_sql="ALTER TABLE ekspor_ekspor RENAME TO laporan_ekspor",
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name='Ekspor',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('jenis', models.CharField(choices=[('rekap_pdf', 'Rekapitulasi penyaluran bansos (PDF)'), ('rekap_xlsx', 'Rekapitulasi penyaluran bansos (xlsx)'), ('permohonan_xlsx', 'Daftar permohonan bansos (xlsx)'), ('registri_xlsx', 'Registri PMKS/PPKS perseorangan (xlsx)'), ('daftar_xlsx', 'Daftar tersaring (xlsx)')], max_length=20)),
                        ('parameter', models.JSONField(blank=True, default=dict)),
                        ('judul', models.CharField(blank=True, max_length=255)),
                        ('status', models.CharField(choices=[('antri', 'Menunggu giliran'), ('berjalan', 'Sedang disusun'), ('selesai', 'Selesai'), ('gagal', 'Gagal'), ('kedaluwarsa', 'Kedaluwarsa (berkas sudah dihapus)')], db_index=True, default='antri', max_length=12)),
                        ('progres', models.PositiveSmallIntegerField(default=0)),
                        ('tahap', models.CharField(blank=True, max_length=200, verbose_name='tahap berjalan')),
                        ('pesan_galat', models.TextField(blank=True, verbose_name='pesan kegagalan')),
                        ('berkas', models.FileField(blank=True, max_length=255, upload_to=ekspor.models._lokasi_ekspor)),
                        ('nama_unduhan', models.CharField(blank=True, max_length=150)),
                        ('ukuran_berkas', models.PositiveBigIntegerField(blank=True, null=True)),
                        ('jumlah_baris', models.PositiveIntegerField(blank=True, null=True)),
                        ('peran', models.CharField(max_length=20)),
                        ('wilayah_label', models.CharField(blank=True, max_length=255)),
                        ('task_id', models.CharField(blank=True, max_length=64)),
                        ('percobaan', models.PositiveSmallIntegerField(default=0)),
                        ('dibuat', models.DateTimeField(auto_now_add=True)),
                        ('dimulai', models.DateTimeField(blank=True, null=True)),
                        ('berakhir', models.DateTimeField(blank=True, null=True)),
                        ('denyut', models.DateTimeField(blank=True, null=True)),
                        ('desa', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='dinsos.desa')),
                        ('dibuat_oleh', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('kecamatan', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='dinsos.kecamatan')),
                    ],
                    options={
                        'verbose_name': 'ekspor/laporan latar belakang',
                        'verbose_name_plural': 'ekspor/laporan latar belakang',
                        'db_table': 'ekspor_ekspor',
                        'ordering': ['-dibuat', '-pk'],
                        'indexes': [models.Index(fields=['dibuat_oleh', '-dibuat'], name='ekspor_pemilik_dibuat')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('progres__lte', 100)), name='ekspor_progres_0_100'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'selesai'), _negated=True), models.Q(('berkas', ''), _negated=True), _connector='OR'), name='ekspor_selesai_berberkas')],
                    },
                ),
            ],
        ),
        migrations.RunPython(pindahkan_content_type, kembalikan_content_type),
    ]
