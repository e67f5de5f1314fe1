"""Forms of the review task pages. They only collect input; services decide."""

from django import forms
from django.utils import timezone

from review.checklists import CHECK_RESULTS, FAIR_COMPETITION_CATEGORIES, legality_checklist
from review.models import DeliberationBody, DeliberationDecision, Outcome


class LegalOpinionForm(forms.Form):
    revision_id = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label="审核结论",
        widget=forms.RadioSelect,
        choices=[
            (Outcome.APPROVE, "同意"),
            (Outcome.APPROVE_WITH_CHANGES, "修改后同意"),
            (Outcome.REJECT, "不同意"),
        ],
    )
    conclusion = forms.CharField(
        label="审核意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="“修改后同意”“不同意”必须写明理由。",
    )
    required_changes = forms.CharField(
        label="修改要求（每行一条）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    urgency_reason = forms.CharField(
        label="紧急审查说明",
        required=False,
        help_text="送审不足最短审查时间即出具意见的，须说明紧急理由。",
    )

    def __init__(self, *args, confirming: bool = False, kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = legality_checklist(kind)
        if confirming:
            self.fields["outcome"].choices = [
                (Outcome.CONFIRMED, "确认已按意见修改（同意）"),
                (Outcome.REJECT, "不同意（未落实修改要求）"),
            ]
        for item in self.items:
            self.fields[f"result_{item.code}"] = forms.ChoiceField(
                label=item.text,
                choices=CHECK_RESULTS,
                widget=forms.RadioSelect,
                required=not confirming,
            )
            self.fields[f"remark_{item.code}"] = forms.CharField(
                label=f"{item.text}：说明", required=False
            )

    def checklist(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "code": item.code,
                "result": data.get(f"result_{item.code}") or "",
                "remark": data.get(f"remark_{item.code}", ""),
            }
            for item in self.items
            if data.get(f"result_{item.code}")
        ]

    def checklist_rows(self):
        return [
            (item, self[f"result_{item.code}"], self[f"remark_{item.code}"]) for item in self.items
        ]

    def changes(self) -> list[str]:
        return (self.cleaned_data.get("required_changes") or "").splitlines()


class FairCompetitionForm(forms.Form):
    revision_id = forms.IntegerField(widget=forms.HiddenInput)
    applicable = forms.TypedChoiceField(
        label="是否涉及经营主体经济活动",
        coerce=lambda v: v == "yes",
        choices=[("yes", "涉及，逐项审查"), ("no", "不涉及，记录理由后跳过")],
        widget=forms.RadioSelect,
    )
    skip_reason = forms.CharField(
        label="不需审查的理由", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    conclusion = forms.CharField(
        label="审查结论", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for category in FAIR_COMPETITION_CATEGORIES:
            for item in category.standards:
                self.fields[f"std_{item.code}"] = forms.ChoiceField(
                    label=item.text,
                    choices=[("不违反", "不违反"), ("违反", "违反")],
                    widget=forms.RadioSelect,
                    required=False,
                )

    def findings(self) -> dict[str, str]:
        return {
            item.code: self.cleaned_data.get(f"std_{item.code}") or ""
            for category in FAIR_COMPETITION_CATEGORIES
            for item in category.standards
        }

    def categories(self):
        return [
            (category, [self[f"std_{item.code}"] for item in category.standards])
            for category in FAIR_COMPETITION_CATEGORIES
        ]


class DeliberationForm(forms.Form):
    revision_id = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.ChoiceField(label="会议", choices=DeliberationBody.choices)
    meeting_date = forms.DateField(
        label="会议日期",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    minutes_reference = forms.CharField(label="会议纪要编号", max_length=100)
    decision = forms.ChoiceField(label="决定", choices=DeliberationDecision.choices)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RegistrationForm(forms.Form):
    revision_id = forms.IntegerField(widget=forms.HiddenInput)
    issued_on = forms.DateField(
        label="印发日期",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class SignOffForm(forms.Form):
    revision_id = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(
        label="签批意见",
        coerce=lambda v: v == "yes",
        choices=[("yes", "同意签订"), ("no", "不同意，退回")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="意见", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FilingForm(forms.Form):
    authority = forms.CharField(label="备案机关", max_length=100)
    filed_on = forms.DateField(
        label="报送备案日期",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reference = forms.CharField(label="备案文号", max_length=100, required=False)
