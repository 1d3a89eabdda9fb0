"""The register's addresses: public under /kwalifikacje/, the office's under /biuro/kwalifikacje/."""

from django.urls import path, register_converter

from .views import certificates, institution, office, public

app_name = "qualifications"


class CodeConverter:
    """A code of the register as a URL carries it (domain.CODE_RE, in any case)."""

    regex = r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "qcode")

urlpatterns = [
    path("kwalifikacje/", public.register_page, name="register"),
    path("kwalifikacje/<qcode:code>/", public.qualification_page, name="detail"),
    path("certyfikacja/instytucja/", institution.my_institutions, name="my_institutions"),
    path("biuro/kwalifikacje/", office.office_list, name="office_list"),
    path("biuro/kwalifikacje/nowa/", office.office_create, name="office_create"),
    path("biuro/kwalifikacje/import/", office.office_import, name="office_import"),
    path(
        "biuro/kwalifikacje/eksport.<str:file_format>",
        office.office_export,
        name="office_export",
    ),
    path("biuro/kwalifikacje/<qcode:code>/", office.office_edit, name="office_edit"),
    path("biuro/kwalifikacje/<qcode:code>/historia/", office.office_history, name="office_history"),
]

urlpatterns += [
    path("certyfikaty/sprawdz/", certificates.verify_form, name="certificate_verify_form"),
    path("certyfikaty/sprawdz/<str:code>/", certificates.verify, name="certificate_verify"),
    path(".well-known/did.json", certificates.did_document, name="did_document"),
    path("certyfikaty/moje/", certificates.my_certificates, name="my_certificates"),
    path(
        "certyfikaty/moje/<int:certificate_id>/zgoda/",
        certificates.my_certificate_consent,
        name="my_certificate_consent",
    ),
    path(
        "certyfikaty/moje/<int:certificate_id>/pdf/",
        certificates.my_certificate_pdf,
        name="my_certificate_pdf",
    ),
    path(
        "certyfikaty/moje/<int:certificate_id>/poswiadczenie.json",
        certificates.my_certificate_credential,
        name="my_certificate_credential",
    ),
    path("certyfikacja/certyfikaty/", certificates.institution_certificates, name="certificate_list"),
    path(
        "certyfikacja/certyfikaty/wydaj/",
        certificates.institution_certificate_issue,
        name="certificate_issue",
    ),
    path(
        "certyfikacja/certyfikaty/<int:certificate_id>/",
        certificates.institution_certificate,
        name="certificate_detail",
    ),
    path(
        "certyfikacja/certyfikaty/<int:certificate_id>/pdf/",
        certificates.institution_certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "certyfikacja/certyfikaty/<int:certificate_id>/uniewaznij/",
        certificates.institution_certificate_revoke,
        name="certificate_revoke",
    ),
    path(
        "certyfikacja/certyfikaty/<int:certificate_id>/odnow/",
        certificates.institution_certificate_renew,
        name="certificate_renew",
    ),
]
