from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("panel/", views.dashboard, name="dashboard"),
    path("panel/<slug:role_slug>/", views.role_dashboard, name="role_dashboard"),
]
