"""The demo's 2023 major decisions carry their own records, three of them drafted, reviewed,
published and filed on their own path; the 2023 report's procedure figures come from them."""

import datetime as dt

import pytest

from cms import decision_steps
from cms.models import DecisionDraftPage, DecisionItem, MajorDecisionListPage
from reports.period import Period
from reports.selectors import annual_report
from review.models import Deliberation, Filing, LegalOpinion
from tests.reports.test_statistics import values

pytestmark = pytest.mark.django_db

DIBAO = "落实自治区城乡最低生活保障标准调整实施方案"


@pytest.fixture(scope="module")
def demo(demo_bureau_module):
    """The demo, restored from the session's snapshot for this module."""


def test_a_2023_decision_went_its_own_way(demo):
    item = DecisionItem.objects.get(decision_list__year=2023, name=DIBAO)
    assert item.consultation.end == dt.date(2023, 3, 8)
    assert item.expert_opinions.count() == 2
    assert item.risk_assessments.get().level == "低"
    assert item.meetings.get().held_on == dt.date(2023, 3, 28)
    draft = DecisionDraftPage.objects.get(item=item)
    assert draft.live and draft.get_parent().specific.year == 2023
    [opinion] = LegalOpinion.objects.for_object(draft)
    assert opinion.is_passing and opinion.kind == "decision" and opinion.year == 2023
    assert Deliberation.for_object(draft).exists() and Filing.for_object(draft).exists()
    assert item.progress() == decision_steps.FILED


def test_the_2023_lists_review_was_not_reopened_by_the_decisions(demo):
    decision_list = MajorDecisionListPage.objects.get(year=2023)
    assert decision_list.live and not decision_list.has_unpublished_changes
    assert not decision_list.workflow_in_progress


def test_the_2023_report_counts_procedures_from_the_records(demo):
    report = values(annual_report(Period.for_year(2023), today=dt.date(2026, 11, 26)), "decisions.")
    assert report["decisions.published"] == 3
    assert report["decisions.procedures_done"] >= 15
    assert report["decisions.adjustments"] == 3
