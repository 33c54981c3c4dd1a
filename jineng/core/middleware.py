from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the user chose another language with the switch (a cookie); the browser's
    Accept-Language is not consulted, so an English-language browser still sees the Chinese platform."""

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class NoStoreForPrivateAnswersMiddleware:
    """Every answer to a logged-in user and every API answer carries `Cache-Control: no-store, private`
    (Django's `add_never_cache_headers`), so neither a shared proxy nor the browser's back button keeps
    personal data. Static files never reach this middleware (WhiteNoise answers them first, with their own
    long-lived caching); anonymous pages such as the login form are left to Django's defaults."""

    api_prefix = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.api_prefix) or _logged_in(request):
            add_never_cache_headers(response)
        return response


def _logged_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class TextGZipMiddleware(GZipMiddleware):
    """Django's gzip compression (each answer padded with up to 100 random bytes against BREACH) for text
    answers only: pages, JSON and GeoJSON, CSS/JS, CSV, iCal, XML, SVG. Formats that are already compressed
    (images, spreadsheets, zip, PDF, uploaded files) pass unchanged: gzip would spend time to gain nothing and
    drop their Content-Length. Django itself leaves answers under 200 bytes and those that do not shrink as they
    are (docs/decisions/0009-compression.md)."""

    text_types = frozenset({"application/json", "application/javascript", "application/xml", "image/svg+xml",
                            "application/manifest+json"})

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if not (content_type.startswith("text/") or content_type in self.text_types
                or content_type.endswith(("+json", "+xml"))):
            return response
        return super().process_response(request, response)
