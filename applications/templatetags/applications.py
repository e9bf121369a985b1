"""`{% apply_box vacancy %}`: the vacancy page's apply box, whose state comes from the selector, not the template."""

from django import template

from applications import selectors

register = template.Library()


@register.inclusion_tag("applications/_apply_box.html", takes_context=True)
def apply_box(context, vacancy):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return {"vacancy": vacancy, "request": request, "csrf_token": context.get("csrf_token"),
            **selectors.apply_box(user=user, vacancy=vacancy)}
