from django.apps import AppConfig


class EksporConfig(AppConfig):
    name = "ekspor"
    verbose_name = "Ekspor dan dokumen latar belakang"

    def ready(self) -> None:
        # Imported here, not at module level: builders use models, which exist only once the
        # app registry is ready (Django's documented place for such registration).
        from .daftar import bangun_xlsx
        from .models import Ekspor
        from .runner import daftarkan_pembangun

        daftarkan_pembangun(Ekspor.Jenis.REGISTRI_XLSX, bangun_xlsx)
        daftarkan_pembangun(Ekspor.Jenis.DAFTAR_XLSX, bangun_xlsx)
