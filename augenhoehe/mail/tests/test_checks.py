"""`check --deploy` refuses the outbox: it is for the demo, whose people are made up."""

from django.core.checks import registry

from augenhoehe.mail.checks import outbox_not_in_production


def test_the_deploy_check_refuses_the_outbox_and_passes_smtp(settings):
    assert outbox_not_in_production in registry.registry.get_checks(include_deployment_checks=True)
    assert outbox_not_in_production not in registry.registry.get_checks(include_deployment_checks=False)
    settings.EMAIL_BACKEND = "augenhoehe.mail.backends.OutboxBackend"
    assert [error.id for error in outbox_not_in_production(None)] == ["augenhoehe.mail.E001"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert outbox_not_in_production(None) == []
