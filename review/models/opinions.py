"""The legal adviser's written opinion (书面审核意见): immutable, bound to one revision.

"未经法制审核或者审核未通过的，不得作出决定" — an item may be issued only when the exact
content being issued carries a passing opinion. The opinion keeps the revision id it
judged and a SHA-256 of that revision's content and attachments, so later edits cannot
ride on an earlier approval.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models

from cms.kinds import ItemKind


class Outcome(models.TextChoices):
    APPROVE = "同意", "同意"
    APPROVE_WITH_CHANGES = "修改后同意", "修改后同意"
    REJECT = "不同意", "不同意"
    CONFIRMED = "确认已修改", "确认已按意见修改"


PASSING = {Outcome.APPROVE, Outcome.CONFIRMED}
FILED_ONCE = ("letter", "archive")
PDF_FIELDS = {"letter", "archive", "archive_skipped"}


class OpinionQuerySet(models.QuerySet):
    def for_object(self, obj) -> "OpinionQuerySet":
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )

    def update(self, **kwargs):
        raise PermissionDenied("审核意见书签署后不可修改。")

    def file_pdf(self, *, pk: int, field: str, name: str, **extra) -> int:
        """Name a rendered PDF (``letter`` or ``archive``) on the opinion, once: the one
        write a signed opinion allows, and only while that field is still empty."""
        changes = {field: name, **extra}
        if field not in FILED_ONCE or not set(changes) <= PDF_FIELDS:
            raise PermissionDenied("审核意见书签署后不可修改。")
        return models.QuerySet.update(self.filter(pk=pk, **{field: ""}), **changes)

    def delete(self):
        raise PermissionDenied("审核意见书不可删除。")


class LegalOpinion(models.Model):
    """法律顾问书面审核意见书."""

    number = models.CharField("意见书编号", max_length=40, unique=True)
    year = models.PositiveSmallIntegerField("年度")
    sequence = models.PositiveIntegerField("序号")
    kind = models.CharField("事项类型", max_length=10, choices=ItemKind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64, db_index=True)
    content_object = GenericForeignKey("content_type", "object_id")
    item_title = models.CharField("送审事项", max_length=300)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="审核版本",
        on_delete=models.PROTECT,
        related_name="legal_opinions",
    )
    content_hash = models.CharField("内容摘要（SHA-256）", max_length=64)
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        verbose_name="审核任务",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_opinions",
    )
    outcome = models.CharField("审核结论", max_length=6, choices=Outcome.choices)
    checklist = models.JSONField("审查事项", default=list)
    conclusion = models.TextField("审核意见", blank=True)
    required_changes = models.JSONField("修改要求", default=list, blank=True)
    confirms = models.ForeignKey(
        "self",
        verbose_name="所确认的修改后同意意见",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="confirmations",
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="法律顾问",
        on_delete=models.PROTECT,
        related_name="legal_opinions",
    )
    adviser_name = models.CharField("签名", max_length=60)
    submitted_at = models.DateTimeField("送审时间")
    signed_at = models.DateTimeField("签署时间")
    # Both PDFs are rendered by a background task (review.tasks) and filed once each.
    letter = models.FileField("意见书 PDF", upload_to="opinions/%Y/", blank=True)
    archive = models.FileField("审核归档 PDF", upload_to="opinions/archives/%Y/", blank=True)
    archive_skipped = models.JSONField("未合并的附件", default=list, blank=True)

    objects = OpinionQuerySet.as_manager()

    class Meta:
        verbose_name = "法律审核意见"
        verbose_name_plural = "法律审核意见"
        ordering = ["-signed_at", "-id"]
        permissions = [("sign_legalopinion", "可出具法律审核意见")]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="opinion_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.item_title}（{self.outcome}）"

    def save(self, *args, **kwargs):
        """Append-only: an opinion once signed is never rewritten (the letter is filed once)."""
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values("letter").first()
            only_filing_letter = (
                stored is not None
                and not stored["letter"]
                and set(kwargs.get("update_fields") or ()) == {"letter"}
            )
            if not only_filing_letter:
                raise PermissionDenied("审核意见书签署后不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("审核意见书不可删除。")

    @property
    def is_passing(self) -> bool:
        return self.outcome in PASSING
