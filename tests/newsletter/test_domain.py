"""The issue's simple formatting: everything escaped first, then only the few marks make markup."""

import pytest

from kierunek.newsletter import domain


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Ala ma kota", "<p>Ala ma kota</p>"),
        ("pierwszy\ndrugi", "<p>pierwszy<br>\ndrugi</p>"),
        ("a\n\nb", "<p>a</p>\n<p>b</p>"),
        ("# Nabór", "<h2>Nabór</h2>"),
        ("## Terminy", "<h3>Terminy</h3>"),
        ("- jeden\n- dwa", "<ul>\n<li>jeden</li>\n<li>dwa</li>\n</ul>"),
        ("**ważne** i _pochyłe_", "<p><strong>ważne</strong> i <em>pochyłe</em></p>"),
        ("snake_case_name", "<p>snake_case_name</p>"),
        (
            "https://wup.krakow.pl/bony.",
            '<p><a href="https://wup.krakow.pl/bony">https://wup.krakow.pl/bony</a>.</p>',
        ),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        (
            'https://x.pl/"onmouseover="alert(1)',
            '<p><a href="https://x.pl/">https://x.pl/</a>&quot;onmouseover=&quot;alert(1)</p>',
        ),
        ("javascript:alert(1)", "<p>javascript:alert(1)</p>"),
        ("**<b>x</b>**", "<p><strong>&lt;b&gt;x&lt;/b&gt;</strong></p>"),
    ],
)
def test_formatting(text, html):
    assert domain.body_html(text) == html


def test_the_plain_text_drops_the_emphasis_marks_only():
    assert domain.body_text("**Ważne**: _jutro_\n- punkt") == "Ważne: jutro\n- punkt"


@pytest.mark.parametrize(("total", "tasks"), [(0, 0), (1, 1), (200, 1), (201, 2), (450, 3)])
def test_batches(total, tasks):
    assert domain.batches(total) == tasks


def test_an_address_is_one_subscriber_whatever_its_case():
    assert domain.normalised_email("  Anna.Nowak@Example.PL ") == "anna.nowak@example.pl"
