"""Salary admin: model versions (train, activate, compare metrics), training data, the prediction log."""

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html

from salary import services, tasks
from salary.models import SalaryModel, SalaryPrediction, TrainingPosting


def _pair(model: SalaryModel, scorer: str, name: str, fmt: str) -> str:
    values = [model.metric(scorer, bound, name) for bound in ("from", "to")]
    if all(value is None for value in values):
        return "—"
    return " / ".join("—" if value is None else fmt.format(value) for value in values)


@admin.register(SalaryModel)
class SalaryModelAdmin(admin.ModelAdmin):
    list_display = ("version", "status", "is_active", "trained_at", "training_size", "mae", "mape", "r2",
                    "baseline_mae", "baseline_mape", "training_data")
    list_filter = ("status", "is_active")
    search_fields = ("version",)
    readonly_fields = ("version", "status", "is_active", "artefact", "trained_at", "training_size", "metrics",
                       "error", "created_at")
    actions = ["activate", "train_again"]

    @admin.display(description="MAE from / to")
    def mae(self, obj: SalaryModel) -> str:
        return _pair(obj, "model", "mae", "{:,.0f}")

    @admin.display(description="MAPE from / to")
    def mape(self, obj: SalaryModel) -> str:
        return _pair(obj, "model", "mape", "{:.1%}")

    @admin.display(description="R² from / to")
    def r2(self, obj: SalaryModel) -> str:
        return _pair(obj, "model", "r2", "{:.3f}")

    @admin.display(description="Baseline MAE from / to")
    def baseline_mae(self, obj: SalaryModel) -> str:
        return _pair(obj, "baseline", "mae", "{:,.0f}")

    @admin.display(description="Baseline MAPE from / to")
    def baseline_mape(self, obj: SalaryModel) -> str:
        return _pair(obj, "baseline", "mape", "{:.1%}")

    @admin.display(description="Training data")
    def training_data(self, obj: SalaryModel) -> str:
        data = obj.metrics.get("data")
        if not data:
            return "—"
        label = f"{data['postings']:,} postings, {data['synthetic']:,} synthetic"
        return format_html("<strong>{}</strong>", label) if obj.mostly_synthetic else label

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # versions come from training, not from a form

    def has_delete_permission(self, request: HttpRequest, obj: SalaryModel | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.is_active)

    def get_actions(self, request: HttpRequest) -> dict:
        # The bulk delete would let the active version go, leaving every prediction at 503.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request: HttpRequest, obj: SalaryModel) -> None:
        if obj.artefact:
            obj.artefact_path.unlink(missing_ok=True)
        super().delete_model(request, obj)

    @admin.action(description="Activate the selected model (serve it from the next prediction)", permissions=["change"])
    def activate(self, request: HttpRequest, queryset) -> None:
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one model to activate.", messages.ERROR)
            return
        try:
            model = services.activate_model(model=queryset.get())
        except services.TrainingError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            self.message_user(request, f"Activated {model.version}: it serves from the next prediction.",
                              messages.SUCCESS)

    @admin.action(description="Train the selected failed or stuck versions again (background)", permissions=["change"])
    def train_again(self, request: HttpRequest, queryset) -> None:
        pending = list(queryset.exclude(status=SalaryModel.Status.READY))
        for model in pending:
            SalaryModel.objects.filter(pk=model.pk).update(status=SalaryModel.Status.TRAINING, error="")
            tasks.train_salary_model_task.enqueue(model_id=model.pk, activate=False)
        skipped = queryset.count() - len(pending)
        self.message_user(request, f"Queued {len(pending)} version(s) for training"
                                   f"{f'; {skipped} already ready were left alone' if skipped else ''}.")

    def get_urls(self) -> list:
        train = path("train/", self.admin_site.admin_view(self.train_view), name="salary_salarymodel_train")
        return [train, *super().get_urls()]

    def train_view(self, request: HttpRequest) -> HttpResponse:
        """The changelist's "Train a new model (background)" button: works even when no version exists yet."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            return redirect("admin:index")
        model = tasks.start_training(activate=bool(request.POST.get("activate")))
        self.message_user(request, f"Training {model.version} in the background (the worker runs it); "
                                   "refresh this page to see its status.", messages.SUCCESS)
        return redirect(reverse("admin:salary_salarymodel_changelist"))


@admin.register(TrainingPosting)
class TrainingPostingAdmin(admin.ModelAdmin):
    list_display = ("title", "salary_from", "salary_to", "currency", "location", "data_kind", "source", "batch",
                    "created_at")
    list_filter = ("synthetic", "source", "currency", "batch")
    search_fields = ("title", "location")
    readonly_fields = ("data_kind", "source", "batch", "fingerprint", "created_at")
    list_per_page = 50

    @admin.display(description="Data", ordering="synthetic")
    def data_kind(self, obj: TrainingPosting) -> str:
        if obj.synthetic:
            return format_html("<strong>{}</strong>", "SYNTHETIC demo data")
        return "real"


@admin.register(SalaryPrediction)
class SalaryPredictionAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "title", "location", "salary_from", "salary_to", "currency",
                    "model_version", "latency_ms")
    list_filter = ("model_version", "currency")
    search_fields = ("title", "user__username")
    list_select_related = ("user",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SalaryPrediction | None = None) -> bool:
        return False  # a log: viewable, never edited
