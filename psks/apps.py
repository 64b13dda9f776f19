from django.apps import AppConfig


class PsksConfig(AppConfig):
    name = "psks"
    verbose_name = "PSKS dan layanan kesejahteraan sosial"
