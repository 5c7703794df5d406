"""The one place a seat's trainee reaching an outcome is recorded for the class's board: every
outcome page is a view that hands its template `outcome` (docs/architecture.md), and this
middleware reads it from the view's response before the page is rendered.

Recorded in every seat but the default one (nothing, and no query, there), as it always was:
a seat of no class (the API's, the self-paced course's) keeps its record too, though no board
shows it. The first time stays (`services.outcome_reached_record`), and a page shown again
writes nothing (`services.records_written`).
"""

from django.utils.deprecation import MiddlewareMixin

from accounts.decisions import Outcome

from .services import outcome_shown_record


def outcome_shown(response) -> Outcome | None:
    """The outcome a template response is about to show, if any."""
    outcome = (response.context_data or {}).get("outcome")
    return Outcome(outcome) if outcome in Outcome.values else None


class OutcomeReachedMiddleware(MiddlewareMixin):
    """Records the outcome a page of a seat shows (`process_template_response`)."""

    def process_template_response(self, request, response):
        seat = getattr(request, "joined_seat", None)  # None: the default seat
        if seat is not None:
            outcome = outcome_shown(response)
            if outcome is not None:
                outcome_shown_record(seat=seat, outcome=outcome)
        return response
