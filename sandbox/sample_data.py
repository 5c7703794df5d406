"""The sample data of docs/personas.md: the one source for accounts, products and personas.

`load_sandbox` writes it; tests and pages read it. Emails, keys and passwords are stable:
trainers' material and QA scripts rely on them. Texts that vary by language are given in all
three (English, Spanish, Brazilian Portuguese) and stored with django-modeltranslation.
"""

from dataclasses import dataclass
from decimal import Decimal

from accounts.decisions import Outcome

# The project's own apps: every row of their tables is sample data or classroom work (the
# seats and classes too: a reset of the whole sandbox ends every class; the trainer views them
# all in the Django admin).
PROJECT_APPS = ("seats", "accounts", "billing_center", "admin_center", "corp_portal", "sandbox")

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
    license_unit_plural: dict[str, str]
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
        license_unit_plural={"en": "Agents", "es": "agentes", "pt_br": "agentes"},
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
        license_unit_plural={"en": "Organizers", "es": "organizadores", "pt_br": "organizadores"},
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
        license_unit_plural={"en": "Organizers", "es": "organizadores", "pt_br": "organizadores"},
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

# The Corporate Billing Portal login a persona holds (persona key -> User ID, from an emailed
# invoice). Whoever holds none cannot sign in there: BC-2c / AC-3c. The corp_portal app
# creates the logins themselves.
PORTAL_USER_IDS = {"diego": "GLOBEX-4471"}


@dataclass(frozen=True)
class TrainerNoteData:
    title: dict[str, str]
    text: dict[str, str]


# What each outcome page means, in the article's terms: the trainer notes' sample content.
TRAINER_NOTES = {
    Outcome.BC_1: TrainerNoteData(
        {
            "en": "Billing Center, first row: the billing admin",
            "es": "Centro de facturación, primera fila: el administrador de facturación",
            "pt_br": "Centro de faturamento, primeira linha: o administrador de cobrança",
        },
        {
            "en": "You were redirected to Subscriptions: this persona is the billing admin — Billing Center table, first row. Only the billing admin may change the subscription plan, payment and billing information and other account settings.",
            "es": "Se le redirigió a la página Suscripciones: esta persona es el administrador de facturación — tabla del Centro de facturación, primera fila. Solo el administrador de facturación puede cambiar el plan de suscripción, la información de pago y facturación y otros ajustes de la cuenta.",
            "pt_br": "Você foi redirecionado para a página Assinaturas: esta persona é o administrador de cobrança — tabela do Centro de faturamento, primeira linha. Somente o administrador de cobrança pode alterar o plano de assinatura, as informações de pagamento e cobrança e outras configurações da conta.",
        },
    ),
    Outcome.BC_2: TrainerNoteData(
        {
            "en": "Billing Center, second row: the wrong location",
            "es": "Centro de facturación, segunda fila: la ubicación incorrecta",
            "pt_br": "Centro de faturamento, segunda linha: a página inválida",
        },
        {
            "en": "You saw “You seem to have landed in the wrong place.”: this persona is not the billing admin of an account billed in the Billing Center — Billing Center table, second row. Click the account profile link to go to My Account and find out why.",
            "es": "Apareció “Parece que ha llegado a la ubicación incorrecta.”: esta persona no es el administrador de facturación de una cuenta facturada en el Centro de facturación — tabla del Centro de facturación, segunda fila. Haga clic en el perfil de cuenta para ir a Mi cuenta y averiguar por qué.",
            "pt_br": "Foi exibida a mensagem “Você chegou a uma página inválida.”: esta persona não é o administrador de cobrança de uma conta cobrada no Centro de faturamento — tabela do Centro de faturamento, segunda linha. Clique no perfil da conta para ir para Minha conta e descobrir por quê.",
        },
    ),
    Outcome.BC_2A: TrainerNoteData(
        {
            "en": "My Account: a standard account, not the billing admin",
            "es": "Mi cuenta: una cuenta estándar, no es el administrador de facturación",
            "pt_br": "Minha conta: uma conta padrão, não é o administrador de cobrança",
        },
        {
            "en": "My Account shows a standard account: this persona is not the billing admin — Billing Center table, second row, first case. For more information, the article says to contact the account admin.",
            "es": "Mi cuenta muestra una cuenta estándar: esta persona no es el administrador de facturación — tabla del Centro de facturación, segunda fila, primer caso. Para obtener más información, el artículo indica que se ponga en contacto con el administrador de la cuenta.",
            "pt_br": "Minha conta mostra uma conta padrão: esta persona não é o administrador de cobrança — tabela do Centro de faturamento, segunda linha, primeiro caso. Para obter mais informações, o artigo orienta entrar em contato com o administrador da conta.",
        },
    ),
    Outcome.BC_2B: TrainerNoteData(
        {
            "en": "My Account: managed in the Corporate Billing Portal",
            "es": "Mi cuenta: administrada en el Portal de facturación para empresas",
            "pt_br": "Minha conta: gerenciada no Portal de Cobrança Corporativa",
        },
        {
            "en": "My Account shows Go to Billing: the account is managed in the Corporate Billing Portal, and this persona may or may not be the billing admin — Billing Center table, second row, second case. Click Go to Billing and sign in with the User ID from an emailed invoice and the portal password.",
            "es": "Mi cuenta muestra Ir a facturación: la cuenta está administrada en el Portal de facturación para empresas y esta persona puede que sea o no el administrador de facturación — tabla del Centro de facturación, segunda fila, segundo caso. Haga clic en Ir a facturación e inicie sesión con el ID de usuario de una factura enviada por correo electrónico y la contraseña del portal.",
            "pt_br": "Minha conta mostra Ir para faturamento: a conta é gerenciada no Portal de Cobrança Corporativa e esta persona pode ou não ser o administrador de cobrança — tabela do Centro de faturamento, segunda linha, segundo caso. Clique em Ir para faturamento e efetue login com o ID de usuário informado nas faturas enviadas por e-mail e a senha do portal.",
        },
    ),
    Outcome.BC_2C: TrainerNoteData(
        {
            "en": "Corporate Billing Portal: cannot sign in",
            "es": "Portal de facturación para empresas: no puede iniciar sesión",
            "pt_br": "Portal de Cobrança Corporativa: não consegue efetuar login",
        },
        {
            "en": "This persona cannot sign in to the Corporate Billing Portal, so they are not the billing admin — Billing Center table, last case. If you still cannot tell who the billing contact is, contact the account admin who manages the account. The portal words the refusal as the real one does, “Invalid User ID” (no such User ID) or “Invalid User ID/password” (a known User ID, the wrong password), as the vendor's “Corporate Billing Portal FAQs” page describes; either way the conclusion is the same. Its other pages (quotes, Pay Now, invoice contacts, Purchase Orders, auto-renewal) follow the vendor's pages named in docs/portal.md.",
            "es": "Esta persona no puede iniciar sesión en el Portal de facturación para empresas, así que no es el administrador de facturación — tabla del Centro de facturación, último caso. Si sigue sin averiguar quién es el contacto de facturación, póngase en contacto con el administrador de cuentas que gestiona su cuenta. El portal formula el rechazo como el real, “ID de usuario no válido” (no existe ese ID de usuario) o “ID de usuario/contraseña no válidos” (un ID de usuario existente con la contraseña incorrecta), como lo describe la página del proveedor “Corporate Billing Portal FAQs”; en ambos casos la conclusión es la misma. Sus otras páginas (cotizaciones, Pagar ahora, contactos de facturas, órdenes de compra, renovación automática) siguen las páginas del proveedor citadas en docs/portal.md.",
            "pt_br": "Esta persona não consegue efetuar login no Portal de Cobrança Corporativa, então não é o administrador de cobrança — tabela do Centro de faturamento, último caso. Se você ainda não tiver certeza de quem é o contato de cobrança, entre em contato com o administrador que gerencia a conta. O portal formula a recusa como o real, “ID de usuário inválido” (esse ID de usuário não existe) ou “ID de usuário/senha inválidos” (um ID de usuário existente com a senha errada), como descreve a página do fornecedor “Corporate Billing Portal FAQs”; nos dois casos a conclusão é a mesma. As outras páginas (cotações, Pagar agora, contatos de faturas, ordens de compra, renovação automática) seguem as páginas do fornecedor citadas em docs/portal.md.",
        },
    ),
    Outcome.AC_1: TrainerNoteData(
        {
            "en": "Admin Center, first row: the billing admin",
            "es": "Centro de administración, primera fila: el administrador de facturación",
            "pt_br": "Centro de Administração, primeira linha: o administrador de cobrança",
        },
        {
            "en": "You selected Add Licenses and were redirected to the Billing Center's Subscriptions page: this persona is an account admin who is also the billing admin — Admin Center table, first row.",
            "es": "Seleccionó Añadir licencias y se le redirigió a la página Suscripciones del Centro de facturación: esta persona es un administrador de la cuenta que también es el administrador de facturación — tabla del Centro de administración, primera fila.",
            "pt_br": "Você selecionou Adicionar licenças e foi redirecionado para a página Assinaturas do Centro de faturamento: esta persona é um administrador da conta que também é o administrador de cobrança — tabela do Centro de Administração, primeira linha.",
        },
    ),
    Outcome.AC_2: TrainerNoteData(
        {
            "en": "Admin Center, second row: contact the billing admin",
            "es": "Centro de administración, segunda fila: póngase en contacto con el administrador de facturación",
            "pt_br": "Centro de Administração, segunda linha: entre em contato com o administrador de cobrança",
        },
        {
            "en": "The message names the billing admin: this persona is an account admin of a standard account but not the billing admin — Admin Center table, second row. Send email opens a message to the billing admin to request changes to products or licenses.",
            "es": "El mensaje indica quién es el administrador de facturación: esta persona es administrador de una cuenta estándar, pero no el administrador de facturación — tabla del Centro de administración, segunda fila. Enviar correo abre un mensaje al administrador de facturación para solicitar cambios en los productos o licencias.",
            "pt_br": "A mensagem informa quem é o administrador de cobrança: esta persona é administrador de uma conta padrão, mas não o administrador de cobrança — tabela do Centro de Administração, segunda linha. Enviar e-mail abre uma mensagem ao administrador de cobrança para solicitar alterações nos produtos ou no licenciamento.",
        },
    ),
    Outcome.AC_3: TrainerNoteData(
        {
            "en": "Admin Center, third row: select a product",
            "es": "Centro de administración, tercera fila: seleccione un producto",
            "pt_br": "Centro de Administração, terceira linha: selecione um produto",
        },
        {
            "en": "The message asks to select a product: the account is managed in the Corporate Billing Portal, and this persona may or may not be the billing admin — Admin Center table, third row. Click a product's logo, or go to the Corporate Billing Portal and sign in with the User ID from an emailed invoice.",
            "es": "El mensaje pide que seleccione un producto: la cuenta se administra desde el Portal de facturación para empresas y esta persona puede que sea o no el administrador de facturación — tabla del Centro de administración, tercera fila. Haga clic en el logotipo de un producto o diríjase al Portal de facturación para empresas e inicie sesión con el ID de usuario de una factura enviada por correo electrónico.",
            "pt_br": "A mensagem orienta que você selecione um produto: a conta é gerenciada no Portal de Cobrança Corporativa e esta persona pode ou não ser o administrador de cobrança — tabela do Centro de Administração, terceira linha. Clique no logotipo de um produto ou acesse o Portal de Cobrança Corporativa e efetue login com o ID de usuário informado nas faturas enviadas por e-mail.",
        },
    ),
    Outcome.AC_3C: TrainerNoteData(
        {
            "en": "Corporate Billing Portal (from the Admin Center): cannot sign in",
            "es": "Portal de facturación para empresas (desde el Centro de administración): no puede iniciar sesión",
            "pt_br": "Portal de Cobrança Corporativa (a partir do Centro de Administração): não consegue efetuar login",
        },
        {
            "en": "This persona came from the Admin Center and cannot sign in to the Corporate Billing Portal, so they are not the billing admin — Admin Center table, last case. If you still cannot tell who the billing contact is, contact the account admin who manages the account. The portal words the refusal as the real one does, “Invalid User ID” (no such User ID) or “Invalid User ID/password” (a known User ID, the wrong password), as the vendor's “Corporate Billing Portal FAQs” page describes; either way the conclusion is the same. Its other pages (quotes, Pay Now, invoice contacts, Purchase Orders, auto-renewal) follow the vendor's pages named in docs/portal.md.",
            "es": "Esta persona viene del Centro de administración y no puede iniciar sesión en el Portal de facturación para empresas, así que no es el administrador de facturación — tabla del Centro de administración, último caso. Si sigue sin averiguar quién es el contacto de facturación, póngase en contacto con el administrador de cuentas que gestiona su cuenta. El portal formula el rechazo como el real, “ID de usuario no válido” (no existe ese ID de usuario) o “ID de usuario/contraseña no válidos” (un ID de usuario existente con la contraseña incorrecta), como lo describe la página del proveedor “Corporate Billing Portal FAQs”; en ambos casos la conclusión es la misma. Sus otras páginas (cotizaciones, Pagar ahora, contactos de facturas, órdenes de compra, renovación automática) siguen las páginas del proveedor citadas en docs/portal.md.",
            "pt_br": "Esta persona veio do Centro de Administração e não consegue efetuar login no Portal de Cobrança Corporativa, então não é o administrador de cobrança — tabela do Centro de Administração, último caso. Se você ainda não tiver certeza de quem é o contato de cobrança, entre em contato com o administrador que gerencia a conta. O portal formula a recusa como o real, “ID de usuário inválido” (esse ID de usuário não existe) ou “ID de usuário/senha inválidos” (um ID de usuário existente com a senha errada), como descreve a página do fornecedor “Corporate Billing Portal FAQs”; nos dois casos a conclusão é a mesma. As outras páginas (cotações, Pagar agora, contatos de faturas, ordens de compra, renovação automática) seguem as páginas do fornecedor citadas em docs/portal.md.",
        },
    ),
}
