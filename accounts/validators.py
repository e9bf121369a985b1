import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class LettersAndDigitsValidator:
    """A password must mix letters and digits: cheap protection against 'password' and '12345678' variants."""

    def validate(self, password: str, user=None) -> None:
        if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
            raise ValidationError(
                _("Your password must contain both letters and digits."), code="password_no_letters_and_digits"
            )

    def get_help_text(self) -> str:
        return _("Your password must contain both letters and digits.")


def _script(char: str) -> str | None:
    """The script of a letter by its Unicode name ("CYRILLIC SMALL LETTER A" → "CYRILLIC"); None for the rest."""
    if not char.isalpha():
        return None
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def validate_one_script(username: str) -> None:
    """Refuse names whose letters mix scripts: "аdmin" with a Cyrillic "а" would pass for "admin" on any page."""
    scripts = {script for script in map(_script, username) if script}
    if len(scripts) > 1:
        raise ValidationError(
            _("Use letters of one alphabet in a username (it mixes %(scripts)s).")
            % {"scripts": ", ".join(sorted(script.title() for script in scripts))},
            code="username_mixed_scripts",
        )


PREFERENCES_MAX_KEYS = 20
PREFERENCES_KEY_MAX = 40
PREFERENCES_VALUE_MAX = 200


def validate_preferences(value) -> None:
    """A flat object of a few short settings: it is loaded with the user on every request, so 5 MB of
    nested JSON would slow down every page of that user (and fill the row)."""
    if not isinstance(value, dict):
        raise ValidationError(_("Preferences must be an object of names and values."), code="preferences_shape")
    if len(value) > PREFERENCES_MAX_KEYS:
        raise ValidationError(_("At most %(n)d preferences can be saved.") % {"n": PREFERENCES_MAX_KEYS},
                              code="preferences_too_many")
    for key, item in value.items():
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_.-]*", key) or len(key) > PREFERENCES_KEY_MAX:
            raise ValidationError(_("“%(key)s” is not a preference name (letters, digits, _ . -; at most %(n)d).")
                                  % {"key": key[:PREFERENCES_KEY_MAX], "n": PREFERENCES_KEY_MAX}, code="preferences_key")
        short_text = isinstance(item, str) and len(item) <= PREFERENCES_VALUE_MAX
        if not (item is None or isinstance(item, bool | int | float) or short_text):
            raise ValidationError(_("The preference “%(key)s” must be a number, true/false or a text of at most "
                                    "%(n)d characters.") % {"key": key, "n": PREFERENCES_VALUE_MAX},
                                  code="preferences_value")
