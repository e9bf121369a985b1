"""What the signed-in home page shows; each capability adds its own part here."""

from accounts.models import User


def dashboard_context(*, user: User) -> dict:
    return {"dashboard_sections": []}
