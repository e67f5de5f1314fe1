"""Contract rules, and the rule settings an administrator edits (on/off, severity, parameters)."""

from datetime import date
from decimal import Decimal

import pytest

from cms.models import Contract, NormativeDocumentPage
from prereview.models import PreReviewRule
from prereview.services import rules_ensure
from tests import factories
from tests.prereview.helpers import attach_to_contract, document, findings, severities

pytestmark = pytest.mark.django_db
PARTY = "宁夏红寺堡区益民社会工作服务中心"
GOOD_TEXT = (
    f"甲方：吴忠市红寺堡区民政局\n乙方：{PARTY}\n"
    "第九条 因本合同发生的争议，双方协商解决；协商不成的，向甲方所在地人民法院起诉。"
)


def contract(**fields) -> Contract:
    fields.setdefault("text", GOOD_TEXT)
    return factories.ContractFactory(**fields)


def test_a_complete_contract_has_no_contract_findings(db):
    page = contract()
    for code in ("contract_essentials", "counterparty", "dispute_clause"):
        assert findings(page, code) == [], code


def test_term_ending_before_it_starts_blocks(db):
    unsaved = Contract(
        title="租赁合同",
        counterparty=PARTY,
        amount=Decimal("1000"),
        term_start=date(2026, 12, 31),
        term_end=date(2026, 1, 1),
        text=GOOD_TEXT,
    )
    [finding] = findings(unsaved, "contract_essentials")
    assert finding.severity == "阻断"
    assert finding.location == "字段：履行期限止"


def test_missing_amount_blocks_and_zero_amount_warns_unless_free(db):
    unsaved = Contract(
        title="合同",
        counterparty=PARTY,
        term_start=date(2026, 1, 1),
        term_end=date(2026, 2, 1),
        text=GOOD_TEXT,
    )
    assert severities(unsaved, "contract_essentials") == ["阻断"]
    assert severities(contract(amount=Decimal("0")), "contract_essentials") == ["警告"]
    free = contract(amount=Decimal("0"), text=GOOD_TEXT + "\n本合同为无偿合作。")
    assert findings(free, "contract_essentials") == []


def test_a_counterparty_named_differently_in_the_text_warns(db):
    page = contract(text=GOOD_TEXT.replace(f"乙方：{PARTY}", "乙方：红寺堡区益民社工中心"))
    messages = [f.message for f in findings(page, "counterparty")]
    assert any("“红寺堡区益民社工中心”与登记的合同相对方" in m for m in messages)


def test_a_counterparty_named_differently_in_an_attachment_warns(db):
    page = contract()
    attach_to_contract(
        page, "报价单", factories.docx_bytes("供应商：宁夏安宁殡葬服务有限公司"), "q.docx"
    )
    [finding] = findings(page, "counterparty")
    assert finding.location == "附件：报价单"


def test_a_contract_without_a_dispute_clause_warns(db):
    page = contract(text=f"甲方：吴忠市红寺堡区民政局\n乙方：{PARTY}\n第一条 服务内容。")
    assert severities(page, "dispute_clause") == ["警告"]


def test_a_dispute_clause_in_a_pdf_attachment_counts(db):
    page = contract(text=f"乙方：{PARTY}\n详见附件。")
    pdf = factories.chinese_pdf_bytes("第九条 争议解决：协商不成的，提交吴忠仲裁委员会仲裁。")
    attach_to_contract(page, "合同正文", pdf, "c.pdf")
    assert findings(page, "dispute_clause") == []


def test_personal_numbers_in_a_contract_text_block(db):
    page = contract(text=GOOD_TEXT + "\n乙方联系人电话：13812345678")
    assert severities(page, "personal_data") == ["阻断"]


# ---- settings an administrator edits ----------------------------------------------------


def test_every_rule_has_a_settings_row_with_its_defaults(db):
    rows = rules_ensure()
    assert rows["repealed_statute"].effective_severity == "阻断"
    assert rows["consultation"].parameters["document_min_working_days"] == 7
    assert rows["repealed_statute"].parameters["replacements"]["合同法"].endswith("合同编")


def test_a_disabled_rule_reports_nothing(site_tree, jiuzhu):
    rules_ensure()
    PreReviewRule.objects.filter(code="no_legal_basis").update(enabled=False)
    page = document(jiuzhu, "第一条 为规范临时救助工作，制定本办法。")
    assert findings(page, "no_legal_basis") == []


def test_an_administrator_can_change_a_rules_severity(site_tree, jiuzhu):
    rules_ensure()
    PreReviewRule.objects.filter(code="no_legal_basis").update(severity="阻断")
    page = document(jiuzhu, "第一条 为规范临时救助工作，制定本办法。")
    assert severities(page, "no_legal_basis") == ["阻断"]


def test_an_administrator_can_change_a_rules_parameters(site_tree, jiuzhu):
    rules_ensure()
    PreReviewRule.objects.filter(code="consultation").update(
        parameters={"document_min_working_days": 3}
    )
    page = NormativeDocumentPage(
        title="办法", consultation_start=date(2025, 3, 3), consultation_end=date(2025, 3, 5)
    )
    assert findings(page, "consultation") == []


def test_an_edited_replacement_is_what_the_finding_suggests(site_tree, jiuzhu):
    rules_ensure()
    PreReviewRule.objects.filter(code="repealed_statute").update(
        parameters={"replacements": {"合同法": "《中华人民共和国民法典》第三编"}}
    )
    page = document(jiuzhu, "第一条 依照《合同法》制定本办法。")
    [finding] = findings(page, "repealed_statute")
    assert "第三编" in finding.suggestion


def test_a_rule_that_crashes_becomes_a_notice_and_the_others_still_run(
    site_tree, jiuzhu, monkeypatch
):
    from prereview.rules import RULES_BY_CODE

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(RULES_BY_CODE["validity"], "check", broken)
    page = document(jiuzhu, "第一条 依照《合同法》制定本办法。")
    [failure] = findings(page, "validity")
    assert failure.severity == "提示"
    assert "运行出错" in failure.message
    assert severities(page, "repealed_statute") == ["阻断"]


def test_rules_cannot_be_added_or_deleted_in_the_admin_only_edited(db, client):
    admin = factories.UserFactory(username="root", is_superuser=True)
    admin.refresh_from_db()
    client.force_login(admin)
    rule = rules_ensure()["validity"]
    from django.urls import reverse

    listing = client.get(reverse("wagtailsnippets_prereview_prereviewrule:list"))
    assert reverse("wagtailsnippets_prereview_prereviewrule:add") not in listing.content.decode()
    edit = reverse("wagtailsnippets_prereview_prereviewrule:edit", args=[rule.pk])
    assert client.get(edit).status_code == 200
    delete = reverse("wagtailsnippets_prereview_prereviewrule:delete", args=[rule.pk])
    assert client.post(delete).status_code in (302, 403)
    assert PreReviewRule.objects.filter(pk=rule.pk).exists()
