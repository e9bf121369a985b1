from django.core.management.base import BaseCommand

from onlyjobless import demo


class Command(BaseCommand):
    help = "Load demo accounts, vacancies with question sets and personas (idempotent)."

    def handle(self, *args, **options):
        for line in demo.seed():
            self.stdout.write(line)
