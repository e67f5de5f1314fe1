"""The other records of a document's path: fair-competition review, collective
deliberation and registration (三统一). Append-only, each bound to the revision it saw."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models

from review.checklists import FAIR_COMPETITION_STANDARDS


class AppendOnly(models.Model):
    """Rows of an append-only record may be created, never changed or deleted."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64, db_index=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="所依据的版本",
        on_delete=models.PROTECT,
        related_name="+",
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied(f"{self._meta.verbose_name}一经记录不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(f"{self._meta.verbose_name}不可删除。")

    @classmethod
    def for_object(cls, obj):
        return cls.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )


class FairCompetitionReview(AppendOnly):
    """公平竞争审查: the drafting unit's self-review, or a recorded reason to skip it."""

    applicable = models.BooleanField("涉及经营主体经济活动", default=True)
    skip_reason = models.TextField("不需审查的理由", blank=True)
    findings = models.JSONField("逐项审查结果", default=dict)
    conclusion = models.TextField("审查结论")
    passed = models.BooleanField("是否符合公平竞争审查标准", default=True)

    class Meta:
        verbose_name = "公平竞争审查"
        verbose_name_plural = "公平竞争审查"
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return (
            f"公平竞争审查（{self.recorded_at:%Y-%m-%d}）：{'通过' if self.passed else '存在问题'}"
        )

    def violated_standards(self) -> list[str]:
        return [
            f"{category.title}：{item.text}"
            for category, item in FAIR_COMPETITION_STANDARDS
            if self.findings.get(item.code) == "违反"
        ]


class DeliberationBody(models.TextChoices):
    PARTY_GROUP = "局党组会", "局党组会"
    BUREAU_MEETING = "局务会", "局务会"


class DeliberationDecision(models.TextChoices):
    ADOPTED = "通过", "通过"
    ADOPTED_AFTER_CHANGES = "修改后通过", "修改后通过"
    NOT_ADOPTED = "不予通过", "不予通过"


class Deliberation(AppendOnly):
    """集体审议 (集体讨论决定): the meeting that decided on the item."""

    body = models.CharField("会议", max_length=10, choices=DeliberationBody.choices)
    meeting_date = models.DateField("会议日期")
    minutes_reference = models.CharField("会议纪要编号", max_length=100)
    decision = models.CharField("决定", max_length=6, choices=DeliberationDecision.choices)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "集体审议记录"
        verbose_name_plural = "集体审议记录"
        ordering = ["-recorded_at"]
        permissions = [("record_deliberation", "可记录集体审议")]

    def __str__(self) -> str:
        return f"{self.body}（{self.meeting_date}）{self.decision}"


class Registration(AppendOnly):
    """统一登记、统一编号、统一印发: the number is the document's for good."""

    issuer = models.CharField("发文机关", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    sequence = models.PositiveIntegerField("登记序号")
    registration_number = models.CharField("登记编号", max_length=50)
    doc_number = models.CharField("发文字号", max_length=50)
    issued_on = models.DateField("印发日期")

    class Meta:
        verbose_name = "统一登记"
        verbose_name_plural = "统一登记"
        ordering = ["-recorded_at"]
        permissions = [("register_item", "可统一登记、编号和印发")]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "sequence"], name="registration_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return self.registration_number


class Filing(AppendOnly):
    """备案: the published document filed with the higher authority (deadline from publication)."""

    authority = models.CharField("备案机关", max_length=100)
    filed_on = models.DateField("报送备案日期")
    reference = models.CharField("备案文号", max_length=100, blank=True)

    class Meta:
        verbose_name = "备案记录"
        verbose_name_plural = "备案记录"
        ordering = ["-filed_on"]

    def __str__(self) -> str:
        return f"{self.authority} {self.filed_on}"


class LegacyIssue(AppendOnly):
    """存量导入: an item issued on paper before the system existed, entered by an administrator.

    The gate accepts exactly the recorded content in place of the in-system path; the
    paper opinion or issuing reference is kept so the record is still provable.
    """

    paper_reference = models.CharField("原审核意见书或印发文号", max_length=200)
    reason = models.TextField("导入说明")

    class Meta:
        verbose_name = "存量导入记录"
        verbose_name_plural = "存量导入记录"
        ordering = ["-recorded_at"]
        permissions = [("import_legacy", "可导入存量文件（纸质印发）")]

    def __str__(self) -> str:
        return f"存量导入：{self.paper_reference}"
