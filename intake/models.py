"""存量导入 batches: which manifest brought which documents in, and whether it was undone.

Each imported document keeps its own ``LegacyIssue`` record (review app: who, when, the
paper reference), which names the batch in its ``reason``; these rows add what the batch
needs: the manifest row, the content hash that makes a re-import a no-op, and the undo.
"""

from django.conf import settings
from django.db import models


class BatchStatus(models.TextChoices):
    IMPORTED = "已导入", "已导入"
    UNDONE = "已撤销", "已撤销"


class ImportBatch(models.Model):
    """One run of a manifest (导入批次)."""

    manifest_name = models.CharField("清单文件", max_length=200)
    manifest_sha256 = models.CharField("清单SHA-256", max_length=64)
    files_name = models.CharField("附件来源", max_length=200, blank=True)
    status = models.CharField(
        "状态", max_length=4, choices=BatchStatus.choices, default=BatchStatus.IMPORTED
    )
    rows_total = models.PositiveIntegerField("清单行数", default=0)
    rows_skipped = models.PositiveIntegerField("已存在跳过", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("导入时间", auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤销人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    undone_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = "存量导入批次"
        verbose_name_plural = "存量导入批次"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"第{self.pk}批（{self.manifest_name}）"


class ImportedDocument(models.Model):
    """A document a batch created (导入明细): its manifest row and content hash."""

    batch = models.ForeignKey(
        ImportBatch, verbose_name="批次", on_delete=models.PROTECT, related_name="documents"
    )
    page = models.ForeignKey(
        "cms.NormativeDocumentPage",
        verbose_name="文件",
        on_delete=models.PROTECT,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="导入的版本",
        on_delete=models.PROTECT,
        related_name="+",
    )
    line = models.PositiveIntegerField("清单行号")
    doc_number = models.CharField("发文字号", max_length=50, blank=True)
    content_sha256 = models.CharField("内容SHA-256", max_length=64, db_index=True)
    paper_reference = models.CharField("纸质依据", max_length=200)

    class Meta:
        verbose_name = "存量导入明细"
        verbose_name_plural = "存量导入明细"
        ordering = ["batch", "line"]

    def __str__(self) -> str:
        return f"第{self.line}行：{self.page_id}"
