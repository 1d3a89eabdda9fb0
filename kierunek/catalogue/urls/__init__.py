"""The catalogue's addresses, in one namespace: the public pages, then the provider's."""

from . import provider, public

app_name = "catalogue"

urlpatterns = [*public.urlpatterns, *provider.urlpatterns]
