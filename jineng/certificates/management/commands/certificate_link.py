from django.core.management.base import BaseCommand, CommandError

from jineng.certificates.selectors import certificate_by_number
from jineng.certificates.services.links import link_url


class Command(BaseCommand):
    help = "Print the signed verification link (the QR code's URL) of a certificate."

    def add_arguments(self, parser):
        parser.add_argument("number")
        parser.add_argument("--base-url", default="", help="public address of the platform, e.g. https://jineng.example")

    def handle(self, *args, **options):
        certificate = certificate_by_number(options["number"])
        if certificate is None:
            raise CommandError(f"no certificate {options['number']} in the register")
        self.stdout.write(link_url(certificate, base=options["base_url"]))
