from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jineng.certificates.services.imports import certificates_import
from jineng.core.exceptions import DomainError, ImportRejected


class Command(BaseCommand):
    help = "Import certificates into the register from a .csv or .xlsx file (all or nothing, idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            counts = certificates_import(content=path.read_bytes(), file_name=path.name, by=None)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(exc.errors)} error(s); nothing was written") from exc
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.as_dict().items()))
