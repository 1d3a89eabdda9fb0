"""The catalogue's addresses, in one namespace: the public pages, the provider's, the office's."""

from . import office, provider, public, saved

app_name = "catalogue"

urlpatterns = [*public.urlpatterns, *saved.urlpatterns, *provider.urlpatterns, *office.urlpatterns]
