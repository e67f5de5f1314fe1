"""Normative documents (行政规范性文件) as Wagtail pages.

The tree is 门户首页 → 行政规范性文件库 (index) → one folder per department → documents.
Drafters hold page permissions on their department's folder only, so isolation is
Wagtail's own; the office and the adviser hold theirs at the index. The public list and
the API aggregate every live document under the index.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms import rules
from cms.forms import FolderDepartmentPageForm
from cms.gates import CopyGuardMixin, GatedPublishMixin
from cms.models.attachments import AttachedFile
from cms.models.consultations import consultation_window_error
from cms.models.folders import DepartmentFolder, department_link
from cms.models.openness import DisclosedItem, interpretation_required
from cms.page_context import PageContextMixin

BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ValidityStatus(models.TextChoices):
    """有效性 as the portal shows it."""

    IN_FORCE = "现行有效", "现行有效"
    AMENDED = "已修改", "已修改"
    ABOLISHED = "已废止", "已废止"
    EXPIRED = "已失效", "已失效"


class Topic(models.TextChoices):
    """主题分类 used by the portal's disclosure catalogue."""

    SOCIAL_ASSISTANCE = "社会救助", "社会救助"
    ELDERLY_CARE = "养老服务", "养老服务"
    MARRIAGE = "婚姻登记", "婚姻登记"
    SOCIAL_ORGANISATIONS = "社会组织", "社会组织"
    SOCIAL_AFFAIRS = "社会事务", "社会事务"
    CHILD_WELFARE = "儿童福利", "儿童福利"
    FUNERAL = "殡葬管理", "殡葬管理"
    COMMUNITY = "基层治理", "基层治理"
    GENERAL = "综合政务", "综合政务"


class PortalHomePage(PageContextMixin, CopyGuardMixin, Page):
    """门户首页: the root of the public site."""

    intro = models.TextField("简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = [
        "cms.DocumentIndexPage",
        "cms.DecisionListIndexPage",
        "cms.ReliefIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "门户首页"


class DocumentIndexPage(PageContextMixin, CopyGuardMixin, Page):
    """行政规范性文件库: holds one folder per department."""

    intro = models.TextField("简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.PortalHomePage"]
    subpage_types = ["cms.DepartmentFolderPage", "cms.NormativeDocumentPage"]

    class Meta:
        verbose_name = "规范性文件库"


class DepartmentFolderPage(DepartmentFolder):
    """A department's subtree of the library; its group's page permissions sit here."""

    department = department_link(related_name="folder")

    parent_page_types = ["cms.DocumentIndexPage"]
    subpage_types = ["cms.NormativeDocumentPage"]

    class Meta:
        verbose_name = "科室文件夹"


class NormativeDocumentPage(
    PageContextMixin, CopyGuardMixin, GatedPublishMixin, DisclosedItem, Page
):
    """A 行政规范性文件 with the metadata the government portal discloses."""

    issuer = models.CharField("发文机关", max_length=100, default=rules.bureau_name)
    doc_number = models.CharField(
        "发文字号",
        max_length=50,
        blank=True,
        help_text="格式：机关代字〔年份〕序号号，如 红民发〔2023〕12号；[ ]、【 】、( ) 会自动改为〔 〕。",
    )
    registration_number = models.CharField(
        "登记编号", max_length=50, blank=True, help_text="统一登记时由系统分配，不可手工填写。"
    )
    index_number = models.CharField("索引号", max_length=50, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    valid_until = models.DateField(
        "有效期至",
        null=True,
        blank=True,
        help_text="留空时按施行日期自动计算：一般5年，标题含“暂行”“试行”的最长2年。",
    )
    validity_status = models.CharField(
        "有效性", max_length=4, choices=ValidityStatus.choices, default=ValidityStatus.IN_FORCE
    )
    status_changed_on = models.DateField("废止（失效、修改）日期", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="替代文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    topic = models.CharField("主题分类", max_length=10, choices=Topic.choices, blank=True)
    department = models.ForeignKey(
        "cms.Department",
        verbose_name="起草科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    body = RichTextField("正文", blank=True, features=BODY_FEATURES)
    legal_basis_note = models.TextField(
        "制定依据说明", blank=True, help_text="上位法依据之外的政策依据，如上级文件。"
    )
    affects_public = models.BooleanField(
        "涉及公众切身利益", default=True, help_text="涉及的须公开征求意见，期限不少于7个工作日。"
    )
    touches_economic_activity = models.BooleanField(
        "涉及经营主体经济活动", default=False, help_text="涉及的须进行公平竞争审查。"
    )
    consultation_start = models.DateField("征求意见开始日期", null=True, blank=True)
    consultation_end = models.DateField("征求意见截止日期", null=True, blank=True)
    open_for_consultation = models.BooleanField(
        "在门户公开征求意见",
        default=False,
        help_text="勾选并保存后，在征求意见期限内于门户“征求意见”栏目公开本稿全文并接收意见。",
    )
    comments_received = models.PositiveIntegerField("收到意见（条）", default=0)
    comments_adopted = models.PositiveIntegerField("采纳意见（条）", default=0)
    consultation_summary = models.TextField("意见采纳情况说明", blank=True)
    no_interpretation_reason = models.TextField(
        "未附解读的理由",
        blank=True,
        help_text="涉及公众切身利益的文件须同步起草政策解读；确不需要的，在此写明理由。",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("doc_number"),
        index.SearchField("body"),
        # Wagtail's admin search box autocompletes: without this only titles are searched.
        index.AutocompleteField("body"),
        index.FilterField("validity_status"),
        index.FilterField("department"),
        index.FilterField("topic"),
    ]

    metadata_panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("doc_number")]),
        FieldRowPanel(
            [FieldPanel("registration_number", read_only=True), FieldPanel("index_number")]
        ),
        FieldRowPanel([FieldPanel("topic"), FieldPanel("department", read_only=True)]),
        FieldRowPanel(
            [FieldPanel("written_on"), FieldPanel("published_on"), FieldPanel("effective_on")]
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("valid_until"), FieldPanel("validity_status")]),
                FieldRowPanel([FieldPanel("status_changed_on"), FieldPanel("replaced_by")]),
            ],
            heading="时效",
        ),
        *DisclosedItem.disclosure_panels,
    ]
    body_panels = [FieldPanel("body"), InlinePanel("attachments", label="附件")]
    interpretation_panels = [
        InlinePanel("interpretations", label="政策解读"),
        FieldPanel("no_interpretation_reason"),
    ]
    basis_panels = [
        InlinePanel("legal_bases", label="上位法依据"),
        FieldPanel("legal_basis_note"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("affects_public"), FieldPanel("touches_economic_activity")]
                ),
                FieldRowPanel([FieldPanel("consultation_start"), FieldPanel("consultation_end")]),
                FieldPanel("open_for_consultation"),
                FieldRowPanel([FieldPanel("comments_received"), FieldPanel("comments_adopted")]),
                FieldPanel("consultation_summary"),
            ],
            heading="公开征求意见",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(metadata_panels, heading="基本信息"),
            ObjectList(body_panels, heading="正文与附件"),
            ObjectList(interpretation_panels, heading="政策解读"),
            ObjectList(basis_panels, heading="依据与程序"),
            ObjectList(Page.promote_panels, heading="发布设置"),
        ]
    )

    # A copy is a new draft (cms.copying): nothing given at issue, not open for comment, and
    # the department of the folder it is copied into.
    exclude_fields_in_copy = [
        "doc_number",
        "registration_number",
        "index_number",
        "written_on",
        "published_on",
        "effective_on",
        "valid_until",
        "validity_status",
        "status_changed_on",
        "replaced_by",
        "department",
        "open_for_consultation",
        "comments_received",
        "comments_adopted",
        "consultation_summary",
    ]

    base_form_class = FolderDepartmentPageForm
    parent_page_types = ["cms.DepartmentFolderPage", "cms.DocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = "行政规范性文件"
        indexes = [models.Index(fields=["published_on"], name="document_published_on")]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "doc_number"],
                condition=~Q(doc_number=""),
                name="normative_document_unique_doc_number",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def full_clean(self, *args, **kwargs):
        self.issuer = self.issuer or rules.bureau_name()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        if self.department_id is None and self.path:
            self.department_id = self._department_from_tree()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors: dict[str, str] = {}
        limit = settings.TITLE_MAX_LENGTH
        if len(self.title or "") > limit:
            errors["title"] = f"标题不能超过{limit}个字符（当前{len(self.title)}个）。"
        if self.doc_number:
            normalised = rules.normalise_doc_number(self.doc_number)
            if not normalised:
                errors["doc_number"] = (
                    f"发文字号“{self.doc_number}”格式不正确，"
                    "应为“机关代字〔年份〕序号号”，如 红民发〔2023〕12号。"
                )
            else:
                self.doc_number = normalised
                clash = (
                    NormativeDocumentPage.objects.filter(issuer=self.issuer, doc_number=normalised)
                    .exclude(pk=self.pk)
                    .first()
                )
                if clash:
                    errors["doc_number"] = f"发文字号 {normalised} 已被《{clash.title}》使用。"
        errors.update(self._date_errors())
        if self.valid_until is None and self.effective_on:
            self.valid_until = rules.latest_valid_until(self.title, self.effective_on)
        problem = rules.validity_error(self.title, self.effective_on, self.valid_until)
        if problem:
            errors["valid_until"] = problem
        if self.validity_status == ValidityStatus.ABOLISHED and not self.status_changed_on:
            errors["status_changed_on"] = "有效性为“已废止”时必须填写废止日期。"
        start, end = self.consultation_start, self.consultation_end
        if start and end and end < start:
            errors["consultation_end"] = "征求意见截止日期不能早于开始日期。"
        elif (self.affects_public or self.open_for_consultation) and (
            problem := consultation_window_error(start, end)
        ):
            errors["consultation_end"] = problem
        if self.comments_adopted > self.comments_received:
            errors["comments_adopted"] = "采纳意见数不能多于收到意见数。"
        errors.update(self.disclosure_errors())
        if errors:
            raise ValidationError(errors)

    def _date_errors(self) -> dict[str, str]:
        errors = {}
        if self.written_on and self.published_on and self.published_on < self.written_on:
            errors["published_on"] = "发布日期不能早于成文日期。"
        if self.published_on and self.effective_on and self.effective_on < self.published_on:
            errors["effective_on"] = "施行日期不能早于发布日期。"
        elif self.written_on and self.effective_on and self.effective_on < self.written_on:
            errors["effective_on"] = "施行日期不能早于成文日期。"
        return errors

    def serve(self, request, *args, **kwargs):
        """Only 主动公开 documents are served to the public (preview is not ``serve``)."""
        if not self.is_proactive:
            raise Http404("该文件不主动公开。")
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.is_proactive else []

    @property
    def needs_interpretation(self) -> bool:
        return interpretation_required(affects_public=self.affects_public)

    def _department_from_tree(self):
        """The drafting department is the folder the document was created in."""
        parent = self.get_parent()
        return getattr(parent.specific if parent else None, "department_id", None)


class DocumentAttachment(AttachedFile):
    """附件 of a normative document (PDF or DOCX)."""

    page = ParentalKey(NormativeDocumentPage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(AttachedFile.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"


class DocumentLegalBasis(Orderable):
    """上位法依据: a statute (and articles) the document is made under."""

    page = ParentalKey(NormativeDocumentPage, on_delete=models.CASCADE, related_name="legal_bases")
    statute = models.ForeignKey(
        "cms.Statute", verbose_name="法律法规", on_delete=models.PROTECT, related_name="+"
    )
    articles = models.CharField("条款", max_length=100, blank=True, help_text="如：第十二条")

    panels = [FieldPanel("statute"), FieldPanel("articles")]

    class Meta(Orderable.Meta):
        verbose_name = "上位法依据"
        verbose_name_plural = "上位法依据"

    def __str__(self) -> str:
        return f"《{self.statute}》{self.articles}"
