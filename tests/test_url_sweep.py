"""Every URL the project serves is requested anonymously. Public pages are listed here by name;
every other one must send the person to log in or answer 401/403. A new view that forgets its
access check fails this test."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

PUBLIC = {
    "core:home",
    "healthz",
    "set_language",
    "accounts:login",
    "accounts:logout",
    "accounts:register",
    "accounts:register_sent",
    "accounts:activate",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "admin:logout",
    "api:api-root",
    "api:openapi-json",
    "api:openapi-view",
    "api:gminas",
    "api:gmina",
    "api:distance",
    "api:quality_register",
    "api:programme_current",
    "quality:public_register",
    "catalogue:search",
    "catalogue:card",
    "catalogue:saved_search_unsubscribe",  # the e-mail's link: a signed token, no login (RFC 8058)
    "catalogue:saved_search_resubscribe",
    "catalogue:suggestions",
    "api:services",
    "api:service",
    "api:service_bur",
    "api:service_suggestions",
    "vouchers:not_me",
    "providers:signup",
    "providers:signup_sent",
    "complaints:card_complain",
    "complaints:status",
    "qualifications:register",
    "qualifications:detail",
    "api:qualifications",
    "api:qualification",
    "qualifications:certificate_verify_form",
    "qualifications:certificate_verify",
    "qualifications:did_document",
    "api:certificate_verify",
    "partnership:directory",
    "partnership:entry",
    "partnership:institution",
    "partnership:library",
    "partnership:practice",
    "partnership:practice_attachment",
    "partnership:recognition_lists",
    "partnership:recognition_list",
    "api:institutions",
    "api:institutions_hsds",
    "api:institution_entry",
    "api:institution",
    "api:good_practices",
    "api:good_practice",
    "partnership:bodies",
    "partnership:body",
    "partnership:products",
    "partnership:product",
    "partnership:product_file",
    "api:partnership_bodies",
    "api:partnership_body",
    "api:partnership_products",
    "events:list",
    "events:detail",
    "events:verify",
    "education:training_offer",
    "education:training_course",
    "education:training_verify",
    "api:training_courses",
    "api:training_course",
    "api:events",
    "api:event",
    "labourmarket:offer",
    "labourmarket:powiat",
    "labourmarket:powiat_csv",
    "newsletter:subscribe",
    "newsletter:confirm",  # the e-mail's links: a signed token, no login (RFC 8058 for unsubscribing)
    "newsletter:preferences",
    "newsletter:unsubscribe",
    "newsletter:archive",
    "newsletter:archive_issue",
    # The reports: every figure aggregated and protected by the disclosure rule (decision 0032).
    "reports:report",
    "reports:report_csv",
    "reports:report_xlsx",
    "reports:pack",
    "reports:open_data",
    "reports:open_data_file",
    "reports:dashboard_index",  # sends an anonymous reader to the public dashboard
    "reports:dashboard",  # the public one for anybody; the others are refused (tests/reports)
    "api:indicators",
    "api:indicator",
    "education:funding_search",
    "education:funding_source",
    "education:career_search",
    "education:career_activity",
    "education:lowe",
    "education:lowe_guidelines",
    "education:lowe_centre",
    "education:materials",
    "education:material",
    "education:material_download",
    "api:education_funding_sources",
    "api:education_funding_source",
    "api:education_career_activities",
    "api:education_career_activity",
    "initiatives:index",
    "initiatives:edition",
    "initiatives:rules_document",
    "initiatives:campaign",
    "wagtail_serve",  # the public portal's page tree (a draft or a private page answers 404)
    "wagtaildocs_serve",  # the files of the portal's pages
    "wagtaildocs_authenticate_with_password",
    "cms:search",
    "cms:feed_rss",
    "cms:feed_atom",
    "cms:section_feed_rss",
    "cms:section_feed_atom",
    "cms:report_new",
    "cms:rendition",
    "outreach:join",  # a poster's QR code: keeps the campaign's code for the registration form
    "outreach:forget",  # takes the campaign back off the registration form (POST)
    "recruitment:whatif",  # last year's anonymised cut-offs, for anyone choosing a school
}

SAMPLE_BY_CONVERTER = {
    "int": "1",
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _route_to_path(route: str) -> str:
    def sample(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return SAMPLE_BY_CONVERTER.get(converter, "1")

    return re.sub(r"<(?:(\w+):)?\w+>", sample, route)


def _regex_to_path(regex: str) -> str:
    def sample(match: re.Match[str]) -> str:
        body = match.group(2)
        if re.fullmatch(r"[\w|]+", body):
            return body.split("|")[0]
        return "1"

    path = re.sub(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)", sample, regex)
    return path.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        pattern = entry.pattern
        piece = (
            _route_to_path(str(pattern))
            if isinstance(pattern, RoutePattern)
            else _regex_to_path(pattern.regex.pattern)
        )
        if isinstance(entry, URLResolver):
            inner = entry.namespace if entry.namespace else ""
            full_ns = ":".join(filter(None, [namespace, inner]))
            yield from _walk(entry.url_patterns, prefix + piece, full_ns)
        elif isinstance(entry, URLPattern):
            name = (
                ":".join(filter(None, [namespace, entry.name or ""])) if entry.name else f"{prefix + piece}"
            )
            yield name, "/" + prefix + piece


ALL_URLS = sorted(set(_walk(get_resolver().url_patterns)))


def test_the_sweep_finds_the_project_urls():
    names = {name for name, _path in ALL_URLS}
    assert names >= PUBLIC, PUBLIC - names
    assert "portal:role_dashboard" in names
    assert "admin:index" in names
    assert len(ALL_URLS) > 40


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), ALL_URLS, ids=[name for name, _path in ALL_URLS])
def test_anonymous_request(client, name, path):
    response = client.get(path)
    if response.status_code == 405:  # an operation of another method only: ask it as it takes
        method = response["Allow"].split(",")[0].strip()
        response = client.generic(method, path, "{}", content_type="application/json")
    if name in PUBLIC:
        assert response.status_code < 500, f"{path} answered {response.status_code}"
        return
    if response.status_code in (301, 302) and response.url.startswith("/admin/login/"):
        response = client.get(response.url)  # the admin site hands over to the one login page
    if response.status_code in (301, 302):
        assert response.url.startswith("/logowanie/"), f"{name} {path} redirects to {response.url}"
    else:
        assert response.status_code in (401, 403), (
            f"{name} {path} is open to anonymous people ({response.status_code})"
        )
