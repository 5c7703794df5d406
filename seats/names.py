"""A trainee's name: what the board shows, and the key that tells two trainees apart.

Two names are the same trainee's when their keys are equal: Unicode compatibility
normalisation (NFKC) and case folding, spaces collapsed, invisible characters ignored. The key
is computed here, in Python, so SQLite and PostgreSQL compare names alike, and it is stored in
`Seat.name_key`, unique per class (a database constraint decides between two joins at once).
Characters that change the direction of the text are refused: they make one name look like
another on the board.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Bidirectional controls: embeddings, overrides, isolates and the directional marks.
DIRECTION_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# The joiners join letters in Persian and Indic scripts and emoji: kept where they were typed,
# ignored in the key.
JOINERS = frozenset("\u200c\u200d")
# Characters that draw nothing, besides the format characters (Unicode category Cf): the
# Hangul fillers, the combining grapheme joiner, the Mongolian vowel separator.
INVISIBLE = frozenset("\u034f\u115f\u1160\u180e\u3164\uffa0")
SPACES = re.compile(r"\s+")
NAME_KEY_MAX_LENGTH = 255


def _invisible(char: str) -> bool:
    return char in INVISIBLE or unicodedata.category(char) == "Cf"


def name_clean(name: str) -> str:
    """The name as the board shows it: composed accents (NFC), one space between words, no
    invisible character but the joiners. Refuses direction controls and a name with no
    visible letter."""
    if any(char in DIRECTION_CONTROLS for char in name):
        raise ValidationError(
            _("Remove the characters that change the direction of the text from your name."),
            "direction",
        )
    kept = "".join(char for char in name if char in JOINERS or not _invisible(char))
    cleaned = SPACES.sub(" ", unicodedata.normalize("NFC", kept)).strip()
    key = name_key(cleaned)
    if not key:
        raise ValidationError(_("Type a name with letters or digits you can see."), "invisible")
    if len(key) > NAME_KEY_MAX_LENGTH:
        raise ValidationError(_("Type a shorter name."), "long")
    return cleaned


def name_key(name: str) -> str:
    """The key two names of the same trainee share: NFKC, case folded, spaces collapsed,
    every invisible character left out ("Lucía", "LUCÍA", "Luci\u0301a" and "Lu\u200bcía"
    alike). Empty for a name with nothing visible."""
    visible = "".join(char for char in name if not _invisible(char))
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", visible).casefold())
    return SPACES.sub(" ", folded).strip()
