"""The bureau's power list (权力清单 / 权责清单): what it may do, by category, published on the
portal.

The list is kept by the office (局办公室) and published as it is saved: it is a supporting
record, not a reviewed item (no legality review or collective deliberation precedes it), so
it does not pass the issue gate. What the gate would give — who made each change, when,
from which file — is kept instead: every write leaves a ``HistoricalPowerItem`` row
(django-simple-history: the user, the time, and the ``PowerListImport`` batch when it came
from a spreadsheet). Items leave the list by being marked 已取消, never deleted, so the public
change log (``portal``) can say what was cancelled and when.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index


class PowerCategory(models.TextChoices):
    ADMINISTRATIVE_PAYMENT = "行政给付", "行政给付"
    LICENSING = "行政许可", "行政许可"
    CONFIRMATION = "行政确认", "行政确认"
    INSPECTION = "行政检查", "行政检查"
    COERCION = "行政强制", "行政强制"
    REWARD = "行政奖励", "行政奖励"
    ADJUDICATION = "行政裁决", "行政裁决"
    PUNISHMENT = "行政处罚", "行政处罚"
    OTHER = "其他", "其他"


class PowerStatus(models.TextChoices):
    IN_FORCE = "有效", "有效"
    CANCELLED = "已取消", "已取消"


class PowerItemQuerySet(models.QuerySet):
    def in_force(self):
        """The items the bureau holds today (the public list and the annual report)."""
        return self.filter(status=PowerStatus.IN_FORCE)


class PowerListImport(models.Model):
    """One run of 权责清单导入 (command or admin upload) that wrote the list: internal."""

    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("文件摘要", max_length=64)
    department = models.ForeignKey(
        "cms.Department",
        verbose_name="限定科室",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.PositiveIntegerField("新增", default=0)
    changed = models.PositiveIntegerField("变更", default=0)
    cancelled = models.PositiveIntegerField("取消", default=0)
    unchanged = models.PositiveIntegerField("未变", default=0)

    class Meta:
        verbose_name = "权责清单导入记录"
        verbose_name_plural = "权责清单导入记录"
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename}（{self.imported_at:%Y-%m-%d %H:%M}）"


class PowerHistoryBatch(models.Model):
    """The import batch of a history row (empty for an edit in the admin)."""

    import_batch = models.ForeignKey(
        PowerListImport,
        verbose_name="导入批次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )

    class Meta:
        abstract = True


class PowerItem(index.Indexed, models.Model):
    """One item of the 权力清单 (权责清单: with its 责任事项 and 追责情形)."""

    category = models.CharField("权力类别", max_length=6, choices=PowerCategory.choices)
    code = models.CharField("编码", max_length=40, blank=True)
    name = models.CharField("事项名称", max_length=200)
    subitem = models.CharField("子项", max_length=200, blank=True)
    legal_basis = models.TextField("设定依据", blank=True)
    implementing_body = models.CharField("实施主体", max_length=100, blank=True)
    department = models.ForeignKey(
        "cms.Department",
        verbose_name="承办科室",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="powers",
    )
    responsibilities = models.TextField("责任事项", blank=True)
    accountability = models.TextField("追责情形", blank=True)
    note = models.TextField("备注", blank=True)
    status = models.CharField(
        "状态", max_length=4, choices=PowerStatus.choices, default=PowerStatus.IN_FORCE
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    objects = PowerItemQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="权责清单变更记录",
        bases=[PowerHistoryBatch],
        user_db_constraint=False,
    )

    panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("code"), FieldPanel("status")]),
        FieldPanel("name"),
        FieldPanel("subitem"),
        FieldPanel("legal_basis"),
        FieldRowPanel([FieldPanel("implementing_body"), FieldPanel("department")]),
        FieldPanel("responsibilities"),
        FieldPanel("accountability"),
        FieldPanel("note"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("category")]

    class Meta:
        verbose_name = "权力事项"
        verbose_name_plural = "权力清单"
        ordering = ["category", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name", "subitem"],
                condition=Q(status="有效"),
                name="power_item_unique_name",
                violation_error_message="该类别中已有事项名称和子项都相同的有效事项。",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="power_item_unique_code",
                violation_error_message="该编码已被其他权力事项使用。",
            ),
        ]

    def __str__(self) -> str:
        sub = f"（{self.subitem}）" if self.subitem else ""
        return f"{self.get_category_display()}：{self.name}{sub}"


# Fields the portal may show, in its order (never who imported, never the batch).
PUBLIC_POWER_FIELDS = (
    "category",
    "code",
    "name",
    "subitem",
    "legal_basis",
    "implementing_body",
    "department",
    "responsibilities",
    "accountability",
    "note",
    "status",
)
