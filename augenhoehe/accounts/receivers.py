"""Sign-ins and refused tries go into the audit log; a new session remembers whether a factor exists."""

import time

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import second_factor, services
from .middleware import LAST_SEEN_KEY
from .models import User


@receiver(user_logged_in, dispatch_uid="augenhoehe.accounts.login_succeeded")
def login_succeeded(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[second_factor.HAS_FACTOR_KEY] = second_factor.has_confirmed_device(user)
        request.session[LAST_SEEN_KEY] = int(time.time())
    services.login_record(user=user, succeeded=True)


@receiver(user_login_failed, dispatch_uid="augenhoehe.accounts.login_failed")
def login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = (credentials or {}).get("username")
    if not username:
        return
    user = User.objects.filter(username=username).first()
    if user is not None:
        services.login_record(
            user=user, succeeded=False, locked_out=bool(getattr(request, "axes_locked_out", False))
        )
