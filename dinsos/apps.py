from django.apps import AppConfig


class DinsosConfig(AppConfig):
    name = "dinsos"
    verbose_name = "Kantor Dinas Sosial"
