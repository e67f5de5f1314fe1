"""Split the consultation rule: a missing (or still open) window is its own rule.

``consultation`` used to report both a missing window (警告) and a too-short one (阻断)
under one severity setting. The missing case is now ``consultation_missing``; its settings
row starts as a copy of the administrator's ``consultation`` row (enabled, severity
override, parameters), so nothing an administrator set changes on upgrade. A database
without a ``consultation`` row gets both rows with their defaults on first use.
"""

from django.db import migrations

OLD, NEW = "consultation", "consultation_missing"
OLD_TITLE, SHORT_TITLE = "公开征求意见", "公开征求意见期限不足"
NEW_TITLE = "公开征求意见未完成"
NEW_DESCRIPTION = (
    "涉及公众切身利益的规范性文件未记录公开征求意见起止日期或征求意见尚未结束；"
    "重大行政决策须公众参与而未记录完成（该情形默认阻断）。"
)


def split(apps, schema_editor):
    PreReviewRule = apps.get_model("prereview", "PreReviewRule")
    old = PreReviewRule.objects.filter(code=OLD).first()
    if old is None:
        return
    PreReviewRule.objects.get_or_create(
        code=NEW,
        defaults={
            "title": NEW_TITLE,
            "description": NEW_DESCRIPTION,
            "enabled": old.enabled,
            "severity": old.severity,
            "default_severity": "警告",
            "parameters": dict(old.parameters or {}),
        },
    )
    if old.title == OLD_TITLE:  # not renamed by the administrator
        old.title = SHORT_TITLE
        old.save(update_fields=["title"])


def join(apps, schema_editor):
    PreReviewRule = apps.get_model("prereview", "PreReviewRule")
    PreReviewRule.objects.filter(code=NEW).delete()
    PreReviewRule.objects.filter(code=OLD, title=SHORT_TITLE).update(title=OLD_TITLE)


class Migration(migrations.Migration):
    dependencies = [("prereview", "0001_initial")]

    operations = [migrations.RunPython(split, join)]
