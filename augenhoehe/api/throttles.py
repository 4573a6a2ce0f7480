"""Rate limits, defined here rather than in settings; counted in Django's cache."""

from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class AnonymousThrottle(SimpleRateThrottle):
    """Visitors without a token or session share a stricter limit per IP address."""

    scope = "api_anon"
    rate = "60/min"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(SimpleRateThrottle):
    """Client systems are limited per token, so one client cannot starve another."""

    scope = "api_token"
    rate = "600/min"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class SessionThrottle(SimpleRateThrottle):
    """People signed in on the site, per person."""

    scope = "api_session"
    rate = "300/min"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken) or not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
