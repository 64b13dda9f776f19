"""Response headers the office's pages need beyond Django's SecurityMiddleware.

A page a signed-in user sees may hold personal data (docs/rules.md section 4): it must not stay
in the browser's cache or a shared proxy's after the user leaves the computer, so it is sent
with `Cache-Control: no-store` unless the view chose its own caching. Every answer carries the
`Permissions-Policy` of settings.PERMISSIONS_POLICY: no page may use the camera, microphone or
location, so a script injected into one could not either.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers


class HeaderKeamananMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        kebijakan = getattr(settings, "PERMISSIONS_POLICY", "")
        if kebijakan and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = kebijakan
        # Read after the view: a login or logout during the request counts.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            add_never_cache_headers(response)
        return response
