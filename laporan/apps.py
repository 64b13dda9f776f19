from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan dan dokumen cetak"

    def ready(self) -> None:
        # Builders use models, ready only now (Django's documented place for registration).
        from .pembangun import daftarkan

        daftarkan()
