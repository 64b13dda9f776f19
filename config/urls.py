from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from dinsos import views
from laporan import views as laporan_views

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "kata-sandi/",
        auth_views.PasswordChangeView.as_view(success_url="/"),
        name="password_change",
    ),
    path("registri/", include("ppks.urls")),
    path("bansos/", include("bansos.urls")),
    path("psks/", include("psks.urls")),
    path("laporan/ekspor/", include("ekspor.urls")),
    path("laporan/", include("laporan.urls")),
    # ASH 42(2), S8: the public page has a short address to print on notices; no login.
    path("publik/", laporan_views.publik, name="publik"),
    path("admin/", admin.site.urls),
]
