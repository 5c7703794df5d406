"""The sample data of DESIGN.md section 3: the one source for accounts, products and personas.

`load_sandbox` writes it; tests and pages read it. Emails, keys and passwords are stable:
trainers' material and QA scripts rely on them. Texts that vary by language are given in all
three (English, Spanish, Brazilian Portuguese) and stored with django-modeltranslation.
"""

from dataclasses import dataclass
from decimal import Decimal

STANDARD = "standard"
CORPORATE = "corporate"
MONTHLY = "monthly"
ANNUAL = "annual"


@dataclass(frozen=True)
class PlanData:
    code: str
    rank: int
    name: dict[str, str]
    # (currency, frequency) -> price of one license for one billing period
    prices: dict[tuple[str, str], Decimal]


@dataclass(frozen=True)
class ProductData:
    code: str
    name: str
    license_unit: dict[str, str]
    plans: list[PlanData]


@dataclass(frozen=True)
class SubscriptionData:
    product: str
    plan: str
    licenses: int
    billing_frequency: str
    renews_in_days: int


@dataclass(frozen=True)
class AccountData:
    name: str
    billing: str
    currency: str
    subscriptions: list[SubscriptionData]


@dataclass(frozen=True)
class PersonaData:
    key: str
    first_name: str
    last_name: str
    email: str
    account: str | None
    description: dict[str, str]
    is_account_admin: bool = False
    is_billing_admin: bool = False
    is_staff: bool = False


def _prices(usd_month, eur_month, brl_month):
    """Annual billing costs ten months: two months free, as such plans usually go."""
    monthly = {"USD": usd_month, "EUR": eur_month, "BRL": brl_month}
    prices = {}
    for currency, amount in monthly.items():
        prices[(currency, MONTHLY)] = Decimal(amount)
        prices[(currency, ANNUAL)] = Decimal(amount) * 10
    return prices


PRODUCTS = [
    ProductData(
        code="gotoassist-rs5",
        name="GoToAssist Remote Support v5",
        license_unit={"en": "agent", "es": "agente", "pt_br": "agente"},
        plans=[
            PlanData(
                "standard",
                1,
                {"en": "Standard", "es": "Estándar", "pt_br": "Padrão"},
                _prices("44.00", "41.00", "229.00"),
            ),
            PlanData(
                "premium",
                2,
                {"en": "Premium", "es": "Premium", "pt_br": "Premium"},
                _prices("66.00", "61.00", "339.00"),
            ),
        ],
    ),
    ProductData(
        code="gotomeeting",
        name="GoToMeeting",
        license_unit={"en": "organizer", "es": "organizador", "pt_br": "organizador"},
        plans=[
            PlanData(
                "professional",
                1,
                {"en": "Professional", "es": "Profesional", "pt_br": "Profissional"},
                _prices("14.00", "13.00", "72.00"),
            ),
            PlanData(
                "business",
                2,
                {"en": "Business", "es": "Empresa", "pt_br": "Empresarial"},
                _prices("19.00", "18.00", "98.00"),
            ),
        ],
    ),
    ProductData(
        code="gotowebinar",
        name="GoToWebinar",
        license_unit={"en": "organizer", "es": "organizador", "pt_br": "organizador"},
        plans=[
            PlanData(
                "lite",
                1,
                {"en": "Lite", "es": "Lite", "pt_br": "Lite"},
                _prices("59.00", "55.00", "305.00"),
            ),
            PlanData(
                "standard",
                2,
                {"en": "Standard", "es": "Estándar", "pt_br": "Padrão"},
                _prices("129.00", "119.00", "669.00"),
            ),
        ],
    ),
]

ACME = "Acme Support"
GLOBEX = "Globex Corporation"
PAULISTA = "Suporte Paulista Ltda."

ACCOUNTS = [
    AccountData(
        ACME,
        STANDARD,
        "USD",
        [
            SubscriptionData("gotoassist-rs5", "standard", 10, ANNUAL, 143),
            SubscriptionData("gotomeeting", "professional", 5, MONTHLY, 12),
        ],
    ),
    AccountData(
        GLOBEX,
        CORPORATE,
        "EUR",
        [
            SubscriptionData("gotoassist-rs5", "premium", 40, ANNUAL, 201),
            SubscriptionData("gotomeeting", "business", 25, ANNUAL, 201),
            SubscriptionData("gotowebinar", "standard", 3, MONTHLY, 9),
        ],
    ),
    AccountData(
        PAULISTA,
        STANDARD,
        "BRL",
        [SubscriptionData("gotoassist-rs5", "standard", 4, MONTHLY, 17)],
    ),
]

PERSONAS = [
    PersonaData(
        "ana",
        "Ana",
        "Ortega",
        "ana.billing@acme.example",
        ACME,
        {
            "en": "Acme's billing admin: lands on Subscriptions and can change everything.",
            "es": "La administradora de facturación de Acme: llega a Suscripciones y puede cambiarlo todo.",
            "pt_br": "A administradora de cobrança da Acme: chega a Assinaturas e pode alterar tudo.",
        },
        is_account_admin=True,
        is_billing_admin=True,
    ),
    PersonaData(
        "bruno",
        "Bruno",
        "Silva",
        "bruno.admin@acme.example",
        ACME,
        {
            "en": "An account admin of Acme who is not the billing admin.",
            "es": "Un administrador de la cuenta de Acme que no es el administrador de facturación.",
            "pt_br": "Um administrador da conta da Acme que não é o administrador de cobrança.",
        },
        is_account_admin=True,
    ),
    PersonaData(
        "carla",
        "Carla",
        "Méndez",
        "carla.agent@acme.example",
        ACME,
        {
            "en": "An agent (standard user) of Acme: no admin rights at all.",
            "es": "Una agente (usuaria estándar) de Acme: sin ningún derecho de administración.",
            "pt_br": "Uma agente (usuária padrão) da Acme: sem nenhum direito de administração.",
        },
    ),
    PersonaData(
        "diego",
        "Diego",
        "Ramos",
        "diego.corp@globex.example",
        GLOBEX,
        {
            "en": "An account admin of Globex, billed in the Corporate Billing Portal; he holds the portal login.",
            "es": "Un administrador de la cuenta de Globex, facturada en el Portal de facturación para empresas; tiene el acceso al portal.",
            "pt_br": "Um administrador da conta da Globex, cobrada no Portal de Cobrança Corporativa; ele tem o login do portal.",
        },
        is_account_admin=True,
    ),
    PersonaData(
        "elena",
        "Elena",
        "Costa",
        "elena.corp@globex.example",
        GLOBEX,
        {
            "en": "An account admin of Globex without a portal login: not the billing admin.",
            "es": "Una administradora de la cuenta de Globex sin acceso al portal: no es la administradora de facturación.",
            "pt_br": "Uma administradora da conta da Globex sem login do portal: não é a administradora de cobrança.",
        },
        is_account_admin=True,
    ),
    PersonaData(
        "fernanda",
        "Fernanda",
        "Souza",
        "fernanda.billing@paulista.example",
        PAULISTA,
        {
            "en": "The billing admin of a Brazilian account billed in reais (BRL).",
            "es": "La administradora de facturación de una cuenta brasileña facturada en reales (BRL).",
            "pt_br": "A administradora de cobrança de uma conta brasileira cobrada em reais (BRL).",
        },
        is_account_admin=True,
        is_billing_admin=True,
    ),
    PersonaData(
        "trainer",
        "Sandbox",
        "Trainer",
        "trainer@sandbox.example",
        None,
        {
            "en": "Sandbox staff: trainer tools and the Django admin.",
            "es": "Personal del sandbox: herramientas del formador y el administrador de Django.",
            "pt_br": "Equipe do sandbox: ferramentas do instrutor e o administrador do Django.",
        },
        is_staff=True,
    ),
]

PERSONAS_BY_KEY = {persona.key: persona for persona in PERSONAS}
