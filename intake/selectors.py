"""Reads of the 存量导入 screens: batches, and what refers to an imported document."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex

from cms.models import NormativeDocumentPage
from intake.models import ImportBatch
from review.vouching import RECORDS
from search.models import CleanupDecision


def batches():
    return ImportBatch.objects.select_related("created_by", "undone_by").order_by("-pk")


def batch_rows(batch: ImportBatch):
    return batch.documents.select_related("page", "page__department").order_by("line")


def references_to(page: NormativeDocumentPage) -> list[str]:
    """What, besides its own import, already refers to ``page`` (Chinese reasons)."""
    reasons = []
    content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
    for model in RECORDS:
        if model.__name__ == "LegacyIssue":
            continue
        if model.objects.filter(content_type=content_type, object_id=str(page.pk)).exists():
            reasons.append(f"已有{model._meta.verbose_name}")
    if CleanupDecision.objects.filter(document=page).exists():
        reasons.append("已在清理活动中作出清理决定")
    replacing = NormativeDocumentPage.objects.filter(replaced_by=page).exclude(pk=page.pk).first()
    if replacing is not None:
        reasons.append(f"被《{replacing.title}》标注为替代文件")
    if ReferenceIndex.get_references_to(page).exists():
        reasons.append("被其他内容引用（链接）")
    return reasons
