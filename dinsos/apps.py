from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _pastikan_riwayat_append_only(sender: AppConfig, using: str, **kwargs: Any) -> None:
    from django.db import connections

    from .db import pastikan_append_only

    pastikan_append_only(connections[using], "dinsos_riwayat")


class DinsosConfig(AppConfig):
    name = "dinsos"
    verbose_name = "Kantor Dinas Sosial"

    def ready(self) -> None:
        # Also after a test-suite flush, which re-emits post_migrate (B9: append-only history).
        post_migrate.connect(_pastikan_riwayat_append_only, sender=self)
        # Imported here because both need the models, which are loaded only now.
        from . import checks  # noqa: F401  registers the deploy checks
        from .keamanan import hubungkan_sinyal

        hubungkan_sinyal()
