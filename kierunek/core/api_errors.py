"""How the JSON API answers bad input: always a 4xx JSON body a person can read, never a 500.

- Text with control characters (NUL first of all: PostgreSQL refuses it) in any query parameter,
  form field or JSON body, at any depth and in keys too, is 422 in ninja's validation-error shape.
  The check sits in the API's parser, so it covers every operation, present and future, whatever
  its schema says; the rule itself is :func:`kierunek.core.validators.validate_plain_text`, the
  same as for forms.
- A body Django cannot read (a multipart body without a boundary) is 400 ``{"detail": ...}``.
- The OpenAPI document says so: :func:`api_errors_document` declares on every operation the
  errors any operation may answer (401 and 403 with authentication, 422 with input, 400 with a
  body), with the shape they really have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict
from ninja import Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from pydantic import Field

from kierunek.core.validators import CONTROL_CHARACTERS_MESSAGE, has_control_characters

if TYPE_CHECKING:
    from ninja import NinjaAPI

UNREADABLE_BODY = (
    "Nie można odczytać treści żądania: sprawdź nagłówek Content-Type (dla multipart/form-data "
    "potrzebny jest parametr boundary). / The request body cannot be read: check the Content-Type "
    "header (multipart/form-data needs a boundary)."
)


class ErrorOut(Schema):
    """A refusal: one message for a person, in Polish and English."""

    detail: str


class ValidationErrorItem(Schema):
    type: str = Field(description="What is wrong, e.g. missing, int_parsing, control_characters")
    loc: list[str | int] = Field(
        description='Where: the part of the request ("query", "path", "body") and the field path'
    )
    msg: str


class ValidationErrorOut(Schema):
    """Input that does not fit the operation's schema: one item per problem."""

    detail: list[ValidationErrorItem]


class TextRejected(NinjaValidationError):
    """Control characters in the request: 422, one item for each place they were found."""


def validation_error(loc: tuple[str | int, ...], message: str, *, kind: str) -> NinjaValidationError:
    """An operation's own check of its input, answered (when raised) as 422 in the same shape as
    the schema's checks: ``{"detail": [{"type": kind, "loc": [...], "msg": message}]}``."""
    return NinjaValidationError([{"type": kind, "loc": list(loc), "msg": message}])


def _control_character_errors(value: Any, loc: tuple[str | int, ...]) -> list[dict[str, Any]]:
    """Every string in ``value`` (keys included) that breaks the plain-text rule, with its place."""
    if isinstance(value, str):
        return [_error(loc)] if has_control_characters(value) else []
    errors: list[dict[str, Any]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and has_control_characters(key):
                errors.append(_error(loc))
            errors.extend(_control_character_errors(item, (*loc, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            errors.extend(_control_character_errors(item, (*loc, index)))
    return errors


def _error(loc: tuple[str | int, ...]) -> dict[str, Any]:
    return {"type": "control_characters", "loc": list(loc), "msg": str(CONTROL_CHARACTERS_MESSAGE)}


class PlainTextParser(Parser):
    """ninja's parser, refusing text with control characters wherever it comes from."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        errors = _control_character_errors(data, ("body",))
        if errors:
            # ninja turns whatever this raises into 400 "Cannot parse request body";
            # api_errors_install answers the cause instead: 422 with these errors.
            raise TextRejected(errors)
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        source = "query" if data is request.GET else "form"
        errors: list[dict[str, Any]] = []
        for key, values in data.lists():
            if has_control_characters(key):
                errors.append(_error((source,)))
            for value in values:
                if isinstance(value, str) and has_control_characters(value):
                    errors.append(_error((source, key)))
        if errors:
            raise TextRejected(errors)
        return super().parse_querydict(data, list_fields, request)


def api_errors_install(api: NinjaAPI) -> None:
    """Answer unreadable bodies with 400 and rejected text with 422, both as JSON."""

    def http_error(request: HttpRequest, exc: HttpError | type[HttpError]) -> HttpResponse:
        assert isinstance(exc, HttpError)
        if isinstance(exc.__cause__, TextRejected):
            return api.on_exception(request, exc.__cause__)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    def unreadable_body(
        request: HttpRequest, exc: MultiPartParserError | type[MultiPartParserError]
    ) -> HttpResponse:
        # Django reads a multipart body when the CSRF check of a session looks for the token in it.
        return api.create_response(request, {"detail": UNREADABLE_BODY}, status=400)

    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(MultiPartParserError, unreadable_body)


def api_errors_document(api: NinjaAPI) -> None:
    """Declare on every operation the errors that do not depend on what it does: 401 (no or a
    wrong credential) and 403 (the role or a read-only token does not allow it) when it needs
    authentication, 422 (ninja's validation error, a list) when it takes any input, 400 (a body
    that is not JSON) when it takes a body. Call it after every router is added."""
    for bound_router in api._get_bound_routers():  # the operations the URLs and the schema use
        for path_view in bound_router.path_operations.values():
            for operation in path_view.operations:
                responses = cast("dict[int, Any]", operation.response_models)
                declared = dict(responses)
                if len(declared) == 1 and 200 not in declared:
                    # ninja answers a plain return value with the only status declared; adding
                    # the errors would change it to 200.
                    raise ImproperlyConfigured(f"{operation.view_func.__name__}: declare 200 or use Status")
                input_params = [model for model in operation.models if model.model_fields]
                extra: dict[int, type[Schema]] = {}
                if operation.auth_callbacks:
                    extra[401] = ErrorOut
                    extra[403] = ErrorOut
                if input_params:
                    extra[422] = ValidationErrorOut
                if any(model.__ninja_param_source__ == "body" for model in input_params):
                    extra[400] = ErrorOut
                for status, schema in extra.items():
                    if status not in declared:
                        responses[status] = operation._create_response_model(schema)


FORBIDDEN = "Brak uprawnień do tej operacji. / You may not use this operation."
NOT_FOUND = "Nie znaleziono. / Not found."


def api_domain_errors_install(api: NinjaAPI) -> None:
    """The one mapping of what services raise to what the API answers, so that no operation wraps
    its own try/except: ``ValidationError`` (the state or the input does not allow it) is 409 with
    its messages, ``PermissionDenied`` 403, a missing object (``DoesNotExist``, ``Http404``) 404.
    The messages are the services' own, translated in the request's language."""

    def conflict(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
        assert isinstance(exc, DjangoValidationError)
        return api.create_response(request, {"detail": " ".join(str(m) for m in exc.messages)}, status=409)

    def forbidden(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or FORBIDDEN}, status=403)

    def not_found(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
        return api.create_response(request, {"detail": NOT_FOUND}, status=404)

    api.add_exception_handler(DjangoValidationError, conflict)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(ObjectDoesNotExist, not_found)
    api.add_exception_handler(Http404, not_found)
