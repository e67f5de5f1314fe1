"""On the demo bureau, the 2023 report gives the customer's own 2023 figures where our
records cover them, and the current year shows an overdue review and a late filing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reports.figures import Measure
from reports.period import Period
from reports.selectors import annual_report


@pytest.fixture(scope="module")
def demo(demo_bureau_module):
    """``manage.py load_demo``, restored from the session's snapshot (tests/fixtures_demo.py)."""


pytestmark = pytest.mark.django_db


def test_demo_2023_report_reproduces_the_customers_figures(demo):
    report = annual_report(Period.for_year(2023))
    assert report.figure("fc.reviews").value == 7
    assert report.figure("fc.coverage").display == "100%"
    assert report.figure("contracts.reviewed").value == 7
    assert report.figure("cleanup.campaigns").value == 2
    assert report.figure("cleanup.documents").value == 1
    assert report.figure("powers.total").value == 80
    hand = {f.code: f.value for f in report.figures() if f.measure == Measure.MANUAL}
    assert hand["manual.study_sessions"] == 34
    assert hand["manual.licensing"] == 10
    assert hand["manual.confirmations"] == 1966
    assert hand["manual.payments"] == 96


def test_demo_this_year_has_an_overdue_review_and_a_late_filing(demo):
    today = timezone.localdate()
    # The late filing is dated from today (published 50 days ago, filed on the 35th day), so
    # look at the last 90 days: in January that stretch reaches back into last year.
    report = annual_report(Period(today - timedelta(days=90), today), today)
    assert report.figure("overdue.reviews").value >= 1
    [late] = report.figure("documents.filed_late").records
    assert "（第35日）" in late.detail


def test_demo_report_drill_downs_match_their_numbers(demo):
    for figure in annual_report(Period.for_year(2023)).figures():
        if figure.measure == Measure.COUNT:
            assert len(figure.records) == figure.value, figure.code


def test_demo_docx_of_2023_says_seven_reviews_at_100_percent(demo, client):
    import io

    from django.contrib.auth import get_user_model
    from docx import Document

    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.get("/admin/reports/export.docx", {"year": "2023"})
    body = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "开展公平竞争审查7次，公平竞争审查率达到100%" in body
    assert "参与审定合同7份" in body
    assert "清理审查2次，涉及行政规范性文件1件" in body
