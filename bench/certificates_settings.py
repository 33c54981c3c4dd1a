"""Settings for the certificate bench's gunicorn: the platform's own, plus one static JSON route to compare with
(the same middleware, the same workers) and rate limits above the bench's load."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.certificates_urls"
JINENG_VERIFY_CLIENT_RATE = "100000000/min"
JINENG_VERIFY_NUMBER_RATE = "100000000/min"
