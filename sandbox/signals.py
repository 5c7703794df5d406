"""Signals of the sandbox layer."""

from django.dispatch import Signal

# Sent by `sandbox_load` once the accounts, products and personas exist, inside the same
# transaction, with `accounts` (name -> Account) and `today`. Each app that has sample data
# of its own (invoices, payment methods, portal logins...) connects a receiver in its
# AppConfig.ready(), so one `load_sandbox` loads everything and stays idempotent.
sample_data_loaded = Signal()
