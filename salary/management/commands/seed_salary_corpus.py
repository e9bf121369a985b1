from django.core.management.base import BaseCommand, CommandError

from salary import services


class Command(BaseCommand):
    help = ("Store the SYNTHETIC demo corpus of vacancies with salaries (seeded, so the same on every "
            "machine; marked synthetic in the admin). Idempotent; imported postings are untouched.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=2000, help="Number of postings (default: 2000).")
        parser.add_argument("--seed", type=int, default=42, help="Generator seed (default: 42).")

    def handle(self, *args, count: int, seed: int, **options) -> None:
        if count < 1:
            raise CommandError("--count must be at least 1.")
        created = services.seed_synthetic_corpus(count=count, seed=seed)
        if created:
            self.stdout.write(f"Stored {created:,} SYNTHETIC demo postings (seed {seed}).")
        else:
            self.stdout.write(f"The SYNTHETIC demo corpus (seed {seed}, {count:,} postings) is already in place.")
