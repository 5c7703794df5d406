"""The shipped exercises: one question or more for every outcome of both tables, in the three
languages. Trainers edit them in the Django admin; loading adds the missing ones by key and
changes nothing that exists. The answers are not here: they come from `accounts/decisions.py`
(`lessons.answers`)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Permission
from modeltranslation.utils import build_localized_fieldname

from sandbox.trainers import trainers_group

from .models import Asks, Exercise, Table


@dataclass(frozen=True)
class ExerciseData:
    key: str
    persona_key: str
    table: str
    question: dict[str, str]
    asks: str = Asks.END
    in_course: bool = True


EXERCISES = [
    ExerciseData(
        "ana-billing-center",
        "ana",
        Table.BILLING_CENTER,
        {
            "en": "Sign in to the Billing Center as Ana. Is she the billing admin? If not, where should she go?",
            "es": "Inicie sesión en el Centro de facturación como Ana. ¿Es ella la administradora de facturación? Si no lo es, ¿adónde debe ir?",
            "pt_br": "Efetue login no Centro de faturamento como Ana. Ela é a administradora de cobrança? Se não for, aonde ela deve ir?",
        },
    ),
    ExerciseData(
        "carla-billing-center-landing",
        "carla",
        Table.BILLING_CENTER,
        {
            "en": "Sign in to the Billing Center as Carla. What does the Billing Center show her first?",
            "es": "Inicie sesión en el Centro de facturación como Carla. ¿Qué le muestra primero el Centro de facturación?",
            "pt_br": "Efetue login no Centro de faturamento como Carla. O que o Centro de faturamento mostra primeiro para ela?",
        },
        asks=Asks.LANDING,
    ),
    ExerciseData(
        "bruno-billing-center",
        "bruno",
        Table.BILLING_CENTER,
        {
            "en": "Sign in to the Billing Center as Bruno and follow the account profile link. Is he the billing admin? If not, what does My Account tell him to do?",
            "es": "Inicie sesión en el Centro de facturación como Bruno y siga el enlace del perfil de cuenta. ¿Es él el administrador de facturación? Si no lo es, ¿qué le indica Mi cuenta?",
            "pt_br": "Efetue login no Centro de faturamento como Bruno e siga o link do perfil da conta. Ele é o administrador de cobrança? Se não for, o que Minha conta orienta que ele faça?",
        },
    ),
    ExerciseData(
        "diego-user-id",
        "diego",
        Table.BILLING_CENTER,
        {
            "en": "Diego lost the email with his User ID: where is it, and where does he sign in with it? Find the invoice in the Mailbox, then sign in to the Billing Center as Diego and follow his path.",
            "es": "Diego perdió el correo electrónico con su ID de usuario: ¿dónde está y dónde inicia sesión con él? Busque la factura en el Buzón y luego inicie sesión en el Centro de facturación como Diego y siga su camino.",
            "pt_br": "Diego perdeu o e-mail com o ID de usuário dele: onde ele está e onde ele efetua login com ele? Encontre a fatura na Caixa de correio, depois efetue login no Centro de faturamento como Diego e siga o caminho dele.",
        },
    ),
    ExerciseData(
        "elena-billing-center",
        "elena",
        Table.BILLING_CENTER,
        {
            "en": "Sign in as Elena. Is she the billing admin? If not, where should she go?",
            "es": "Inicie sesión como Elena. ¿Es ella la administradora de facturación? Si no lo es, ¿adónde debe ir?",
            "pt_br": "Efetue login como Elena. Ela é a administradora de cobrança? Se não for, aonde ela deve ir?",
        },
    ),
    ExerciseData(
        "ana-add-licenses",
        "ana",
        Table.ADMIN_CENTER,
        {
            "en": "Ana needs 5 more licenses. She signs in to the Admin Center and selects Add Licenses: who is she?",
            "es": "Ana necesita 5 licencias más. Inicia sesión en el Centro de administración y selecciona Añadir licencias: ¿quién es ella?",
            "pt_br": "Ana precisa de mais 5 licenças. Ela efetua login no Centro de Administração e seleciona Adicionar licenças: quem é ela?",
        },
    ),
    ExerciseData(
        "bruno-add-licenses",
        "bruno",
        Table.ADMIN_CENTER,
        {
            "en": "Bruno needs 5 more licenses: what does he do?",
            "es": "Bruno necesita 5 licencias más: ¿qué hace?",
            "pt_br": "Bruno precisa de mais 5 licenças: o que ele faz?",
        },
    ),
    ExerciseData(
        "diego-add-licenses",
        "diego",
        Table.ADMIN_CENTER,
        {
            "en": "Diego needs 10 more GoToMeeting licenses. He selects Add Licenses in the Admin Center: where does he add them?",
            "es": "Diego necesita 10 licencias más de GoToMeeting. Selecciona Añadir licencias en el Centro de administración: ¿dónde las añade?",
            "pt_br": "Diego precisa de mais 10 licenças do GoToMeeting. Ele seleciona Adicionar licenças no Centro de Administração: onde ele as adiciona?",
        },
    ),
    ExerciseData(
        "elena-add-licenses",
        "elena",
        Table.ADMIN_CENTER,
        {
            "en": "Elena needs more GoToWebinar licenses. She selects Add Licenses in the Admin Center and follows the way to the end: where should she go?",
            "es": "Elena necesita más licencias de GoToWebinar. Selecciona Añadir licencias en el Centro de administración y sigue el camino hasta el final: ¿adónde debe ir?",
            "pt_br": "Elena precisa de mais licenças do GoToWebinar. Ela seleciona Adicionar licenças no Centro de Administração e segue o caminho até o fim: aonde ela deve ir?",
        },
    ),
]


def _translated(field: str, texts: dict[str, str]) -> dict[str, str]:
    """{"en": ..., "pt_br": ...} -> {"question_en": ..., "question_pt_br": ...}."""
    fields = {}
    for code, _name in settings.LANGUAGES:
        fieldname = build_localized_fieldname(field, code)
        fields[fieldname] = texts[fieldname.removeprefix(f"{field}_")]
    return fields


def exercises_load() -> None:
    """Create the shipped exercises that are missing (by key); keep every trainer's edit.

    Called when `sandbox.services.sandbox_load` loads the default seat's world
    (`sandbox.signals.sample_data_loaded`, connected in apps.py): exercises are shared
    content, like the trainer notes.
    """
    trainers_may_edit_exercises()
    existing = set(Exercise.objects.values_list("key", flat=True))
    Exercise.objects.bulk_create(
        [
            Exercise(
                key=data.key,
                persona_key=data.persona_key,
                table=data.table,
                asks=data.asks,
                in_course=data.in_course,
                sort_order=order,
                **_translated("question", data.question),
            )
            for order, data in enumerate(EXERCISES, start=1)
            if data.key not in existing
        ]
    )


# The trainer writes and translates exercises in the Django admin, and looks at the answers
# and releases there (releasing is the board's button).
TRAINER_PERMISSIONS = [
    "add_exercise",
    "change_exercise",
    "view_exercise",
    "view_exerciseanswer",
    "view_releasedexercise",
]


def trainers_may_edit_exercises() -> None:
    """Give the Trainers group (sandbox.trainers) the lessons' permissions it lacks."""
    trainers_group().permissions.add(
        *Permission.objects.filter(
            content_type__app_label="lessons", codename__in=TRAINER_PERMISSIONS
        )
    )


def exercises_load_receiver(sender, **kwargs) -> None:
    """The receiver of `sandbox.signals.sample_data_loaded`: the sandbox loaded its shared
    content, the lessons load theirs."""
    exercises_load()
