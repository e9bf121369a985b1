from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class RegisterForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150, min_length=3)
    email = forms.EmailField(label=_("Email (optional)"), required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    role = forms.ChoiceField(label=_("I am"), choices=User.Role.choices, initial=User.Role.CANDIDATE, widget=forms.RadioSelect)
    preferred_language = forms.ChoiceField(label=_("Language"), choices=User.Language.choices, initial="en")


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class ProfileForm(forms.ModelForm):
    hh_url = forms.URLField(label=_("hh.ru profile"), required=False, assume_scheme="https")

    class Meta:
        model = User
        fields = ["full_name", "current_position", "email", "preferred_language", "age", "city", "phone", "telegram_id",
                  "hh_url"]


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    new_password = forms.CharField(label=_("New password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Confirm with your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


def add_service_errors(form: forms.Form, errors: dict[str, list[str]]) -> None:
    """Show a service's field errors inline on the form (unknown fields become form-wide errors)."""
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
