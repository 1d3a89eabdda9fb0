"""Settings of the HTTP benchmark's server (benchmarks/http_load.py) and of nothing else: the production
settings with one URLconf added in front of the site's, for the bare view the benchmark measures
next to the real pages. The real site (config.urls, config.settings.prod) has no such view."""

from config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "benchmarks.http_urls"
