from django.apps import AppConfig


class PsksConfig(AppConfig):
    name = "psks"
    verbose_name = "PSKS dan layanan kesejahteraan sosial"

    def ready(self) -> None:
        # The lists' xlsx exports register themselves with the ekspor app (ekspor.daftar).
        from . import daftar  # noqa: F401
