from django.contrib import admin

from interviews.models import Feedback, Persona, Progress


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "language", "difficulty", "rating", "ratings_count", "is_active")
    list_filter = ("is_active", "kind", "language", "difficulty")
    search_fields = ("name", "slug", "description")
    # Ratings move only through interviews.feedback.rate_persona, which keeps sum, count and mean in step.
    readonly_fields = ("rating", "ratings_count", "ratings_sum", "created_at")
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "kind", "language", "difficulty", "is_active")}),
        ("Prompt", {"fields": ("system_prompt", "model")}),
        ("Ratings", {"fields": ("rating", "ratings_count", "ratings_sum", "created_at")}),
    )


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("persona", "rating", "allow_training", "processed", "created_at")
    list_filter = ("rating", "allow_training", "processed", "persona")
    list_select_related = ("persona",)
    search_fields = ("comment", "chat_id")
    readonly_fields = ("user", "persona", "chat_id", "rating", "comment", "allow_training", "created_at")
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Progress)
class ProgressAdmin(admin.ModelAdmin):
    list_display = ("user", "persona", "minutes", "updated_at")
    list_filter = ("persona",)
    list_select_related = ("user", "persona")
    search_fields = ("user__username",)
    raw_id_fields = ("user",)
