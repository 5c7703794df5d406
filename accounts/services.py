"""Writes of the shared domain that other apps call."""

from .models import Account, Activity, User


def activity_record(
    *,
    actor: User | None,
    account: Account | None,
    action: str,
    summary: str,
    before: dict | None = None,
    after: dict | None = None,
) -> Activity:
    """Record a write that matters: who did it, to which account, what changed."""
    return Activity.objects.create(
        actor=actor,
        actor_label=actor.email if actor else "",
        account=account,
        action=action,
        summary=summary,
        before=before or {},
        after=after or {},
    )
