"""Figures the system cannot count (集中学法次数, 行政确认件数 …), entered by hand per year.

Each row is one figure of one year, entered by an administrator and marked 手工填报 in
the report; everything else in the report is computed from the records.
"""

from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


class ManualFigureSpec(NamedTuple):
    code: str
    label: str
    unit: str
    decimals: int = 0


# In the order the customer's 2023 report mentions them.
MANUAL_FIGURES = [
    ManualFigureSpec("inspections", "行政检查", "次"),
    ManualFigureSpec("licensing", "行政许可", "件"),
    ManualFigureSpec("confirmations", "行政确认", "件"),
    ManualFigureSpec("payments", "行政给付", "次"),
    ManualFigureSpec("payment_amount", "行政给付金额", "万元", 2),
    ManualFigureSpec("coercion", "行政强制", "件"),
    ManualFigureSpec("punishments", "行政处罚案件", "件"),
    ManualFigureSpec("rewards", "行政奖励", "件"),
    ManualFigureSpec("joint_enforcement", "牵头开展跨领域部门执法", "次"),
    ManualFigureSpec("enforcement_training", "持证执法人员参加培训", "次"),
    ManualFigureSpec("enforcement_staff", "持有执法证的执法人员", "名"),
    ManualFigureSpec("study_sessions", "集中学法", "次"),
    ManualFigureSpec("head_lectures", "单位主要负责人讲法", "次"),
    ManualFigureSpec("micro_lectures", "领导班子法纪微课堂讲座", "期"),
    ManualFigureSpec("law_exams", "组织普法考试", "次"),
    ManualFigureSpec("online_quizzes", "参加线上法律知识竞答", "次"),
    ManualFigureSpec("website_items", "在政府网站公布信息", "条"),
    ManualFigureSpec("wechat_items", "在微信公众号发布信息", "条"),
    ManualFigureSpec("legal_education_items", "发布普法信息", "条"),
]
MANUAL_BY_CODE = {spec.code: spec for spec in MANUAL_FIGURES}


class ManualFigure(models.Model):
    """手工填报: one figure of one year, entered by an administrator."""

    year = models.PositiveSmallIntegerField("年度")
    code = models.CharField(
        "指标", max_length=40, choices=[(spec.code, spec.label) for spec in MANUAL_FIGURES]
    )
    value = models.DecimalField(
        "数值",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message="数值不能为负数。")],
    )
    note = models.CharField("说明", max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField("填报时间", auto_now=True)

    class Meta:
        verbose_name = "手工填报数据"
        verbose_name_plural = "手工填报数据"
        ordering = ["year", "code"]
        permissions = [
            ("read_annual_report", "可查看年度报告统计"),
            ("enter_manual_figures", "可填报年度报告手工数据"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="manual_figure_one_per_year")
        ]

    def __str__(self) -> str:
        spec = MANUAL_BY_CODE.get(self.code)
        return f"{self.year}年{spec.label if spec else self.code}：{self.value}"
