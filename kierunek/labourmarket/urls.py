"""Pages of the human-resources offer: public under /oferta-kadrowa/, the office's under
/urzad/oferta-kadrowa/."""

from django.urls import path

from .views import office, public

app_name = "labourmarket"

urlpatterns = [
    path("oferta-kadrowa/", public.offer, name="offer"),
    path("oferta-kadrowa/<slug:slug>/", public.powiat_page, name="powiat"),
    path("oferta-kadrowa/<slug:slug>/dane.csv", public.powiat_csv, name="powiat_csv"),
    path("urzad/oferta-kadrowa/", office.imports, name="office_imports"),
]
