from django import forms
from django.utils.translation import gettext_lazy as _

from resumes.services import RESUME_FIELDS
from vacancies.forms import CommaSeparatedField
from vacancies.models import Vacancy


class ResumeForm(forms.Form):
    positions = CommaSeparatedField(
        label=_("Desired positions"), required=False, max_length=1500,
        help_text=_("Separate with commas, e.g. Backend developer, Python developer."),
    )
    years_experience = forms.IntegerField(label=_("Years of experience"), required=False, min_value=0, max_value=60)
    skills = CommaSeparatedField(
        label=_("Skills"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Separate with commas, e.g. Python, PostgreSQL, Docker. We recognise common spellings (k8s, JS)."),
    )
    expected_salary = forms.IntegerField(label=_("Expected salary"), required=False, min_value=0)
    currency = forms.ChoiceField(label=_("Currency"), choices=Vacancy.Currency.choices, initial=Vacancy.Currency.RUB)
    region = forms.CharField(label=_("Region"), required=False, max_length=100)
    languages = CommaSeparatedField(
        label=_("Languages"), required=False, max_length=1000, help_text=_("e.g. English, Russian.")
    )
    education = forms.CharField(label=_("Education"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    summary = forms.CharField(label=_("About me"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    upload_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def resume_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in RESUME_FIELDS}

