from django import forms
from django.utils.translation import gettext_lazy as _

from vacancies.models import Vacancy


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
