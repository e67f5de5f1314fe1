"""Cleanup campaigns (规范性文件清理): rules, runs with their evidence, decisions, approval.

A campaign is run as often as needed; each run keeps its findings so two runs can be
compared. The adviser records a decision per document with a reason; leadership's
approval applies the status change (废止 → 已废止, 宣布失效 → 已失效) to the document.
"""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class CompetitionCategory(models.TextChoices):
    """The four categories of the 公平竞争审查条例 (articles 8–11)."""

    MARKET_ACCESS = "市场准入和退出", "市场准入和退出"
    FREE_FLOW = "商品和要素自由流动", "商品和要素自由流动"
    COST = "影响生产经营成本", "影响生产经营成本"
    CONDUCT = "影响生产经营行为", "影响生产经营行为"


class CompetitionPhrase(models.Model):
    """An editable red-flag phrase of fair competition, with the standard it may breach."""

    category = models.CharField("审查类别", max_length=12, choices=CompetitionCategory.choices)
    phrase = models.CharField("风险表述", max_length=60, unique=True)
    standard = models.CharField("可能违反的审查标准", max_length=200)
    active = models.BooleanField("启用", default=True)

    panels = [
        FieldPanel("category"),
        FieldPanel("phrase"),
        FieldPanel("standard"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = "公平竞争风险表述"
        verbose_name_plural = "公平竞争风险表述"
        ordering = ["category", "phrase"]

    def __str__(self) -> str:
        return self.phrase


class CampaignStatus(models.TextChoices):
    OPEN = "进行中", "进行中"
    CLOSED = "已完成", "已完成"


class CleanupCampaign(models.Model):
    name = models.CharField("清理活动名称", max_length=200)
    basis = models.TextField("清理依据", blank=True, help_text="如上级通知文号、清理范围说明。")
    statuses = models.JSONField(
        "有效性范围", default=list, blank=True, help_text="留空表示全部；通常为“现行有效”。"
    )
    topics = models.JSONField("主题分类范围", default=list, blank=True)
    published_from = models.DateField("发布日期起", null=True, blank=True)
    published_to = models.DateField("发布日期止", null=True, blank=True)
    rule_repealed_statutes = models.BooleanField("引用已废止法律法规", default=True)
    rule_amended_statutes = models.BooleanField("引用已修改法律法规（提示）", default=False)
    statutes = models.JSONField(
        "限定法律法规",
        default=list,
        blank=True,
        help_text="留空表示法律法规库中全部；填写时只查引用这些法律法规的文件。",
    )
    statute_import = models.ForeignKey(
        "cms.StatuteImport",
        verbose_name="据以发起的法规库更新",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
    )
    rule_fair_competition = models.BooleanField("公平竞争风险表述", default=True)
    rule_validity = models.BooleanField("有效期届满或即将届满", default=True)
    validity_days = models.PositiveSmallIntegerField("即将届满天数", default=180)
    rule_no_legal_basis = models.BooleanField("未引用上位法依据", default=True)
    status = models.CharField(
        "状态", max_length=4, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("basis"),
        MultiFieldPanel(
            [
                FieldPanel("statuses"),
                FieldPanel("topics"),
                FieldRowPanel([FieldPanel("published_from"), FieldPanel("published_to")]),
            ],
            heading="清理范围",
        ),
        MultiFieldPanel(
            [
                FieldPanel("rule_repealed_statutes"),
                FieldPanel("rule_amended_statutes"),
                FieldPanel("statutes"),
                FieldPanel("rule_fair_competition"),
                FieldRowPanel([FieldPanel("rule_validity"), FieldPanel("validity_days")]),
                FieldPanel("rule_no_legal_basis"),
            ],
            heading="清理规则",
        ),
        FieldPanel("status"),
    ]

    class Meta:
        verbose_name = "清理活动"
        verbose_name_plural = "规范性文件清理"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class CleanupRun(models.Model):
    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="runs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField("运行时间", auto_now_add=True)
    documents_examined = models.PositiveIntegerField("审查文件数", default=0)
    candidates = models.PositiveIntegerField("清理候选文件数", default=0)

    class Meta:
        verbose_name = "清理运行"
        verbose_name_plural = "清理运行"
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.campaign}（{self.started_at:%Y-%m-%d %H:%M}）"


class FindingRule(models.TextChoices):
    REPEALED_STATUTE = "repealed_statute", "引用已废止法律法规"
    AMENDED_STATUTE = "amended_statute", "引用已修改法律法规"
    FAIR_COMPETITION = "fair_competition", "公平竞争风险表述"
    EXPIRED = "expired", "有效期已届满"
    EXPIRING = "expiring", "有效期即将届满"
    NO_LEGAL_BASIS = "no_legal_basis", "未引用上位法依据"


class CleanupFinding(models.Model):
    run = models.ForeignKey(CleanupRun, on_delete=models.CASCADE, related_name="findings")
    document = models.ForeignKey(
        "cms.NormativeDocumentPage", on_delete=models.CASCADE, related_name="+"
    )
    rule = models.CharField("规则", max_length=20, choices=FindingRule.choices)
    subject = models.CharField("所涉法规或表述", max_length=200, blank=True)
    detail = models.CharField("说明", max_length=300, blank=True)
    source = models.CharField("出处", max_length=200, blank=True, help_text="正文，或附件名与页码")
    excerpt = models.TextField("原文摘录", blank=True)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "清理发现"
        verbose_name_plural = "清理发现"
        ordering = ["document_id", "rule", "start"]

    def __str__(self) -> str:
        return f"{self.get_rule_display()}：{self.subject}"


class DecisionChoice(models.TextChoices):
    KEEP = "继续有效", "继续有效"
    AMEND = "修改", "修改"
    ABOLISH = "废止", "废止"
    DECLARE_INVALID = "宣布失效", "宣布失效"


class CleanupDecision(models.Model):
    """The adviser's decision on one document in a campaign; leadership approves it once."""

    campaign = models.ForeignKey(
        CleanupCampaign, on_delete=models.CASCADE, related_name="decisions"
    )
    document = models.ForeignKey(
        "cms.NormativeDocumentPage", on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField("清理意见", max_length=4, choices=DecisionChoice.choices)
    reason = models.TextField("理由")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("提出时间", auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    effective_on = models.DateField("生效日期", null=True, blank=True)

    class Meta:
        verbose_name = "清理决定"
        verbose_name_plural = "清理决定"
        ordering = ["-decided_at"]
        permissions = [
            ("decide_cleanup", "可提出规范性文件清理意见"),
            ("approve_cleanup", "可批准规范性文件清理意见"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "document"], name="cleanup_one_decision_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document}：{self.decision}"

    @property
    def approved(self) -> bool:
        return self.approved_at is not None
