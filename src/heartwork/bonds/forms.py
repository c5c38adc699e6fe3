from django import forms

from heartwork.domain.bonds import BOND_NAME_MAX, BondKind


class BondForm(forms.Form):
    name = forms.CharField(
        label="What do you call this bond?",
        max_length=BOND_NAME_MAX,
        help_text=(
            'Only you see it; the other person gives it their own name. "Sam and me", "Mum", '
            '"Thursday walks" all work.'
        ),
    )
    kind = forms.ChoiceField(
        label="What kind of bond is it?",
        choices=[(kind.value, kind.label) for kind in BondKind],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the kind of bond.",
            "invalid_choice": "Choose one of the kinds listed.",
        },
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give this bond a name, even a simple one.")
        return name

    def kind_descriptions(self) -> dict[str, str]:
        return {kind.value: kind.description for kind in BondKind}


class RenameForm(forms.Form):
    name = forms.CharField(
        label="What you call this bond",
        max_length=BOND_NAME_MAX,
        help_text="Only you see this name. The other person calls it whatever they like.",
        error_messages={"required": "Give this bond a name, even a simple one."},
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give this bond a name, even a simple one.")
        return name
