"""Vacancy admin: question sets are read-only history; editing questions saves a new version."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from vacancies import services
from vacancies.models import Question, QuestionSet, Vacancy


class QuestionForm(forms.Form):
    topic = forms.CharField(max_length=100, required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), required=False)
    ideal_answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), required=False)
    key_points = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "cols": 60}), required=False,
                                 help_text=_("One per line, 3-6: what a strong answer covers. Empty: taken from "
                                             "the ideal answer."))


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_order=True, can_delete=True)


class QuestionSetInline(admin.TabularInline):
    model = QuestionSet
    fields = ("version", "question_count", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ("-version",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("questions"))

    @admin.display(description=_("questions"))
    def question_count(self, question_set: QuestionSet) -> int:
        return question_set.question_count


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ("title", "company", "location", "employment_type", "language", "is_published", "question_version")
    list_filter = ("is_published", "employment_type", "language", "currency", "location")
    list_select_related = ("owner",)
    search_fields = ("title", "company", "description", "slug", "location")
    readonly_fields = ("current_questions", "created_at", "updated_at")
    raw_id_fields = ("owner",)
    inlines = [QuestionSetInline]
    fieldsets = (
        (None, {"fields": ("title", "company", "owner", "slug", "is_published")}),
        (_("Details"), {"fields": ("description", "skills", "location", "employment_type", "language")}),
        (_("Salary"), {"fields": ("salary_min", "salary_max", "currency")}),
        (_("Interview"), {"fields": ("current_questions",)}),
        (_("History"), {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(latest_version=Max("question_sets__version"))

    @admin.display(description=_("questions"), ordering="latest_version")
    def question_version(self, vacancy: Vacancy) -> str:
        return f"v{vacancy.latest_version}" if vacancy.latest_version else "—"

    @admin.display(description=_("current questions"))
    def current_questions(self, vacancy: Vacancy) -> str:
        if vacancy.pk is None:
            return _("Save the vacancy first, then add its questions.")
        question_set = vacancy.current_question_set()
        edit_url = reverse("admin:vacancies_vacancy_questions", args=[vacancy.pk])
        if question_set is None:
            return format_html('<a class="button" href="{}">{}</a>', edit_url, _("Add questions"))
        items = format_html_join(
            "", "<li><strong>{}</strong> {}</li>", ((q.topic, q.text) for q in question_set.questions.all())
        )
        return format_html(
            '<p>{} {}</p><ol>{}</ol><p><a class="button" href="{}">{}</a></p>',
            _("Version"), question_set.version, items, edit_url, _("Edit questions (saves a new version)"),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/questions/",
                self.admin_site.admin_view(self.edit_questions_view),
                name="vacancies_vacancy_questions",
            ),
            *super().get_urls(),
        ]

    def edit_questions_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        vacancy = self.get_object(request, object_id)
        if vacancy is None:
            raise Http404
        if not self.has_change_permission(request, vacancy):
            raise PermissionDenied
        current = vacancy.current_question_set()
        initial = [
            {"topic": q.topic, "text": q.text, "ideal_answer": q.ideal_answer, "key_points": "\n".join(q.key_points)}
            for q in current.questions.all()
        ] if current else []
        formset = QuestionFormSet(request.POST or None, initial=initial, prefix="questions")
        if request.method == "POST" and formset.is_valid():
            questions = [
                form.cleaned_data
                for form in formset.ordered_forms
                if form.cleaned_data.get("text") and not form.cleaned_data.get("DELETE")
            ]
            try:
                question_set = services.replace_questions(vacancy=vacancy, questions=questions)
            except services.VacancyError as error:
                messages.error(request, error.detail)
            else:
                if current is not None and question_set.pk == current.pk:
                    unchanged = _("Nothing changed; the questions stay at version %(v)d.")
                    messages.info(request, unchanged % {"v": current.version})
                else:
                    messages.success(request, _("Saved the questions as version %(v)d.") % {"v": question_set.version})
                return redirect("admin:vacancies_vacancy_change", vacancy.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": vacancy,
            "title": _("Edit questions: %(title)s") % {"title": vacancy.title},
            "formset": formset,
            "current": current,
        }
        return render(request, "admin/vacancies/vacancy/edit_questions.html", context)


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ("order", "topic", "text", "ideal_answer", "key_points")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(QuestionSet)
class QuestionSetAdmin(admin.ModelAdmin):
    """History only: interviews may have used any version, so versions are never edited in place."""

    list_display = ("vacancy", "version", "created_at")
    list_select_related = ("vacancy",)
    search_fields = ("vacancy__title", "vacancy__company")
    readonly_fields = ("vacancy", "version", "created_at")
    inlines = [QuestionInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
