"""The demo's 2023 disclosure report: filled from the demo's records, and its 主动公开
figure for normative documents agrees with the portal's document list for 2023."""

import pytest

from cms.models import ReliefDisclosurePage
from disclosure.report import cells
from portal import selectors


@pytest.fixture(scope="module")
def demo(demo_bureau_module):
    """``manage.py load_demo``, restored from the session's snapshot (tests/fixtures_demo.py)."""


pytestmark = pytest.mark.django_db


@pytest.fixture
def report_2023(demo):
    return cells.all_cells(2023)


def test_demo_2023_requests_fill_the_table(report_2023):
    assert report_2023["s3.new.total"].value == 8
    assert report_2023["s3.carried.total"].value == 1
    assert report_2023["s3.forward.total"].value == 1
    assert report_2023["s3.result.total.total"].value == 8
    assert report_2023["s3.result.partial.total"].value == 1
    assert report_2023["s3.result.refused.third_party.business"].value == 1
    assert report_2023["s1.overdue"].value == 1
    assert report_2023["s4.review.upheld"].value == 1


def test_proactive_figures_agree_with_the_portal(report_2023):
    portal_2023 = selectors.filter_documents(selectors.public_documents(), {"year": 2023})
    assert report_2023["s1.published.normative"].value == portal_2023.count()
    assert report_2023["s2.normative.issued"].value == portal_2023.count() > 0
    relief_2023 = [
        page
        for page in ReliefDisclosurePage.objects.live()
        if page.first_published_at and page.first_published_at.year == 2023
    ]
    assert report_2023["s1.published.relief"].value == len(relief_2023)
