from modeltranslation.translator import TranslationOptions, register

from .models import PlanTier, Product


@register(PlanTier)
class PlanTierTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Product)
class ProductTranslationOptions(TranslationOptions):
    # Product names are proper nouns and stay untranslated; what a license is for is not.
    fields = ("license_unit", "license_unit_plural")
