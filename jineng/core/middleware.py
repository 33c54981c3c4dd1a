from django.conf import settings
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
