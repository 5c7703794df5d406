"""The browser half of the course material (`course_material.py`): a server of this Django
project in a thread, a seat made for the capture, and Playwright driving Chromium through each
persona's path with the real sign-in forms, one picture per shot.

Nobody's data changes: the capture works in a seat of its own (`seat_create`, with no class),
deleted at the end, whatever happens. One browser for the whole run and one context per
language, reused: each persona's path starts clean in a new session of the seat, signed in
as nobody, and signs in with the center's own form.
"""

import asyncio
import contextlib
import threading
from collections import defaultdict
from importlib import import_module
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.servers.basehttp import (
    ThreadedWSGIServer,
    WSGIRequestHandler,
    get_internal_wsgi_application,
)
from django.db import connections
from django.http.request import validate_host
from django.urls import reverse
from django.utils import timezone, translation

from accounts.decisions import Outcome, PathEnd
from core.centers import ADMIN_CENTER, BILLING_CENTER
from core.chromium import CHROMIUM_ARGS
from sandbox.guide import TABLES, Table
from sandbox.personas import PersonaRow, persona_rows
from sandbox.worlds import seat_create, seat_delete
from seats.middleware import SESSION_KEY as SEAT_SESSION_KEY
from seats.models import Seat
from seats.scope import seat_scope

from .course_material import (
    PAGES_SECTION,
    STALE_AFTER,
    Progress,
    Reporter,
    Shot,
    handout_write,
    shots_plan,
    zip_write,
)

VIEWPORT = {"width": 1280, "height": 860}
# What the pictures leave out: the capture seat's own tools and the trainer notes (a
# handout is for trainees), hidden by a style added to every page of the capture's browser.
HIDDEN = ".seat-tools, .trainer-note, .trainer-notes-toggle { display: none !important; }"
HIDE_SCRIPT = (
    "document.addEventListener('DOMContentLoaded', () => {"
    " const style = document.createElement('style');"
    f" style.textContent = {HIDDEN!r};"
    " document.head.appendChild(style); });"
)
WAIT_MS = 15_000
# The name of the seat a run makes (and deletes): no class, no trainee.
CAPTURE_SEAT_NAME = "capture_screens"


class CaptureError(Exception):
    """A page did not show what the decisions say it shows: the message says which."""


# The server -----------------------------------------------------------------------------


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        pass


def _site_host() -> str | None:
    """The host to present the capture's requests as: None when the loopback address is
    allowed (development, tests); else the first host ALLOWED_HOSTS names plainly."""
    if validate_host("127.0.0.1", settings.ALLOWED_HOSTS):
        return None
    plain = [h for h in settings.ALLOWED_HOSTS if h and h[0] not in ".*"]
    return plain[0] if plain else None


class SiteRequests:
    """Presents the capture's requests to 127.0.0.1 as requests to the site itself, where
    production allows only its own host name over https: Host, scheme, Origin and Referer."""

    def __init__(self, app, host: str, secure: bool):
        self.app, self.host, self.scheme = app, host, "https" if secure else "http"

    def __call__(self, environ, start_response):
        environ["HTTP_HOST"] = self.host
        environ["wsgi.url_scheme"] = self.scheme
        environ.pop("HTTP_X_FORWARDED_PROTO", None)
        for header in ("HTTP_ORIGIN", "HTTP_REFERER"):
            if header in environ:
                parts = urlsplit(environ[header])
                environ[header] = urlunsplit((self.scheme, self.host, *parts[2:]))
        return self.app(environ, start_response)


class OneAtATime:
    """Answers one request at a time: the threads share one database connection (the tests'
    in-memory SQLite), which cannot hold two requests' transactions at once."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            return self.app(environ, start_response)


def capture_app():
    """This project's WSGI application, with its static files (whitenoise serves them where
    it is installed, else Django's static files handler)."""
    app = get_internal_wsgi_application()
    if "whitenoise.middleware.WhiteNoiseMiddleware" not in settings.MIDDLEWARE:
        from django.contrib.staticfiles.handlers import StaticFilesHandler

        app = StaticFilesHandler(app)
    host = _site_host()
    if host is not None:
        app = SiteRequests(app, host, secure=getattr(settings, "SECURE_SSL_REDIRECT", False))
    return app


@contextlib.contextmanager
def capture_server():
    """Django's own threaded WSGI server on 127.0.0.1, on a free port, for the run only."""
    # An in-memory SQLite database (the tests') is one connection shared with the server's
    # threads, as Django's LiveServerTestCase does.
    overrides = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    for conn in overrides.values():
        conn.inc_thread_sharing()
    server = ThreadedWSGIServer(
        ("127.0.0.1", 0),
        _QuietHandler,
        allow_reuse_address=False,
        connections_override=overrides or None,
    )
    server.set_app(OneAtATime(capture_app()) if overrides else capture_app())
    thread = threading.Thread(target=server.serve_forever, name="capture_server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        for conn in overrides.values():
            conn.dec_thread_sharing()


def seat_session_new(seat) -> str:
    """A new session in `seat`, signed in as nobody (what `seats.middleware.seat_enter`
    leaves): its key, for the browser's session cookie."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SEAT_SESSION_KEY] = seat.pk
    store.create()
    return store.session_key


# The browser ----------------------------------------------------------------------------


class Browsing:
    """One language's context: the seat's join URL, the sign-in forms, the steps of a path."""

    def __init__(self, page, *, language: str, sessions, base_url: str):
        self.page = page
        self.language = language
        self.sessions = sessions  # new sessions in the seat, one per path
        self.base_url = base_url

    def url(self, name: str, **kwargs) -> str:
        with translation.override(self.language):
            return reverse(name, kwargs=kwargs or None)

    async def enter_seat(self) -> None:
        """In the capture's seat, signed out of everyone: a new session in the seat, as its
        join URL (`seats:enter`) makes, given to the browser without loading a page. (Made
        beforehand: no database query may run while Playwright's loop runs.)"""
        context = self.page.context
        await context.clear_cookies()
        await context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": next(self.sessions),
                    "url": self.base_url,
                }
            ]
        )

    async def wait(self, selector: str, expected: str) -> None:
        from playwright.async_api import Error

        try:
            await self.page.wait_for_selector(selector, state="attached", timeout=WAIT_MS)
        except Error as error:
            raise CaptureError(
                f"{expected} was expected at {self.page.url} ({self.language}) and did not come."
            ) from error

    async def wait_outcome(self, outcome: Outcome) -> None:
        await self.wait(f'body[data-outcome="{outcome.value}"]', outcome.value)

    async def sign_in(self, center, email: str) -> None:
        """A center's sign-in form, as a trainee fills it in (email, the sandbox password)."""
        await self.page.goto(f"{self.url(center.sign_in_url_name)}?{urlencode({'email': email})}")
        await self.page.locator("input[name=password]").fill(settings.SANDBOX_PASSWORD)
        await self.page.get_by_test_id("sign-in-submit").click()
        await self.page.wait_for_load_state("load")

    async def portal_sign_in(self, user_id: str, password: str) -> None:
        await self.page.locator("#id_user_id").fill(user_id)
        await self.page.locator("#id_password").fill(password)
        await self.page.get_by_test_id("portal-sign-in-submit").click()
        await self.page.wait_for_load_state("load")

    async def portal_attempt(self, row: PersonaRow, refusal: Outcome) -> Outcome | PathEnd:
        """At the portal's sign-in: the holder of a portal login signs in with it; anyone else
        tries their LogMeIn ID, and is refused."""
        if row.portal_user_id:
            await self.portal_sign_in(row.portal_user_id, settings.SANDBOX_PORTAL_PASSWORD)
            await self.wait("[data-testid=portal-nav]", PathEnd.PORTAL_SIGNED_IN.value)
            return PathEnd.PORTAL_SIGNED_IN
        await self.portal_sign_in(row.user.email, settings.SANDBOX_PASSWORD)
        await self.wait_outcome(refusal)
        return refusal

    async def play(self, row: PersonaRow, table: Table, wanted: dict, shoot) -> None:
        """Walk `row`'s path through `table` as the article tells it, calling `shoot(shot)` on
        each step that `wanted` (step -> shot) names."""
        await self.enter_seat()
        path = row.billing_center_path if table.center is BILLING_CENTER else row.admin_center_path
        for step in path:
            await self.step_reach(row, table, step)
            if step in wanted:
                await shoot(wanted[step])

    async def step_reach(self, row: PersonaRow, table: Table, step) -> None:
        page = self.page
        if step in (Outcome.BC_1, Outcome.BC_2):
            await self.sign_in(BILLING_CENTER, row.user.email)
            await self.wait_outcome(step)
        elif step in (Outcome.BC_2A, Outcome.BC_2B):
            await page.get_by_test_id("bc-account-profile").click()
            await self.wait_outcome(step)
        elif step is PathEnd.ADMIN_CENTER_REFUSED:
            await self.sign_in(ADMIN_CENTER, row.user.email)
            await self.wait("[data-testid=admin-center-refused]", step.value)
        elif step in (Outcome.AC_1, Outcome.AC_2, Outcome.AC_3):
            await self.sign_in(ADMIN_CENTER, row.user.email)
            await self.wait("[data-testid=admin-center-nav]", "the Admin Center")
            add_licenses = self.url("admin_center:add-licenses")
            await page.locator(f"[data-testid=admin-center-nav] a[href='{add_licenses}']").click()
            await self.wait_outcome(step)
        elif step in (Outcome.BC_2C, Outcome.AC_3C, PathEnd.PORTAL_SIGNED_IN):
            if table.center is BILLING_CENTER:
                await page.get_by_test_id("bc-go-to-billing").click()
                refusal = Outcome.BC_2C
            else:
                await page.get_by_test_id("corp-portal-link").click()
                refusal = Outcome.AC_3C
            await self.wait("#id_user_id", "the Corporate Billing Portal's sign-in")
            reached = await self.portal_attempt(row, refusal)
            if reached != step:
                raise CaptureError(f"{row.persona.key} reached {reached}, not {step}.")
        else:  # a step added to the decisions without its way here
            raise CaptureError(f"No way to reach {step} is written in screen_capture.py.")

    async def main_pages(self, row: PersonaRow | None, shots: list[Shot], shoot) -> None:
        """Sign `row` in to the pages' center (nobody for a sign-in page) and visit each."""
        await self.enter_seat()
        center = shots[0].page.center
        if row is not None:
            if center is BILLING_CENTER:
                await self.sign_in(BILLING_CENTER, row.user.email)
            elif center is ADMIN_CENTER:
                await self.sign_in(ADMIN_CENTER, row.user.email)
            else:
                await self.page.goto(self.url("corp_portal:sign-in"))
                await self.portal_sign_in(row.portal_user_id, settings.SANDBOX_PORTAL_PASSWORD)
        for shot in shots:
            await self.page.goto(self.url(shot.page.url_name))
            await self.wait("h1", shot.page.slug)
            await shoot(shot)


def journeys(shots: list[Shot]):
    """The shots grouped into browser journeys: (row, table, {step: shot}) for each persona's
    path through a table, then (row, [shots]) for each persona's main pages of a center."""
    paths: dict = {}
    pages: dict = defaultdict(list)
    tables = {table.slug: table for table in TABLES}
    for shot in shots:
        if shot.section == PAGES_SECTION:
            pages[(shot.persona_key, shot.page.center.namespace)].append(shot)
        else:
            key = (shot.persona_key, shot.section)
            paths.setdefault(key, (shot.row, tables[shot.section], {}))[2][shot.step] = shot
    return list(paths.values()), list(pages.values())


def leftover_seats_delete() -> None:
    """The seats of runs whose process died before deleting them (no class, the capture's
    name, older than a run can last): nobody else's seat."""
    limit = timezone.now() - STALE_AFTER
    for seat in Seat.objects.filter(
        classroom__isnull=True, display_name=CAPTURE_SEAT_NAME, created_at__lt=limit
    ):
        seat_delete(seat=seat)


def capture_run(*, out: Path, chromium: str, language_codes: list[str], only, echo) -> Progress:
    """The whole run: seat, server, browser, pictures, handouts, PDFs, zip; the seat is
    deleted at the end whatever happens."""
    leftover_seats_delete()
    seat = seat_create(display_name=CAPTURE_SEAT_NAME)
    try:
        with seat_scope(seat):
            rows = persona_rows()
        shots = shots_plan(rows, only=only)
        unknown = set(only or ()) - {shot.id for shot in shots_plan(rows)}
        if unknown:
            known = ", ".join(dict.fromkeys(shot.id for shot in shots_plan(rows)))
            raise CaptureError(f"No shot is called {', '.join(sorted(unknown))}. Known: {known}.")
        reporter = Reporter(
            out=out, total=len(shots) * len(language_codes) + 2 * len(language_codes) + 1, echo=echo
        )
        try:
            _in_a_thread_of_its_own(_capture, out, chromium, language_codes, shots, seat, reporter)
        except Exception as error:
            reporter.end(state="failed", message=f"{error}")
            raise
        reporter.end(state="done")
        return reporter.progress
    finally:
        seat_delete(seat=seat)


def _in_a_thread_of_its_own(function, *args) -> None:
    """Run `function` in a new thread and wait for it, raising what it raised: Playwright's
    synchronous API refuses a thread where an event loop already runs (a caller's own
    Playwright, as in the browser tests), and Django refuses queries where one does."""
    failure = []

    def run():
        try:
            function(*args)
        except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
            failure.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name="capture_screens_browser")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def _capture(out, chromium, language_codes, shots, seat, reporter) -> None:
    path_journeys, page_journeys = journeys(shots)
    count = len(language_codes) * (len(path_journeys) + len(page_journeys))
    sessions = iter([seat_session_new(seat) for _ in range(count)])
    with capture_server() as base_url:
        asyncio.run(
            _capture_languages(out, chromium, language_codes, shots, sessions, base_url, reporter)
        )
    pictures = [Path(out) / shot.path(language) for language in language_codes for shot in shots]
    handouts = [
        Path(out) / f"handout-{language}.{kind}"
        for language in language_codes
        for kind in ("html", "pdf")
    ]
    zip_write(out=out, files=handouts + pictures)
    reporter.step("zip")


async def _capture_languages(out, chromium, language_codes, shots, sessions, base_url, reporter):
    """One browser; the languages side by side, each in a context of its own (the server
    answers them in threads, the browser renders them in processes of its own)."""
    from playwright.async_api import async_playwright

    path_journeys, page_journeys = journeys(shots)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)

        async def language_capture(language: str) -> None:
            (Path(out) / language).mkdir(parents=True, exist_ok=True)
            context = await browser.new_context(
                base_url=base_url, locale=language, viewport=VIEWPORT, bypass_csp=True
            )
            await context.add_init_script(HIDE_SCRIPT)
            page = await context.new_page()
            browsing = Browsing(page, language=language, sessions=sessions, base_url=base_url)
            headings: dict[str, str] = {}

            async def shoot(shot: Shot) -> None:
                if shot.page is not None:
                    headings[shot.name] = await page.locator("h1").first.inner_text()
                await page.screenshot(path=str(Path(out) / shot.path(language)))
                reporter.step(f"{shot.id} {shot.persona_key} {language}")

            for row, table, wanted in path_journeys:
                await browsing.play(row, table, wanted, shoot)
            for page_shots in page_journeys:
                await browsing.main_pages(page_shots[0].row, page_shots, shoot)
            handout = handout_write(
                out=out, language=language, shots=shots, headings={language: headings}
            )
            reporter.step(f"handout {language}")
            await page.goto(handout.resolve().as_uri(), wait_until="load")
            await page.pdf(
                path=str(handout.with_suffix(".pdf")), format="A4", print_background=True
            )
            reporter.step(f"PDF {language}")
            await context.close()

        try:
            await asyncio.gather(*(language_capture(language) for language in language_codes))
        finally:
            await browser.close()
