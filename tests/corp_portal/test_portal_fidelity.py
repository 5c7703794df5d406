"""The portal's pages as the vendor's help pages show them (docs/portal.md): the two sign-in
errors, Forgot Password?, quotes and the Add Seats they hold, Pay Now, invoice contacts,
Purchase Orders, the phone, auto-renewal. Services first, then the pages."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import Activity, Subscription
from corp_portal.forms import PortalSignInForm
from corp_portal.models import (
    AutoRenewal,
    Invoice,
    InvoiceContact,
    InvoicePayment,
    PortalLogin,
    PurchaseOrder,
    Quote,
)
from corp_portal.services import (
    add_seats_refusal,
    auto_renewal_set,
    invoice_contact_add,
    invoice_pay,
    portal_password_reset_login,
    portal_password_tokens,
    portal_sign_in,
    purchase_order_add,
    quote_decide,
)
from corp_portal.views import SESSION_KEY
from sandbox.models import MailboxMessage
from sandbox.services import sandbox_load
from tests.factories import SubscriptionFactory

from .factories import (
    PORTAL_PASSWORD,
    BillToFactory,
    InvoiceFactory,
    PortalLoginFactory,
    QuoteFactory,
)

DIEGO = "diego.corp@globex.example"


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"corp_portal:{name}", args=args)


def signed_in(client, login):
    session = client.session
    session[SESSION_KEY] = login.pk
    session.save()
    return client


@pytest.fixture
def login(db):
    return PortalLoginFactory()


@pytest.fixture
def portal_client(client, login):
    return signed_in(client, login)


# Sign-in errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user_id", "password", "words"),
    [
        ("NO-SUCH-ID", PORTAL_PASSWORD, "Invalid User ID"),
        ("known", "wrong", "Invalid User ID/password"),
    ],
)
@pytest.mark.parametrize(("query", "outcome"), [("", "BC-2c"), ("?from=admin-center", "AC-3c")])
def test_two_sign_in_errors_one_refusal(client, login, user_id, password, words, query, outcome):
    data = {"user_id": login.user_id if user_id == "known" else user_id, "password": password}
    if query:
        data["from"] = "admin-center"
    content = client.post(url("sign-in"), data).content.decode()
    assert f'data-outcome="{outcome}"' in content
    assert f'data-testid="portal-error">{words}</p>' in content


def test_the_form_decides_the_words_from_the_service_answer(login):
    form = PortalSignInForm({"user_id": "NOPE", "password": "x"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Invalid User ID"]
    form = PortalSignInForm({"user_id": login.user_id, "password": "x"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Invalid User ID/password"]


# Forgot Password? ----------------------------------------------------------------------------


def reset_link_of(message) -> str:
    return re.search(r"https?://\S+/reset-password/\S+/", message.body).group(0)


def test_forgot_password_emails_a_one_use_link_to_the_holder(client, login, settings):
    # A closed sandbox: its default seat sets passwords for real (an open one keeps the
    # sample password there: tests/corp_portal/test_sample_credentials_kept.py).
    settings.SANDBOX_OPEN = False
    response = client.post(url("forgot-password"), {"user_id": login.user_id.lower()})
    assert 'data-testid="portal-reset-sent"' in response.content.decode()
    message = MailboxMessage.objects.get(recipient=login.holder.email)
    link = reset_link_of(message)
    assert Activity.objects.filter(action="portal_password_reset_sent").exists()

    page = client.get(link)
    assert 'data-testid="portal-new-password-form"' in page.content.decode()
    mismatch = client.post(link, {"password": "new-pass-2026", "password_again": "other-pass"})
    assert "The two passwords differ." in mismatch.content.decode()
    done = client.post(link, {"password": "new-pass-2026", "password_again": "new-pass-2026"})
    assert done.status_code == 302
    assert portal_sign_in(user_id=login.user_id, password="new-pass-2026").pk == login.pk
    assert Activity.objects.filter(action="portal_password_set").exists()

    again = client.post(link, {"password": "third-pass-26", "password_again": "third-pass-26"})
    assert 'data-testid="portal-reset-invalid"' in again.content.decode()
    login.refresh_from_db()
    assert login.check_password("new-pass-2026")


def test_forgot_password_for_an_unknown_user_id_sends_nothing_and_says_the_same(client, db):
    response = client.post(url("forgot-password"), {"user_id": "elena.corp@globex.example"})
    assert 'data-testid="portal-reset-sent"' in response.content.decode()
    assert not MailboxMessage.objects.exists()


def test_an_expired_link_sets_nothing(client, login, settings):
    token = portal_password_tokens.make_token(login)
    settings.PASSWORD_RESET_TIMEOUT = -1
    link = url("reset-password", f"{login.pk}-{token}")
    response = client.post(link, {"password": "new-pass-2026", "password_again": "new-pass-2026"})
    assert 'data-testid="portal-reset-invalid"' in response.content.decode()
    login.refresh_from_db()
    assert login.check_password(PORTAL_PASSWORD)


def test_a_forged_token_sets_nothing(client, login):
    link = url("reset-password", f"{login.pk}-abc-0123456789abcdef")
    response = client.post(link, {"password": "new-pass-2026", "password_again": "new-pass-2026"})
    assert 'data-testid="portal-reset-invalid"' in response.content.decode()


def test_a_reset_link_works_in_its_own_seat_only(client, login):
    from sandbox.worlds import seat_create
    from seats.scope import seat_scope

    token = portal_password_tokens.make_token(login)
    other = seat_create()
    with seat_scope(other):
        assert portal_password_reset_login(login_id=login.pk, token=token) is None
    assert portal_password_reset_login(login_id=login.pk, token=token) == login


# Quotes and Add Seats ------------------------------------------------------------------------


def test_an_open_quote_refuses_add_seats_until_it_is_answered(login):
    quote = QuoteFactory(account=login.account)
    assert add_seats_refusal(subscription=quote.subscription) == quote
    other = SubscriptionFactory(account=login.account)
    assert add_seats_refusal(subscription=other) is None
    quote_decide(portal_login=login, quote_id=quote.pk, accept=True)
    assert add_seats_refusal(subscription=quote.subscription) is None
    quote.refresh_from_db()
    assert quote.status == Quote.Status.ACCEPTED and quote.decided_at is not None
    assert Activity.objects.get(action="quote_accepted").after == {"status": "accepted"}


def test_a_quote_is_answered_once(login):
    quote = QuoteFactory(account=login.account)
    quote_decide(portal_login=login, quote_id=quote.pk, accept=False)
    with pytest.raises(ValidationError):
        quote_decide(portal_login=login, quote_id=quote.pk, accept=True)
    quote.refresh_from_db()
    assert quote.status == Quote.Status.REJECTED


def test_another_accounts_quote_is_not_found(login):
    quote = QuoteFactory()
    with pytest.raises(Quote.DoesNotExist):
        quote_decide(portal_login=login, quote_id=quote.pk, accept=True)


def test_add_seats_page_says_why_and_links_to_the_quote(portal_client, login):
    quote = QuoteFactory(account=login.account)
    subscription = quote.subscription
    page = portal_client.get(url("add-seats", subscription.pk)).content.decode()
    assert 'data-testid="add-seats-refused"' in page
    assert url("quote", quote.pk) in page
    assert 'data-testid="add-seats-form"' not in page
    seats = subscription.licenses + 2
    portal_client.post(url("add-seats", subscription.pk), {"step": "review", "seats": seats})
    subscription.refresh_from_db()
    assert subscription.licenses == 5

    confirm = portal_client.get(url("quote", quote.pk) + "?confirm=accept").content.decode()
    assert 'data-testid="quote-confirm"' in confirm
    quote.refresh_from_db()
    assert quote.is_open  # the confirmation step changes nothing
    answered = portal_client.post(url("quote", quote.pk), {"decision": "accept"})
    assert answered.status_code == 302
    page = portal_client.get(url("add-seats", subscription.pk)).content.decode()
    assert 'data-testid="add-seats-form"' in page


def test_quote_pages_of_another_account_are_404(portal_client, login):
    quote = QuoteFactory()
    assert portal_client.get(url("quote", quote.pk)).status_code == 404
    assert portal_client.post(url("quote", quote.pk), {"decision": "accept"}).status_code == 404
    own = QuoteFactory(account=login.account)
    assert own.number in portal_client.get(url("quotes")).content.decode()
    assert quote.number not in portal_client.get(url("quotes")).content.decode()


def test_a_bad_decision_answers_nothing(portal_client, login):
    quote = QuoteFactory(account=login.account)
    response = portal_client.post(url("quote", quote.pk), {"decision": "maybe"})
    assert response.status_code == 200
    quote.refresh_from_db()
    assert quote.is_open


# Pay Now -----------------------------------------------------------------------------------


def open_invoice(login, total="120.00"):
    return InvoiceFactory(account=login.account, status=Invoice.Status.OPEN, total=Decimal(total))


def test_pay_in_part_then_the_rest(login):
    invoice = open_invoice(login)
    payment = invoice_pay(portal_login=login, invoice_id=invoice.pk, amount=Decimal("20.50"))
    assert payment.balance_after == Decimal("99.50")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.OPEN and invoice.balance == Decimal("99.50")
    invoice_pay(portal_login=login, invoice_id=invoice.pk, amount=Decimal("99.50"))
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID and invoice.balance == 0
    assert Activity.objects.filter(action="invoice_paid").count() == 2


@pytest.mark.parametrize("amount", ["0", "-5", "120.01"])
def test_pay_refuses_nothing_negative_or_more_than_the_balance(login, amount):
    invoice = open_invoice(login)
    with pytest.raises(ValidationError):
        invoice_pay(portal_login=login, invoice_id=invoice.pk, amount=Decimal(amount))
    invoice.refresh_from_db()
    assert invoice.amount_paid == 0 and not InvoicePayment.objects.exists()


def test_a_paid_invoice_has_nothing_to_pay(login):
    invoice = InvoiceFactory(account=login.account, status=Invoice.Status.PAID)
    with pytest.raises(ValidationError):
        invoice_pay(portal_login=login, invoice_id=invoice.pk, amount=Decimal("1"))


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"how": "partial", "amount": ""}, "Enter the amount of the partial payment."),
        ({"how": "partial", "amount": "abc"}, "Enter a number."),
        ({"how": "partial", "amount": "0"}, "Enter an amount greater than zero."),
        ({"how": "partial", "amount": "500"}, "Enter at most the balance of the invoice."),
        ({"how": "sideways"}, "Select a valid choice."),
    ],
)
def test_pay_now_page_bad_input(portal_client, login, data, error):
    invoice = open_invoice(login)
    response = portal_client.post(url("pay-now", invoice.pk), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    invoice.refresh_from_db()
    assert invoice.amount_paid == 0


def test_pay_now_page_part_then_full_shows_the_balance(portal_client, login):
    invoice = open_invoice(login)
    response = portal_client.post(
        url("pay-now", invoice.pk), {"how": "partial", "amount": "20"}, follow=True
    )
    content = response.content.decode()
    assert re.search(r'data-testid="invoice-balance">\$100\.00<', content)
    portal_client.post(url("pay-now", invoice.pk), {"how": "full"})
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID


def test_pay_now_of_another_accounts_invoice_is_404(portal_client):
    invoice = InvoiceFactory(status=Invoice.Status.OPEN)
    assert portal_client.get(url("pay-now", invoice.pk)).status_code == 404
    assert portal_client.post(url("pay-now", invoice.pk), {"how": "full"}).status_code == 404
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.OPEN


# Account details ------------------------------------------------------------------------------


def test_invoice_contacts_add_list_remove(portal_client, login):
    response = portal_client.post(
        url("invoice-contacts"), {"name": "Ap Team", "email": "AP@initech.example"}
    )
    assert response.status_code == 302
    contact = InvoiceContact.objects.get()
    assert contact.email == "ap@initech.example" and contact.account == login.account
    twice = portal_client.post(
        url("invoice-contacts"), {"name": "Again", "email": "ap@initech.example"}
    )
    assert "already receives the invoices" in twice.content.decode()
    bad = portal_client.post(url("invoice-contacts"), {"name": "", "email": "not-an-email"})
    assert bad.status_code == 200 and InvoiceContact.objects.count() == 1
    assert "ap@initech.example" in portal_client.get(url("invoice-contacts")).content.decode()
    confirm = portal_client.get(url("invoice-contact-remove", contact.pk)).content.decode()
    assert 'data-testid="invoice-contact-remove-form"' in confirm
    assert InvoiceContact.objects.exists()  # asking changes nothing
    portal_client.post(url("invoice-contact-remove", contact.pk))
    assert not InvoiceContact.objects.exists()
    assert Activity.objects.filter(action="invoice_contact_removed").exists()


def test_another_accounts_contact_cannot_be_removed(portal_client):
    other = PortalLoginFactory()
    contact = invoice_contact_add(portal_login=other, name="X", email="x@other.example")
    assert portal_client.post(url("invoice-contact-remove", contact.pk)).status_code == 404
    assert portal_client.get(url("invoice-contact-remove", contact.pk)).status_code == 404
    assert InvoiceContact.objects.filter(pk=contact.pk).exists()
    assert "x@other.example" not in portal_client.get(url("invoice-contacts")).content.decode()


def test_purchase_orders_with_their_expiry_dates(portal_client, login):
    response = portal_client.post(
        url("purchase-orders"), {"number": "PO-77", "expires_on": "2027-06-30"}
    )
    assert response.status_code == 302
    assert "PO-77" in portal_client.get(url("purchase-orders")).content.decode()
    past = portal_client.post(
        url("purchase-orders"), {"number": "PO-78", "expires_on": "2020-01-01"}
    )
    assert "cannot be in the past" in past.content.decode()
    bad = portal_client.post(url("purchase-orders"), {"number": "PO-79", "expires_on": "soon"})
    assert bad.status_code == 200
    assert list(PurchaseOrder.objects.values_list("number", flat=True)) == ["PO-77"]


def test_a_purchase_order_number_once(login):
    import datetime

    today = datetime.date(2026, 11, 21)
    purchase_order_add(portal_login=login, number="PO-1", expires_on=today, today=today)
    with pytest.raises(ValidationError):
        purchase_order_add(portal_login=login, number="PO-1", expires_on=today, today=today)


def test_bill_to_phone_is_editable_and_the_country_is_not(portal_client, login):
    address = BillToFactory(account=login.account)
    data = {
        "company_name": "Initech",
        "attention": "",
        "street": "1 Main Street",
        "city": "Austin",
        "region": "TX",
        "postal_code": "78701",
        "phone": "+1 512 555 0100",
        "email": "ap@initech.example",
        "country": "BR",
    }
    assert portal_client.post(url("bill-to"), data).status_code == 302
    address.refresh_from_db()
    assert address.phone == "+1 512 555 0100" and address.country == "US"
    data["phone"] = "call me"
    assert portal_client.post(url("bill-to"), data).status_code == 200
    address.refresh_from_db()
    assert address.phone == "+1 512 555 0100"


# Auto-renewal ----------------------------------------------------------------------------------


def test_turning_auto_renewal_off_asks_why_and_records_it(portal_client, login):
    subscription = SubscriptionFactory(account=login.account)
    no_reason = portal_client.post(url("auto-renewal", subscription.pk), {"reason": ""})
    assert no_reason.status_code == 200 and not AutoRenewal.objects.exists()
    portal_client.post(
        url("auto-renewal", subscription.pk), {"reason": "budget", "note": "Q1 review"}
    )
    setting = AutoRenewal.objects.get(subscription=subscription)
    assert (setting.enabled, setting.reason, setting.note) == (False, "budget", "Q1 review")
    listed = portal_client.get(url("subscriptions")).content.decode()
    assert re.search(r'data-testid="auto-renewal-[^"]+">Off<', listed)
    portal_client.post(url("auto-renewal", subscription.pk), {"enabled": "on"})
    setting.refresh_from_db()
    assert setting.enabled and setting.reason == ""
    actions = list(Activity.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["auto_renewal_off", "auto_renewal_on"]


def test_auto_renewal_service_refuses_an_unknown_reason_and_another_account(login):
    subscription = SubscriptionFactory(account=login.account)
    with pytest.raises(ValidationError):
        auto_renewal_set(
            portal_login=login, subscription_id=subscription.pk, enabled=False, reason="meh"
        )
    with pytest.raises(Subscription.DoesNotExist):
        auto_renewal_set(portal_login=login, subscription_id=SubscriptionFactory().pk, enabled=True)


def test_auto_renewal_page_of_another_accounts_subscription_is_404(portal_client):
    assert portal_client.get(url("auto-renewal", SubscriptionFactory().pk)).status_code == 404


# Sample data -----------------------------------------------------------------------------------


def test_globex_has_an_open_quote_and_loading_again_keeps_the_answer(sample_data):
    quote = Quote.objects.get(number="Q-GLX-0007")
    assert quote.is_open and quote.subscription.product.code == "gotomeeting"
    login = PortalLogin.objects.get(user_id="GLOBEX-4471")
    quote_decide(portal_login=login, quote_id=quote.pk, accept=False)
    sandbox_load()
    assert Quote.objects.get(number="Q-GLX-0007").status == Quote.Status.REJECTED
    assert Quote.objects.filter(number="Q-GLX-0007").count() == 1
    assert PurchaseOrder.objects.filter(account=login.account).count() == 1
