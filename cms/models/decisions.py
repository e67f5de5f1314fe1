"""The major-administrative-decision list (重大行政决策事项目录), one page per year.

Items are inline children of the year's page, so a list and each of its adjustments
(动态调整) is one page revision that the review workflow judges and publishes as a whole.
django-simple-history records every item row written when a revision goes live — added,
changed, removed — with who did it and the reason given for the adjustment.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from cms.forms import AutoSlugPageForm
from cms.gates import CopyGuardMixin, GatedPublishMixin
from cms.history import ClusterHistoricalRecords
from cms.page_context import PageContextMixin

PROCEDURES = [
    ("public_participation", "公众参与"),
    ("expert_argument", "专家论证"),
    ("risk_assessment", "风险评估"),
    ("legality_review", "合法性审查"),
    ("collective_decision", "集体讨论决定"),
]
ALWAYS_REQUIRED = {"legality_review", "collective_decision"}


class DecisionItemStatus(models.TextChoices):
    PLANNED = "计划中", "计划中"
    IN_PROGRESS = "进行中", "进行中"
    DONE = "已完成", "已完成"
    REMOVED = "已调出", "已调出"


class DecisionListIndexPage(CopyGuardMixin, Page):
    """重大行政决策事项目录: the yearly lists live under it."""

    intro = models.TextField("简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.PortalHomePage"]
    subpage_types = ["cms.MajorDecisionListPage"]
    max_count = 1

    class Meta:
        verbose_name = "重大行政决策事项目录栏目"


class DecisionListForm(AutoSlugPageForm):
    """An adjustment of a list already published must say why (调整说明)."""

    def clean(self):
        cleaned = super().clean()
        page = self.instance
        items = self.formsets.get("items")
        if page.pk and page.first_published_at and items is not None:
            changed = items.has_changed() or any(
                form in items.deleted_forms for form in items.forms
            )
            note = (cleaned.get("adjustment_note") or "").strip()
            if changed and not note:
                self.add_error(
                    "adjustment_note", "目录已公布，调整事项时必须填写本次调整说明（调整理由）。"
                )
            elif changed and note == self._published_note():
                self.add_error(
                    "adjustment_note",
                    "本次调整说明与上次调整相同，请写明本次调整的理由（调整理由）。",
                )
        if items is not None:
            self._refuse_deleting_consulted(items)
            for form in items.forms:
                data = getattr(form, "cleaned_data", {}) or {}
                if data.get("status") == DecisionItemStatus.REMOVED and not (
                    data.get("adjustment_reason") or cleaned.get("adjustment_note")
                ):
                    form.add_error("adjustment_reason", "调出目录的事项必须填写调整理由。")
        return cleaned

    def _refuse_deleting_consulted(self, items) -> None:
        """An item with its own records (a consultation, expert opinions, a risk report, a
        meeting, a decision draft) keeps them: it is 调出, never deleted."""
        from cms.models.consultations import DecisionConsultation
        from cms.models.decision_drafts import DecisionDraftPage
        from cms.models.decision_records import DecisionMeeting, ExpertOpinion, RiskAssessment

        deleted = [form.instance.pk for form in items.deleted_forms if form.instance.pk]
        consulted = DecisionConsultation.objects.filter(item_id__in=deleted)
        for consultation in consulted:
            self.add_error(
                None,
                f"事项“{consultation.item}”已公开征求意见，不能删除；不再列入目录的，"
                "请将状态改为“已调出”并填写调整理由。",
            )
        recorded: set[int] = set()
        for model in (ExpertOpinion, RiskAssessment, DecisionMeeting, DecisionDraftPage):
            found = model.objects.filter(item_id__in=deleted).values_list("item_id", flat=True)
            recorded |= set(found)
        recorded -= {c.item_id for c in consulted}
        for item in DecisionItem.objects.filter(pk__in=recorded):
            self.add_error(
                None,
                f"事项“{item}”已有论证、评估、会议记录或决策方案，不能删除；不再列入目录的，"
                "请将状态改为“已调出”并填写调整理由。",
            )

    def _published_note(self) -> str:
        """The 本次调整说明 of the live list (the row holds the live version's fields)."""
        note = (
            type(self.instance)
            .objects.filter(pk=self.instance.pk, live=True)
            .values_list("adjustment_note", flat=True)
            .first()
        )
        return (note or "").strip()


class MajorDecisionListPage(PageContextMixin, CopyGuardMixin, GatedPublishMixin, Page):
    """One year's 重大行政决策事项目录."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    intro = models.TextField("说明", blank=True)
    adjustment_note = models.TextField(
        "本次调整说明",
        blank=True,
        help_text="目录公布后每次增加、变更或调出事项，须说明理由；记入调整记录。",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("intro"),
        FieldPanel("adjustment_note"),
        InlinePanel("items", label="决策事项"),
    ]
    base_form_class = DecisionListForm
    parent_page_types = ["cms.DecisionListIndexPage"]
    subpage_types = ["cms.DecisionDraftPage"]

    class Meta:
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = "重大行政决策事项目录"


def _procedure_fields() -> dict:
    """Four fields per statutory procedure: required, done on, note, evidence.

    Since each decision has its own records (issue 15) the last three are read-only: the
    data migration moved them into the records where it could (专家论证, 风险评估, 集体讨论
    决定); for 公众参与 and 合法性审查 entered on paper they stay as the item's history, read
    only where no record exists. They are kept, not dropped, so the revisions and opinions
    already signed on the lists keep their content and hashes."""
    fields: dict = {}
    for code, label in PROCEDURES:
        fields[f"{code}_required"] = models.BooleanField(
            f"{label}：是否必经", default=code in ALWAYS_REQUIRED
        )
        fields[f"{code}_done_on"] = models.DateField(f"{label}：完成日期", null=True, blank=True)
        fields[f"{code}_note"] = models.CharField(f"{label}：情况说明", max_length=300, blank=True)
        fields[f"{code}_evidence"] = models.ForeignKey(
            settings.WAGTAILDOCS_DOCUMENT_MODEL,
            verbose_name=f"{label}：佐证材料",
            null=True,
            blank=True,
            on_delete=models.SET_NULL,
            related_name="+",
        )
    return fields


def _procedure_panels() -> list:
    """Only whether each procedure is required is the list's substance; progress is
    recorded on the item's own records (cms.decision_steps), never on the list."""
    return [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel(f"{code}_required") for code, _ in PROCEDURES])],
            heading="法定程序",
        )
    ]


# Built before DecisionItem so that simple-history's historical model copies these fields.
ProcedureFields = type(
    "ProcedureFields",
    (models.Model,),
    {"__module__": __name__, "Meta": type("Meta", (), {"abstract": True}), **_procedure_fields()},
)


class DecisionItem(ProcedureFields, Orderable):
    """A 重大行政决策事项 with its statutory procedures and their evidence."""

    decision_list = ParentalKey(
        MajorDecisionListPage, on_delete=models.CASCADE, related_name="items"
    )
    name = models.CharField("事项名称", max_length=200)
    lead_unit = models.ForeignKey(
        "cms.Department",
        verbose_name="承办单位",
        on_delete=models.PROTECT,
        related_name="decision_items",
    )
    legal_basis = models.TextField("决策依据")
    planned_on = models.DateField("计划完成时间", null=True, blank=True)
    status = models.CharField(
        "状态",
        max_length=4,
        choices=DecisionItemStatus.choices,
        default=DecisionItemStatus.PLANNED,
    )
    adjustment_reason = models.CharField(
        "调整理由", max_length=300, blank=True, help_text="新增、变更或调出本事项的理由。"
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("lead_unit"), FieldPanel("planned_on"), FieldPanel("status")]),
        FieldPanel("legal_basis"),
        *_procedure_panels(),
        FieldPanel("adjustment_reason"),
    ]
    history = ClusterHistoricalRecords(
        verbose_name="决策事项调整记录",
        excluded_fields=["sort_order"],
        user_db_constraint=False,
        history_change_reason_field=models.TextField(null=True),
    )

    class Meta(Orderable.Meta):
        verbose_name = "重大行政决策事项"
        verbose_name_plural = "重大行政决策事项"

    def __str__(self) -> str:
        return self.name

    def procedure_status(self) -> list[dict]:
        """Each statutory procedure: whether required, done, and its evidence, from the
        item's own records (cms.decision_steps)."""
        from cms.decision_steps import procedure_status

        return procedure_status(self)

    def progress(self) -> str:
        """Where the decision stands (未启动 … 已公布 / 已备案), computed, never typed."""
        from cms.decision_steps import item_progress

        return item_progress(self)

    def clean(self):
        super().clean()
        errors = {
            f"{code}_required": f"{label}是重大行政决策的必经程序，不能设为不需要。"
            for code, label in PROCEDURES
            if code in ALWAYS_REQUIRED and not getattr(self, f"{code}_required")
        }
        if errors:
            raise ValidationError(errors)
