"""Writing the sample data of `sample_data.py` into the database, and resetting to it.

Loading never changes what is there: every `make run` and `make serve` loads, and a restart
in the middle of a class must not undo the class's orders. Only `sandbox_reset` restores.
"""

import datetime
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.color import no_style
from django.db import connection, transaction
from modeltranslation.utils import build_localized_fieldname

from accounts.clock import sandbox_today
from accounts.hashers import public_password_hash
from accounts.models import Account, Activity, PlanPrice, PlanTier, Product, Subscription, User
from accounts.services import activity_record
from seats.models import Seat
from seats.scope import current_seat_id

from . import sample_data
from .billing_center_sample_data import billing_center_sample_data_load
from .corp_portal_sample_data import corp_portal_sample_data_load
from .models import Persona, TrainerNote
from .signals import sample_data_loaded
from .trainers import TRAINER_EMAIL, trainer_load


def _translated(field: str, texts: dict[str, str]) -> dict[str, str]:
    """{"en": ..., "pt_br": ...} -> {"name_en": ..., "name_pt_br": ...} for modeltranslation,
    one field for each of settings.LANGUAGES."""
    fields = {}
    for code, _name in settings.LANGUAGES:
        fieldname = build_localized_fieldname(field, code)
        fields[fieldname] = texts[fieldname.removeprefix(f"{field}_")]
    return fields


@transaction.atomic
def sandbox_load(
    *,
    today: datetime.date | None = None,
    trainer_password_hash: str | None = None,
    show_trainer_password: Callable[[str], None] | None = None,
    fresh: bool = False,
) -> None:
    """Create what is missing of the sample data, app by app, and nothing else.

    Every object is looked up by its stable key and created only when absent: what people
    changed (subscriptions, invoices, billing info, cards, portal data, mailbox, activity,
    passwords) stays as they left it, so into an empty database this loads the whole sample
    world and on a sandbox in use it changes nothing. `fresh` says the current seat has no
    row yet (a seat made or emptied a moment ago, in this transaction, by `sandbox.worlds`):
    its rows are then written without looking for them first (no lookup, no savepoint),
    the same rows as the lookups would have written. The trainer is created with
    `trainer_password_hash` when given (a reset keeps it); a password generated for a new
    trainer goes to `show_trainer_password`, the only time anyone sees it.
    """
    today = today or sandbox_today()
    in_default_seat = current_seat_id() == Seat.objects.default().pk
    products, plans = _load_products()
    accounts = _load_accounts(products, plans, today, fresh=fresh)
    if in_default_seat:
        # The trainer and the shared content live once, beside the default seat's world.
        generated = trainer_load(password_hash=trainer_password_hash)
        if generated and show_trainer_password:
            show_trainer_password(generated)
        _load_trainer_notes()
        # The apps above the sandbox load their shared content now (signals.py): the sandbox
        # imports none of them, they listen.
        sample_data_loaded.send(sender=sandbox_load)
    _load_personas(accounts, with_staff=in_default_seat, fresh=fresh)
    billing_center_sample_data_load(accounts=accounts, today=today, fresh=fresh)
    corp_portal_sample_data_load(accounts=accounts, today=today, fresh=fresh)


def _load_products() -> tuple[dict[str, Product], dict[tuple[str, str], PlanTier]]:
    """The shared catalog (products, plans, prices: no seat's own): {product code: product}
    and {(product code, plan code): plan}. Three queries when it is all there, which is every
    time but the first (each seat of a class reads it)."""
    codes = [data.code for data in sample_data.PRODUCTS]
    products = {p.code: p for p in Product.objects.filter(code__in=codes)}
    plans = {
        (plan.product_id, plan.code): plan
        for plan in PlanTier.objects.filter(product__in=list(products.values()))
    }
    prices = set(
        PlanPrice.objects.filter(plan_tier__in=list(plans.values())).values_list(
            "plan_tier_id", "currency", "billing_frequency"
        )
    )
    for order, data in enumerate(sample_data.PRODUCTS, start=1):
        product = products.get(data.code)
        if product is None:
            product = products[data.code] = Product.objects.create(
                code=data.code,
                name=data.name,
                sort_order=order,
                **_translated("license_unit", data.license_unit),
                **_translated("license_unit_plural", data.license_unit_plural),
            )
        for plan_data in data.plans:
            plan = plans.get((product.pk, plan_data.code))
            if plan is None:
                plan = plans[(product.pk, plan_data.code)] = PlanTier.objects.create(
                    product=product,
                    code=plan_data.code,
                    rank=plan_data.rank,
                    **_translated("name", plan_data.name),
                )
            for (currency, frequency), amount in plan_data.prices.items():
                if (plan.pk, currency, frequency) not in prices:
                    PlanPrice.objects.create(
                        plan_tier=plan,
                        currency=currency,
                        billing_frequency=frequency,
                        amount=amount,
                    )
    codes_by_pk = {product.pk: code for code, product in products.items()}
    return products, {(codes_by_pk[pk], code): plan for (pk, code), plan in plans.items()}


def _load_accounts(
    products: dict[str, Product],
    plans: dict[tuple[str, str], PlanTier],
    today: datetime.date,
    *,
    fresh: bool,
) -> dict[str, Account]:
    """The seat's accounts and their subscriptions: the missing ones, in one insert each."""
    names = [data.name for data in sample_data.ACCOUNTS]
    accounts = {} if fresh else {a.name: a for a in Account.objects.filter(name__in=names)}
    Account.objects.bulk_create(
        [
            accounts.setdefault(
                data.name, Account(name=data.name, billing=data.billing, currency=data.currency)
            )
            for data in sample_data.ACCOUNTS
            if data.name not in accounts
        ]
    )
    existing = (
        set()
        if fresh
        else set(
            Subscription.objects.filter(account__in=list(accounts.values())).values_list(
                "account_id", "product_id"
            )
        )
    )
    missing = []
    for data in sample_data.ACCOUNTS:
        account = accounts[data.name]
        for sub in data.subscriptions:
            product = products[sub.product]
            if (account.pk, product.pk) in existing:
                continue
            missing.append(
                Subscription(
                    account=account,
                    product=product,
                    plan_tier=plans[(sub.product, sub.plan)],
                    licenses=sub.licenses,
                    billing_frequency=sub.billing_frequency,
                    renewal_date=today + datetime.timedelta(days=sub.renews_in_days),
                    status=Subscription.Status.ACTIVE,
                )
            )
    Subscription.objects.bulk_create(missing)
    return accounts


def _load_personas(accounts: dict[str, Account], *, with_staff: bool, fresh: bool) -> None:
    """The seat's people and their persona rows: the missing ones, in one insert each. A
    person the class deleted comes back; one the class changed stays as it is."""
    wanted = [data for data in sample_data.PERSONAS if with_staff or not data.is_staff]
    users, with_billing_admin = {}, set()
    if not fresh:
        users = {u.email: u for u in User.objects.filter(email__in=[d.email for d in wanted])}
        # The class may have given the billing admin role to someone else since.
        with_billing_admin = set(
            User.objects.filter(
                account__in=list(accounts.values()), is_billing_admin=True
            ).values_list("account_id", flat=True)
        )
    new_users = []
    for data in wanted:
        if data.email in users:
            continue
        account = accounts[data.account] if data.account else None
        is_billing_admin = data.is_billing_admin and account.pk not in with_billing_admin
        if is_billing_admin:
            with_billing_admin.add(account.pk)
        users[data.email] = User(
            email=data.email,
            first_name=data.first_name,
            last_name=data.last_name,
            account=account,
            is_account_admin=data.is_account_admin,
            is_billing_admin=is_billing_admin,
            is_staff=data.is_staff,
            password=public_password_hash(settings.SANDBOX_PASSWORD),
        )
        new_users.append(users[data.email])
    User.objects.bulk_create(new_users)
    wanted_keys = [data.key for data in wanted]
    existing = (
        set()
        if fresh
        else set(Persona.objects.filter(key__in=wanted_keys).values_list("key", flat=True))
    )
    Persona.objects.bulk_create(
        [
            Persona(
                key=data.key,
                user=users[data.email],
                sort_order=order,
                **_translated("description", data.description),
            )
            for order, data in enumerate(sample_data.PERSONAS, start=1)
            if data.key in wanted_keys and data.key not in existing
        ]
    )


def _load_trainer_notes() -> None:
    # Notes are the trainer's content: loading adds the missing ones and keeps the trainer's
    # edits; reset_sandbox brings back the sample texts.
    for outcome, data in sample_data.TRAINER_NOTES.items():
        TrainerNote.objects.get_or_create(
            outcome=outcome.value,
            defaults={**_translated("title", data.title), **_translated("text", data.text)},
        )


# Other apps whose rows are classroom work: the sign-in lockouts and attempts (django-axes).
CLASSROOM_APPS = ("axes",)


def classroom_models() -> list[type]:
    """The models whose rows a reset deletes: every concrete model of the project's apps
    (whatever models the other apps add), the sessions, and any model elsewhere that points
    at one of them (the Django admin's log of changes), whose rows would otherwise dangle.
    """
    chosen = {Session}
    for label in sample_data.PROJECT_APPS + CLASSROOM_APPS:
        if apps.is_installed(label):
            chosen.update(apps.get_app_config(label).get_models(include_auto_created=True))
    everything = list(apps.get_models(include_auto_created=True))
    grew = True
    while grew:
        grew = False
        for model in everything:
            if model not in chosen and any(
                field.related_model in chosen
                for field in model._meta.concrete_fields
                if field.is_relation
            ):
                chosen.add(model)
                grew = True
    kept = [m for m in chosen if m._meta.managed and not m._meta.proxy]
    return sorted(kept, key=lambda m: m._meta.db_table)


def _flush(models: list[type]) -> int:
    """Empty the models' tables and restart their ids, as `manage.py flush` does for the whole
    database: the backend writes the SQL (DELETE on SQLite, TRUNCATE on PostgreSQL), so a
    reset gives the sample data the same ids as a fresh database. Returns the rows deleted.
    """
    existing = set(connection.introspection.table_names())
    models = [m for m in models if m._meta.db_table in existing]
    tables = [m._meta.db_table for m in models]
    rows = sum(m._base_manager.count() for m in models)
    # PostgreSQL refuses to TRUNCATE a table with foreign-key checks still pending from
    # earlier writes in the same transaction: run them now.
    connection.check_constraints(table_names=tables)
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    )
    return rows


@transaction.atomic
def sandbox_reset(
    *,
    actor_email: str | None = None,
    announce: Callable[[int, str], None] | None = None,
    show_trainer_password: Callable[[str], None] | None = None,
    today: datetime.date | None = None,
) -> Activity:
    """Restore the sample data exactly: delete everything, reload it, record the reset.

    Everything the classroom created goes (orders, invoices, mailbox, activity, extra users,
    sessions, edited notes, sign-in lockouts); `sandbox_load` then writes the sample data of
    every app. The trainer's password is the one thing kept: it is not sample data.
    """
    announce = announce or (lambda number, text: None)
    trainer_password_hash = (
        User.objects.filter(email=TRAINER_EMAIL).values_list("password", flat=True).first()
    )
    models = classroom_models()
    rows = _flush(models)
    announce(1, f"Deleted what the classroom created: {rows} rows in {len(models)} tables")
    sandbox_load(
        today=today,
        trainer_password_hash=trainer_password_hash,
        show_trainer_password=show_trainer_password,
    )
    announce(2, "Loaded the sample data (load_sandbox)")
    actor = User.objects.filter(email=actor_email).first() if actor_email else None
    activity = activity_record(
        actor=actor,
        account=None,
        action="sandbox_reset",
        summary="Sandbox reset to the sample data",
        after={"rows_deleted": rows, "tables": [m._meta.db_table for m in models]},
    )
    announce(3, "Recorded the reset in the activity log")
    return activity
