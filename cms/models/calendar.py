"""Adjustments to the official working-day calendar an administrator can enter.

``chinese-calendar`` knows the State Council's holiday schedule up to its release (2026
for 1.11); when next year's schedule (国务院办公厅关于节假日安排的通知) is published, the
office enters its holidays and make-up workdays (调休) here, and they take precedence.

The model's code sits in the lowest layer beside ``cms.calendar``, which reads it; the model
still belongs to the review app (``app_label``): its table, migrations and admin stay there.
"""

from django.db import models


class WorkdayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假（休息日）"
    WORKDAY = "workday", "调休上班（工作日）"


class WorkdayAdjustment(models.Model):
    """One day whose status differs from the weekend rule: a holiday or a make-up workday."""

    day = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=WorkdayKind.choices)
    note = models.CharField("说明", max_length=100, blank=True, help_text="如：2027年春节")

    class Meta:
        app_label = "review"  # the review app's model and table since its first migration
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日与调休安排"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.get_kind_display()}"

    @property
    def is_workday(self) -> bool:
        return self.kind == WorkdayKind.WORKDAY
