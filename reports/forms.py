"""Forms of the report pages: the period, and the year's hand-entered figures."""

from django import forms
from django.core.exceptions import ValidationError

from reports import services
from reports.models import MANUAL_FIGURES


class ManualFiguresForm(forms.Form):
    """One text field per hand figure; parsing and refusal live in the service."""

    def __init__(self, *args, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_values = initial_values or {}
        for spec in MANUAL_FIGURES:
            row = initial_values.get(spec.code)
            value = ""
            if row is not None:
                value = row.value if spec.decimals else int(row.value)
            self.fields[spec.code] = forms.CharField(
                label=f"{spec.label}（{spec.unit}）",
                required=False,
                initial=value,
                max_length=30,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
            self.fields[f"{spec.code}__note"] = forms.CharField(
                label=f"{spec.label}：说明",
                required=False,
                max_length=200,
                initial=row.note if row is not None else "",
            )

    def clean(self):
        cleaned = super().clean()
        for spec in MANUAL_FIGURES:
            try:
                services.manual_value_parse(spec, cleaned.get(spec.code))
            except ValidationError as error:
                self.add_error(spec.code, error)
        return cleaned

    def values(self) -> dict[str, str]:
        return {spec.code: self.cleaned_data.get(spec.code, "") for spec in MANUAL_FIGURES}

    def notes(self) -> dict[str, str]:
        return {
            spec.code: self.cleaned_data.get(f"{spec.code}__note", "") for spec in MANUAL_FIGURES
        }

    def rows(self):
        """(value field, note field) pairs, in the report's order, for the template."""
        return [(self[spec.code], self[f"{spec.code}__note"]) for spec in MANUAL_FIGURES]
