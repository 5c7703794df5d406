"""Snapshots of every row of the project's apps, to compare a reset with a fresh load."""

from django.apps import apps
from django.db import models

from sandbox.sample_data import PROJECT_APPS

# When a row was written, a salted password hash and a seat's secret token differ from one
# load to the next by nature; everything else must be equal.
UNSTABLE = {"password", "token"}


def project_models():
    return [
        model
        for label in PROJECT_APPS
        if apps.is_installed(label)
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if not model._meta.proxy
    ]


def _stable(field):
    return field.name not in UNSTABLE and not isinstance(field, models.DateTimeField)


def snapshot(*, with_ids=True):
    """{model label: [row, ...]} where a row maps field names to values.

    with_ids=False replaces every id (primary key and foreign keys) by the row's rank in
    its table, so two loads that wrote the same rows in the same order compare equal.
    """
    tables = {model: list(model._base_manager.order_by("pk")) for model in project_models()}
    ranks = {model: {obj.pk: n for n, obj in enumerate(rows)} for model, rows in tables.items()}
    result = {}
    for model, rows in tables.items():
        fields = [f for f in model._meta.concrete_fields if _stable(f)]
        result[model._meta.label] = [
            {f.attname: _value(obj, f, ranks, with_ids) for f in fields} for obj in rows
        ]
    return result


def _value(obj, field, ranks, with_ids):
    value = getattr(obj, field.attname)
    if with_ids or value is None:
        return value
    if field.primary_key:
        return ranks[type(obj)][value]
    if field.is_relation and field.related_model in ranks:
        return ranks[field.related_model].get(value, ("outside", value))
    return value
