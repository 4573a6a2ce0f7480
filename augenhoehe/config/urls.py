from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from augenhoehe.accounts import views as accounts_views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="directory:search"), name="home"),
    path("organisations/", include("augenhoehe.directory.urls")),
    path("accounts/", include("augenhoehe.accounts.urls")),
    path("accounts/passkeys/", include("augenhoehe.accounts.passkey_urls")),
    path("network/", include("augenhoehe.accounts.network_urls")),
    path("exports/", include("augenhoehe.exports.urls")),
    path("imports/", include("augenhoehe.imports.urls")),
    path("cooperations/", include("augenhoehe.cooperation.urls")),
    path("interpreters/", include("augenhoehe.interpreters.urls")),
    path("knowledge/", include("augenhoehe.knowledge.urls")),
    path("matching/", include("augenhoehe.matching.urls")),
    path("checkins/", include("augenhoehe.checkins.urls")),
    path("events/", include("augenhoehe.events.urls")),
    path("statistics/", include("augenhoehe.statistics.urls")),
    path("surveys/", include("augenhoehe.surveys.urls")),
    # What an organisation does itself: its own space, asking to be listed, confirming its data.
    path("mine/", include("augenhoehe.participation.urls_space")),
    path("join/", include("augenhoehe.participation.urls_listing")),
    path("freshness/", include("augenhoehe.participation.urls_freshness")),
    path("mail/", include("augenhoehe.mail.urls")),
    path("networks/", include("augenhoehe.core.urls")),
    path("api/v1/", include("augenhoehe.api.urls")),
    path("privacy/", include("augenhoehe.privacy.urls")),
    path("", include("augenhoehe.legal.urls")),
    # Django's language switch, which for a signed-in person also keeps the choice for their mails.
    path("i18n/setlang/", accounts_views.language_set, name="set_language"),
    path("admin/", admin.site.urls),
]
