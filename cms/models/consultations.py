"""Public consultation (公开征求意见): the window rule and the comments the public leaves.

A normative document that affects the public is open for comment for at least seven
working days; a major administrative decision (重大行政决策) for at least thirty days
(《重大行政决策程序暂行条例》第十五条: calendar days, both ends included). Working days are
the official calendar's (``cms.calendar``: 法定节假日 and 调休), never plain Monday–Friday.

Comments are kept for the drafting department, which records for each one whether it was
adopted (采纳 / 部分采纳 / 不采纳) and why; the public sees only the counts and the
published summary once the window has closed. The commenter's address is kept only as a
keyed hash, enough to rate-limit and to spot a flood, never the address itself.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone

from cms import calendar

MIN_WORKING_DAYS = 7
MIN_DECISION_DAYS = 30
COMMENT_MAX_LENGTH = 2000


def window_working_days(start: date, end: date) -> int:
    """Working days from ``start`` to ``end``, both included."""
    if end < start:
        return 0
    return calendar.working_days_between(start - timedelta(days=1), end)


def consultation_window_error(start: date | None, end: date | None) -> str:
    """A Chinese message when the window is shorter than the legal minimum, else ''."""
    if not (start and end) or end < start:
        return ""
    days = window_working_days(start, end)
    if days < MIN_WORKING_DAYS:
        return (
            f"公开征求意见期限不得少于{MIN_WORKING_DAYS}个工作日"
            f"（{start:%Y-%m-%d} 至 {end:%Y-%m-%d} 仅{days}个工作日）。"
        )
    return ""


def decision_window_error(start: date | None, end: date | None) -> str:
    """A Chinese message when a major decision's window is too short or reversed, else ''."""
    if not (start and end):
        return ""
    if end < start:
        return "征求意见截止日期不能早于开始日期。"
    days = (end - start).days + 1
    if days < MIN_DECISION_DAYS:
        return (
            f"重大行政决策公开征求意见期限不得少于{MIN_DECISION_DAYS}日"
            f"（{start:%Y-%m-%d} 至 {end:%Y-%m-%d} 仅{days}日）。"
        )
    return ""


class DecisionConsultation(models.Model):
    """A major-decision item's draft opened for public comment (重大行政决策公开征求意见).

    Kept beside the item, not in the list page's revisions: public participation comes
    before the legality review and the collective decision, so opening a consultation must
    not wait for the list's own review workflow. The public sees it from its first day
    unless the item is removed from the list (调出).
    """

    item = models.OneToOneField(
        "cms.DecisionItem",
        verbose_name="决策事项",
        on_delete=models.PROTECT,
        related_name="consultation",
    )
    text = models.TextField(
        "决策草案（征求意见稿）", help_text="向社会公开的决策草案全文及说明，纯文本"
    )
    start = models.DateField("征求意见开始日期")
    end = models.DateField("征求意见截止日期", help_text="不少于30日（自然日，含首尾两日）。")
    summary = models.TextField(
        "意见采纳情况说明", blank=True, help_text="征求意见结束后，随采纳情况统计一并公布。"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "重大行政决策征求意见"
        verbose_name_plural = "重大行政决策征求意见"
        ordering = ["-start", "-id"]

    def __str__(self) -> str:
        return f"{self.item}（征求意见稿）"

    def clean(self):
        super().clean()
        problem = decision_window_error(self.start, self.end)
        if problem:
            raise ValidationError({"end": problem})


class CommentResponse(models.TextChoices):
    """The drafter's answer to one comment."""

    ADOPTED = "采纳", "采纳"
    PARTLY = "部分采纳", "部分采纳"
    REJECTED = "不采纳", "不采纳"


class PublicCommentQuerySet(models.QuerySet):
    def adoption_counts(self) -> dict[str, int]:
        """Received, and how many of each answer: the published summary's numbers."""
        counts = {"received": self.count(), "pending": 0}
        counts.update({choice.value: 0 for choice in CommentResponse})
        for row in self.values("response").annotate(n=models.Count("id")):
            key = row["response"] or "pending"
            counts[key] = counts.get(key, 0) + row["n"]
        return counts


class PublicComment(models.Model):
    """一条公众意见 on a document, or a major decision's draft, open for consultation."""

    document = models.ForeignKey(
        "cms.NormativeDocumentPage",
        verbose_name="征求意见文件",
        on_delete=models.PROTECT,  # the public's record outlives a draft (cms.deletion)
        related_name="public_comments",
        null=True,
        blank=True,
    )
    decision_consultation = models.ForeignKey(
        DecisionConsultation,
        verbose_name="重大行政决策征求意见",
        on_delete=models.PROTECT,
        related_name="comments",
        null=True,
        blank=True,
    )
    name = models.CharField("姓名（可不填）", max_length=50, blank=True)
    contact = models.CharField("联系方式（可不填）", max_length=100, blank=True)
    text = models.TextField(
        "意见内容", validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)], help_text="纯文本"
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    ip_hash = models.CharField("来源地址摘要", max_length=64, db_index=True, editable=False)
    response = models.CharField(
        "采纳情况", max_length=4, choices=CommentResponse.choices, blank=True
    )
    response_reason = models.TextField("理由", blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responded_at = models.DateTimeField("答复时间", null=True, blank=True)

    objects = PublicCommentQuerySet.as_manager()

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(document__isnull=False, decision_consultation__isnull=True)
                | models.Q(document__isnull=True, decision_consultation__isnull=False),
                name="public_comment_on_exactly_one_consultation",
                violation_error_message="一条意见只能针对一个征求意见事项。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject}：{self.text[:20]}"

    @property
    def subject(self):
        """What was commented on: the document, or the decision's consultation."""
        return self.document if self.document_id else self.decision_consultation
