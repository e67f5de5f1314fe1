"""The campaign's admin form: scope as check boxes instead of raw JSON, creator recorded."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from cms.models import Topic, ValidityStatus


class CleanupCampaignForm(WagtailAdminModelForm):
    statuses = forms.MultipleChoiceField(
        label="有效性范围",
        choices=ValidityStatus.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不选表示全部；通常只清理“现行有效”的文件。",
    )
    topics = forms.MultipleChoiceField(
        label="主题分类范围",
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不选表示全部。",
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("published_from"), cleaned.get("published_to")
        if start and end and end < start:
            self.add_error("published_to", "发布日期止不能早于发布日期起。")
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is None and getattr(self, "for_user", None) is not None:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)
