"""The portal's credential check: right, wrong, unknown, lockout, its expiry, a trainer clearing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Activity
from corp_portal.models import LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS
from corp_portal.services import PortalSignInError, portal_lockout_clear, portal_sign_in
from tests.factories import AccountFactory, UserFactory

from .factories import PORTAL_PASSWORD, PortalLoginFactory

pytestmark = pytest.mark.django_db


def refused(user_id, password, now=None) -> str:
    with pytest.raises(PortalSignInError) as error:
        portal_sign_in(user_id=user_id, password=password, now=now)
    return error.value.code


def test_right_password_signs_in_and_resets_the_counter():
    login = PortalLoginFactory(failed_attempts=3)
    signed_in = portal_sign_in(user_id=login.user_id, password=PORTAL_PASSWORD)
    assert signed_in == login
    login.refresh_from_db()
    assert login.failed_attempts == 0 and login.last_sign_in_at is not None


def test_user_id_is_case_and_space_insensitive():
    login = PortalLoginFactory(user_id="GLOBEX-1")
    assert portal_sign_in(user_id="  globex-1 ", password=PORTAL_PASSWORD) == login


def test_wrong_password_and_unknown_user_id_get_the_same_answer():
    login = PortalLoginFactory()
    assert refused(login.user_id, "wrong") == "invalid"
    assert refused("NO-SUCH-ID", PORTAL_PASSWORD) == "invalid"
    login.refresh_from_db()
    assert login.failed_attempts == 1


def test_lockout_after_repeated_failures_then_expiry():
    login = PortalLoginFactory()
    now = timezone.now()
    codes = [refused(login.user_id, "wrong", now) for _ in range(MAX_FAILED_ATTEMPTS)]
    assert codes == ["invalid"] * (MAX_FAILED_ATTEMPTS - 1) + ["locked"]
    # Even the right password is refused while locked.
    assert refused(login.user_id, PORTAL_PASSWORD, now + datetime.timedelta(minutes=1)) == "locked"
    later = now + datetime.timedelta(minutes=LOCKOUT_MINUTES, seconds=1)
    assert portal_sign_in(user_id=login.user_id, password=PORTAL_PASSWORD, now=later) == login


def test_trainer_clears_the_lockout(persona):
    login = PortalLoginFactory(locked_until=timezone.now() + datetime.timedelta(minutes=10))
    assert refused(login.user_id, PORTAL_PASSWORD) == "locked"
    portal_lockout_clear(portal_login=login, actor=persona("trainer"))
    assert portal_sign_in(user_id=login.user_id, password=PORTAL_PASSWORD) == login
    assert Activity.objects.filter(action="portal_lockout_cleared", account=login.account).exists()


def test_admin_action_clears_the_lockout(admin_client):
    login = PortalLoginFactory(
        failed_attempts=2, locked_until=timezone.now() + datetime.timedelta(minutes=10)
    )
    response = admin_client.post(
        "/en/django-admin/corp_portal/portallogin/",
        {"action": "clear_lockout", "_selected_action": [login.pk]},
    )
    assert response.status_code == 302
    login.refresh_from_db()
    assert login.locked_until is None and login.failed_attempts == 0


def test_password_is_stored_hashed():
    login = PortalLoginFactory()
    assert PORTAL_PASSWORD not in login.password
    assert login.check_password(PORTAL_PASSWORD)


def test_admin_sets_a_new_password_hashed(admin_client):
    login = PortalLoginFactory()
    response = admin_client.post(
        f"/en/django-admin/corp_portal/portallogin/{login.pk}/change/",
        {
            "user_id": login.user_id,
            "account": login.account_id,
            "holder": login.holder_id,
            "new_password": "fresh-pass-9",
        },
    )
    assert response.status_code == 302
    login.refresh_from_db()
    assert login.check_password("fresh-pass-9") and "fresh-pass-9" not in login.password
    page = admin_client.get(f"/en/django-admin/corp_portal/portallogin/{login.pk}/change/")
    assert login.password not in page.content.decode()


def test_holder_belongs_to_the_corporate_account():
    login = PortalLoginFactory()
    login.holder = UserFactory()  # of another account
    with pytest.raises(ValidationError, match="member of the account"):
        login.full_clean()
    login.holder = None
    login.account = AccountFactory()  # a standard account
    with pytest.raises(ValidationError, match="managed in the portal"):
        login.full_clean()
