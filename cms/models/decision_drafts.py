"""决策方案: one major decision's draft, on its own review path (issue 15).

A catalogue item of the year's list (``DecisionItem``) gets one draft page, a child of the
list page. The draft goes through the decision workflow (合法性审查, at least seven working
days, then 集体讨论决定) and its publication is the 决策公布 — through the gate like any
reviewed item, so nothing is published without a passing opinion on that exact version.
The list page's revisions never hold the draft, so none of this touches the list's hash.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.forms import AutoSlugPageForm
from cms.gates import CopyGuardMixin, GatedPublishMixin, check_issue
from cms.page_context import PageContextMixin

WRONG_ITEM = "只能为本目录中的事项起草决策方案。"
TAKEN_ITEM = "该事项已有决策方案，请在原方案上修改。"
REMOVED_ITEM = "该事项已调出目录，不能再起草决策方案。"


class DecisionDraftForm(AutoSlugPageForm):
    """The item must be one of the parent list's own items, not yet drafted, not 调出."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page or (self.instance.pk and self.instance.get_parent())
        if "item" in self.fields and parent is not None:
            from cms.models.decisions import DecisionItem

            self.fields["item"].queryset = DecisionItem.objects.filter(decision_list_id=parent.pk)

    def clean_item(self):
        from cms.models.decisions import DecisionItemStatus

        item = self.cleaned_data.get("item")
        parent = self.parent_page or (self.instance.pk and self.instance.get_parent())
        if item is None:
            return item
        if parent is None or item.decision_list_id != parent.pk:
            raise ValidationError(WRONG_ITEM)
        if item.status == DecisionItemStatus.REMOVED:
            raise ValidationError(REMOVED_ITEM)
        other = DecisionDraftPage.objects.filter(item=item).exclude(pk=self.instance.pk)
        if other.exists():
            raise ValidationError(TAKEN_ITEM)
        return item


class DecisionDraftPage(PageContextMixin, CopyGuardMixin, GatedPublishMixin, Page):
    """决策方案 of one catalogue item; published = 决策公布."""

    item = models.OneToOneField(
        "cms.DecisionItem",
        verbose_name="决策事项",
        on_delete=models.PROTECT,
        related_name="draft",
    )
    summary = models.TextField("决策方案摘要", blank=True)
    body = models.TextField("决策方案全文", help_text="决策公布时向社会公开的决策内容，纯文本。")
    published_on = models.DateField(
        "决策公布日期", null=True, blank=True, help_text="公布时由系统记录，无需填写。"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("item"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    base_form_class = DecisionDraftForm
    parent_page_types = ["cms.MajorDecisionListPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "重大行政决策方案"
        verbose_name_plural = "重大行政决策方案"

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        """The 决策公布 date is the day it first goes live (an issue field, outside the hash).
        A draft created live from code, with no reviewed revision, is refused by the gate."""
        if self._state.adding and self.live and not self.live_revision_id:
            check_issue(self, None)
        if self.live and not self.published_on:
            self.published_on = timezone.localdate()
            fields = kwargs.get("update_fields")
            if fields is not None:
                kwargs["update_fields"] = {*fields, "published_on"}
        return super().save(*args, **kwargs)
