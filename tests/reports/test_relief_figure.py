"""政务公开: 救助资金发放公示（期）, counted from the relief lists first published in the period."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from cms.models import ReliefDisclosurePage
from reports.period import Period
from reports.selectors import annual_report
from tests import factories

pytestmark = pytest.mark.django_db


def published_on(page, day) -> None:
    when = timezone.make_aware(datetime.combine(day, time(9, 0)))
    ReliefDisclosurePage.objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when
    )


@pytest.fixture
def lists(site_tree, groups, jiuzhu):
    dec_2022 = factories.make_relief_disclosure(jiuzhu, 2022, 12)
    jan = factories.make_relief_disclosure(jiuzhu, 2023, 1)
    temp = factories.make_relief_disclosure(jiuzhu, 2023, 3, "临时救助")
    dec = factories.make_relief_disclosure(jiuzhu, 2023, 12)
    draft = factories.make_relief_disclosure(jiuzhu, 2023, 2, live=False)
    published_on(dec_2022, date(2022, 12, 28))
    published_on(jan, date(2023, 1, 8))
    published_on(temp, date(2023, 3, 9))
    published_on(dec, date(2024, 1, 3))  # December's list went up in January
    return {"jan": jan, "temp": temp, "draft": draft}


def test_the_figure_counts_lists_published_in_the_period(lists):
    figure = annual_report(Period.for_year(2023), today=date(2026, 11, 26)).figure(
        "portal.relief_disclosures"
    )
    assert figure.label == "救助资金发放公示" and figure.unit == "期"
    assert figure.value == 2
    assert [r.label for r in figure.records] == [lists["jan"].title, lists["temp"].title]
    assert figure.records[1].detail == "2023年3月 临时救助，公布 2023-03-09"
    assert figure.records[0].url.endswith(f"/pages/{lists['jan'].pk}/edit/")


def test_the_drill_down_lists_the_same_records(lists, login, administrator):
    html = (
        login(administrator)
        .get("/admin/reports/figure/portal.relief_disclosures/", {"year": 2023})
        .content.decode()
    )
    assert lists["jan"].title in html and lists["temp"].title in html
    assert "2023年12月" not in html and lists["draft"].title not in html
