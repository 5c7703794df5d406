"""The portal's sample data: Diego's User ID, Globex's invoices, and the invoice emails."""

import pytest

from corp_portal.models import Invoice, PortalLogin
from sandbox.corp_portal_sample_data import EMAILED_INVOICES, INVOICE_MONTHS
from sandbox.models import MailboxMessage
from sandbox.services import sandbox_load, sandbox_reset

DIEGO = "diego.corp@globex.example"
DIEGO_USER_ID = "GLOBEX-4471"  # docs/personas.md


def test_diego_holds_the_globex_login_and_elena_none(persona):
    login = PortalLogin.objects.select_related("account", "holder").get(user_id=DIEGO_USER_ID)
    assert login.holder == persona("diego")
    assert login.account.is_corporate_billing
    assert login.check_password("corp-2026")
    assert not PortalLogin.objects.filter(holder=persona("elena")).exists()


def test_invoices_are_monthly_and_deterministic(sample_data):
    invoices = list(Invoice.objects.all())
    assert len(invoices) == INVOICE_MONTHS
    assert invoices[0].number == "GLX-202611"  # the sandbox today is 2026-11-21
    assert invoices[-1].number == "GLX-202412"
    assert invoices[0].status == Invoice.Status.OPEN
    assert all(invoice.total > 0 and invoice.currency == "EUR" for invoice in invoices)


def test_recent_invoices_are_emailed_to_the_holder_with_the_user_id(sample_data):
    emails = MailboxMessage.objects.filter(recipient=DIEGO)
    assert emails.count() == EMAILED_INVOICES
    newest = emails.first()
    assert "GLX-202611" in newest.subject
    for words in ["User ID", "ID de usuario", "ID de usuário", "/corp-billing/"]:
        assert words in newest.body
    assert DIEGO_USER_ID in newest.body
    assert "link.logmeininc.com/corp-billing" in newest.body
    assert not MailboxMessage.objects.filter(recipient="elena.corp@globex.example").exists()


def test_loading_again_sends_no_duplicate_and_keeps_the_login_as_it_is(sample_data):
    login = PortalLogin.objects.get(user_id=DIEGO_USER_ID)
    login.set_password("changed")
    login.failed_attempts = 4
    login.save()
    sandbox_load()
    sandbox_load()
    assert MailboxMessage.objects.filter(recipient=DIEGO).count() == EMAILED_INVOICES
    assert Invoice.objects.count() == INVOICE_MONTHS
    login.refresh_from_db()
    assert login.check_password("changed") and login.failed_attempts == 4
    sandbox_reset()  # only a reset restores the sample login
    login = PortalLogin.objects.get(user_id=DIEGO_USER_ID)
    assert login.check_password("corp-2026") and login.failed_attempts == 0


def test_the_invoice_emails_come_back_with_a_reset_not_with_a_load(sample_data):
    MailboxMessage.objects.all().delete()
    sandbox_load()
    assert not MailboxMessage.objects.exists()
    sandbox_reset()
    assert MailboxMessage.objects.filter(recipient=DIEGO).count() == EMAILED_INVOICES


@pytest.mark.django_db
def test_the_invoice_history_is_dated_from_its_first_load():
    """A restart in a later month adds no invoice and sends no email; a reset dates the
    history from the new today."""
    import datetime

    sandbox_load(today=datetime.date(2026, 11, 21))
    sandbox_load(today=datetime.date(2026, 12, 3))
    assert Invoice.objects.count() == INVOICE_MONTHS
    assert not Invoice.objects.filter(number="GLX-202612").exists()
    assert MailboxMessage.objects.filter(recipient=DIEGO).count() == EMAILED_INVOICES
    sandbox_reset(today=datetime.date(2026, 12, 3))
    assert Invoice.objects.filter(number="GLX-202612").exists()
    assert MailboxMessage.objects.filter(recipient=DIEGO, subject__contains="GLX-202612").exists()


def test_invoice_email_is_written_in_the_languages_of_the_settings(sample_data, settings):
    from corp_portal.services import invoice_email_send

    settings.LANGUAGES = [("en", "English"), ("es", "Spanish")]
    MailboxMessage.objects.all().delete()
    login = PortalLogin.objects.get(user_id=DIEGO_USER_ID)
    invoice_email_send(invoice=Invoice.objects.first(), portal_login=login)
    email = MailboxMessage.objects.get(recipient=DIEGO)
    assert "User ID" in email.body and "ID de usuario" in email.body
    assert "ID de usuário" not in email.body


@pytest.mark.django_db
def test_a_second_portal_login_does_not_get_globex_invoices(monkeypatch):
    # A login of another account listed after Diego's: Globex's invoices still go to Diego.
    from sandbox import sample_data

    monkeypatch.setitem(sample_data.PORTAL_USER_IDS, "fernanda", "PAULISTA-1000")
    sandbox_load()
    assert MailboxMessage.objects.filter(recipient=DIEGO).count() == EMAILED_INVOICES
    fernanda = "fernanda.billing@paulista.example"
    assert not MailboxMessage.objects.filter(recipient=fernanda).exists()
