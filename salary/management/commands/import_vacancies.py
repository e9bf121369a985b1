from django.core.management.base import BaseCommand, CommandError

from salary import services
from salary.importer import KNOWN_CURRENCIES, ImportFileError


class Command(BaseCommand):
    help = ("Import vacancies with salaries from a CSV or JSON Lines export (hh.ru field names) as training "
            "postings. Bad rows are reported with their row and line numbers and skipped; a problem with the "
            "file as a whole stores nothing. Postings already imported are not duplicated.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Path to a .csv or .jsonl file.")
        parser.add_argument("--format", choices=["csv", "jsonl"], help="Default: from the file name or content.")
        parser.add_argument("--currency", choices=sorted(KNOWN_CURRENCIES), dest="default_currency",
                            help="Currency for rows that have none (by default such rows are errors).")

    def handle(self, *args, file: str, format: str | None, default_currency: str | None, **options) -> None:
        try:
            outcome = services.import_postings(file, format=format, default_currency=default_currency)
        except ImportFileError as error:
            raise CommandError(f"{file}: {error}. Nothing was imported.") from error
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from error
        parsed = outcome.parsed
        for row_error in parsed.errors:
            self.stderr.write(f"{file}: {row_error}")
        self.stdout.write(f"{file}: {parsed.summary()}; stored {outcome.stored:,} new postings, "
                          f"{outcome.duplicates:,} were already stored.")
        if parsed.errors and not parsed.postings:
            raise CommandError("No valid rows in the file; see the errors above.")
        if outcome.stored:
            self.stdout.write("Run `manage.py train_salary_model` (or train from the admin) to use them.")
