import uuid

from django.contrib.auth.models import AbstractUser, UserManager as DjangoUserManager
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_preferences


class UserManager(DjangoUserManager):
    def get_by_natural_key(self, username: str) -> "User":
        # Usernames are unique regardless of case and stored NFKC-normalised, so log-ins are too.
        return self.get(username__iexact=self.model.normalize_username(username))


class User(AbstractUser):
    class Role(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        EMPLOYER = "employer", _("Employer")

    class Language(models.TextChoices):
        EN = "en", "English"
        RU = "ru", "Русский"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.CANDIDATE)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    preferences = models.JSONField(default=dict, blank=True, validators=[validate_preferences])
    age = models.PositiveSmallIntegerField(
        _("age"), null=True, blank=True, validators=[MinValueValidator(14), MaxValueValidator(120)]
    )
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    current_position = models.CharField(_("current position"), max_length=150, blank=True,
                                        help_text=_("For example: Senior backend developer at Acme."))
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\+?[0-9 ()-]{5,20}$", _("Enter a phone number such as +7 900 123-45-67."))],
    )
    telegram_id = models.CharField(
        _("Telegram"),
        max_length=33,
        blank=True,
        validators=[RegexValidator(r"^@?[A-Za-z0-9_]{5,32}$", _("Enter a Telegram username such as @jobless_dev."))],
    )
    hh_url = models.URLField(_("hh.ru profile"), blank=True)
    # In every access token ("ver"); bumped by logout, a password change or a reused refresh token,
    # so the access tokens already out stop working at once, checked where the user is loaded anyway.
    token_version = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    class Meta:
        constraints = [models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique")]

    @property
    def is_employer(self) -> bool:
        return self.role == self.Role.EMPLOYER

    @property
    def is_candidate(self) -> bool:
        return self.role == self.Role.CANDIDATE

    @property
    def is_operator(self) -> bool:
        """Staff who run the site rather than hire on it: their home is the operator's page."""
        return self.is_staff and not self.is_employer

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def headline(self) -> str:
        """What a resume is headed with: the name, then the current position when there is one."""
        return " · ".join(part for part in (self.display_name, self.current_position) if part)


class LoginCounter(models.Model):
    """Log-in attempts of one key (a username at an address, an address, a username) in a window.

    Counted with one atomic upsert (accounts.throttling), so parallel guesses each count; a table,
    not the cache, because Django's database cache increments by reading then writing.
    """

    key = models.CharField(max_length=400, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()
    last_at = models.DateTimeField()
    previous_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [models.Index(fields=["window_start"], name="accounts_login_window_idx")]
