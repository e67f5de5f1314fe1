"""The bureau's power list (权力清单): what it may do, by category, published on the portal."""

from django.db import models
from wagtail.admin.panels import FieldPanel
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


class PowerItem(index.Indexed, models.Model):
    """One item of the 权力清单."""

    category = models.CharField("权力类别", max_length=6, choices=PowerCategory.choices)
    code = models.CharField("编码", max_length=40, blank=True)
    name = models.CharField("事项名称", max_length=200)
    legal_basis = models.TextField("设定依据", blank=True)
    department = models.ForeignKey(
        "cms.Department",
        verbose_name="承办科室",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="powers",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    panels = [
        FieldPanel("category"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("legal_basis"),
        FieldPanel("department"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("category")]

    class Meta:
        verbose_name = "权力事项"
        verbose_name_plural = "权力清单"
        ordering = ["category", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "name"], name="power_item_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}：{self.name}"
