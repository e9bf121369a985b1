"""The "What does this job pay?" page: form, result with a range bar, the user's history."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from salary import services
from salary.charts import range_chart
from salary.forms import EstimateForm
from salary.models import SalaryModel, SalaryPrediction

TEMPLATE = "salary/estimate.html"
HISTORY_PAGE_SIZE = 10


@login_required
@require_http_methods(["GET", "POST"])
def estimate(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _submit(request)
    if request.htmx and "page" in request.GET:
        return render(request, f"{TEMPLATE}#history", {"history": _history(request)})
    result = _own_prediction(request)
    initial = {}
    if result is not None:
        initial = {"title": result.title, "description": result.description, "skills": ", ".join(result.skills),
                   "location": result.location}
    return render(request, TEMPLATE, _context(request, EstimateForm(initial=initial), result=result))


def _submit(request: HttpRequest) -> HttpResponse:
    form = EstimateForm(request.POST)
    unavailable = ""
    status = 400
    if form.is_valid():
        try:
            result = services.predict_salary(user=request.user, **form.cleaned_data)
        except services.ModelUnavailable as error:
            unavailable, status = error.message, 503
        except services.InvalidInput as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if not request.htmx:
                # Post/redirect/get: reloading the result page does not log a second prediction.
                return redirect(f"{reverse('salary:estimate')}?result={result.pk}")
            context = _context(request, form, result=result, refresh_history=True)
            return render(request, f"{TEMPLATE}#estimator", context)
    context = _context(request, form, unavailable=unavailable)
    if request.htmx:
        # htmx 2 does not swap 4xx/5xx responses; the partial itself carries the error.
        return render(request, f"{TEMPLATE}#estimator", context)
    return render(request, TEMPLATE, context, status=status)


def _own_prediction(request: HttpRequest) -> SalaryPrediction | None:
    """The prediction named by ?result=, which must be the user's own (anything else is 404)."""
    value = request.GET.get("result")
    if value is None:
        return None
    if not value.isdigit():
        raise Http404
    prediction = SalaryPrediction.objects.for_user(request.user).filter(pk=int(value)).first()
    if prediction is None:
        raise Http404
    return prediction


def _history(request: HttpRequest) -> Page:
    predictions = SalaryPrediction.objects.for_user(request.user)
    return Paginator(predictions, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))


def _context(request: HttpRequest, form: EstimateForm, *, result: SalaryPrediction | None = None,
             unavailable: str = "", refresh_history: bool = False) -> dict:
    context = {"form": form, "result": result, "unavailable": unavailable, "history": _history(request),
               "refresh_history": refresh_history}
    if result is not None:
        context["chart"] = range_chart(salary_from=result.salary_from, salary_to=result.salary_to)
        context["result_model"] = SalaryModel.objects.filter(version=result.model_version).first()
    return context
