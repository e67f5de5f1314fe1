"""Yearly sequences (法审〔2026〕7号, 登记编号, 发文字号) that are consecutive and never reused.

A row per (scope, year) is locked with SELECT … FOR UPDATE, so two registrations at the
same instant wait for each other instead of reading the same last value.
"""

from django.db import IntegrityError, models, transaction


class SequenceCounter(models.Model):
    scope = models.CharField("序列", max_length=60)
    year = models.PositiveSmallIntegerField("年度")
    last_value = models.PositiveIntegerField("已用至", default=0)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"
        constraints = [
            models.UniqueConstraint(fields=["scope", "year"], name="sequence_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.year}: {self.last_value}"


def next_in_sequence(scope: str, year: int, floor: int = 0) -> int:
    """The next number of ``scope`` in ``year``; must run inside a transaction.

    ``floor`` lets a sequence start above numbers already used by hand (e.g. 发文字号
    typed in before the system existed).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_in_sequence must run inside transaction.atomic()")
    try:
        with transaction.atomic():
            SequenceCounter.objects.get_or_create(scope=scope, year=year)
    except IntegrityError:
        pass  # created concurrently by another transaction: lock it below
    counter = SequenceCounter.objects.select_for_update().get(scope=scope, year=year)
    counter.last_value = max(counter.last_value, floor) + 1
    counter.save(update_fields=["last_value"])
    return counter.last_value
