"""Demo data for `manage.py seed_demo` (idempotent): accounts first, each capability adds its part."""

from collections.abc import Iterator

from django.db import transaction

from accounts.models import User

DEMO_PASSWORD = "demo-pass-2024"
DEMO_ACCOUNTS = [
    {"username": "demo", "role": User.Role.CANDIDATE, "email": "demo@example.com", "city": "Moscow"},
    {"username": "employer", "role": User.Role.EMPLOYER, "email": "hr@example.com", "city": "Saint Petersburg"},
    {"username": "admin", "role": User.Role.CANDIDATE, "email": "admin@example.com", "is_staff": True, "is_superuser": True},
]


def _accounts() -> Iterator[str]:
    for spec in DEMO_ACCOUNTS:
        fields = dict(spec)
        username = fields.pop("username")
        user, created = User.objects.get_or_create(username=username, defaults=fields)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        yield f"{'Created' if created else 'Kept'} account {username!r} ({user.role}{', staff' if user.is_staff else ''})"


def seed() -> list[str]:
    """Create what is missing, keep what exists; returns a line per thing for the console."""
    with transaction.atomic():
        lines = [*_accounts()]
    return lines + [
        f"Demo log-ins: demo / {DEMO_PASSWORD} (candidate), employer / {DEMO_PASSWORD} (employer), admin / {DEMO_PASSWORD} (admin)"
    ]
