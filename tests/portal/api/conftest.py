"""A small published portal: live documents (one abolished and replaced, one carrying an
unmasked resident ID), a draft, a live document with a pending revision, a contract, a
decision list, the power list and a cleanup decision — and the search index over them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cms.models import DocumentAttachment, NormativeDocumentPage, PowerItem
from search import indexing
from search.backends import get_backend
from search.models import CleanupCampaign, CleanupDecision
from tests import factories

RESIDENT_ID = "11010519491231002X"
MOBILE = "13812345678"
DIBAO = "城乡最低生活保障实施细则"
LABOUR = "关于规范劳动用工管理的通知"
ABOLISHED = "临时救助暂行办法"
PUBLICITY = "2024年5月城乡低保对象公示"
DRAFT = "殡葬服务管理办法（征求意见稿）"
DRAFT_WORD = "草案独有条款"
PENDING_LIVE = "养老服务补贴发放办法"
PENDING_DRAFT = "养老服务补贴发放办法（修订草案）"
PENDING_WORD = "修订草案新增条款"
CONTRACT = "救助站社会工作服务项目合同"
CONTRACT_WORD = "合同专有表述"


def document(dept, title, body, *, day=None, **fields):
    fields.setdefault("live", True)
    return factories.make_document(
        dept, title=title, body=body, published_on=day, written_on=day, **fields
    )


@pytest.fixture
def portal(site_tree, groups, jiuzhu, shiwu):
    dibao = document(
        jiuzhu,
        DIBAO,
        "<p>对城乡低保对象实行分类施保，特困人员按规定另行救助。</p>",
        day=date(2024, 5, 10),
        doc_number="红民发〔2024〕5号",
        topic="社会救助",
        index_number="640303-001/2024-00005",
        registration_number="红民登〔2024〕2号",
        effective_on=date(2024, 6, 1),
    )
    attachment = factories.make_attachment("低保申请表")
    DocumentAttachment.objects.create(page=dibao, file=attachment, label="附件1：低保申请表")
    labour = document(
        shiwu,
        LABOUR,
        "<p>各单位应当与聘用人员签订劳动合同书。</p>",
        day=date(2023, 3, 1),
        doc_number="红民发〔2023〕3号",
        topic="综合政务",
        issuer="吴忠市红寺堡区人民政府办公室",
    )
    abolished = document(
        jiuzhu,
        ABOLISHED,
        "<p>临时救助与低保制度相衔接。</p>",
        day=date(2021, 6, 1),
        doc_number="红民规〔2021〕1号",
        topic="社会救助",
        validity_status="已废止",
        status_changed_on=date(2024, 5, 10),
        replaced_by=dibao,
    )
    publicity = document(
        jiuzhu, PUBLICITY, "<p>张某，纳入低保。</p>", day=date(2024, 6, 1), topic="社会救助"
    )
    # Published before the personal-number guard existed (it refuses this content now):
    # the numbers are in the live row, for the output's last check to mask.
    NormativeDocumentPage.objects.filter(pk=publicity.pk).update(
        title=f"{PUBLICITY}（咨询电话{MOBILE}）",
        body=f"<p>张某，身份证号{RESIDENT_ID}，纳入低保。</p>",
    )
    publicity.refresh_from_db()
    draft = document(
        shiwu,
        DRAFT,
        f"<p>{DRAFT_WORD}：殡仪服务与低保家庭减免。</p>",
        day=date(2024, 7, 1),
        doc_number="红民发〔2024〕9号",
        live=False,
    )
    pending = document(
        jiuzhu,
        PENDING_LIVE,
        "<p>对高龄老年人按月发放养老服务补贴。</p>",
        day=date(2022, 1, 5),
        topic="养老服务",
    )
    pending.title = PENDING_DRAFT
    pending.body = f"<p>{PENDING_WORD}：低保老年人补贴翻倍。</p>"
    pending.save_revision()
    contract = factories.ContractFactory(
        department=jiuzhu, title=CONTRACT, text=f"{CONTRACT_WORD}：乙方为低保家庭提供服务。"
    )
    decisions = factories.make_decision_list(2023)
    factories.make_decision_item(decisions, jiuzhu, name="城乡最低生活保障标准调整")
    factories.issue_as_legacy(decisions)
    PowerItem.objects.create(category="行政给付", name="最低生活保障金给付", department=jiuzhu)
    PowerItem.objects.create(category="行政给付", name="特困人员救助供养金给付")
    PowerItem.objects.create(category="行政确认", name="低保对象认定", code="QR-001")
    get_backend().rebuild(indexing.all_entries())
    return {
        "dibao": dibao,
        "labour": labour,
        "abolished": abolished,
        "publicity": publicity,
        "draft": draft,
        "pending": pending,
        "contract": contract,
        "decisions": decisions,
        "attachment": attachment,
    }


@pytest.fixture
def cleanup(portal, adviser, office_user):
    campaign = CleanupCampaign.objects.create(name="2024年规范性文件集中清理")
    approved = CleanupDecision.objects.create(
        campaign=campaign,
        document=portal["abolished"],
        decision="废止",
        reason="已被新细则替代",
        decided_by=adviser,
        approved_by=office_user,
        approved_at=timezone.now() - timedelta(days=1),
        effective_on=date(2024, 5, 10),
    )
    pending = CleanupDecision.objects.create(
        campaign=campaign,
        document=portal["labour"],
        decision="修改",
        reason="待审",
        decided_by=adviser,
    )
    return {"approved": approved, "pending": pending}


@pytest.fixture
def get(client):
    """GET a path; return the response with ``.data`` parsed from its JSON."""

    def _get(path, **params):
        headers = params.pop("headers", {})
        response = client.get(path, params, **headers)
        response.data = (
            response.json()
            if response.get("Content-Type", "").startswith("application/json")
            else None
        )
        return response

    return _get
