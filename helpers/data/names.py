"""One rule for a name a person gives: a seminar participant, a room's display name, a scenario.

A name is shown in tables, scores and messages, and it decides *who* a row belongs to, so two
names that look the same must be one name and a name must not pretend to be the briefing's own
rows. Every place that takes such a name calls :func:`clean_name` (which says why a name is
refused) and compares names by :func:`name_key`:

* Unicode NFC, so "José" typed on Windows and "José" from a macOS file name (decomposed) are
  one name; spaces trimmed and runs of spaces made one;
* refused: an empty name, control and invisible characters (zero-width spaces and joiners, the
  byte-order mark, soft hyphens), bidirectional controls (a right-to-left override garbles the
  text after it), private-use and unassigned code points, and names longer than
  :data:`MAX_LENGTH` characters;
* refused: a name mixing letters of scripts that look alike (Latin with Cyrillic or Greek, as
  in "аlice" with a Cyrillic "а"); a name wholly in one script is fine;
* the key folds case, compatibility forms (full-width letters) and the Cyrillic and Greek
  letters that look like Latin ones, so "alice", "ALICE" and "аlісе" are one participant;
* refused unless the caller allows it: names the views reserve for their own rows (anything
  whose key begins with "the room" or "the briefing"), so no participant's file can replace
  the room's median or the briefing's score.
"""

from __future__ import annotations

import unicodedata

MAX_LENGTH = 60
RESERVED_PREFIXES = ("the room", "the briefing")
LOOK_ALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})

# Cyrillic and Greek letters drawn like Latin ones (lower case, after casefold), for the key.
_SKELETON = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j",
        "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c",
    }
)  # fmt: skip


class NameRefused(ValueError):
    """A name that cannot be taken; ``str(err)`` says why, for a person to read."""


def _script(char: str) -> str | None:
    """The script of a letter, from its Unicode name ('LATIN SMALL LETTER A' -> 'LATIN')."""
    if not char.isalpha():
        return None
    return unicodedata.name(char, "").split(" ", 1)[0] or None


def _visible(char: str) -> str:
    """A refused character as a reader can find it: its code point and Unicode name."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"


def name_key(name: str) -> str:
    """Who a name refers to: case, spacing, compatibility forms and look-alike letters folded,
    so 'Alice', 'alice ', 'ＡＬＩＣＥ' and 'аlice' (Cyrillic а) have one key."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(folded.translate(_SKELETON).split())


def is_reserved(name: str) -> bool:
    """Whether a name is one the views keep for their own rows (the room's, the briefing's)."""
    key = name_key(name)
    return any(key == p or key.startswith(p + " ") or key.startswith(p + "'") or
               key.startswith(p + "(") for p in RESERVED_PREFIXES)  # fmt: skip


def clean_name(text: str, *, allow_reserved: bool = False, max_length: int = MAX_LENGTH) -> str:
    """The name to show (NFC, trimmed, single spaces), or :class:`NameRefused` saying why.
    ``max_length``: a scenario's name may be longer than a person's (a preset's is 63)."""
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not name:
        raise NameRefused("an empty name")
    for char in name:
        kind = unicodedata.category(char)
        if kind in ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"):
            raise NameRefused(f"an invisible or control character ({_visible(char)})")
    if len(name) > max_length:
        raise NameRefused(f"{len(name)} characters (at most {max_length})")
    scripts = {_script(c) for c in name} & LOOK_ALIKE_SCRIPTS
    if len(scripts) > 1:
        raise NameRefused(
            "letters of scripts that look alike mixed in one name ("
            + " and ".join(sorted(s.title() for s in scripts))
            + "): type it in one script"
        )
    if not allow_reserved and is_reserved(name):
        raise NameRefused(
            "a name the views keep for their own rows (names beginning 'the room' or "
            "'the briefing')"
        )
    return name
