"""The consultation rule's two cases, each with its own severity setting, and the migration
that split them keeping what an administrator had set."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cms.models import NormativeDocumentPage
from prereview.models import PreReviewRule
from prereview.services import rules_ensure
from tests.prereview.helpers import findings

NO_WINDOW = {"affects_public": True}
SHORT_WINDOW = {
    "affects_public": True,
    "consultation_start": date(2025, 3, 3),
    "consultation_end": date(2025, 3, 5),
}


def draft(**fields):
    return NormativeDocumentPage(title="红寺堡区临时救助实施办法", **fields)


def consultation_findings(page) -> list[tuple[str, str]]:
    return [
        (f.code, f.severity)
        for f in findings(page)
        if f.code in {"consultation", "consultation_missing"}
    ]


@pytest.mark.django_db
def test_by_default_a_missing_window_warns_and_a_short_one_blocks(site_tree):
    assert consultation_findings(draft(**NO_WINDOW)) == [("consultation_missing", "警告")]
    assert consultation_findings(draft(**SHORT_WINDOW)) == [("consultation", "阻断")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("missing", "short"), [("阻断", "提示"), ("提示", "警告"), ("警告", "阻断")]
)
def test_the_administrator_sets_each_cases_severity_independently(site_tree, missing, short):
    rules_ensure()
    PreReviewRule.objects.filter(code="consultation_missing").update(severity=missing)
    PreReviewRule.objects.filter(code="consultation").update(severity=short)
    assert consultation_findings(draft(**NO_WINDOW)) == [("consultation_missing", missing)]
    assert consultation_findings(draft(**SHORT_WINDOW)) == [("consultation", short)]


@pytest.mark.django_db
def test_switching_one_case_off_keeps_the_other(site_tree):
    rules_ensure()
    PreReviewRule.objects.filter(code="consultation_missing").update(enabled=False)
    assert consultation_findings(draft(**NO_WINDOW)) == []
    assert consultation_findings(draft(**SHORT_WINDOW)) == [("consultation", "阻断")]


BEFORE = [("prereview", "0001_initial")]
AFTER = [("prereview", "0002_split_consultation_rule")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture
def split():
    """``split(**old_row)``: from before the split, with only that ``consultation`` row (or
    none), migrate forward and return the rows by code. Left migrated to the end."""
    migrate(BEFORE)

    def _split(**old_row) -> dict[str, PreReviewRule]:
        PreReviewRule.objects.all().delete()
        if old_row:
            PreReviewRule.objects.create(code="consultation", default_severity="阻断", **old_row)
        migrate(AFTER)
        return {row.code: row for row in PreReviewRule.objects.all()}

    yield _split
    migrate(AFTER)


migration_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@migration_test
def test_the_split_migration_keeps_the_administrators_settings(split):
    params = {"document_min_working_days": 10, "decision_min_days": 45}
    rows = split(title="公开征求意见", enabled=False, severity="提示", parameters=params)
    assert set(rows) == {"consultation", "consultation_missing"}
    new, old = rows["consultation_missing"], rows["consultation"]
    assert (new.enabled, new.severity, new.default_severity) == (False, "提示", "警告")
    assert new.parameters == params
    assert new.title == "公开征求意见未完成"
    # The old row keeps its settings and takes the narrower title.
    assert (old.enabled, old.severity, old.parameters) == (False, "提示", params)
    assert old.title == "公开征求意见期限不足"


@migration_test
def test_the_split_migration_keeps_a_renamed_rule_and_reverses(split):
    rows = split(title="征求意见（本局）", severity="警告")
    assert (rows["consultation"].title, rows["consultation"].severity) == (
        "征求意见（本局）",
        "警告",
    )
    assert rows["consultation_missing"].severity == "警告"
    migrate(BEFORE)  # the reverse removes the new row again
    assert list(PreReviewRule.objects.values_list("code", flat=True)) == ["consultation"]


@migration_test
def test_a_fresh_database_gets_both_rows_from_the_code(split):
    assert split() == {}
    rows = rules_ensure()
    assert rows["consultation_missing"].effective_severity == "警告"
    assert rows["consultation"].effective_severity == "阻断"
