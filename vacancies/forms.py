from django import forms
from django.utils.translation import gettext_lazy as _

from vacancies.models import Vacancy


class CommaSeparatedField(forms.CharField):
    """A list typed as "Python, SQL, Docker"; validation of the items is the service's job."""

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(value)
        return value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        return [item.strip() for item in text.split(",") if item.strip()]


class VacancySearchForm(forms.Form):
    """The catalogue's GET filters; a field that does not parse is left out of the search."""

    q = forms.CharField(
        label=_("Search"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title, company or keyword")}),
    )
    skill = forms.CharField(
        label=_("Skill"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Python")}),
    )
    location = forms.CharField(
        label=_("Location"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("City or Remote")}),
    )
    salary_min = forms.IntegerField(
        label=_("Salary from"), required=False, min_value=0, max_value=2_000_000_000,
        widget=forms.NumberInput(attrs={"placeholder": "0", "step": 1000, "inputmode": "numeric"}),
    )
    currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=[("", _("Any"))] + Vacancy.Currency.choices,
    )

    def filters(self) -> dict:
        """The valid filters as keyword arguments for VacancyQuerySet.search()."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


def _max_length(name: str) -> int:
    return Vacancy._meta.get_field(name).max_length


class VacancyForm(forms.Form):
    """An employer's vacancy as typed on the page; the service applies the rules (skills, salary range).

    Publishing is not a field: a new vacancy is a draft, and the Publish button (list, vacancy page) publishes it.
    """

    title = forms.CharField(label=_("Job title"), max_length=_max_length("title"))
    company = forms.CharField(label=_("Company"), max_length=_max_length("company"))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 8}))
    skills = CommaSeparatedField(
        label=_("Skills"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Separate with commas, e.g. Python, PostgreSQL, Docker. Common spellings (k8s, JS) are recognised."),
    )
    location = forms.CharField(
        label=_("Location"), required=False, max_length=_max_length("location"),
        widget=forms.TextInput(attrs={"placeholder": _("City or Remote")}),
    )
    salary_min = forms.IntegerField(label=_("Salary from"), required=False, min_value=0,
                                    widget=forms.NumberInput(attrs={"step": 1000, "inputmode": "numeric"}))
    salary_max = forms.IntegerField(label=_("Salary to"), required=False, min_value=0,
                                    widget=forms.NumberInput(attrs={"step": 1000, "inputmode": "numeric"}))
    currency = forms.ChoiceField(label=_("Currency"), choices=Vacancy.Currency.choices, initial=Vacancy.Currency.RUB)
    employment_type = forms.ChoiceField(label=_("Employment type"), choices=Vacancy.EmploymentType.choices,
                                        initial=Vacancy.EmploymentType.FULL_TIME)
    language = forms.ChoiceField(label=_("Interview language"), choices=Vacancy.Language.choices,
                                 initial=Vacancy.Language.EN)


class MarketCompareForm(forms.Form):
    """The vacancy form's fields the salary model reads; anything that does not parse is left out."""

    title = forms.CharField(required=False)
    description = forms.CharField(required=False)
    skills = CommaSeparatedField(required=False)
    location = forms.CharField(required=False)
    salary_min = forms.IntegerField(required=False, min_value=0)
    salary_max = forms.IntegerField(required=False, min_value=0)
    currency = forms.ChoiceField(required=False, choices=Vacancy.Currency.choices)

    def query(self) -> dict:
        """Keyword arguments for salary.market.compare_with_market() (through the `market_comparison` tag)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "title": data["title"], "description": data["description"], "skills": data["skills"],
            "location": data["location"], "salary_min": data.get("salary_min"), "salary_max": data.get("salary_max"),
            "currency": data.get("currency") or Vacancy.Currency.RUB,
        }
