"""Only real 调整 of the year's list count: an item added after the list was published, a
change of substance, a removal. A step recorded on the item's own records is no row of the
list's history at all, and a progress-only status change is not an adjustment."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.models import DecisionItemStatus, ExpertOpinion
from reports.period import Period
from reports.selectors.decisions import adjustment_rows
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(site_tree, jiuzhu):
    decision_list = factories.make_decision_list(timezone.localdate().year)
    return factories.make_decision_item(decision_list, jiuzhu, name="城乡低保标准调整")


def actions(period) -> list[str]:
    return [action for _, action in adjustment_rows(period)]


def test_progress_is_not_an_adjustment(item):
    period = Period.for_year(timezone.localdate().year)
    before = actions(period)
    ExpertOpinion.objects.create(
        item=item, expert="马建国", given_on=timezone.localdate(), opinion="同意。"
    )
    item.status = DecisionItemStatus.IN_PROGRESS  # progress typed the old way
    item.save()
    assert actions(period) == before


def test_a_change_of_substance_and_a_removal_count(item):
    period = Period.for_year(timezone.localdate().year)
    before = len(actions(period))
    item.legal_basis = "《社会救助暂行办法》第十条；《最低生活保障审核确认办法》"
    item.save()
    item.status = DecisionItemStatus.REMOVED
    item.adjustment_reason = "本年度不再实施。"
    item.save()
    assert actions(period)[before:] == ["变更", "调出"]


def test_an_old_progress_field_is_not_substance(item):
    period = Period.for_year(timezone.localdate().year)
    before = actions(period)
    item.expert_argument_done_on = dt.date(2026, 2, 1)
    item.save()
    assert actions(period) == before
