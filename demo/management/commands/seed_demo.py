from django.core.management.base import BaseCommand

from demo import seed


class Command(BaseCommand):
    help = "Load demo accounts, vacancies with question sets and personas (idempotent)."

    def handle(self, *args, **options):
        for line in seed.seed():
            self.stdout.write(line)
