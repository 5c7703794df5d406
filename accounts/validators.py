"""Rules of what people type, shared by the three centers' forms: plain text, numbers in the
digits 0 to 9, and the one billing-address rule (country list, postal code) of Billing Info
and the portal's Bill To."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MARKUP = re.compile(r"[<>{}]")
# Python's \d and int() also read Arabic-Indic, full-width and other digits ("١٢", "１２"):
# numbers that become orders and card digits must be the ASCII ones.
ASCII_DIGITS = re.compile(r"[0-9]+", re.ASCII)
POSTAL_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]{1,10}", re.ASCII)

DIGITS_ONLY_MESSAGE = _("Use the digits 0 to 9.")


def no_markup(value: str) -> None:
    """Text shown on invoices and pages: no markup characters."""
    if MARKUP.search(value or ""):
        raise ValidationError(_("Enter plain text, without < > { or } characters."), "markup")


def no_control_characters(value: str) -> None:
    """No NUL and no other control character (PostgreSQL refuses NUL in text)."""
    if any(unicodedata.category(char) == "Cc" for char in value or ""):
        raise ValidationError(_("Remove the control characters from this text."), "control")


def ascii_digits(value: str) -> None:
    """Only the digits 0 to 9, at least one."""
    if not ASCII_DIGITS.fullmatch(value or ""):
        raise ValidationError(DIGITS_ONLY_MESSAGE, "digits")


class Country(models.TextChoices):
    """The countries a billing address may be in, in the Billing Center and in the portal."""

    BR = "BR", _("Brazil")
    DE = "DE", _("Germany")
    ES = "ES", _("Spain")
    MX = "MX", _("Mexico")
    PT = "PT", _("Portugal")
    GB = "GB", _("United Kingdom")
    US = "US", _("United States")


def validate_postal_code(value: str) -> None:
    """A postal code of any of the countries: 2 to 11 letters, digits, spaces and -."""
    if not POSTAL_CODE.fullmatch(value or ""):
        raise ValidationError(_("Enter a valid postal code."), "postal_code")
