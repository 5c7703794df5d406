from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Exercise, ReleasedExercise


@admin.register(Exercise)
class ExerciseAdmin(TranslationAdmin):
    """The trainer writes and translates each question; the answer comes from the tables."""

    list_display = ["sort_order", "key", "persona_key", "table", "asks", "in_course"]
    list_display_links = ["key"]
    list_filter = ["table", "in_course"]
    search_fields = ["key", "question"]


@admin.register(ReleasedExercise)
class ReleasedExerciseAdmin(admin.ModelAdmin):
    list_display = ["classroom", "exercise", "released_at"]
    list_select_related = ["classroom", "exercise"]
