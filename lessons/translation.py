from modeltranslation.translator import TranslationOptions, register

from .models import Exercise


@register(Exercise)
class ExerciseTranslationOptions(TranslationOptions):
    fields = ("question",)
