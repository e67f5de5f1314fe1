"""Each major decision's own records (issue 15): 专家论证, 风险评估 and the 集体讨论决定 meeting.

They belong to the catalogue item (``DecisionItem``), not to the year's list page: recording
that experts gave their opinions, that the risk report is in or that the leadership met
never edits the list, so the list's reviewed hash stays the same and its review is never
reopened. 公众参与 is ``DecisionConsultation`` (cms/models/consultations.py); 合法性审查 is a
legal opinion on the item's decision draft (``DecisionDraftPage``), 决策公布 the draft's
publication through the gate, and 备案 the review app's filing record on that draft.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ItemRecord(models.Model):
    """A record of one decision item's progress, kept beside the item (an item with
    records is never deleted from the list: it is 调出, see ``DecisionListForm``)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("记录时间", default=timezone.now, editable=False)

    class Meta:
        abstract = True


def _item(related_name: str):
    return models.ForeignKey(
        "cms.DecisionItem",
        verbose_name="决策事项",
        on_delete=models.PROTECT,
        related_name=related_name,
    )


def _attachment(label: str):
    return models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class ExpertOpinion(ItemRecord):
    """专家论证: one expert's (or expert group's) opinion on the decision."""

    item = _item("expert_opinions")
    expert = models.CharField("论证专家", max_length=100)
    organisation = models.CharField("所在单位", max_length=200, blank=True)
    given_on = models.DateField("论证日期")
    opinion = models.TextField("论证意见")
    attachment = _attachment("论证意见附件")

    class Meta:
        verbose_name = "专家论证意见"
        verbose_name_plural = "专家论证意见"
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.item}：{self.expert}（{self.given_on}）"


class RiskLevel(models.TextChoices):
    LOW = "低", "低风险"
    MEDIUM = "中", "中风险"
    HIGH = "高", "高风险"


class RiskAssessment(ItemRecord):
    """风险评估: the social-stability / risk report and its conclusion."""

    item = _item("risk_assessments")
    assessed_on = models.DateField("评估报告日期")
    # Blank only for reports migrated from the old hand-typed fields (no level recorded).
    level = models.CharField("评估结论", max_length=1, choices=RiskLevel.choices, blank=True)
    summary = models.TextField("评估结论说明", blank=True)
    attachment = _attachment("风险评估报告")

    class Meta:
        verbose_name = "风险评估报告"
        verbose_name_plural = "风险评估报告"
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return (
            f"{self.item}：风险评估（{self.get_level_display() or '未注明'}，{self.assessed_on}）"
        )


class DecisionMeeting(ItemRecord):
    """集体讨论决定: the meeting that discussed the decision, its attendees and 纪要."""

    item = _item("meetings")
    held_on = models.DateField("会议日期")
    name = models.CharField("会议名称", max_length=200)
    attendees = models.TextField("参会人员", blank=True)
    minutes = models.TextField("会议纪要", blank=True)
    attachment = _attachment("会议纪要附件")

    class Meta:
        verbose_name = "集体讨论决定会议"
        verbose_name_plural = "集体讨论决定会议"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.item}：{self.name}（{self.held_on}）"
