from modeltranslation.translator import TranslationOptions, register

from .models import Persona, TrainerNote


@register(Persona)
class PersonaTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(TrainerNote)
class TrainerNoteTranslationOptions(TranslationOptions):
    fields = ("title", "text")
