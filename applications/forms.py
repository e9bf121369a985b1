from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from applications import board, invites
from applications.models import ANSWERS_WEIGHT_DEFAULT, ANSWERS_WEIGHT_MAX, ANSWERS_WEIGHT_MIN, Application
from vacancies.models import Vacancy


class ResponseFilterForm(forms.Form):
    """The responses page's GET filters (the API declares the same in applications.api_board).

    The vacancy is a plain number, not a choice: one that is not the employer's is the board's 404,
    as in the API and the export, rather than a form error that would tell it exists.
    """

    vacancy = forms.IntegerField(label=_("Vacancy"), required=False, min_value=1, widget=forms.Select)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any"))] + Application.Status.choices)
    score_min = forms.IntegerField(label=_("Score from"), required=False, min_value=board.SCORE_MIN,
                                   max_value=board.SCORE_MAX, widget=forms.NumberInput(attrs={"placeholder": "0"}))
    score_max = forms.IntegerField(label=_("Score to"), required=False, min_value=board.SCORE_MIN,
                                   max_value=board.SCORE_MAX, widget=forms.NumberInput(attrs={"placeholder": "100"}))
    applied_from = forms.DateField(label=_("Applied from"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    applied_to = forms.DateField(label=_("Applied to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("-date", _("Newest first")), ("date", _("Oldest first")),
        ("-score", _("Best score first")), ("score", _("Lowest score first")),
    ])

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        vacancies = Vacancy.objects.for_owner(employer).order_by("title").values_list("pk", "title")
        self.fields["vacancy"].widget.choices = [("", _("All vacancies"))] + list(vacancies)

    def clean(self):
        data = super().clean()
        low, high = data.get("score_min"), data.get("score_max")
        if low is not None and high is not None and low > high:
            raise ValidationError(_("The lowest score cannot be above the highest."))
        start, end = data.get("applied_from"), data.get("applied_to")
        if start and end and start > end:
            raise ValidationError(_("The first date cannot be after the last."))
        return data

    def filters(self) -> board.Filters:
        """Call after is_valid(): the board's filters."""
        data = self.cleaned_data
        return board.Filters(vacancy_id=data.get("vacancy"), status=data.get("status") or None,
                             score_min=data.get("score_min"), score_max=data.get("score_max"),
                             applied_from=data.get("applied_from"), applied_to=data.get("applied_to"))

    def sort_order(self) -> str:
        return self.cleaned_data.get("sort") or board.DEFAULT_SORT


class InviteForm(forms.Form):
    note = forms.CharField(label=_("For whom"), required=False, max_length=invites.NOTE_MAX,
                           help_text=_("Only you see it, e.g. the candidate's name."))
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=invites.DAYS_MIN, max_value=invites.DAYS_MAX,
                              initial=invites.DAYS_DEFAULT)


class ScreeningWeightForm(forms.Form):
    answers_weight = forms.IntegerField(
        label=_("Weight of the answers (%)"), min_value=ANSWERS_WEIGHT_MIN, max_value=ANSWERS_WEIGHT_MAX,
        initial=ANSWERS_WEIGHT_DEFAULT, widget=forms.NumberInput(attrs={"step": 5}),
        help_text=_("The relevance score is this share of the screening answers' grade plus the rest of the "
                    "resume's skill match. Between 50 and 90."))


class ScreeningQuestionForm(forms.Form):
    """One question with its rubric; the key points are typed one per line."""

    text = forms.CharField(label=_("Question"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    topic = forms.CharField(label=_("Topic"), max_length=100, required=False)
    ideal_answer = forms.CharField(label=_("Ideal answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    key_points = forms.CharField(label=_("Key points (3-6, one per line)"), max_length=1300,
                                 widget=forms.Textarea(attrs={"rows": 4}))

    def clean_key_points(self) -> list[str]:
        points = [line.strip(" -•\t") for line in self.cleaned_data["key_points"].splitlines()]
        return [point for point in points if point]


ScreeningQuestionFormSet = forms.formset_factory(ScreeningQuestionForm, extra=1, can_delete=True, max_num=10,
                                                 validate_max=True, absolute_max=20)
