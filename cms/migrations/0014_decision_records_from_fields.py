"""Move each decision item's hand-typed 专家论证 / 风险评估 / 集体讨论决定 into its own records.

The old fields stay (read-only, see cms.models.decisions): the list pages' revisions and
the opinions signed on them keep their content. 公众参与 and 合法性审查 have no record a
migration could make (a consultation needs its text and window, an opinion its revision),
so their dates stay on the item and are read where no record exists. Runs once: an item
that already has a record of that kind is left alone.
"""

from django.db import migrations

MIGRATED = "（由原目录手填记录迁移）"


def forwards(apps, schema_editor):
    Item = apps.get_model("cms", "DecisionItem")
    Expert = apps.get_model("cms", "ExpertOpinion")
    Risk = apps.get_model("cms", "RiskAssessment")
    Meeting = apps.get_model("cms", "DecisionMeeting")
    for item in Item.objects.all():
        if item.expert_argument_done_on and not Expert.objects.filter(item=item).exists():
            Expert.objects.create(
                item=item,
                expert=f"专家论证{MIGRATED}",
                given_on=item.expert_argument_done_on,
                opinion=item.expert_argument_note or "原目录仅记录了完成日期。",
                attachment_id=item.expert_argument_evidence_id,
            )
        if item.risk_assessment_done_on and not Risk.objects.filter(item=item).exists():
            Risk.objects.create(
                item=item,
                assessed_on=item.risk_assessment_done_on,
                level="",
                summary=f"{item.risk_assessment_note}{MIGRATED}",
                attachment_id=item.risk_assessment_evidence_id,
            )
        if item.collective_decision_done_on and not Meeting.objects.filter(item=item).exists():
            Meeting.objects.create(
                item=item,
                held_on=item.collective_decision_done_on,
                name=f"集体讨论决定{MIGRATED}",
                minutes=item.collective_decision_note,
                attachment_id=item.collective_decision_evidence_id,
            )


def backwards(apps, schema_editor):
    for name in ("ExpertOpinion", "RiskAssessment", "DecisionMeeting"):
        model = apps.get_model("cms", name)
        model.objects.filter(created_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0013_decision_records")]

    operations = [migrations.RunPython(forwards, backwards)]
