"""The employer's screening page for a vacancy: their questions with rubrics (or suggestions to start from)
and the relevance blend, saved as a new version each time."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from applications import screening_setup
from applications.assessment import blend
from applications.forms import ScreeningQuestionFormSet, ScreeningWeightForm
from applications.models import ANSWERS_WEIGHT_DEFAULT
from applications.services import ApplicationError

PAGE = "applications/screening_setup.html"
# The example the page scores at the chosen weight, so the number means something.
EXAMPLE_ANSWERS, EXAMPLE_SKILLS = 80, 40


def _initial(version, suggested: list[dict] | None) -> list[dict]:
    questions = suggested if suggested is not None else (version.questions if version else [])
    return [{**question, "key_points": "\n".join(question["key_points"])} for question in questions]


@login_required
@require_http_methods(["GET", "POST"])
def screening_page(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    try:
        vacancy, version = screening_setup.setup_of(employer=request.user, vacancy_id=vacancy_id)
        suggested = (screening_setup.suggestions(employer=request.user, vacancy_id=vacancy_id)
                     if request.GET.get("suggest") else None)
    except ApplicationError as error:
        raise Http404(error.detail) from error
    weight = version.answers_weight if version else ANSWERS_WEIGHT_DEFAULT
    if request.method == "POST":
        weight_form = ScreeningWeightForm(request.POST)
        questions = ScreeningQuestionFormSet(request.POST, prefix="q")
    else:
        weight_form = ScreeningWeightForm(initial={"answers_weight": weight})
        questions = ScreeningQuestionFormSet(initial=_initial(version, suggested), prefix="q")
    context = {"vacancy": vacancy, "version": version, "weight_form": weight_form, "questions": questions,
               "suggested": suggested is not None, "example_answers": EXAMPLE_ANSWERS,
               "example_skills": EXAMPLE_SKILLS, "weight": weight,
               "example_score": blend(llm_score=EXAMPLE_ANSWERS, skill_match=EXAMPLE_SKILLS, answers_weight=weight)}
    if request.method == "GET":
        return render(request, PAGE, context)
    if not (weight_form.is_valid() and questions.is_valid()):
        return render(request, PAGE, context, status=400)
    kept = [form.cleaned_data for form in questions.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")]
    try:
        saved = screening_setup.save_setup(
            employer=request.user, vacancy_id=vacancy.pk, answers_weight=weight_form.cleaned_data["answers_weight"],
            questions=[{name: data[name] for name in ("text", "topic", "ideal_answer", "key_points")} for data in kept])
    except ApplicationError as error:
        context["save_error"] = error.detail
        return render(request, PAGE, context, status=error.status)
    flash.success(request, _("Screening saved as version %(n)d. Screenings already started keep their questions.")
                  % {"n": saved.version})
    return redirect("applications:screening", vacancy_id=vacancy.pk)
