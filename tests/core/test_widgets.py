"""The shared widgets: the options of a select written in one pass of Python."""

from django.utils.safestring import SafeString

from kierunek.core.widgets import option_selected, options_html


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


def test_kept_options_get_the_chosen_one_marked_and_nothing_else():
    kept = options_html([("1261011", "Kraków"), ("1261012", "Kraków 2")], selected="", blank="Gdziekolwiek")
    assert option_selected(kept, "1261012") == (
        '<option value="">Gdziekolwiek</option>'
        '<option value="1261011">Kraków</option><option value="1261012" selected>Kraków 2</option>'
    )
    assert option_selected(kept, "") == kept
    assert option_selected(kept, "126101") == kept
    assert option_selected(kept, '1261011"><script>') == kept
    assert "selected" not in option_selected(kept, "Kraków")
