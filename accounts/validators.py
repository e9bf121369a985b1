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
