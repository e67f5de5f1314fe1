"""社会救助资金发放公示: one page per (month, assistance type, department), rows inline.

The tree is 门户首页 → 社会救助公示 (index) → one folder per department → monthly pages,
like the document library: a department's drafters hold page permissions on their own
folder only (``cms.services.department_provision``), so Wagtail itself keeps other
departments out. Per 《最低生活保障审核确认办法》 only the applicant's name, the place,
the household size and the amount are public; the rows hold nothing else, and the
publishing guard (``cms.privacy.publish_problems``) refuses any unmasked personal number.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet

from cms.forms import FolderDepartmentPageForm
from cms.gates import CopyGuardMixin, GatedPublishMixin
from cms.models.folders import DepartmentFolder, department_link
from cms.page_context import PageContextMixin


class ReliefType(models.TextChoices):
    """救助类型 of a monthly disclosure."""

    DIBAO = "城乡低保", "城乡低保"
    TEKUN = "特困供养", "特困供养"
    TEMPORARY = "临时救助", "临时救助"
    ELDERLY = "高龄津贴", "高龄津贴"
    DISABILITY = "残疾人两项补贴", "残疾人两项补贴"
    ORPHAN = "孤儿基本生活费", "孤儿基本生活费"


def disclosure_title(year: int, month: int, relief_type: str) -> str:
    return f"{year}年{month}月{relief_type}资金发放公示"


# ASCII slugs, so the portal's addresses need no percent-encoding.
TYPE_SLUGS = {
    ReliefType.DIBAO: "dibao",
    ReliefType.TEKUN: "tekun",
    ReliefType.TEMPORARY: "linshi",
    ReliefType.ELDERLY: "gaoling",
    ReliefType.DISABILITY: "canji",
    ReliefType.ORPHAN: "guer",
}


def disclosure_slug(year: int, month: int, relief_type: str) -> str:
    kind = TYPE_SLUGS.get(relief_type) or slugify(relief_type, allow_unicode=True)
    return f"{year}-{month:02d}-{kind}"


class ReliefIndexPage(PageContextMixin, CopyGuardMixin, Page):
    """社会救助公示: the portal's section; holds one folder per department."""

    intro = models.TextField("简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.PortalHomePage"]
    subpage_types = ["cms.ReliefFolderPage"]
    max_count = 1

    class Meta:
        verbose_name = "社会救助公示栏目"


class ReliefFolderPage(DepartmentFolder):
    """A department's subtree of the section; its drafters' page permissions sit here."""

    department = department_link(related_name="relief_folder")

    parent_page_types = ["cms.ReliefIndexPage"]
    subpage_types = ["cms.ReliefDisclosurePage"]

    class Meta:
        verbose_name = "救助公示科室文件夹"


class ReliefDisclosureForm(FolderDepartmentPageForm):
    """The department is the folder's; the title and slug follow 年月 and 救助类型."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].required = False
            self.fields["title"].help_text = "留空时按年月和救助类型自动生成。"

    def slug_base(self) -> str:
        fields = [self.cleaned_data.get(name) for name in ("year", "month", "relief_type")]
        return disclosure_slug(*fields) if all(fields) else super().slug_base()

    def clean(self):
        cleaned = super().clean()
        year, month = cleaned.get("year"), cleaned.get("month")
        relief_type = cleaned.get("relief_type")
        if year and month and relief_type and not (cleaned.get("title") or "").strip():
            cleaned["title"] = disclosure_title(year, month, relief_type)
        return cleaned


class ReliefDisclosureQuerySet(PageQuerySet):
    def of_month(self, year: int, month: int, relief_type: str, department_id):
        return self.filter(
            year=year, month=month, relief_type=relief_type, department_id=department_id
        )


class ReliefDisclosurePage(PageContextMixin, CopyGuardMixin, GatedPublishMixin, Page):
    """One month's list of recipient households of one assistance type."""

    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        "月份", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    relief_type = models.CharField("救助类型", max_length=10, choices=ReliefType.choices)
    department = models.ForeignKey(
        "cms.Department",
        verbose_name="发布科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relief_disclosures",
    )
    intro = models.TextField(
        "说明",
        blank=True,
        help_text="如发放标准、监督电话（办公电话可公开，个人手机号不得公开）。",
    )

    content_panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("month"), FieldPanel("relief_type")]),
        FieldPanel("department", read_only=True),
        FieldPanel("intro"),
        InlinePanel("rows", label="发放对象（户）"),
    ]

    objects = PageManager.from_queryset(ReliefDisclosureQuerySet)()

    base_form_class = ReliefDisclosureForm
    parent_page_types = ["cms.ReliefFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "社会救助资金发放公示"
        verbose_name_plural = "社会救助资金发放公示"
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month", "relief_type", "department"],
                name="relief_disclosure_unique_month_type_department",
                violation_error_message="同一科室同一月份的该类救助已有公示，请在原公示中修改。",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def add_to(cls, folder, year: int, month: int, relief_type: str, rows, **fields):
        """A new draft list in the department's ``folder``, named after its month and type."""
        page = cls(
            title=disclosure_title(year, month, relief_type),
            slug=disclosure_slug(year, month, relief_type),
            year=year,
            month=month,
            relief_type=relief_type,
            department_id=folder.department_id,
            live=False,
            **fields,
        )
        page.rows = rows
        folder.add_child(instance=page)
        return page

    def inherit_department(self, parent) -> None:
        """The department is the folder's: set from ``parent`` when not set yet."""
        if self.department_id is None and parent is not None:
            self.department_id = getattr(parent.specific, "department_id", None)

    def save(self, *args, **kwargs):
        if self.department_id is None and self.path:
            self.inherit_department(self.get_parent())
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.year and self.month and self.relief_type and self.department_id:
            clash = (
                ReliefDisclosurePage.objects.of_month(
                    self.year, self.month, self.relief_type, self.department_id
                )
                .exclude(pk=self.pk)
                .first()
            )
            if clash:
                raise ValidationError(
                    {
                        "month": f"本科室{self.year}年{self.month}月的{self.relief_type}公示已存在"
                        f"（《{clash.title}》），请在原公示中修改或重新导入。"
                    }
                )

    def validate_constraints(self, exclude=None):
        """The uniqueness is checked in ``clean`` with a message naming the existing page."""
        names = {"year", "month", "relief_type", "department"}
        return super().validate_constraints(exclude=set(exclude or ()) | names)

    def privacy_texts(self):
        """(where, text) of everything this page would publish, rows included."""
        yield "标题", self.title
        yield "说明", self.intro
        for number, row in enumerate(self.rows.all(), start=1):
            for field in ("name", "town", "village", "note"):
                label = ReliefRow._meta.get_field(field).verbose_name
                yield f"第{number}户（{label}）", getattr(row, field)

    def totals(self) -> dict:
        rows = list(self.rows.all())
        return {
            "households": len(rows),
            "people": sum(row.people for row in rows),
            "amount": sum((row.amount for row in rows), Decimal("0.00")),
        }


class ReliefRow(Orderable):
    """One household: only what 《最低生活保障审核确认办法》 allows to be public."""

    page = ParentalKey(ReliefDisclosurePage, on_delete=models.CASCADE, related_name="rows")
    name = models.CharField("姓名（申请人）", max_length=30)
    town = models.CharField("乡镇（街道）", max_length=30, blank=True)
    village = models.CharField("村（社区）", max_length=30, blank=True)
    people = models.PositiveSmallIntegerField(
        "保障人数",
        validators=[MinValueValidator(1, "保障人数至少为1人。")],
    )
    amount = models.DecimalField(
        "发放金额（元）",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), "发放金额不能为负数。")],
    )
    note = models.CharField("备注", max_length=100, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("town"), FieldPanel("village")]),
        FieldRowPanel([FieldPanel("people"), FieldPanel("amount"), FieldPanel("note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "发放对象"
        verbose_name_plural = "发放对象"

    def __str__(self) -> str:
        return self.name
