"""保密审查: the office's secrecy check of an item before it goes public.

One row per check, bound to the revision it saw (``AppendOnly``: content type + object id +
revision, append-only). The gate (``review.gate``) accepts a publication only when the
latest check whose revision has the published content's hash says 可以公开 or 部分公开.
"""

from django.db import models

from review.models.records import AppendOnly


class SecrecyResult(models.TextChoices):
    PUBLIC = "可以公开", "可以公开"
    PARTIAL = "部分公开", "部分公开"
    WITHHELD = "不予公开", "不予公开"


PASSING_SECRECY = (SecrecyResult.PUBLIC, SecrecyResult.PARTIAL)


class SecrecyCheck(AppendOnly):
    result = models.CharField("审查结论", max_length=4, choices=SecrecyResult.choices)
    removed = models.TextField(
        "删除（遮盖）的内容", blank=True, help_text="部分公开时写明删除或遮盖了哪些内容。"
    )
    basis = models.TextField("审查依据", help_text="如《保守国家秘密法》第九条、本局保密事项范围。")

    class Meta:
        verbose_name = "保密审查"
        verbose_name_plural = "保密审查"
        ordering = ["-recorded_at", "-pk"]
        permissions = [("record_secrecycheck", "可记录保密审查")]

    def __str__(self) -> str:
        return f"保密审查：{self.result}"

    @property
    def passes(self) -> bool:
        return self.result in PASSING_SECRECY
