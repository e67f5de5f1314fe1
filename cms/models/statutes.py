"""The statute reference list (法律法规库): which laws are in force, amended or repealed.

Cleanup and pre-review read it to decide whether a citation is stale, so every name a
drafter may write — full name, short name, aliases — is kept.
"""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

PRC_PREFIX = "中华人民共和国"


class StatuteStatus(models.TextChoices):
    IN_FORCE = "现行有效", "现行有效"
    AMENDED = "已修改", "已修改"
    REPEALED = "已废止", "已废止"
    NOT_YET_IN_FORCE = "尚未生效", "尚未生效"


class StatuteLevel(models.TextChoices):
    LAW = "法律", "法律"
    ADMINISTRATIVE_REGULATION = "行政法规", "行政法规"
    DEPARTMENTAL_RULE = "部门规章", "部门规章"
    LOCAL_REGULATION = "地方性法规", "地方性法规"
    LOCAL_RULE = "地方政府规章", "地方政府规章"
    JUDICIAL_INTERPRETATION = "司法解释", "司法解释"
    OTHER = "其他", "其他"


class Statute(index.Indexed, models.Model):
    """A law or regulation the bureau's documents may cite (法律法规)."""

    name = models.CharField("名称", max_length=200, unique=True)
    short_name = models.CharField("简称", max_length=100, blank=True)
    aliases = models.TextField(
        "别名", blank=True, help_text="每行一个，例如“合同法”“中华人民共和国合同法”。"
    )
    level = models.CharField(
        "效力层级", max_length=10, choices=StatuteLevel.choices, default=StatuteLevel.LAW
    )
    issuer = models.CharField("制定机关", max_length=200, blank=True)
    status = models.CharField(
        "时效性", max_length=6, choices=StatuteStatus.choices, default=StatuteStatus.IN_FORCE
    )
    promulgated_on = models.DateField("公布日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="被替代为",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    note = models.TextField("备注", blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("aliases"),
        FieldPanel("level"),
        FieldPanel("issuer"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("promulgated_on"),
                FieldPanel("effective_on"),
                FieldPanel("repealed_on"),
                FieldPanel("replaced_by"),
            ],
            heading="时效",
        ),
        FieldPanel("note"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("aliases"),
        index.AutocompleteField("name"),
        index.AutocompleteField("short_name"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = "法律法规"
        verbose_name_plural = "法律法规库"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.status == StatuteStatus.REPEALED and not self.repealed_on:
            raise ValidationError({"repealed_on": "已废止的法律法规必须填写废止日期。"})
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            raise ValidationError({"replaced_by": "不能被自身替代。"})

    @property
    def all_names(self) -> list[str]:
        """Every spelling a citation may use, with and without 中华人民共和国."""
        names = [self.name, self.short_name, *self.aliases.splitlines()]
        result: list[str] = []
        for name in names:
            name = name.strip().strip("《》")
            if not name:
                continue
            for variant in (name, name.removeprefix(PRC_PREFIX)):
                if variant and variant not in result:
                    result.append(variant)
        return result


class StatuteImport(models.Model):
    """One import of the statute library and its change report (法规库导入记录).

    ``report`` holds the names per kind of change (``cms.statute_import.CHANGE_KINDS``) so
    the report can be shown again and a cleanup campaign started from it later.
    """

    file_name = models.CharField("导入文件", max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    rows = models.PositiveIntegerField("行数", default=0)
    report = models.JSONField("变更报告", default=dict)

    class Meta:
        verbose_name = "法规库导入记录"
        verbose_name_plural = "法规库导入记录"
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name}（{self.imported_at:%Y-%m-%d %H:%M}）"

    @property
    def changed_names(self) -> list[str]:
        """Statutes whose status changed to 已废止 or 已修改: what a cleanup should look for."""
        return [*self.report.get("repealed", []), *self.report.get("amended", [])]
