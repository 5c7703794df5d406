"""Course material from the browser: every outcome page and the main pages of each center,
captured per persona and per language, then a printable handout per language (HTML and PDF)
and a zip of all of it (`capture_screens`, and the trainer's Course material page).

What to capture is asked of the decision functions, never listed by hand: `shots_plan` walks
the scenario guide's two tables (`guide.TABLES`, the article's order) and, for each branch,
the personas whose path (`personas.persona_rows`) goes through it. The browser part
(`screen_capture.py`) plays each persona's path with the real sign-in forms, in a seat made for
the capture and deleted afterwards, so nobody's data changes; `runs.py` starts a run (the command's,
or the trainer's button's in the background).

The output folder:

    en/01-BC-1-ana.png ...        one picture per shot and language (outcome id, persona)
    handout-en.html, .pdf ...     the handout of each language, pictures in table order
    course-material.zip           all of the above
    progress.json                 how far the run is (the trainer's page reads it)
"""

import datetime
import json
import os
import threading
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.decisions import Outcome, PathEnd, Step
from core.centers import ADMIN_CENTER, BILLING_CENTER, CORPORATE_BILLING_PORTAL, Center
from sandbox.guide import TABLES, Branch, Table
from sandbox.personas import PersonaRow

ZIP_NAME = "course-material.zip"
PROGRESS_NAME = "progress.json"
# The persona part of a file name for a page seen signed out (a center's sign-in).
VISITOR = "visitor"
# A "running" progress file not written for this long belongs to a run that died.
STALE_AFTER = datetime.timedelta(minutes=10)


class CaptureUnavailable(Exception):
    """Chromium or Playwright is missing: the message says which, plainly."""


@dataclass(frozen=True)
class MainPage:
    """A main page of a center, seen by the persona `who` picks (None: signed out)."""

    center: Center
    url_name: str
    slug: str


# The main pages of each center, in the order of their navigation.
MAIN_PAGES = (
    MainPage(BILLING_CENTER, "billing_center:sign-in", "billing-center-sign-in"),
    MainPage(BILLING_CENTER, "billing_center:subscriptions", "billing-center-subscriptions"),
    MainPage(BILLING_CENTER, "billing_center:payment-method", "billing-center-payment-method"),
    MainPage(BILLING_CENTER, "billing_center:billing-info", "billing-center-billing-info"),
    MainPage(BILLING_CENTER, "billing_center:billing-history", "billing-center-billing-history"),
    MainPage(BILLING_CENTER, "billing_center:activity", "billing-center-activity"),
    MainPage(BILLING_CENTER, "billing_center:my-account", "billing-center-my-account"),
    MainPage(ADMIN_CENTER, "admin_center:sign-in", "admin-center-sign-in"),
    MainPage(ADMIN_CENTER, "admin_center:home", "admin-center-overview"),
    MainPage(ADMIN_CENTER, "admin_center:users", "admin-center-users"),
    MainPage(CORPORATE_BILLING_PORTAL, "corp_portal:sign-in", "corp-portal-sign-in"),
    MainPage(CORPORATE_BILLING_PORTAL, "corp_portal:invoices", "corp-portal-invoices"),
    MainPage(CORPORATE_BILLING_PORTAL, "corp_portal:subscriptions", "corp-portal-subscriptions"),
    MainPage(CORPORATE_BILLING_PORTAL, "corp_portal:bill-to", "corp-portal-bill-to"),
    MainPage(
        CORPORATE_BILLING_PORTAL, "corp_portal:payment-profile", "corp-portal-payment-profile"
    ),
)
PAGES_SECTION = "main-pages"


@dataclass(frozen=True)
class Shot:
    """One picture of the handout: a step of a table's path (an outcome, or a path's end),
    or a main page of a center, as `row`'s persona sees it (None: signed out)."""

    number: int
    section: str  # a table's slug, or PAGES_SECTION
    row: PersonaRow | None
    step: Step | None = None
    page: MainPage | None = None

    @property
    def id(self) -> str:
        """The outcome id (or path end) or the main page's slug: the file name's first part."""
        return self.step.value if self.step is not None else self.page.slug

    @property
    def persona_key(self) -> str:
        return self.row.persona.key if self.row is not None else VISITOR

    @property
    def persona_name(self) -> str:
        return self.row.user.get_full_name() if self.row is not None else str(_("Signed out"))

    @property
    def name(self) -> str:
        """`03-BC-2b-diego`: the order, the outcome id and the persona."""
        return f"{self.number:02d}-{self.id}-{self.persona_key}"

    def path(self, language: str) -> str:
        """The picture's path in the output folder, relative (the handout's `src`)."""
        return f"{language}/{self.name}.png"


def _branches(branches: tuple[Branch, ...]):
    for branch in branches:
        yield branch
        yield from _branches(branch.children)


def table_steps(table: Table) -> list[Step]:
    """The steps of `table`'s branches in the article's order (depth first)."""
    return [branch.step for step in table.steps for branch in _branches(step.branches)]


def table_path(row: PersonaRow, table: Table) -> list[Step]:
    return row.billing_center_path if table.center is BILLING_CENTER else row.admin_center_path


def main_page_persona(page: MainPage, rows: list[PersonaRow]) -> PersonaRow | None:
    """Who can see `page`: nobody signed in for a sign-in page; else the first persona the
    decisions let in (the Billing Center's billing admin, an account admin, a portal login's
    holder)."""
    if page.url_name.endswith(":sign-in"):
        return None
    if page.center is BILLING_CENTER:
        chosen = [r for r in rows if r.billing_center_path[:1] == [Outcome.BC_1]]
    elif page.center is ADMIN_CENTER:
        chosen = [r for r in rows if PathEnd.ADMIN_CENTER_REFUSED not in r.admin_center_path]
    else:
        chosen = [r for r in rows if r.portal_user_id]
    return chosen[0] if chosen else None


def shots_plan(rows: list[PersonaRow], *, only: set[str] | None = None) -> list[Shot]:
    """Every picture, in the handout's order: each table's branches in the article's order,
    each with every persona whose path goes through it; then each center's main pages.

    `only` keeps the shots whose id (outcome id, path end or page slug) it names: a quick
    run of a few pictures. Numbers stay those of the full plan, so a name never changes."""
    shots: list[Shot] = []
    for table in TABLES:
        for step in table_steps(table):
            for row in rows:
                if step in table_path(row, table):
                    shots.append(Shot(len(shots) + 1, table.slug, row, step=step))
    for page in MAIN_PAGES:
        row = main_page_persona(page, rows)
        if row is not None or page.url_name.endswith(":sign-in"):
            shots.append(Shot(len(shots) + 1, PAGES_SECTION, row, page=page))
    if only:
        shots = [shot for shot in shots if shot.id in only]
    return shots


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def chromium_check() -> str:
    """The Chromium to drive (settings.SANDBOX_CHROMIUM), or CaptureUnavailable saying what
    is missing."""
    path = settings.SANDBOX_CHROMIUM
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        raise CaptureUnavailable(
            _(
                "Playwright is not installed, so no screens can be captured. "
                "Install it with: pip install -r requirements.txt"
            )
        ) from error
    if not path or not os.path.isfile(path) or not os.access(path, os.X_OK):
        raise CaptureUnavailable(
            _(
                "Chromium is not installed at %(path)s, so no screens can be captured. "
                "Install it (apt-get install chromium) or set SANDBOX_CHROMIUM to its path."
            )
            % {"path": path}
        )
    return path


# Progress -------------------------------------------------------------------------------


@dataclass
class Progress:
    """How far a run is, written to `progress.json` in the output folder at every step (the
    trainer's page reads it), and told to `echo` (the terminal) when given one."""

    state: str = "running"  # running, done, failed
    done: int = 0
    total: int = 0
    current: str = ""
    message: str = ""
    started_at: str = ""
    updated_at: str = ""

    @classmethod
    def read(cls, out: Path) -> "Progress | None":
        try:
            data = json.loads((Path(out) / PROGRESS_NAME).read_text())
        except (OSError, ValueError):
            return None
        fields = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in fields})

    def write(self, out: Path) -> None:
        self.updated_at = timezone.now().isoformat()
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        temporary = out / f".{PROGRESS_NAME}.{threading.get_ident()}"
        temporary.write_text(json.dumps(asdict(self)))
        os.replace(temporary, out / PROGRESS_NAME)

    @property
    def running(self) -> bool:
        """Running, and heard from lately (a run whose process died counts as failed)."""
        if self.state != "running":
            return False
        try:
            updated = datetime.datetime.fromisoformat(self.updated_at)
        except ValueError:
            return False
        return timezone.now() - updated < STALE_AFTER

    @property
    def finished(self) -> bool:
        return self.state == "done"

    @property
    def updated(self) -> datetime.datetime | None:
        try:
            return datetime.datetime.fromisoformat(self.updated_at)
        except ValueError:
            return None


class Reporter:
    """Counts the steps of a run into `progress` and says each one (`echo`: the terminal)."""

    def __init__(self, *, out: Path, total: int, echo=None):
        self.out = out
        self.echo = echo
        self.progress = Progress(total=total, started_at=timezone.now().isoformat())
        self.progress.write(out)

    def step(self, label: str) -> None:
        self.progress.done += 1
        self.progress.current = label
        self.progress.write(self.out)
        if self.echo:
            self.echo(f"{self.progress.done}/{self.progress.total} {label}")

    def end(self, *, state: str, message: str = "") -> None:
        self.progress.state = state
        self.progress.message = message
        self.progress.write(self.out)


# The handout ----------------------------------------------------------------------------


@dataclass
class HandoutSection:
    title: str | Promise
    figures: list[dict]


def shot_caption(shot: Shot, page_heading: str = "") -> str:
    """`BC-2b · Diego Ramos: Account managed in the Corporate Billing Portal: Go to Billing`,
    in the active language; a main page's caption is its center and its own heading."""
    if shot.step is not None:
        what = shot.step.label
    else:
        what = (
            f"{shot.page.center.name} · {page_heading}" if page_heading else shot.page.center.name
        )
    return f"{shot.id} · {shot.persona_name}: {what}"


def handout_sections(shots: list[Shot], headings: dict[str, str]) -> list[HandoutSection]:
    """The handout's sections in the article's order (the active language's words)."""
    sections = []
    titles = {table.slug: table.title for table in TABLES}
    titles[PAGES_SECTION] = _("The main pages of each center")
    for slug, title in titles.items():
        figures = [
            {
                "shot": shot,
                "src": shot.path(translation.get_language()),
                "caption": shot_caption(shot, headings.get(shot.name, "")),
            }
            for shot in shots
            if shot.section == slug
        ]
        if figures:
            sections.append(HandoutSection(title, figures))
    return sections


def handout_write(*, out: Path, language: str, shots: list[Shot], headings: dict) -> Path:
    """`handout-<language>.html`: the pictures under their captions, one section per table."""
    with translation.override(language):
        html = render_to_string(
            "course/handout.html",
            {
                "language": language,
                "sections": handout_sections(shots, headings.get(language, {})),
                "today": timezone.localdate(),
            },
        )
    path = Path(out) / f"handout-{language}.html"
    path.write_text(html, encoding="utf-8")
    return path


def zip_write(*, out: Path, files: list[Path]) -> Path:
    path = Path(out) / ZIP_NAME
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.write(file, Path(file).relative_to(out).as_posix())
    return path


def material_files(out: Path) -> dict[str, list[str]]:
    """What a finished run left, for the download links: the zip, handouts, PDFs."""
    out = Path(out)
    names = sorted(p.name for p in out.glob("handout-*.*")) if out.is_dir() else []
    return {
        "zip": [ZIP_NAME] if (out / ZIP_NAME).is_file() else [],
        "handouts": [n for n in names if n.endswith(".html")],
        "pdfs": [n for n in names if n.endswith(".pdf")],
    }
