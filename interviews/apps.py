from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.conf import settings
from django.db.models.signals import post_delete

from interviews import chats


def _delete_chats_of(sender, instance, **kwargs) -> None:
    """A deleted user's chats and messages go with them. Runs inside the deletion's transaction, so a
    chat store that is down fails the deletion (503) instead of leaving their chats behind."""
    chats.delete_user_data(user_id=str(instance.pk))


class InterviewsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'interviews'
    verbose_name = _("Interviews")  # the admin's section title

    def ready(self) -> None:
        from interviews import negotiation, rehearsal  # noqa: F401  (register their chat kinds)

        # accounts knows nothing of MongoDB: the data kept there is this app's to delete.
        post_delete.connect(_delete_chats_of, sender=settings.AUTH_USER_MODEL, dispatch_uid="interviews-user-chats")
