"""What the forms of the vouchers pages share."""

from __future__ import annotations

from typing import Any

from kierunek.core.forms import PlainTextForm


class LinkedErrorsForm(PlainTextForm):
    """Each field with an error points to its error list (``<id>_errors``, as ``core/_form.html``
    renders it) with ``aria-describedby``, so a screen reader reads the error with the field."""

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                auto_id = self[name].auto_id
                ids = [f"{auto_id}_errors"]
                if self.fields[name].help_text:
                    ids.append(f"{auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
