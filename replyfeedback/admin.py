from django.contrib import admin

from replyfeedback.models import ReplyFeedback


@admin.register(ReplyFeedback)
class ReplyFeedbackAdmin(admin.ModelAdmin):
    """Verdicts are the users' own: operators read them (and the processed flag), never edit them."""

    list_display = ("created_at", "user", "helpful", "allow_training", "processed", "comment")
    list_filter = ("helpful", "allow_training", "processed")
    list_select_related = ("user",)
    search_fields = ("user__username", "chat_id", "message_id", "comment")
    readonly_fields = ("user", "chat_id", "message_id", "helpful", "comment", "allow_training", "created_at",
                       "updated_at")

    def has_add_permission(self, request) -> bool:
        return False
