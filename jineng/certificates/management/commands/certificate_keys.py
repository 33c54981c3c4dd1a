from django.core.management.base import BaseCommand

from jineng.certificates.services import signing


class Command(BaseCommand):
    help = "Signing keys of certificate links and credentials: 'list', or 'rotate' (old keys keep verifying)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "rotate"])

    def handle(self, *args, **options):
        if options["action"] == "rotate":
            key = signing.keys_rotate()
            self.stdout.write(f"new signing key: {key.kid}")
            return
        signing.key_current()
        for key in signing.SigningKey.objects.order_by("created_at", "pk"):
            state = f"retired {key.retired_at:%Y-%m-%d %H:%M}" if key.retired_at else "signing"
            self.stdout.write(f"{key.kid}\t{key.created_at:%Y-%m-%d %H:%M}\t{state}")
