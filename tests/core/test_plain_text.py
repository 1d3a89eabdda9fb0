"""The one rule for text that comes in (kierunek.core.validators.validate_plain_text)."""

import pytest
from django.core.exceptions import ValidationError

from kierunek.core.validators import validate_plain_text


@pytest.mark.parametrize(
    "text",
    [
        "Zażółć gęślą jaźń",
        "Pierwszy wiersz\r\ndrugi wiersz",
        "kolumna\tkolumna",
        "",
        "emoji 🙂 i cudzysłów „polski”",
        "\u00a0twarda spacja",
    ],
)
def test_text_a_person_can_type_passes(text):
    validate_plain_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "a\x00b",  # NUL: PostgreSQL refuses it
        "\x07dzwonek",
        "\x1b[31mczerwony",  # a terminal escape
        "pionowy\x0btabulator",
        "\x0cnowa strona",
        "DEL\x7f",
        "C1\x85",  # NEXT LINE, from text decoded with the wrong code page
        "połówka\ud800pary",  # a lone surrogate, as a JSON "\\ud800" escape gives
        "nieznak\uffff",
    ],
)
def test_control_characters_are_refused(text):
    with pytest.raises(ValidationError) as refused:
        validate_plain_text(text)
    assert refused.value.code == "control_characters"
