"""The portal's pages: sign-in and its refusals, the pages after it, Add Seats, sign-out."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from accounts.models import Activity, Subscription
from corp_portal.models import MAX_FAILED_ATTEMPTS, BillTo, PortalLogin, ServiceOrder
from corp_portal.views import SESSION_KEY
from sandbox.models import MailboxMessage
from tests.commits import committed
from tests.factories import SubscriptionFactory

from .factories import (
    PORTAL_PASSWORD,
    BillToFactory,
    InvoiceFactory,
    InvoiceLineFactory,
    PaymentProfileFactory,
    PortalLoginFactory,
)

SIGN_IN = "/{language}/corp-billing/"
# language -> words of the sign-in refusal (docs/words.md)
REFUSAL_WORDS = {
    "en": ("Invalid User ID/password", "Corporate Billing Portal", "User ID"),
    "es": (
        "ID de usuario/contraseña no válidos",
        "Portal de facturación para empresas",
        "ID de usuario",
    ),
    "pt-br": ("ID de usuário/senha inválidos", "Portal de Cobrança Corporativa", "ID de usuário"),
}
# language -> (the portal's error for an unknown User ID, for a known one's wrong password):
# the real portal's two errors (vendor's "Corporate Billing Portal FAQs", "Having trouble?").
SIGN_IN_ERRORS = {
    "en": ("Invalid User ID", "Invalid User ID/password"),
    "es": ("ID de usuario no válido", "ID de usuario/contraseña no válidos"),
    "pt-br": ("ID de usuário inválido", "ID de usuário/senha inválidos"),
}
PAGES_AFTER_SIGN_IN = ["invoices", "bill-to", "payment-profile", "subscriptions"]


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"corp_portal:{name}", args=args)


@pytest.fixture
def portal_client(client, db):
    """A client signed in to the portal with a fresh corporate account's login."""
    login = PortalLoginFactory()
    session = client.session
    session[SESSION_KEY] = login.pk
    session.save()
    client.portal_login = login
    return client


@pytest.mark.parametrize("language", REFUSAL_WORDS)
@pytest.mark.parametrize(("query", "outcome"), [("", "BC-2c"), ("?from=admin-center", "AC-3c")])
@pytest.mark.parametrize(
    "user_id", ["elena.corp@globex.example", "GLOBEX-0000", "GLOBEX-4471", "x" * 200]
)
def test_refusal_shows_the_article_conclusion(
    client, sample_data, language, query, outcome, user_id
):
    form = client.get(SIGN_IN.format(language=language) + query)
    assert form.status_code == 200
    data = {"user_id": user_id, "password": "sandbox-2026"}
    if "admin-center" in query:
        assert 'name="from" value="admin-center"' in form.content.decode()
        data["from"] = "admin-center"
    response = client.post(SIGN_IN.format(language=language), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert f'data-outcome="{outcome}"' in content
    for words in REFUSAL_WORDS[language][1:]:
        assert words in content
    # GLOBEX-4471 exists (a wrong password); the others are no User ID at all.
    error = SIGN_IN_ERRORS[language][user_id == "GLOBEX-4471"]
    assert f'data-testid="portal-error">{error}</p>' in content
    assert SESSION_KEY not in client.session


def test_diego_signs_in_with_the_user_id_without_a_logmein_session(client, persona):
    response = client.post(
        SIGN_IN.format(language="es"), {"user_id": "GLOBEX-4471", "password": "corp-2026"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("invoices", language="es")
    login = PortalLogin.objects.get(user_id="GLOBEX-4471")
    assert client.session[SESSION_KEY] == login.pk
    assert "_auth_user_id" not in client.session  # no LogMeIn ID signed in


def test_logmein_sign_in_does_not_open_the_portal(client, persona):
    client.force_login(persona("diego"))
    response = client.get(url("invoices"))
    assert response.status_code == 302 and response["Location"].startswith(url("sign-in"))


def test_sign_out_leaves_the_logmein_session(persona, portal_client):
    portal_client.force_login(persona("diego"))
    response = portal_client.post(url("sign-out"))
    assert response.status_code == 302
    assert SESSION_KEY not in portal_client.session
    assert "_auth_user_id" in portal_client.session
    assert portal_client.get(url("invoices")).status_code == 302


def test_user_id_prefill_and_forgotten_password_page(client, sample_data):
    # The page names the holders of this sandbox's portal logins: the sample data's Diego.
    content = client.get(SIGN_IN.format(language="en") + "?user_id=GLOBEX-4471").content.decode()
    assert 'value="GLOBEX-4471"' in content
    assert url("forgot-password") in content
    page = client.get(url("forgot-password", language="pt-br")).content.decode()
    assert "Esqueceu sua senha?" in page and "corp-2026" in page and "Diego Ramos" in page


def test_lockout_message_after_repeated_failures(client, db):
    login = PortalLoginFactory()
    for _ in range(MAX_FAILED_ATTEMPTS):
        response = client.post(url("sign-in"), {"user_id": login.user_id, "password": "no"})
    content = response.content.decode()
    assert "locked for 15 minutes" in content
    # Locked is no lesson about the billing admin: no BC-2c (it was shown here before).
    assert "data-outcome" not in content
    right = client.post(url("sign-in"), {"user_id": login.user_id, "password": PORTAL_PASSWORD})
    assert right.status_code == 200 and SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "is locked"),
        ("es", "está bloqueado"),
        ("pt-br", "está bloqueado"),
    ],
)
@pytest.mark.parametrize("query", ["", "?from=admin-center"])
def test_locked_out_diego_is_told_he_is_locked_out_never_bc_2c_or_ac_3c(
    client, sample_data, language, words, query
):
    login = PortalLogin.objects.get(user_id="GLOBEX-4471")
    login.locked_until = timezone.now() + datetime.timedelta(minutes=12)
    login.save()
    data = {"user_id": "globex-4471", "password": "corp-2026"}
    if query:
        data["from"] = "admin-center"
    response = client.post(SIGN_IN.format(language=language) + query, data)
    content = response.content.decode()
    assert response.status_code == 200 and SESSION_KEY not in client.session
    assert "data-outcome" not in content
    assert 'data-testid="portal-refusal"' not in content
    error = content.split('data-testid="portal-sign-in-error"')[1].split("</div>")[0]
    assert "GLOBEX-4471" in error and words in error
    with translation.override(language):
        assert formats.time_format(timezone.localtime(login.locked_until)) in error


def test_sign_in_next_is_same_site_only(client, db):
    login = PortalLoginFactory()
    data = {"user_id": login.user_id, "password": PORTAL_PASSWORD}
    evil = client.post(url("sign-in"), {**data, "next": "https://evil.example/"})
    assert evil["Location"] == url("invoices")
    good = client.post(url("sign-in"), {**data, "next": url("bill-to")})
    assert good["Location"] == url("bill-to")


@pytest.mark.parametrize(
    ("name", "args"),
    [(name, ()) for name in PAGES_AFTER_SIGN_IN] + [("invoice", (1,)), ("add-seats", (1,))],
)
def test_pages_need_the_portal_sign_in(client, db, name, args):
    page = url(name, *args)
    for response in [client.get(page), client.post(page, {"step": "place", "seats": "9"})]:
        assert response.status_code == 302
        assert response["Location"] == f"{url('sign-in')}?next={page.replace('/', '%2F')}"


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
@pytest.mark.parametrize("name", PAGES_AFTER_SIGN_IN)
def test_pages_after_sign_in_in_each_language(portal_client, language, name):
    BillToFactory(account=portal_client.portal_login.account)
    PaymentProfileFactory(account=portal_client.portal_login.account)
    response = portal_client.get(url(name, language=language))
    assert response.status_code == 200
    assert portal_client.portal_login.user_id in response.content.decode()
    assert REFUSAL_WORDS[language][2] in response.content.decode()  # "User ID" in the nav


@pytest.mark.parametrize("count", [5, 50])
def test_invoices_list_the_last_20_in_constant_queries(
    portal_client, django_assert_num_queries, count
):
    for _ in range(count):
        InvoiceFactory(account=portal_client.portal_login.account)
    InvoiceFactory()  # another account's
    # session, portal login, invoices
    with django_assert_num_queries(3):
        response = portal_client.get(url("invoices"))
    assert len(response.context["invoices"]) == min(count, 20)


@pytest.mark.parametrize("lines", [1, 10])
def test_invoice_page_constant_queries_and_other_accounts_404(
    portal_client, django_assert_num_queries, lines
):
    invoice = InvoiceFactory(account=portal_client.portal_login.account)
    InvoiceLineFactory.create_batch(lines, invoice=invoice)
    with django_assert_num_queries(4):
        response = portal_client.get(url("invoice", invoice.pk, language="es"))
    assert response.status_code == 200
    assert "120,00\xa0US$" in response.content.decode()
    assert "data-print-button hidden" in response.content.decode()  # shown by print.js only
    assert portal_client.get(url("invoice", InvoiceFactory().pk)).status_code == 404


def test_subscriptions_constant_queries(portal_client, django_assert_num_queries):
    account = portal_client.portal_login.account
    SubscriptionFactory(account=account)
    with django_assert_num_queries(3):
        portal_client.get(url("subscriptions"))
    SubscriptionFactory.create_batch(4, account=account)
    with django_assert_num_queries(3):
        response = portal_client.get(url("subscriptions"))
    assert len(response.context["subscriptions"]) == 5


def test_bill_to_saves_and_records_but_country_stays(portal_client):
    address = BillToFactory(account=portal_client.portal_login.account)
    response = portal_client.post(
        url("bill-to"),
        {
            "company_name": "Initech LLC",
            "street": "2 Main Street",
            "city": "Dallas",
            "region": "TX",
            "postal_code": "75201",
            "email": "billing@initech.example",
            "country": "BR",
        },
    )
    assert response.status_code == 302
    address.refresh_from_db()
    assert address.company_name == "Initech LLC" and address.country == "US"
    activity = Activity.objects.get(action="bill_to_changed")
    assert activity.before["city"] == "Austin" and activity.after["city"] == "Dallas"


@pytest.mark.parametrize(
    "bad",
    [
        {"postal_code": "<script>"},
        {"email": "not-an-email"},
        {"city": ""},
        # Markup is refused here as Billing Info refuses it: one address rule for both.
        {"city": "<b>Dallas</b>"},
        {"street": "{{ 7*7 }}"},
        {"company_name": "Initech <script>"},
        {"postal_code": "7"},
    ],
)
def test_bill_to_bad_input_changes_nothing(portal_client, bad):
    address = BillToFactory(account=portal_client.portal_login.account)
    data = {
        "company_name": "Initech",
        "street": "1 Main Street",
        "city": "Austin",
        "postal_code": "78701",
        "email": "ap@initech.example",
        **bad,
    }
    response = portal_client.post(url("bill-to", language="es"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    address_now = BillTo.objects.get(pk=address.pk)
    assert (
        address_now.company_name,
        address_now.street,
        address_now.city,
        address_now.postal_code,
        address_now.email,
    ) == ("Initech", "1 Main Street", "Austin", "78701", "ap@initech.example")
    assert not Activity.objects.exists()


def test_payment_profile_shows_the_card(portal_client):
    PaymentProfileFactory(account=portal_client.portal_login.account)
    content = portal_client.get(url("payment-profile")).content.decode()
    assert "Visa ending in 4242" in content


def test_add_seats_review_then_place(client, persona):
    diego = persona("diego")
    login = PortalLogin.objects.get(user_id="GLOBEX-4471")
    session = client.session
    session[SESSION_KEY] = login.pk
    session.save()
    webinar = Subscription.objects.get(account=diego.account, product__code="gotowebinar")
    add_seats = url("add-seats", webinar.pk, language="pt-br")
    assert client.get(add_seats).status_code == 200

    review = client.post(add_seats, {"step": "review", "seats": "5"})
    assert review.status_code == 200
    assert review.context["seats_added"] == 2
    assert "€\xa0238,00" in review.content.decode()  # 2 seats x € 119,00, monthly
    webinar.refresh_from_db()
    assert webinar.licenses == 3  # nothing changes before the order is placed

    order_key = review.context["order_key"]
    with committed():
        placed = client.post(
            add_seats,
            {"step": "place", "seats": "5", "seats_reviewed": "3", "order_key": order_key},
        )
    assert placed.status_code == 302
    webinar.refresh_from_db()
    assert webinar.licenses == 5
    order = ServiceOrder.objects.get()
    assert (order.seats_before, order.seats_after, order.portal_login) == (3, 5, login)
    email = MailboxMessage.objects.filter(recipient=diego.email).first()
    assert order.number in email.subject and "Ordem de serviço" in email.subject
    activity = Activity.objects.get(action="order_placed")
    assert activity.actor == diego and activity.after["licenses"] == 5


@pytest.mark.parametrize(
    "data",
    [
        {"step": "review", "seats": "2"},  # fewer than now
        {"step": "review", "seats": "abc"},
        {"step": "review", "seats": "١٢"},  # digits of other scripts
        {"step": "review", "seats": "１２"},
        {"step": "place", "seats": "١٢", "seats_reviewed": "٣"},
        {"step": "review", "seats": "999999999"},
        {"step": "place", "seats": "6", "seats_reviewed": "2"},  # changed since the review
        {"step": "place", "seats": "3", "seats_reviewed": "3"},  # adds nothing
        {"step": "place", "seats": "x"},
        {"step": "place", "seats": "4", "seats_reviewed": "3", "order_key": None},  # no key
        {"step": "place", "seats": "4", "seats_reviewed": "3", "order_key": "<x>"},
    ],
)
def test_add_seats_bad_input_changes_nothing(portal_client, data):
    data = {"order_key": str(uuid.uuid4()), **data}
    if data["order_key"] is None:
        del data["order_key"]
    subscription = SubscriptionFactory(account=portal_client.portal_login.account, licenses=3)
    response = portal_client.post(url("add-seats", subscription.pk, language="es"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    subscription.refresh_from_db()
    assert subscription.licenses == 3
    assert not ServiceOrder.objects.exists() and not Activity.objects.exists()
    assert not MailboxMessage.objects.exists()


def test_add_seats_of_another_account_is_404(portal_client):
    other = SubscriptionFactory()
    response = portal_client.post(
        url("add-seats", other.pk), {"step": "place", "seats": "9", "seats_reviewed": "5"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.licenses == 5


def reviewed(client, subscription, seats: int, *, language: str = "en") -> dict:
    """Add Seats' review of `seats` in all: the Place service order form's data, as sent."""
    page = url("add-seats", subscription.pk, language=language)
    review = client.post(page, {"step": "review", "seats": str(seats)})
    assert review.status_code == 200 and not review.context["form"].errors
    order_form = review.context["order_form"]
    return {
        "step": "place",
        "seats": str(order_form.initial["seats"]),
        "seats_reviewed": str(order_form.initial["seats_reviewed"]),
        "order_key": str(review.context["order_key"]),
    }


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "not the service order you reviewed"),
        ("es", "no es el pedido de servicio que revisó"),
        ("pt-br", "não é a ordem de serviço que você revisou"),
    ],
)
def test_add_seats_places_exactly_what_was_reviewed(portal_client, language, words):
    """A review of 3 -> 8 seats (+5) whose hidden quantity is edited to 7 (+4) before Place
    service order: refused with a message, nothing placed; the untouched review places +5."""
    subscription = SubscriptionFactory(account=portal_client.portal_login.account, licenses=3)
    page = url("add-seats", subscription.pk, language=language)
    data = reviewed(portal_client, subscription, 8, language=language)
    for edited in ({"seats": "7"}, {"seats_reviewed": "2", "seats": "7"}):
        refused = portal_client.post(page, {**data, **edited})
        assert refused.status_code == 200 and words in refused.content.decode()
        subscription.refresh_from_db()
        assert subscription.licenses == 3 and not ServiceOrder.objects.exists()
    assert portal_client.post(page, data).status_code == 302
    subscription.refresh_from_db()
    order = ServiceOrder.objects.get()
    assert subscription.licenses == 8 and (order.seats_before, order.seats_after) == (3, 8)


def test_add_seats_places_no_order_it_did_not_review(portal_client):
    """A Place service order whose key no review of this session issued (made up, or another
    subscription's review) places nothing."""
    subscription = SubscriptionFactory(account=portal_client.portal_login.account, licenses=3)
    other = SubscriptionFactory(account=portal_client.portal_login.account, licenses=3)
    made_up = {"step": "place", "seats": "4", "seats_reviewed": "3"}
    made_up["order_key"] = str(uuid.uuid4())
    others = reviewed(portal_client, other, 4)
    for data in (made_up, others):
        refused = portal_client.post(url("add-seats", subscription.pk), data)
        assert refused.status_code == 200 and "Review the order again" in refused.content.decode()
    subscription.refresh_from_db()
    other.refresh_from_db()
    assert (subscription.licenses, other.licenses) == (3, 3)
    assert not ServiceOrder.objects.exists()


def test_an_order_from_a_stale_review_is_refused(portal_client):
    """Two reviews made from 3 seats (two tabs): once the first is placed, the second is
    refused, as the seats it was reviewed from changed."""
    subscription = SubscriptionFactory(account=portal_client.portal_login.account, licenses=3)
    first = reviewed(portal_client, subscription, 4)
    second = reviewed(portal_client, subscription, 4)
    assert portal_client.post(url("add-seats", subscription.pk), first).status_code == 302
    again = portal_client.post(url("add-seats", subscription.pk), second)
    assert again.status_code == 200 and "changed to 4" in again.content.decode()
    subscription.refresh_from_db()
    assert subscription.licenses == 4 and ServiceOrder.objects.count() == 1


def test_home_persona_table_has_the_portal_column(client, sample_data):
    content = client.get("/en/").content.decode()

    def cell(key):
        return content.split(f'data-testid="persona-{key}-corp-portal">')[1].split("</td>")[0]

    assert cell("diego").startswith("signs in")  # then his portal credentials
    assert "BC-2c" in cell("elena") and "AC-3c" in cell("elena")
    assert cell("ana") == "—"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "was already placed"),
        ("es", "ya se realizó"),
        ("pt-br", "já foi feita"),
    ],
)
def test_the_same_review_placed_twice_is_placed_once(portal_client, language, words):
    """Back then Place service order, or a double click: one service order, seats raised
    once, and the second answer shows the order already placed."""
    subscription = SubscriptionFactory(account=portal_client.portal_login.account, licenses=3)
    page = url("add-seats", subscription.pk, language=language)
    review = portal_client.post(page, {"step": "review", "seats": "4"})
    data = {
        "step": "place",
        "seats": "4",
        "seats_reviewed": "3",
        "order_key": review.context["order_key"],
    }
    assert portal_client.post(page, data).status_code == 302
    again = portal_client.post(page, data, follow=True)
    assert again.redirect_chain[-1][0] == url("subscriptions", language=language)
    order = ServiceOrder.objects.get()
    content = again.content.decode()
    assert words in content and order.number in content
    subscription.refresh_from_db()
    assert subscription.licenses == 4
    assert Activity.objects.filter(action="order_placed").count() == 1


def test_no_seats_on_a_subscription_pending_cancellation(portal_client):
    """The one rule of both centers: no order on a subscription pending cancellation."""
    subscription = SubscriptionFactory(
        account=portal_client.portal_login.account,
        licenses=3,
        status=Subscription.Status.PENDING_CANCELLATION,
    )
    page = url("add-seats", subscription.pk)
    review = portal_client.post(page, {"step": "review", "seats": "4"})
    assert "pending cancellation" in review.content.decode()
    # Reviewed while active, cancelled before Place service order: the domain refuses.
    Subscription.objects.filter(pk=subscription.pk).update(status=Subscription.Status.ACTIVE)
    data = reviewed(portal_client, subscription, 4)
    Subscription.objects.filter(pk=subscription.pk).update(
        status=Subscription.Status.PENDING_CANCELLATION
    )
    placed = portal_client.post(page, data)
    assert placed.status_code == 200 and "pending cancellation" in placed.content.decode()
    subscription.refresh_from_db()
    assert subscription.licenses == 3 and not ServiceOrder.objects.exists()


def test_subscriptions_are_listed_in_the_products_order(portal_client):
    """`Subscription.objects.with_prices()` is unordered; the portal's list orders it as
    Meta.ordering says, whatever order the rows were made in."""
    account = portal_client.portal_login.account
    made = SubscriptionFactory.create_batch(3, account=account)
    for subscription, order in zip(made, [30, 10, 20], strict=True):
        subscription.product.sort_order = order
        subscription.product.save()
    html = portal_client.get(url("subscriptions")).content.decode()
    shown = sorted(made, key=lambda s: html.index(f"portal-subscription-{s.product.code}"))
    assert shown == [made[1], made[2], made[0]]
