"""`manage.py seed_bench`: the benchmark's large account beside the sample data."""

from django.core.management import call_command

from accounts.models import Account
from billing_center.models import Invoice
from corp_portal.models import Invoice as PortalInvoice


def test_seed_bench_writes_the_large_account_and_running_it_again_changes_nothing(sample_data):
    sizes = ["--users", "12", "--subscriptions", "3", "--invoices", "7"]
    call_command("seed_bench", *sizes)
    call_command("seed_bench", *sizes)
    bench = Account.objects.get(name="Bench Industries")
    assert bench.users.count() == 12
    assert bench.users.filter(is_billing_admin=True).get().email == "bench.billing@bench.example"
    assert bench.subscriptions.count() == 3
    assert Invoice.objects.filter(account=bench).count() == 7
    assert PortalInvoice.objects.filter(number__startswith="BENCH-GLX-").count() == 7
