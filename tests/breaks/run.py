"""Re-run the audit of issue 16: break the product on purpose, one rule at a time, and check
that the suite notices. Each break is a text replacement in one product file, applied to a
fresh copy of the committed tree (the worktree is never touched); the named tests must fail.

    .venv/bin/python tests/breaks/run.py            # every break
    .venv/bin/python tests/breaks/run.py money-grouping isolation-bc-invoice

Prints one line per break: caught (the named tests failed) or NOT CAUGHT.
Not collected by pytest (it runs pytest itself).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Break:
    name: str
    what: str
    path: str
    old: str
    new: str
    tests: list[str]


BREAKS = [
    Break(
        "activity-on-rejected-order",
        "an activity row written for every rejected form of a center (a Billing Center order)",
        "core/mixins.py",
        "    def form_invalid(self, form):\n        return self.render_to_response(",
        "    def form_invalid(self, form):\n"
        "        from accounts.services import activity_record\n\n"
        "        activity_record(actor=self.request.user, account=self.account,"
        ' action="order_refused", summary="refused")\n'
        "        return self.render_to_response(",
        ["tests/production/test_hostile_input.py::test_no_input_breaks_a_form[ana]"],
    ),
    Break(
        "no-row-lock-no-F",
        "the domain's licenses act writing the count it read, not F()",
        "accounts/services.py",
        '.update(licenses=F("licenses") + quantity)',
        ".update(licenses=subscription.licenses + quantity)",
        [
            "tests/production/test_concurrency.py::"
            "test_an_order_placed_between_another_orders_read_and_write_is_not_lost"
        ],
    ),
    Break(
        "isolation-bc-invoice",
        "a Billing Center invoice of any account shown to any billing admin",
        "billing_center/views.py",
        "        return Invoice.objects.filter(account=self.account).select_related(\n"
        '            "account",',
        '        return Invoice.objects.select_related(\n            "account",',
        [
            "tests/production/test_security.py::test_billing_center_objects_of_one_account_are_404_to_another"
        ],
    ),
    Break(
        "isolation-portal-invoice",
        "a portal invoice of any account shown to any portal login",
        "corp_portal/views.py",
        "            Invoice.objects.filter(account_id=self.portal_login.account_id)\n"
        '            .select_related("account")',
        '            Invoice.objects.select_related("account")',
        [
            "tests/production/test_security.py::test_portal_objects_of_one_account_are_404_to_another"
        ],
    ),
    Break(
        "money-grouping",
        "money without its thousands separator",
        "core/formatting.py",
        "locale=_current_locale(language), currency_digits=True",
        "locale=_current_locale(language), currency_digits=True, group_separator=False",
        ["tests/billing_center/test_money.py"],
    ),
    Break(
        "n-plus-one-portal-invoices",
        "an N+1 on the portal's invoice list",
        "corp_portal/views.py",
        "        return Invoice.objects.filter(account_id=self.portal_login.account_id)"
        "[:INVOICES_SHOWN]",
        "        latest = list(Invoice.objects.filter(account_id=self.portal_login.account_id)"
        "[:INVOICES_SHOWN])\n"
        "        for row in latest:\n            row.lines.count()\n        return latest",
        [
            "tests/production/test_query_counts.py::test_query_counts_do_not_grow_with_the_account[diego]"
        ],
    ),
    Break(
        "open-redirect",
        "the same-site check letting any `next` through",
        "core/redirects.py",
        "    ):\n        return default\n    parts = urlsplit(url)",
        "    ):\n        return url\n    parts = urlsplit(url)",
        ["tests/production/test_security.py::test_sign_in_never_redirects_off_site"],
    ),
    Break(
        "mailto-greeting",
        "the AC-2 mailto link's greeting changed",
        "locale/es/LC_MESSAGES/django.po",
        '"Hola, %(billing_admin)s:\\n"',
        '"Hola %(billing_admin)s:\\n"',
        ["tests/admin_center/test_views.py::test_ac2_names_the_billing_admin_with_send_email"],
    ),
    Break(
        "order-without-activity",
        "an order placed without its activity entry",
        "accounts/services.py",
        "    activity_record(\n        actor=actor,\n        account=account,\n"
        '        action="order_placed",',
        "    (lambda **kwargs: None)(\n        actor=actor,\n        account=account,\n"
        '        action="order_placed",',
        ["tests/billing_center/test_orders.py::test_add_licenses_summary_then_place_order"],
    ),
    Break(
        "api-any-seat-token",
        "the API letting one seat's token address any seat",
        "api/access.py",
        "token_seat.pk == seat.pk and seat.classroom_id",
        "token_seat.pk and seat.classroom_id",
        ["tests/api/test_seats.py::test_another_seats_token_finds_nothing"],
    ),
    Break(
        "api-session-without-csrf",
        "the API taking a signed-in session's request without its CSRF token",
        "api/authentication.py",
        "            super().enforce_csrf(request)\n",
        "            pass\n",
        ["tests/api/test_access.py::test_a_signed_in_session_must_send_its_csrf_token"],
    ),
    Break(
        "axe-image-and-button",
        "an image without alt and an unnamed button on two pages axe had never seen",
        "templates/admin_center/users.html",
        "{% block content %}",
        '{% block content %}<img src="/static/favicon.ico"><button type="button"></button>',
        ["tests/browser/test_every_page.py::test_every_page_loads_in_a_browser"],
    ),
    # Exercises (lessons): the answer key comes from decisions.py, and the pages record it.
    Break(
        "exercise-answer-decisions",
        "Add Licenses sends an account admin who is not the billing admin to AC-1",
        "accounts/decisions.py",
        "    if user.is_billing_admin:\n        return Outcome.AC_1\n    return Outcome.AC_2",
        "    return Outcome.AC_1",
        [
            "tests/lessons/test_answers.py::"
            "test_each_exercise_s_answer_is_the_tables[bruno-add-licenses]"
        ],
    ),
    Break(
        "exercise-choice-meaning",
        "the wrong-location answer means no outcome (BC-2 is nobody's answer)",
        "lessons/answers.py",
        "    Choice.WRONG_LOCATION: (Outcome.BC_2,),",
        "    Choice.WRONG_LOCATION: (),",
        ["tests/lessons/test_answers.py::test_every_outcome_means_exactly_one_answer"],
    ),
    Break(
        "exercise-landing",
        "an exercise about the landing answered with the end of the path",
        "lessons/answers.py",
        "    return outcomes[0] if exercise.asks == Asks.LANDING else outcomes[-1]",
        "    return outcomes[-1]",
        ["tests/lessons/test_answers.py::test_every_outcome_is_the_answer_to_a_shipped_exercise"],
    ),
    Break(
        "exercise-release",
        "a class seat sees every exercise, released or not",
        "lessons/selectors.py",
        "    if seat.classroom_id is not None:",
        "    if False:",
        ["tests/lessons/test_views.py::test_a_class_seat_sees_only_released_exercises"],
    ),
    Break(
        "exercise-time",
        "the clock of an exercise restarts at every opening",
        "lessons/services.py",
        "    answer, _created = ExerciseAnswer.objects.get_or_create(exercise=exercise)\n"
        "    return answer",
        "    answer, _created = ExerciseAnswer.objects.get_or_create(exercise=exercise)\n"
        "    answer.opened_at = timezone.now()\n    answer.save()\n    return answer",
        ["tests/lessons/test_views.py::test_tries_and_time_are_recorded_per_seat"],
    ),
    Break(
        "exercise-board",
        "the board shows no seat's answers",
        "lessons/board.py",
        "(exercise, answers.get((seat.pk, exercise.pk)))",
        "(exercise, None)",
        [
            "tests/lessons/test_board.py::test_each_seat_s_row_shows_right_wrong_and_not_yet",
            "tests/browser/test_exercises.py::"
            "test_a_trainee_answers_wrong_then_right_and_the_board_shows_it[es]",
        ],
    ),
    Break(
        "exercise-check",
        "every answer is checked right",
        "lessons/answers.py",
        "        return self.chosen == choice_of(self.expected)",
        "        return True",
        [
            "tests/browser/test_exercises.py::"
            "test_a_trainee_answers_wrong_then_right_and_the_board_shows_it[pt-br]"
        ],
    ),
    # Issue 24's blind spots: each passed the whole suite before its rule test.
    Break(
        "token-by-prefix",
        "trainer tokens found by the first 8 characters the tokens page shows, not the hash",
        "api/tokens.py",
        "    return TrainerToken.objects.filter(key_hash=key_hash(key)).first()",
        "    return TrainerToken.objects.filter(key_prefix=key[:8]).first()",
        [
            "tests/api/test_token_forgery.py::"
            "test_a_forged_key_sharing_the_real_key_s_prefix_is_a_401[prefix+tail]"
        ],
    ),
    Break(
        "faults-of-every-seat",
        "switching one seat's faults deletes every seat's faults (no seat filter)",
        "faults/services.py",
        "        SeatFault.objects.filter(seat=seat).exclude(fault__in=wanted).delete()",
        "        SeatFault.objects.exclude(fault__in=wanted).delete()",
        [
            "tests/seats/test_services_touch_only_their_seat.py::"
            "test_a_service_taking_a_seat_touches_no_other_seat[faults.services.seat_faults_set]"
        ],
    ),
    Break(
        "reworded-without-catalog",
        "a sentence reworded in the code without its catalog entry (English on es/pt-br pages)",
        "lessons/views.py",
        '"The course starts in a seat of your own, a fresh copy of the sample world."',
        '"The course starts in a seat of your own: a fresh copy of the sample world."',
        ["tests/test_translations.py::test_every_string_of_the_code_is_in_the_catalog[es]"],
    ),
    Break(
        "course-seats-unlimited",
        "the self-paced course makes seats without the address's seat rate limit",
        "lessons/views.py",
        "        wait = seat_rate_take(request)\n",
        "        wait = None\n",
        [
            "tests/production/test_seat_limits.py::"
            "test_the_api_and_the_course_take_from_one_count_per_address"
        ],
    ),
    Break(
        "prune-window-zero",
        "prune_classes accepting --days 0 (ending classes active seconds ago)",
        "classes/management/commands/prune_classes.py",
        "        if days < PRUNE_MIN_IDLE_DAYS:",
        "        if days < 0:",
        [
            "tests/production/test_seat_limits.py::"
            "test_a_window_under_one_day_is_refused_and_ends_nothing[0]"
        ],
    ),
    # The API's contract (issue 27): the schema and the API agree both ways.
    Break(
        "api-no-credential-is-a-404",
        "a seat's address asked with no credential at all answered as an unknown seat",
        "api/views.py",
        "            raise CredentialsRequired()\n",
        "            pass\n",
        [
            "tests/api/test_contract.py::test_the_api_does_what_its_schema_says",
            "tests/api/test_errors.py::"
            "test_a_seat_asked_with_no_credential_at_all_is_a_401_whoever_it_is[get--existing]",
        ],
    ),
    Break(
        "api-empty-parameter-taken-for-none",
        "a query parameter sent empty taken for a parameter left out",
        "api/serializers.py",
        "    if not html.is_html_input(data):\n        return\n",
        "    return\n",
        [
            "tests/api/test_contract.py::test_the_api_does_what_its_schema_says",
            "tests/api/test_errors.py::test_an_empty_query_parameter_is_a_400_naming_it[get--language]",
        ],
    ),
    Break(
        "api-json-depth-unchecked",
        "a JSON body of any depth read",
        "api/parsers.py",
        "        shape_check(data)\n",
        "",
        ["tests/api/test_limits.py::test_json_a_little_too_deep_is_refused_too"],
    ),
]


def _copy_tree(target: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file():
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    (target / ".venv").symlink_to((ROOT / ".venv").resolve())


def run(chosen: Break) -> bool:
    with tempfile.TemporaryDirectory(prefix="break-") as directory:
        tree = Path(directory)
        _copy_tree(tree)
        path = tree / chosen.path
        text = path.read_text()
        assert text.count(chosen.old) == 1, f"{chosen.name}: the text to break is not in {path}"
        path.write_text(text.replace(chosen.old, chosen.new))
        python = str(tree / ".venv" / "bin" / "python")
        subprocess.run(
            [
                str(tree / ".venv" / "bin" / "pybabel"),
                "compile",
                "--domain",
                "django",
                "--directory",
                "locale",
            ],
            cwd=tree,
            check=True,
            capture_output=True,
        )
        env = {**os.environ, "DJANGO_ALLOW_ASYNC_UNSAFE": "true"}
        result = subprocess.run(
            [python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *chosen.tests],
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
        )
        return result.returncode == 1  # tests ran and failed (not a collection error)


def main(names: list[str]) -> int:
    chosen = [b for b in BREAKS if not names or b.name in names]
    missed = 0
    for item in chosen:
        caught = run(item)
        missed += not caught
        verdict = "caught" if caught else "NOT CAUGHT"
        print(f"{verdict:10} {item.name}: {item.what} -> {' '.join(item.tests)}", flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
