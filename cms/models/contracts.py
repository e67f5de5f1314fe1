"""Contracts (合同) the bureau signs: internal, reviewed by the legal adviser, never published.

A snippet with Wagtail's draft, revision, lock and workflow mixins, so the review
workflow binds its opinion to an exact revision the same way as for pages.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from cms.forms import ContractForm
from cms.gates import GatedPublishMixin
from cms.models.attachments import AttachedFile


class ContractType(models.TextChoices):
    PROCUREMENT = "政府采购", "政府采购"
    SERVICE = "服务外包", "服务外包"
    LEASE = "租赁", "租赁"
    ENTRUSTED_MANAGEMENT = "委托管理", "委托管理"
    COOPERATION = "合作协议", "合作协议"
    OTHER = "其他", "其他"


class ContractQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def for_departments(self, departments) -> "ContractQuerySet":
        return self.filter(department__in=departments)

    def expiring_within(self, days: int, *, today=None) -> "ContractQuerySet":
        """Contracts whose term (履行期限止) ends between ``today`` and ``days`` days later."""
        today = today or timezone.localdate()
        return self.filter(term_end__gte=today, term_end__lte=today + timedelta(days=days))

    def expired(self, *, today=None) -> "ContractQuerySet":
        """Contracts whose term ended before ``today``."""
        return self.filter(term_end__lt=today or timezone.localdate())


class Contract(
    GatedPublishMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A 合同 drafted by a department and reviewed before signature."""

    title = models.CharField("合同名称", max_length=settings.TITLE_MAX_LENGTH)
    counterparty = models.CharField("合同相对方", max_length=200)
    amount = models.DecimalField(
        "合同金额（元）",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message="合同金额不能为负数。")],
        error_messages={
            "max_decimal_places": "合同金额最多保留两位小数（单位：元）。",
            "invalid": "合同金额须为数字（单位：元）。",
        },
    )
    contract_type = models.CharField("合同类型", max_length=10, choices=ContractType.choices)
    department = models.ForeignKey(
        "cms.Department",
        verbose_name="承办科室",
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    term_start = models.DateField("履行期限起")
    term_end = models.DateField("履行期限止")
    signed_on = models.DateField("签订日期", null=True, blank=True)
    text = models.TextField("合同文本", blank=True)

    objects = ContractQuerySet.as_manager()

    base_form_class = ContractForm
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("counterparty"), FieldPanel("contract_type")]),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("department")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")])],
            heading="履行期限",
        ),
        FieldPanel("signed_on", read_only=True),
        FieldPanel("text"),
        InlinePanel("attachments", label="附件"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("counterparty"),
        index.SearchField("text"),
        index.AutocompleteField("title"),
        index.AutocompleteField("counterparty"),
        index.AutocompleteField("text"),  # the contract register's search box autocompletes
        index.FilterField("department"),
        index.FilterField("contract_type"),
    ]

    class Meta:
        verbose_name = "合同"
        verbose_name_plural = "合同台账"
        ordering = ["-term_start", "-id"]
        permissions = [
            ("view_all_contracts", "可查看全部科室的合同"),
            ("sign_off_contract", "可签批合同（局领导签批）"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            raise ValidationError({"term_end": "履行期限止必须晚于履行期限起。"})


class ContractAttachment(AttachedFile):
    """附件 of a contract (the signed text, quotations, licences)."""

    contract = ParentalKey(Contract, on_delete=models.CASCADE, related_name="attachments")

    class Meta(AttachedFile.Meta):
        verbose_name = "合同附件"
        verbose_name_plural = "合同附件"
