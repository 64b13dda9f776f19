app_name = "bansos"

urlpatterns: list = []
