"""A year of records built through the real review path; every figure of the report checked.

The working days below are counted by hand on the official 2023/2024 calendar:
2023-03-01 → 03-10: 7; 2023-04-24 → 05-10 (劳动节 4-29…5-3 off, 5-6 a make-up Saturday):
10; 05-15 → 05-22: 5; 07-03 → 07-24: 15; 08-01 → 08-25: 18;
2023-12-25 → 2024-01-05 (元旦 1-1 off): 8.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from cms.models import (
    CommentResponse,
    ContractType,
    DecisionConsultation,
    DecisionItem,
    DecisionItemStatus,
    PowerItem,
    PublicComment,
)
from reports import services as report_services
from reports.figures import Measure, compute
from reports.period import Period
from reports.selectors import annual_report
from review.models import Outcome
from search.cleanup import services as cleanup_services
from search.models import CleanupCampaign, CleanupDecision
from tests import factories
from tests.reports import builders as b

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2023(workflows, jiuzhu, jiuzhu_drafter, adviser, office_user, leader, administrator):
    people = {"drafter": jiuzhu_drafter, "adviser": adviser, "office": office_user}

    def document(title, on, **fields):
        fields.setdefault("affects_public", False)
        return b.drafted(factories.make_document(jiuzhu, title=title, **fields), on)

    # A: touches economic activity; reviewed once; filed on the 30th day (on time).
    a = document(
        "关于规范临时救助资金发放的实施办法",
        D(2023, 2, 20),
        touches_economic_activity=True,
        topic="社会救助",
        written_on=D(2023, 3, 14),
        published_on=D(2023, 3, 20),
        effective_on=D(2023, 4, 1),
        consultation_start=D(2023, 2, 1),
        consultation_end=D(2023, 2, 10),
    )
    b.submit(a, jiuzhu_drafter, D(2023, 3, 1))
    b.fair_competition(a, jiuzhu_drafter, D(2023, 3, 1))
    b.opinion(a, adviser, D(2023, 3, 10), started=D(2023, 3, 1))
    b.deliberate(a, office_user, D(2023, 3, 13))
    b.register(a, office_user, D(2023, 3, 15))
    b.file(a, office_user, D(2023, 4, 19))  # 3-20 + 30 days

    # B: does not touch economic activity (skip with reason); reviewed in two rounds;
    # filed on the 31st day (late).
    bb = document(
        "关于低保对象动态管理的实施细则",
        D(2023, 4, 3),
        written_on=D(2023, 5, 24),
        published_on=D(2023, 5, 26),
        effective_on=D(2023, 7, 1),
    )
    b.submit(bb, jiuzhu_drafter, D(2023, 4, 24))
    b.fair_competition(bb, jiuzhu_drafter, D(2023, 4, 24), applicable=False)
    b.opinion(bb, adviser, D(2023, 5, 10), Outcome.APPROVE_WITH_CHANGES, started=D(2023, 4, 24))
    b.resubmit(bb, jiuzhu_drafter, D(2023, 5, 15))
    b.opinion(bb, adviser, D(2023, 5, 22), Outcome.CONFIRMED, started=D(2023, 5, 15))
    # The edit voided the earlier self-review: Wagtail asks for it again.
    b.fair_competition(bb, jiuzhu_drafter, D(2023, 5, 23), applicable=False)
    b.deliberate(bb, office_user, D(2023, 5, 24))
    b.register(bb, office_user, D(2023, 5, 25))
    b.file(bb, office_user, D(2023, 6, 26))  # 5-26 + 31 days

    # C: touches economic activity but the review was skipped: stays in the denominator;
    # still waiting for the adviser (overdue today).
    c = document("关于养老机构运营补贴的暂行办法", D(2023, 5, 20), touches_economic_activity=True)
    b.submit(c, jiuzhu_drafter, D(2023, 6, 1))
    b.fair_competition(c, jiuzhu_drafter, D(2023, 6, 1), applicable=False)
    b.current(c)  # legal review in progress
    from wagtail.models import TaskState

    TaskState.objects.filter(pk=b.current(c).pk).update(started_at=b.aware(D(2023, 6, 1)))

    # D: submitted in December 2023, opinion signed in January 2024 (crosses the year).
    d = document("关于困境儿童分类保障的实施办法", D(2023, 12, 1), touches_economic_activity=True)
    b.submit(d, jiuzhu_drafter, D(2023, 12, 25))
    b.fair_competition(d, jiuzhu_drafter, D(2023, 12, 25))
    b.opinion(d, adviser, D(2024, 1, 5), started=D(2023, 12, 25))

    # E: issued on paper (存量导入), published 2023-09-01 and never filed.
    e = factories.make_document(
        jiuzhu, title="关于殡葬服务收费的管理办法", live=True, published_on=D(2023, 9, 1)
    )

    # Contracts: one reviewed on the 15th working day (on time), one rejected on the 18th.
    k1 = factories.ContractFactory(
        department=jiuzhu,
        amount=Decimal("100000.00"),
        contract_type=ContractType.SERVICE,
        term_start=D(2023, 8, 1),
        term_end=D(2024, 3, 1),
        signed_on=D(2023, 7, 28),
    )
    k1.save_revision(user=jiuzhu_drafter)
    b.submit(k1, jiuzhu_drafter, D(2023, 7, 3))
    b.opinion(k1, adviser, D(2023, 7, 24), started=D(2023, 7, 3))
    b.sign_off(k1, leader)
    k2 = factories.ContractFactory(
        department=jiuzhu, amount=Decimal("50000.00"), contract_type=ContractType.LEASE
    )
    k2.save_revision(user=jiuzhu_drafter)
    b.submit(k2, jiuzhu_drafter, D(2023, 8, 1))
    b.opinion(k2, adviser, D(2023, 8, 25), Outcome.REJECT, started=D(2023, 8, 1))

    # The 2023 decision list: one item with every required procedure done, one missing
    # its collective decision, one removed.
    decision_list = factories.make_decision_list(2023)
    factories.make_decision_item(
        decision_list,
        jiuzhu,
        name="城乡低保标准调整",
        public_participation_required=True,
        public_participation_done_on=D(2023, 3, 1),
        legality_review_done_on=D(2023, 3, 10),
        collective_decision_done_on=D(2023, 3, 20),
    )
    factories.make_decision_item(
        decision_list, jiuzhu, name="殡仪服务中心运营模式", legality_review_done_on=D(2023, 5, 6)
    )
    factories.make_decision_item(
        decision_list, jiuzhu, name="养老设施布局规划", status=DecisionItemStatus.REMOVED
    )

    # Cleanup: one 2023 campaign deciding on two documents.
    campaign = CleanupCampaign.objects.create(name="2023年规范性文件清理", created_by=adviser)
    CleanupCampaign.objects.filter(pk=campaign.pk).update(created_at=b.aware(D(2023, 10, 9)))
    for page, choice in ((a, "继续有效"), (bb, "废止")):
        cleanup_services.decision_record(
            campaign=campaign, document=page, user=adviser, decision=choice, reason="清理理由。"
        )
    CleanupDecision.objects.update(decided_at=b.aware(D(2023, 10, 20)))

    # Public comments on A: adopted, rejected, partly adopted.
    for day, response in (
        (3, CommentResponse.ADOPTED),
        (5, CommentResponse.REJECTED),
        (6, CommentResponse.PARTLY),
    ):
        PublicComment.objects.create(
            document=a,
            text="建议公开资金发放明细。",
            submitted_at=b.aware(D(2023, 2, day)),
            ip_hash="x",
            response=response,
        )
    for category, name in (
        ("行政给付", "临时救助"),
        ("行政给付", "特困供养"),
        ("行政许可", "慈善组织公开募捐资格"),
    ):
        PowerItem.objects.create(category=category, name=name)
    report_services.manual_figures_set(
        year=2023, values={"study_sessions": "34"}, user=administrator
    )
    return {"a": a, "b": bb, "c": c, "d": d, "e": e, "k1": k1, "k2": k2, **people}


def values(report, prefix: str = "") -> dict:
    return {f.code: f.value for f in report.figures() if f.code.startswith(prefix)}


def test_normative_document_figures(year_2023):
    report = annual_report(Period.for_year(2023), today=D(2026, 11, 26))
    assert values(report, "documents.") == {
        "documents.drafted": 4,  # A, B, C, D (E has no 2023 draft)
        "documents.submitted": 4,  # B's second round is the same document
        "documents.reviewed": 2,  # A, B; D's opinion is of 2024
        "documents.issued": 2,
        "documents.published": 3,  # A, B and the paper-issued E
        "documents.published_timely": 2,  # A and B, within 20 working days of issue
        "documents.publishing_rate": Decimal("100.0"),
        "documents.filed": 2,
        "documents.filed_on_time": 1,  # A on the 30th day
        "documents.filed_late": 1,  # B on the 31st
        "documents.filing_rate": Decimal("50.0"),
        "documents.evaluated": 2,
        "documents.expiring": 0,
    }


def test_legality_review_figures(year_2023):
    report = annual_report(Period.for_year(2023), today=D(2026, 11, 26))
    assert values(report, "reviews.") == {
        "reviews.opinions": 5,
        "reviews.items": 4,
        "reviews.items.normative": 2,
        "reviews.items.contract": 2,
        "reviews.items.decision": 0,
        "reviews.outcome.approve": 2,
        "reviews.outcome.approve_with_changes": 1,
        "reviews.outcome.reject": 1,
        "reviews.outcome.confirmed": 1,
        "reviews.rounds_mean": Decimal("1.25"),
        "reviews.multi_round": 1,
        "reviews.days_median": 10,  # of 7, 10, 5, 15, 18
        "reviews.days_max": 18,
        "reviews.on_time": 4,
        "reviews.on_time_rate": Decimal("80.0"),
    }
    multi = report.figure("reviews.multi_round").records
    assert [r.label for r in multi] == ["关于低保对象动态管理的实施细则"]


def test_a_review_crossing_the_year_boundary_counts_in_the_year_it_was_signed(year_2023):
    report = annual_report(Period.for_year(2024), today=D(2026, 11, 26))
    assert report.figure("reviews.opinions").value == 1
    assert report.figure("reviews.days_max").value == 8  # 元旦 is not a working day
    assert report.figure("documents.submitted").value == 0  # submitted in 2023
    whole = annual_report(Period(D(2023, 12, 1), D(2024, 1, 31)), today=D(2026, 11, 26))
    assert whole.figure("reviews.opinions").value == 1
    assert whole.figure("fc.reviews").value == 1


def test_fair_competition_skip_is_out_of_the_denominator_only_without_economic_activity(year_2023):
    report = annual_report(Period.for_year(2023), today=D(2026, 11, 26))
    assert values(report, "fc.") == {
        "fc.reviews": 2,  # A and D
        "fc.problems": 0,
        "fc.skipped": 3,  # B twice (no economic activity) and C (wrongly skipped)
        "fc.measures": 3,  # A, C, D — B is out
        "fc.covered": 2,
        "fc.coverage": Decimal("66.7"),
    }
    labels = [r.label for r in report.figure("fc.measures").records]
    assert "关于低保对象动态管理的实施细则" not in labels
    assert "关于养老机构运营补贴的暂行办法" in labels


def test_contract_decision_cleanup_portal_power_and_manual_figures(year_2023):
    report = annual_report(Period.for_year(2023), today=D(2026, 11, 26))
    contracts = values(report, "contracts.")
    assert contracts["contracts.reviewed"] == 2
    assert contracts["contracts.amount"] == Decimal("150000.00")
    assert contracts["contracts.signed"] == 1
    assert contracts["contracts.type.service"] == 1 and contracts["contracts.type.lease"] == 1
    assert contracts["contracts.expiring"] == 1  # ends 2024-03-01, within 90 days of 12-31
    assert values(report, "decisions.") == {
        "decisions.items": 2,
        "decisions.removed": 1,
        "decisions.procedures_required": 5,
        "decisions.procedures_done": 4,
        "decisions.procedure_rate": Decimal("80.0"),
        "decisions.complete": 1,
        "decisions.published": 0,
        "decisions.adjustments": 0,
    }
    assert values(report, "cleanup.") == {
        "cleanup.campaigns": 1,
        "cleanup.documents": 2,
        "cleanup.decision.keep": 1,
        "cleanup.decision.amend": 0,
        "cleanup.decision.abolish": 1,
        "cleanup.decision.declare_invalid": 0,
    }
    portal = values(report, "portal.")
    assert portal["portal.documents"] == 3
    assert portal["portal.topic.0"] == 1  # 社会救助
    assert portal["portal.topic.9"] == 2  # 未分类
    assert portal["portal.consultations"] == 1
    assert portal["portal.comments"] == 3
    assert portal["portal.comments_adopted"] == 2
    assert portal["portal.adoption_rate"] == Decimal("66.7")
    assert report.figure("powers.total").value == 3
    assert report.figure("powers.payment").value == 2
    assert report.figure("manual.study_sessions").value == 34
    assert report.figure("manual.study_sessions").manual
    assert report.figure("manual.licensing").value is None


def test_overdue_today(year_2023):
    report = annual_report(Period.for_year(2023), today=timezone.localdate())
    assert [r.label for r in report.figure("overdue.reviews").records] == [
        "关于养老机构运营补贴的暂行办法"
    ]
    assert [r.label for r in report.figure("overdue.filings").records] == [
        "关于殡葬服务收费的管理办法"
    ]


def test_every_drill_down_list_gives_its_number(year_2023):
    for period in (
        Period.for_year(2023),
        Period.for_year(2024),
        Period(D(2023, 3, 1), D(2023, 6, 30)),
    ):
        report = annual_report(period, today=D(2026, 11, 26))
        walked = 0
        for figure in report.figures():
            if figure.measure == Measure.MANUAL:
                assert figure.records == []
                continue
            if figure.measure == Measure.COUNT:
                assert len(figure.records) == figure.value, figure.code
            assert compute(figure.measure, figure.records, figure.denominator) == figure.value
            walked += 1
        assert walked > 60


def test_drill_down_pages_list_as_many_rows_as_the_number(year_2023, login, administrator):
    import re

    from reports.views import figure_url

    client = login(administrator)
    report = annual_report(Period.for_year(2023))
    for figure in report.figures():
        if figure.measure != Measure.COUNT:
            continue
        page = client.get(figure_url(figure, report.period))
        assert page.status_code == 200, figure.code
        rows = re.findall(r"<tr data-record>", page.content.decode())
        assert len(rows) == figure.value, figure.code


def test_a_year_without_records_is_an_empty_valid_report(workflows):
    report = annual_report(Period.for_year(2031), today=D(2026, 11, 26))
    assert report.empty
    assert report.figure("fc.coverage").value is None
    assert report.figure("reviews.days_median").value is None
    assert report.figure("documents.published").value == 0


def test_offline_and_decision_comments_count_like_portal_comments(year_2023):
    """Comments gathered offline (counts only) and on a major decision's draft are counted too."""
    e = year_2023["e"]
    e.consultation_start, e.consultation_end = D(2023, 8, 1), D(2023, 8, 15)
    e.comments_received, e.comments_adopted = 4, 1
    e.save()
    item = DecisionItem.objects.get(name="城乡低保标准调整")
    consultation = DecisionConsultation.objects.create(
        item=item, text="决策草案。", start=D(2023, 1, 20), end=D(2023, 2, 28)
    )
    PublicComment.objects.create(
        decision_consultation=consultation,
        text="建议提高标准。",
        submitted_at=b.aware(D(2023, 2, 2)),
        ip_hash="y",
        response=CommentResponse.ADOPTED,
    )
    report = annual_report(Period.for_year(2023), today=D(2026, 11, 26))
    portal = values(report, "portal.")
    assert portal["portal.consultations"] == 3  # A, E and the decision's draft
    assert portal["portal.comments"] == 3 + 4 + 1
    assert portal["portal.comments_adopted"] == 2 + 1 + 1
    assert portal["portal.adoption_rate"] == Decimal("50.0")
    labels = [r.label for r in report.figure("portal.comments").records]
    assert labels.count("关于殡葬服务收费的管理办法") == 4
    decision_comment = next(
        r for r in report.figure("portal.comments").records if r.label == "城乡低保标准调整"
    )
    assert decision_comment.url.endswith(f"/pages/{item.decision_list_id}/edit/")
    consultations = [r.label for r in report.figure("portal.consultations").records]
    assert consultations[0] == "城乡低保标准调整"  # ordered by first day
