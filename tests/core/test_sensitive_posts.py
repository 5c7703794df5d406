"""A password or a card posted to the sandbox never shows in an error report and is never
cached: every view whose form posts one is marked with `sensitive_post_parameters` and
`never_cache` (core.mixins.SensitivePostMixin, or Django's LoginView, which does both)."""

import logging

import pytest
from django import forms
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils.log import AdminEmailHandler

from billing_center import services as billing_center_services
from billing_center import views as billing_center_views
from corp_portal import models as corp_portal_models
from corp_portal import services as corp_portal_services
from corp_portal import views as corp_portal_views
from corp_portal.forms import PortalSignInForm
from corp_portal.models import PortalLogin
from corp_portal.services import portal_password_tokens

SECRET_FIELDS = {"password", "password_again", "card_number", "cvc"}

# The views the walk below must find: if it finds none of them, it checks nothing.
KNOWN = {
    "billing_center:sign-in",
    "admin_center:sign-in",
    "billing_center:payment-method",
    "corp_portal:sign-in",
    "corp_portal:reset-password",
}


def secret_fields(form_class) -> set[str]:
    """The fields of a form that carry a password or a card: a password widget, or a name
    that says so."""
    return {
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field.widget, forms.PasswordInput) or name in SECRET_FIELDS
    }


def url_patterns(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def views_posting_secrets():
    """(URL name, the URL) of every view of the URL conf whose form posts a secret."""
    for name, pattern in url_patterns():
        view_class = getattr(pattern.callback, "view_class", None)
        form_classes = [
            getattr(view_class, attribute, None) for attribute in ("form_class", "place_form_class")
        ]
        if not any(form and secret_fields(form) for form in form_classes):
            continue
        converters = getattr(pattern.pattern, "converters", {})
        kwargs = {
            key: 1 if isinstance(converter, IntConverter) else "1-x"
            for key, converter in converters.items()
        }
        yield name, reverse(name, kwargs=kwargs)


def test_the_walk_finds_every_sign_in_password_and_card_form():
    assert {name for name, _url in views_posting_secrets()} >= KNOWN


@pytest.mark.parametrize(("name", "url"), [*views_posting_secrets(), ("admin:login", None)])
def test_a_view_posting_a_password_or_a_card_hides_it_and_is_never_cached(db, name, url):
    """Posted as the person would (signed out: the access check answers, and the POST is
    marked before it); the trainer's sign-in is the Django admin's."""
    url = url or reverse(name)
    response = Client().post(url, dict.fromkeys(SECRET_FIELDS, "4242424242424242"))
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__", name
    assert "no-store" in response.get("Cache-Control", ""), name


@pytest.fixture
def admins_email(settings, monkeypatch):
    """The site's own AdminEmailHandler (config/settings/base.py), writing to mail.outbox."""
    settings.ADMINS = [("Ops", "ops@example.com")]
    (handler,) = [
        h for h in logging.getLogger("django").handlers if isinstance(h, AdminEmailHandler)
    ]
    monkeypatch.setattr(handler, "email_backend", "django.core.mail.backends.locmem.EmailBackend")
    monkeypatch.setattr(handler, "include_html", True)  # the report with every frame's variables
    return mail.outbox


def broken(*args, **kwargs):
    raise RuntimeError("the sandbox broke while this was posted")


def report_of(emails) -> str:
    (email,) = emails
    assert "RuntimeError" in email.body
    return email.body + "".join(content for content, _type in email.alternatives)


def test_an_error_report_of_a_portal_sign_in_carries_no_password(db, admins_email, monkeypatch):
    monkeypatch.setattr(PortalSignInForm, "clean", broken)
    response = Client(raise_request_exception=False).post(
        reverse("corp_portal:sign-in"), {"user_id": "GLOBEX-4471", "password": "corp-2026-secret"}
    )
    assert response.status_code == 500
    report = report_of(admins_email)
    assert "corp-2026-secret" not in report
    assert "password" in report and "********" in report  # the field is named, its value not


def test_an_error_report_of_a_new_card_carries_no_card(persona, admins_email, monkeypatch):
    monkeypatch.setattr(billing_center_views.PaymentMethodView, "service_call", broken)
    client = Client(raise_request_exception=False)
    client.force_login(persona("ana"))
    response = client.post(
        reverse("billing_center:payment-method"),
        {
            "cardholder": "Ana Ortega",
            "card_number": "4242 4242 4242 4242",
            "exp_month": 12,
            "exp_year": 2030,
            "cvc": "737",
        },
    )
    assert response.status_code == 500
    report = report_of(admins_email)
    assert "4242 4242 4242 4242" not in report and "4242424242424242" not in report
    assert "'737'" not in report and "&#x27;737&#x27;" not in report
    assert "cvc = '********************'" in admins_email[0].body


def test_an_error_report_of_a_new_portal_password_carries_no_password(
    db, admins_email, monkeypatch
):
    monkeypatch.setattr(corp_portal_views.ResetPasswordView, "service_call", broken)
    monkeypatch.setattr(corp_portal_views, "portal_password_reset_login", lambda **kw: object())
    response = Client(raise_request_exception=False).post(
        reverse("corp_portal:reset-password", args=["1-token"]),
        {"password": "a-new-secret-2026", "password_again": "a-new-secret-2026"},
    )
    assert response.status_code == 500
    assert "a-new-secret-2026" not in report_of(admins_email)


# Inside a service: the secret it receives is hidden in its frame and every frame under it
# (`sensitive_variables`), not only in the request's POST. Each exception below is raised by
# a call that is not given the secret, so the report's frames that hold it are the service's.


def test_an_error_inside_the_portal_sign_in_carries_no_password(
    sample_data, admins_email, monkeypatch
):
    monkeypatch.setattr(corp_portal_models.PortalLogin, "is_locked", broken)
    response = Client(raise_request_exception=False).post(
        reverse("corp_portal:sign-in"), {"user_id": "GLOBEX-4471", "password": "corp-2026-secret"}
    )
    assert response.status_code == 500
    report = report_of(admins_email)
    assert "portal_sign_in" in report and "_sign_in_attempt" in report
    assert "corp-2026-secret" not in report


def test_an_error_inside_setting_a_portal_password_carries_no_password(
    sample_data, admins_email, monkeypatch
):
    login = PortalLogin.objects.get(user_id="GLOBEX-4471")
    token = portal_password_tokens.make_token(login)
    monkeypatch.setattr(corp_portal_services, "portal_password_kept", broken)
    response = Client(raise_request_exception=False).post(
        reverse("corp_portal:reset-password", args=[f"{login.pk}-{token}"]),
        {"password": "a-new-secret-2026", "password_again": "a-new-secret-2026"},
    )
    assert response.status_code == 500
    report = report_of(admins_email)
    assert "portal_password_set" in report
    assert "a-new-secret-2026" not in report


def test_an_error_inside_replacing_the_card_carries_no_card(persona, admins_email, monkeypatch):
    monkeypatch.setattr(billing_center_services, "activity_record", broken)
    client = Client(raise_request_exception=False)
    client.force_login(persona("ana"))
    response = client.post(
        reverse("billing_center:payment-method"),
        {
            "cardholder": "Ana Ortega",
            "card_number": "5555 5555 5555 4444",
            "exp_month": 12,
            "exp_year": 2030,
            "cvc": "737",
        },
    )
    assert response.status_code == 500
    report = report_of(admins_email)
    assert "payment_method_replace" in report
    assert "5555555555554444" not in report and "5555 5555 5555 4444" not in report
    assert "'737'" not in report and "&#x27;737&#x27;" not in report
