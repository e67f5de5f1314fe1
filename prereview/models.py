"""Pre-review records: the editable rule settings, and each run with its findings.

A run is bound to the revision it checked (like an opinion), so the adviser reads the
findings of exactly the version submitted; a drafter's override of blocking findings is
kept on the run that was submitted, with who wrote it and when.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class Severity(models.TextChoices):
    BLOCKING = "阻断", "阻断"
    WARNING = "警告", "警告"
    NOTICE = "提示", "提示"


SEVERITY_ORDER = {Severity.BLOCKING: 0, Severity.WARNING: 1, Severity.NOTICE: 2}


class PreReviewRule(models.Model):
    """One pre-review rule as the administrator configures it (预审规则).

    The check itself is code (``prereview.rules``); here an administrator switches it on
    or off, overrides its severity and edits its parameters (JSON, e.g. the minimum
    consultation days or the replacement to cite for a repealed statute).
    """

    code = models.CharField("规则代码", max_length=40, unique=True)
    title = models.CharField("规则名称", max_length=100)
    description = models.TextField("说明", blank=True)
    enabled = models.BooleanField("启用", default=True)
    severity = models.CharField(
        "严重程度（留空按默认）", max_length=2, choices=Severity.choices, blank=True
    )
    default_severity = models.CharField(
        "默认严重程度", max_length=2, choices=Severity.choices, editable=False
    )
    parameters = models.JSONField("参数", default=dict, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code", read_only=True), FieldPanel("title")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("enabled"), FieldPanel("severity")]),
        FieldPanel("parameters"),
    ]

    class Meta:
        verbose_name = "预审规则"
        verbose_name_plural = "预审规则"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def effective_severity(self) -> str:
        return self.severity or self.default_severity


class RunTrigger(models.TextChoices):
    ON_DEMAND = "起草自查", "起草自查"
    SUBMISSION = "提交送审", "提交送审"
    REVIEW = "审查时补查", "审查时补查"
    EVALUATION = "评估", "评估"


class PreReviewRunQuerySet(models.QuerySet):
    def for_object(self, obj):
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id=str(obj.pk))


class PreReviewRun(models.Model):
    """预审记录: one run of the rules over one revision of a draft."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64, db_index=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="所预审的版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    trigger = models.CharField("触发方式", max_length=6, choices=RunTrigger.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="运行人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField("运行时间", auto_now_add=True)
    duration_ms = models.FloatField("用时（毫秒）", default=0)
    blocking = models.PositiveIntegerField("阻断", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    notices = models.PositiveIntegerField("提示", default=0)
    override_reason = models.TextField("阻断问题说明（起草人）", blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="说明人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    overridden_at = models.DateTimeField("说明时间", null=True, blank=True)
    overridden_keys = models.JSONField("说明所涵盖的阻断问题", default=list, blank=True)

    objects = PreReviewRunQuerySet.as_manager()

    class Meta:
        verbose_name = "预审记录"
        verbose_name_plural = "预审记录"
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"预审（{self.trigger}，阻断{self.blocking}/警告{self.warnings}/提示{self.notices}）"

    @property
    def overridden(self) -> bool:
        return bool(self.override_reason)


class Finding(models.Model):
    """预审发现: one problem a rule found, where, and how to fix it."""

    run = models.ForeignKey(PreReviewRun, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField("规则代码", max_length=40)
    rule_title = models.CharField("规则名称", max_length=100)
    severity = models.CharField("严重程度", max_length=2, choices=Severity.choices)
    location = models.CharField("位置", max_length=200)
    message = models.TextField("问题")
    suggestion = models.TextField("修改建议", blank=True)
    excerpt = models.CharField("原文摘录", max_length=300, blank=True)
    masked = models.TextField("脱敏后文本", blank=True)
    key = models.CharField(max_length=64, db_index=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "预审发现"
        verbose_name_plural = "预审发现"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"[{self.severity}] {self.location}：{self.message}"

    def opinion_text(self) -> str:
        """The sentence an adviser takes into the opinion with one click."""
        text = f"{self.location}：{self.message}"
        if self.suggestion:
            text += f"建议：{self.suggestion}"
        return text
