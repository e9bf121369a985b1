from django import forms
from django.utils.translation import gettext_lazy as _

from salary import services


class EstimateForm(forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=services.TITLE_MAX_CHARS,
                            widget=forms.TextInput(attrs={"placeholder": _("e.g. Senior Python developer")}))
    description = forms.CharField(label=_("Job description"), required=False,
                                  max_length=services.DESCRIPTION_MAX_CHARS,
                                  widget=forms.Textarea(attrs={"rows": 8}))
    skills = forms.CharField(label=_("Skills"), required=False, max_length=2000,
                             help_text=_("Comma-separated, e.g. Python, Django, PostgreSQL"))
    location = forms.CharField(label=_("City"), required=False, max_length=services.LOCATION_MAX_CHARS,
                               widget=forms.TextInput(attrs={"placeholder": _("e.g. Moscow or Remote")}))

    def clean_skills(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["skills"].split(",") if name.strip()]
