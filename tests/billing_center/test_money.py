"""Money as a pt-BR page shows it: above 1,000, grouped, in BRL."""

import pytest

from accounts.models import Subscription

# THE expected pt-BR amount, 50 x R$ 229 as Brazilians write it (the one place to change).
PT_BR_TOTAL_OF_50_LICENSES = "R$\u00a011.450,00"


@pytest.mark.django_db
def test_pt_br_money_above_a_thousand_in_brl(client, persona):
    fernanda = persona("fernanda")
    Subscription.objects.filter(account=fernanda.account).update(licenses=50)
    client.force_login(fernanda)
    page = client.get("/pt-br/billing/subscriptions/").content.decode()
    assert PT_BR_TOTAL_OF_50_LICENSES in page
