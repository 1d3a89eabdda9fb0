"""The shared widgets: the options of a select written in one pass of Python."""

from django.utils.safestring import SafeString

from kierunek.core.widgets import options_html


def test_options_mark_the_chosen_value_and_escape_values_and_labels():
    html = options_html(
        [("a&b", 'Tom & "Jerry"'), ("<x>", "<b>bold</b>"), ("c", "C")], selected="<x>", blank="— any —"
    )
    assert isinstance(html, SafeString)
    assert html == (
        '<option value="">— any —</option>'
        '<option value="a&amp;b">Tom &amp; &quot;Jerry&quot;</option>'
        '<option value="&lt;x&gt;" selected>&lt;b&gt;bold&lt;/b&gt;</option>'
        '<option value="c">C</option>'
    )


def test_groups_become_optgroups_and_the_blank_option_is_never_marked():
    html = options_html(
        [("Języki & kultura", [("languages", "Języki — wszystkie"), ("en", "Angielski")]), ("it", "IT")],
        selected="",
        blank="Wszystkie",
    )
    assert html == (
        '<option value="">Wszystkie</option>'
        '<optgroup label="Języki &amp; kultura">'
        '<option value="languages">Języki — wszystkie</option><option value="en">Angielski</option>'
        "</optgroup>"
        '<option value="it">IT</option>'
    )
    assert (
        options_html([("en", "Angielski")], selected="en") == '<option value="en" selected>Angielski</option>'
    )
