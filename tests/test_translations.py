"""Polish is the default language: every message has a Polish translation, and the compiled
catalogue that is committed matches its source."""

import gettext
import re
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale" / "pl" / "LC_MESSAGES" / "django.po"


def _unquote(chunks: list[str]) -> str:
    escaped = "".join(chunk[1:-1] for chunk in chunks)
    return escaped.encode().decode("unicode_escape").encode("latin-1").decode()


def parse_po(text: str) -> dict[str, str]:
    """msgid -> msgstr (the first plural form for plural entries); fuzzy entries are kept with
    an empty translation, so they count as untranslated."""
    entries: dict[str, str] = {}
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        current = None
        parts: dict[str, list[str]] = {}
        for line in lines:
            match = re.match(r"^(msgid|msgid_plural|msgstr(?:\[0\])?|msgstr\[\d\])\s+(\".*\")$", line)
            if match:
                current = match.group(1)
                parts[current] = [match.group(2)]
            elif line.startswith('"') and current:
                parts[current].append(line)
        if "msgid" not in parts:
            continue
        msgid = _unquote(parts["msgid"])
        msgstr = _unquote(parts.get("msgstr", parts.get("msgstr[0]", ['""'])))
        if "msgid_plural" in parts or any(line.startswith("msgctxt") for line in lines):
            msgid = "\x00plural-or-context\x00" + msgid  # checked for completeness only
        entries[msgid] = "" if fuzzy else msgstr
    return entries


def test_every_message_has_a_polish_translation():
    entries = parse_po(PO.read_text(encoding="utf-8"))
    missing = [msgid for msgid, msgstr in entries.items() if msgid and not msgstr]
    assert len(entries) > 100
    assert missing == []


def test_the_compiled_catalogue_matches_the_source():
    entries = parse_po(PO.read_text(encoding="utf-8"))
    with PO.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in entries.items():
        if msgid and not msgid.startswith("\x00"):
            assert compiled.gettext(msgid) == msgstr, f"recompile the messages: {msgid!r}"
