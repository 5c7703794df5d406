from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import MailboxMessage, Persona, TrainerNote


@admin.register(Persona)
class PersonaAdmin(TranslationAdmin):
    list_display = ["key", "user", "sort_order"]
    list_select_related = ["user"]


@admin.register(MailboxMessage)
class MailboxMessageAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "recipient", "subject"]
    search_fields = ["recipient", "subject"]
    readonly_fields = ["recipient", "sender", "subject", "body", "sent_at"]


@admin.register(TrainerNote)
class TrainerNoteAdmin(TranslationAdmin):
    """The trainer edits what each outcome page's note says, in every language."""

    list_display = ["outcome", "title"]
    search_fields = ["outcome", "title", "text"]
