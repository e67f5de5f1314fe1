"""Who and why for every decision-item row written (重大行政决策事项动态调整记录), and the
import batch of every power-list row written by an import (权责清单变更记录).

simple-history stamps the user from the request (HistoryRequestMiddleware); the reason is
the item's own 调整理由 or, failing that, the list's 本次调整说明 — also for rows that
modelcluster deletes when a revision without them is published.
"""

from django.db import models
from modelcluster.fields import ParentalKey
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


class ClusterHistoricalRecords(HistoricalRecords):
    """HistoricalRecords for modelcluster children: the copy of a ParentalKey is a plain FK.

    simple-history copies a foreign key with its own class and ``related_name="+"``, which
    modelcluster forbids on a ParentalKey.
    """

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if isinstance(field, ParentalKey):
                plain = models.ForeignKey(
                    field.remote_field.model,
                    verbose_name=field.verbose_name,
                    db_constraint=False,
                    related_name="+",
                    null=True,
                    blank=True,
                    on_delete=models.DO_NOTHING,
                )
                plain.name = field.name
                fields[name] = plain
        return fields


def _stamp_reason(sender, instance, history_instance, **kwargs):
    from cms.models import DecisionItem, MajorDecisionListPage

    if not issubclass(instance.__class__, DecisionItem) or history_instance.history_change_reason:
        return
    reason = (instance.adjustment_reason or "").strip()
    if reason and history_instance.history_type != "+":
        # The item's 调整理由 is this adjustment's only when typed now: one left over from
        # an earlier adjustment (or carried by the row being deleted) is not the reason.
        previous = (
            type(history_instance)
            ._default_manager.filter(id=instance.pk)
            .order_by("-history_date", "-history_id")
            .values_list("adjustment_reason", flat=True)
            .first()
        )
        typed_now = previous is None or (previous or "").strip() != reason
        if not typed_now or history_instance.history_type == "-":
            reason = ""
    if not reason:
        note = (
            MajorDecisionListPage.objects.filter(pk=instance.decision_list_id)
            .values_list("adjustment_note", flat=True)
            .first()
        )
        reason = (note or "").strip() or (instance.adjustment_reason or "").strip()
    history_instance.history_change_reason = reason
    if history_instance.history_user_id is None:
        # No request (workflow finished by a command or the demo): the author of the
        # revision being published made the change.
        revision = (
            MajorDecisionListPage.objects.filter(pk=instance.decision_list_id)
            .values_list("latest_revision__user", flat=True)
            .first()
        )
        history_instance.history_user_id = revision


def _stamp_import_batch(sender, instance, history_instance, **kwargs):
    """A power-list row written by 权责清单导入 names its batch (``cms.power_import``)."""
    batch = getattr(instance, "_power_import", None)
    if batch is not None and hasattr(history_instance, "import_batch_id"):
        history_instance.import_batch_id = batch.pk


def connect() -> None:
    pre_create_historical_record.connect(_stamp_reason, dispatch_uid="cms_decision_item_reason")
    pre_create_historical_record.connect(_stamp_import_batch, dispatch_uid="cms_power_import")
