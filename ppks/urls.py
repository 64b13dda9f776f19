app_name = "ppks"

urlpatterns: list = []
