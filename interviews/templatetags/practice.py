"""Template tags other apps' pages use to offer a practice interview, without importing this app."""

from django import template

from interviews.models import Persona

register = template.Library()


@register.simple_tag
def practice_personas(language: str = ""):
    """The interviewers a practice interview can be started with, those speaking `language` first."""
    return list(Persona.objects.for_practice(language=language))
