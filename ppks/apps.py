from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _pastikan_kategori(sender, using, **kwargs):
    # R2: the 26 categories are reference data. Migration 0002 loads them; a database flush
    # (between transactional tests) empties them, and post_migrate puts them back.
    from .kategori import sinkronkan
    from .models import KategoriPMKS, KriteriaPMKS

    if not KategoriPMKS.objects.using(using).exists():
        sinkronkan(KategoriPMKS, KriteriaPMKS)


class PpksConfig(AppConfig):
    name = "ppks"
    verbose_name = "Registri PMKS/PPKS"

    def ready(self) -> None:
        post_migrate.connect(_pastikan_kategori, sender=self)
        # The lists' xlsx exports register themselves with the ekspor app (ekspor.daftar).
        from . import daftar  # noqa: F401
        from .riwayat import daftarkan

        daftarkan()
