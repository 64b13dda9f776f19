app_name = "psks"

urlpatterns: list = []
