"""The strict Content-Security-Policy in a real browser: pages and the Django admin still work
offline, and the browser reports no blocked script or style."""

import pytest


@pytest.fixture
def csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return violations


def test_home_under_csp_keeps_bootstrap(page, browser_sample_data, csp_violations):
    page.goto("/en/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    assert page.get_by_test_id("persona-table").is_visible()
    assert csp_violations == []


def test_django_admin_works_offline_under_csp(
    browser, live_server, browser_sample_data, django_user_model
):
    # Its own context: axe checks our pages, not Django's admin.
    django_user_model.objects.create_superuser("admin@sandbox.example", "admin-pass-2026")
    context = browser.new_context(locale="en-US", base_url=live_server.url)
    page = context.new_page()
    messages, outside = [], []
    page.on("console", lambda message: messages.append(message.text))
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    try:
        page.goto("/en/django-admin/")
        page.fill("#id_username", "admin@sandbox.example")
        page.fill("#id_password", "admin-pass-2026")
        page.click("input[type=submit]")
        page.wait_for_url("**/en/django-admin/")
        # The admin's own stylesheet applies: its header is not the browser's default.
        assert (
            page.evaluate("getComputedStyle(document.querySelector('#header')).display") == "flex"
        )
        page.goto("/en/django-admin/axes/accessattempt/")
        assert page.get_by_role("heading", name="Select access attempt to change").is_visible()
        from accounts.models import Subscription

        subscription_id = Subscription.objects.values_list("pk", flat=True).first()
        page.goto(f"/en/django-admin/accounts/subscription/{subscription_id}/change/")
        page.wait_for_load_state("networkidle")
        # The admin's scripts ran: they add the "Today" shortcut beside date fields.
        assert page.locator(".datetimeshortcuts").count() >= 1
    finally:
        context.close()
    assert [m for m in messages if "Content Security Policy" in m or "Refused" in m] == []
    assert outside == []
