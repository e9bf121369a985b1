"""`{% resume_drafts_note %}`: on the resume page, a pointer to drafts a connected service sent."""

from django import template

from integrations.models import ResumeDraft

register = template.Library()


@register.inclusion_tag("integrations/_drafts_note.html", takes_context=True)
def resume_drafts_note(context):
    user = context.get("user")
    count = ResumeDraft.objects.filter(user=user).count() if getattr(user, "is_authenticated", False) else 0
    return {"count": count}
