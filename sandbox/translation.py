from modeltranslation.translator import TranslationOptions, register

from .models import Persona


@register(Persona)
class PersonaTranslationOptions(TranslationOptions):
    fields = ("description",)
