from django import forms
from django.utils.translation import gettext_lazy as _

from sandbox.personas import PersonaRow

from .answers import Choice, choice_label


class AnswerForm(forms.Form):
    """One answer among the article's outcomes and people, labelled for this persona."""

    choice = forms.ChoiceField(label=_("Your answer"), widget=forms.RadioSelect)

    def __init__(self, *args, row: PersonaRow | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = [(c.value, choice_label(c, row)) for c in Choice]
