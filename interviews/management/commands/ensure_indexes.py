from django.core.management.base import BaseCommand

from interviews import chats


class Command(BaseCommand):
    help = "Create the MongoDB indexes for chats and messages (idempotent)."

    def handle(self, *args, **options):
        chats.ensure_indexes()
        self.stdout.write("MongoDB indexes are in place.")
