"""Checks for files people upload (scans, evidence): the type is read from the file's first
bytes, not trusted from its name or browser; empty and oversized files are refused. And how a
stored upload is sent back."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

# kind -> (accepted extensions, signature at the start of the file)
SIGNATURES: dict[str, tuple[tuple[str, ...], bytes]] = {
    "pdf": ((".pdf",), b"%PDF-"),
    "png": ((".png",), b"\x89PNG\r\n\x1a\n"),
    "jpeg": ((".jpg", ".jpeg"), b"\xff\xd8\xff"),
}
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
EXTENSIONS = {"pdf": "pdf", "png": "png", "jpeg": "jpg"}
DEFAULT_KINDS = ("pdf", "png", "jpeg")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def validate_upload(
    upload: UploadedFile, *, kinds: Iterable[str] = DEFAULT_KINDS, max_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """Return the file's kind (``pdf``, ``png``, ``jpeg``) or raise ValidationError."""
    kinds = tuple(kinds)
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty. Choose the file again."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB.")
            % {"size": f"{size / 1_048_576:.1f}".replace(".", ","), "limit": max_bytes // 1_048_576},
            code="too_large",
        )
    name = (upload.name or "").lower()
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind in kinds:
        extensions, signature = SIGNATURES[kind]
        if head.startswith(signature) and name.endswith(extensions):
            return kind
    allowed = ", ".join(kind.upper() for kind in kinds)
    raise ValidationError(
        _("This file type is not accepted. Upload a %(allowed)s file.") % {"allowed": allowed},
        code="bad_type",
    )


def upload_name(stem: str, kind: str) -> str:
    """The download name of a stored upload of ``kind``: ``stem`` and the kind's extension."""
    return f"{stem}.{EXTENSIONS[kind]}"


def upload_response(
    file: FieldFile, kind: str, *, filename: str, as_attachment: bool = False
) -> FileResponse:
    """A stored upload (checked by :func:`validate_upload` to be ``kind``) streamed back."""
    return FileResponse(
        file.open("rb"), as_attachment=as_attachment, filename=filename, content_type=CONTENT_TYPES[kind]
    )
