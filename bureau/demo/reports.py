"""Demo records of the annual report (``manage.py load_demo``), idempotent.

With the bureau's own demo (``bureau.demo.loader``, ``bureau.demo.review``) they make the demo's 2023 report give
the figures of the customer's 2023 report wherever our records cover them: six more 2023
policy measures that touch economic activity go through the real review path (with
红民发〔2023〕12号 that makes 公平竞争审查7次, 审查率100%); the 7 contracts and the
80-item power list come from ``bureau.demo.data``; two 2023 cleanup campaigns examine one document
(清理审查2次、涉及行政规范性文件1件); the rest of that report's numbers are entered by
hand (集中学法34次, 行政许可10件 …). In the current year one document is filed late.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from bureau.demo.loader import body_html
from cms.models import (
    DepartmentFolderPage,
    DocumentLegalBasis,
    NormativeDocumentPage,
    Statute,
)
from reports import services
from reports.models import ManualFigure


def _measure(key, title, department, topic, number, written, basis, paragraphs, economic=True):
    written_on = date.fromisoformat(written)
    return {
        "key": key,
        "title": title,
        "department": department,
        "topic": topic,
        "doc_number": number,
        "written_on": written_on,
        "published_on": written_on + timedelta(days=6),
        "effective_on": written_on + timedelta(days=20),
        "legal_basis": basis,
        "body": paragraphs,
        "economic": economic,
        "filed_after": 12,
    }


# 2023 policy measures that touch the economic activity of market players (公平竞争审查).
POLICY_MEASURES_2023 = [
    _measure(
        "shilaohua-fangan-2023",
        "红寺堡区2023年困难群众居家适老化改造项目实施方案",
        "yanglao",
        "养老服务",
        "红民发〔2023〕21号",
        "2023-05-22",
        ["中华人民共和国老年人权益保障法"],
        [
            "为261户困难老年人家庭实施居家适老化改造，改善居家生活照护条件。",
            "改造项目按照政府采购有关规定公开确定施工和产品供应单位，各类经营主体平等参与。",
            "区民政局会同乡镇人民政府组织验收，验收合格后按合同约定支付资金。",
        ],
    ),
    _measure(
        "binyi-yunying-2023",
        "红寺堡区殡仪服务中心委托第三方运营实施方案",
        "shiwu",
        "殡葬管理",
        "红民发〔2023〕22号",
        "2023-04-24",
        ["殡葬管理条例"],
        [
            "殡仪服务中心实行所有权与经营权分离，委托第三方专业机构运营管理，免费试运行一年。",
            "运营单位通过公开竞争性方式择优确定，不得限定所有制形式或者注册地。",
            "基本殡葬服务实行政府定价，选择性服务项目明码标价。",
        ],
    ),
    _measure(
        "fuhua-jidi-2023",
        "红寺堡区社会组织孵化基地运营服务实施方案",
        "shezu",
        "社会组织",
        "红民发〔2023〕23号",
        "2023-02-20",
        ["社会团体登记管理条例", "民办非企业单位登记管理暂行条例"],
        [
            "引进专业机构运营社会组织孵化基地，为新成立及有发展需求的社会组织提供全方位服务。",
            "入驻对象按公开条件申请、评审确定，不得设置与服务能力无关的准入条件。",
            "孵化期一般为一年，期满评估后出壳。",
        ],
    ),
    _measure(
        "tekun-goumai-2023",
        "红寺堡区特困供养人员购买社会服务实施方案",
        "yanglao",
        "社会救助",
        "红民发〔2023〕24号",
        "2023-03-13",
        ["特困人员认定办法", "政府购买服务管理办法"],
        [
            "为221名特困供养老人和75名严重精神障碍残疾人购买生活照料、专业护理等社会服务。",
            "承接主体按照政府采购有关规定确定，符合条件的各类社会力量均可参与。",
            "服务质量由区民政局会同乡镇人民政府考核，考核结果与资金支付挂钩。",
        ],
    ),
    _measure(
        "yanglao-butie-fangan-2023",
        "红寺堡区养老机构运营补贴发放实施方案",
        "yanglao",
        "养老服务",
        "红民发〔2023〕25号",
        "2023-08-14",
        ["养老机构管理办法"],
        [
            "对在本区登记备案并正常运营的养老机构，按实际收住老年人数给予运营补贴。",
            "公办、民办养老机构适用同一补贴标准，不因所有制形式区别对待。",
            "补贴资金按季度审核拨付，审核结果在政府门户网站公示。",
        ],
    ),
    _measure(
        "hunyin-dangan-fangan-2023",
        "红寺堡区婚姻登记档案电子化服务采购实施方案",
        "shiwu",
        "婚姻登记",
        "红民发〔2023〕26号",
        "2023-06-26",
        ["婚姻登记条例"],
        [
            "对7786卷婚姻登记纸质档案实施电子化，服务按照政府采购有关规定公开采购。",
            "供应商资格条件依法设定，不得以特定地区业绩作为加分条件。",
            "电子化过程中严格落实保密要求，档案不出婚姻登记机关。",
        ],
    ),
]


def _current_year_filed_late() -> dict:
    """One document of this year, filed with the higher authority after the 30-day limit."""
    published = timezone.localdate() - timedelta(days=50)
    spec = _measure(
        f"shequ-fuwu-qingdan-{published.year}",
        "红寺堡区城乡社区“大联动”服务清单管理办法",
        "jiceng",
        "基层治理",
        f"红民发〔{published.year}〕31号",
        (published - timedelta(days=6)).isoformat(),
        ["中华人民共和国政府信息公开条例"],
        [
            "整合部门资源与基层需求，面向城乡社区提供服务清单内的服务事项。",
            "服务清单实行动态调整，每年向社会公布一次。",
            "各承担部门按清单提供服务，接受群众监督。",
        ],
        economic=False,
    )
    spec["filed_after"] = 35
    return spec


MANUAL_2023 = {
    "inspections": ("52", ""),
    "licensing": ("10", ""),
    "confirmations": ("1966", ""),
    "payments": ("96", ""),
    "payment_amount": ("12509", "给付总金额12509万元"),
    "coercion": ("0", ""),
    "punishments": ("0", ""),
    "rewards": ("0", ""),
    "joint_enforcement": ("1", ""),
    "enforcement_training": ("3", ""),
    "enforcement_staff": ("5", ""),
    "study_sessions": ("34", ""),
    "head_lectures": ("1", ""),
    "micro_lectures": ("4", ""),
    "law_exams": ("4", ""),
    "online_quizzes": ("3", ""),
    "website_items": ("150", "报告表述为“150余条”"),
    "wechat_items": ("170", "报告表述为“170余条”"),
    "legal_education_items": ("10", "报告表述为“10余条”"),
}

CAMPAIGNS_2023 = [
    {
        "name": "2023年涉及民法典实施的行政规范性文件清理",
        "basis": "按照区委全面依法治区委员会办公室关于开展涉及民法典规范性文件清理工作的通知，对现行有效文件进行清理。",
        "on": date(2023, 3, 15),
        "decision": "修改",
        "reason": "第十二条仍引用已废止的《中华人民共和国合同法》，建议修改为《中华人民共和国民法典》相关规定。",
    },
    {
        "name": "2023年涉及公平竞争审查的行政规范性文件清理",
        "basis": "按照自治区关于妨碍统一市场和公平竞争政策措施清理工作的部署开展。",
        "on": date(2023, 10, 16),
        "decision": "继续有效",
        "reason": "经审查不含排除、限制竞争的内容，继续有效。",
    },
]
CLEANUP_DOCUMENT = "hunyin-tiaojie-2022"


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


# 2023 documents the bureau keeps as 依申请公开 (公开属性): issued through the same path and
# secrecy check, provided on request, never listed on the portal.
ON_REQUEST_2023 = [
    {
        **_measure(
            "hunyin-dangan-2023",
            "吴忠市红寺堡区婚姻登记档案内部管理规程",
            "shiwu",
            "婚姻登记",
            "红民发〔2023〕30号",
            "2023-07-10",
            ["中华人民共和国档案法"],
            [
                "为规范婚姻登记档案的整理、保管和内部调阅，制定本规程。",
                "档案调阅实行经办人、站室负责人逐级审批并登记。",
            ],
            economic=False,
        ),
        "disclosure": ("依申请公开", "第十六条第一款", "婚姻登记档案的内部管理规程，依申请提供。"),
    },
    {
        **_measure(
            "dangan-guanli-2023",
            "吴忠市红寺堡区民政局社会救助档案管理办法",
            "jiuzhu",
            "社会救助",
            "红民发〔2023〕31号",
            "2023-08-14",
            ["中华人民共和国档案法"],
            [
                "为规范社会救助档案的收集、整理和保管，制定本办法。",
                "救助档案涉及个人隐私，查阅须经审批并登记。",
            ],
            economic=False,
        ),
        "disclosure": ("依申请公开", "第十六条第一款", "档案内部管理程序，依申请提供。"),
    },
]


def document_walks(actors, *, walk) -> list[tuple[date, object]]:
    """(day, step) pairs for ``bureau.demo.review`` to run in calendar order with the bureau's
    own; ``walk`` is its walk through the review workflow (passed in: no import cycle)."""
    walks = []
    for spec in [*POLICY_MEASURES_2023, *ON_REQUEST_2023, _current_year_filed_late()]:
        page = _document(spec)
        if page is not None:
            submitted = spec["published_on"] - timedelta(days=40)
            walks.append((submitted, _issue_step(page, spec, actors, walk)))
    return walks


def _document(spec: dict) -> NormativeDocumentPage | None:
    """The draft to walk, or None when it already exists (the demo is idempotent)."""
    folder = DepartmentFolderPage.objects.filter(department__code=spec["department"]).first()
    if folder is None or NormativeDocumentPage.objects.filter(slug=spec["key"]).exists():
        return None
    page = NormativeDocumentPage(
        title=spec["title"],
        slug=spec["key"],
        doc_number=spec["doc_number"],
        written_on=spec["written_on"],
        published_on=spec["published_on"],
        effective_on=spec["effective_on"],
        topic=spec["topic"],
        body=body_html(spec["body"]),
        affects_public=False,
        touches_economic_activity=spec["economic"],
        live=False,
    )
    if "disclosure" in spec:
        attribute, article, reason = spec["disclosure"]
        page.disclosure_attribute = attribute
        page.disclosure_article = article
        page.disclosure_reason = reason
    page.full_clean(exclude=["path", "depth", "slug"])
    for order, name in enumerate(spec["legal_basis"]):
        page.legal_bases.add(
            DocumentLegalBasis(statute=Statute.objects.get(name=name), sort_order=order)
        )
    folder.add_child(instance=page)
    drafter = get_user_model().objects.filter(groups=folder.department.group_id).first()
    page.save_revision(user=drafter)
    return page


def _issue_step(page, spec, actors, walk):
    def issue():
        from bureau.demo import loader
        from review import services as review_services
        from review.models import Filing

        submitted = spec["published_on"] - timedelta(days=40)
        drafter = actors.drafter_of(page.department)
        walk(page, drafter, actors, submitted, spec["published_on"])
        page.refresh_from_db()
        if not page.live:
            return
        loader.backdate_publication(page, spec["published_on"])
        filed_on = min(
            spec["published_on"] + timedelta(days=spec["filed_after"]), timezone.localdate()
        )
        record = review_services.filing_record(
            document=page,
            user=actors.office,
            authority="吴忠市红寺堡区人民政府",
            filed_on=filed_on,
            reference=f"红政规备〔{filed_on.year}〕{filed_on.month}号",
        )
        Filing.objects.filter(pk=record.pk).update(recorded_at=_aware(filed_on, 15))

    return issue


def load_report_demo() -> None:
    """After the bureau's demo: 2023 cleanup campaigns and the hand-entered 2023 figures."""
    users = get_user_model().objects
    admin, adviser, leader = (
        users.get(username="admin"),
        users.get(username="adviser"),
        users.get(username="leader"),
    )
    if not ManualFigure.objects.filter(year=2023).exists():
        services.manual_figures_set(
            year=2023,
            values={code: value for code, (value, _) in MANUAL_2023.items()},
            notes={code: note for code, (_, note) in MANUAL_2023.items()},
            user=admin,
        )
    _campaigns(adviser, leader)


def _campaigns(adviser, leader) -> None:
    from search.cleanup import services as cleanup_services
    from search.models import CleanupCampaign, CleanupDecision, CleanupRun
    from search.models.cleanup import CampaignStatus

    document = NormativeDocumentPage.objects.filter(slug=CLEANUP_DOCUMENT).first()
    if document is None:
        return
    for spec in CAMPAIGNS_2023:
        if CleanupCampaign.objects.filter(name=spec["name"]).exists():
            continue
        campaign = CleanupCampaign.objects.create(
            name=spec["name"],
            basis=spec["basis"],
            statuses=["现行有效"],
            published_to=date(2022, 12, 31),
            created_by=adviser,
            status=CampaignStatus.CLOSED,
        )
        when = _aware(spec["on"], 9)
        run = cleanup_services.campaign_run(campaign=campaign, user=adviser, today=spec["on"])
        decision = cleanup_services.decision_record(
            campaign=campaign,
            document=document,
            user=adviser,
            decision=spec["decision"],
            reason=spec["reason"],
        )
        cleanup_services.decision_approve(
            decision=decision, user=leader, effective_on=spec["on"] + timedelta(days=14)
        )
        CleanupCampaign.objects.filter(pk=campaign.pk).update(created_at=when)
        CleanupRun.objects.filter(pk=run.pk).update(started_at=when + timedelta(hours=2))
        CleanupDecision.objects.filter(pk=decision.pk).update(
            decided_at=when + timedelta(days=7), approved_at=when + timedelta(days=14)
        )
