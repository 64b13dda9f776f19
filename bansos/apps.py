from django.apps import AppConfig


class BansosConfig(AppConfig):
    name = "bansos"
    verbose_name = "Bantuan sosial"
