from django.contrib import admin
from django.urls import include, path

from config.views import favicon
from ops.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("ops.urls")),
    path("favicon.ico", favicon),
    path("articles/", include("articles.urls")),
    path("api/", include("api.urls")),
    path("", include("exports.urls")),
    path("", include("recalls.urls")),
]
