from django.core.management.base import BaseCommand, CommandError

from salary import services
from salary.models import SalaryModel


class Command(BaseCommand):
    help = ("Train a new salary model version on the stored postings and vacancies with salaries, "
            "record its held-out metrics and make it the active model.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--if-missing", action="store_true",
                            help="Do nothing when an active model with its artefact file is already in place.")
        parser.add_argument("--no-activate", action="store_true",
                            help="Keep the current active model; activate the new one later in the admin.")

    def handle(self, *args, if_missing: bool, no_activate: bool, **options) -> None:
        if if_missing:
            active = SalaryModel.objects.filter(is_active=True).first()
            if active is not None and active.has_artefact():
                self.stdout.write(f"Salary model {active.version} is active; nothing to train.")
                return
        try:
            model = services.train_model(activate=not no_activate)
        except services.TrainingError as error:
            raise CommandError(error.message) from error
        self.stdout.write(self.style.SUCCESS(f"Trained salary model {model.version} on {model.training_size:,} postings"
                                             f"{' and activated it' if model.is_active else ' (not active)'}."))
        for scorer in ("model", "baseline"):
            for bound in ("from", "to"):
                mae, mape, r2 = (model.metric(scorer, bound, name) for name in ("mae", "mape", "r2"))
                if mae is not None:
                    self.stdout.write(f"  {scorer:<8} salary_{bound:<4}  "
                                      f"MAE {mae:>10,.0f}  MAPE {mape:6.1%}  R² {r2:6.3f}")
        if model.mostly_synthetic:
            self.stdout.write(self.style.WARNING("  Trained mostly on the SYNTHETIC demo corpus: "
                                                 "its numbers are illustrative, not market data."))
