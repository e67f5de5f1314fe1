"""The fixed checklists a reviewer fills in (docs/architecture.md).

Legality review, one checklist per kind of item: a normative document by 国办发〔2018〕115号;
a contract by the points government contract-review rules share (主体、程序、内容、权利义务、
主要条款、违约责任与争议解决); a major decision by 《重大行政决策程序暂行条例》第二十五条
(权限、程序、内容). A code means one question in every list (only rights_duties is shared):
an opinion stores codes, and its letter prints each code's text.
Fair-competition review: 公平竞争审查条例 (in force 2024-08-01), articles 8–11:
four categories, 19 standards.
"""

from typing import NamedTuple

from cms.kinds import ItemKind


class ChecklistItem(NamedTuple):
    code: str
    text: str


LEGALITY_CHECKLIST = [
    ChecklistItem("subject", "制定主体是否合法"),
    ChecklistItem("authority", "是否超越法定权限"),
    ChecklistItem("higher_law", "内容是否与上位法相抵触"),
    ChecklistItem(
        "illegal_measures", "是否违法设定行政许可、行政处罚、行政强制、行政事业性收费等事项"
    ),
    ChecklistItem("rights_duties", "是否违法减损公民、法人和其他组织合法权益或者增加其义务"),
    ChecklistItem("procedure", "制定程序是否完备（公开征求意见、公平竞争审查、集体审议）"),
]

CONTRACT_CHECKLIST = [
    ChecklistItem("contract_party", "合同相对方主体资格、资质和履约能力是否适格"),
    ChecklistItem("contract_procedure", "订立程序是否合法（政府采购、招标投标、集体研究等）"),
    ChecklistItem(
        "contract_content", "合同内容是否违反法律法规强制性规定、损害国家利益和社会公共利益"
    ),
    ChecklistItem(
        "contract_balance", "权利义务是否明确、对等，有无加重本机关责任或者免除对方责任的条款"
    ),
    ChecklistItem(
        "contract_terms", "标的、数量、质量、价款或者报酬、履行期限、地点和方式等主要条款是否完备"
    ),
    ChecklistItem("contract_remedies", "违约责任和争议解决条款是否明确、可行"),
]

DECISION_CHECKLIST = [
    ChecklistItem("decision_authority", "决策事项是否符合法定权限"),
    ChecklistItem(
        "decision_procedure", "决策草案的形成是否履行公众参与、专家论证、风险评估等法定程序"
    ),
    ChecklistItem("decision_content", "决策草案内容是否符合有关法律、法规、规章和国家政策的规定"),
    ChecklistItem("rights_duties", LEGALITY_CHECKLIST[4].text),
]

_BY_KIND = {ItemKind.CONTRACT: CONTRACT_CHECKLIST, ItemKind.MAJOR_DECISION: DECISION_CHECKLIST}
CHECKLIST_TEXTS = {
    item.code: item.text
    for checklist in (LEGALITY_CHECKLIST, CONTRACT_CHECKLIST, DECISION_CHECKLIST)
    for item in checklist
}


def legality_checklist(kind: str | None) -> list[ChecklistItem]:
    """The legality checklist of an item kind (a normative document's by default)."""
    return _BY_KIND.get(kind or "", LEGALITY_CHECKLIST)


CHECK_RESULTS = [("符合", "符合"), ("不符合", "不符合"), ("不适用", "不适用")]


class CompetitionCategory(NamedTuple):
    code: str
    title: str
    article: str
    standards: list[ChecklistItem]


FAIR_COMPETITION_CATEGORIES = [
    CompetitionCategory(
        "market_access",
        "市场准入和退出",
        "第八条",
        [
            ChecklistItem("ma1", "对市场准入负面清单以外的行业、领域、业务等违法设置审批程序"),
            ChecklistItem("ma2", "违法设置或者授予特许经营权"),
            ChecklistItem("ma3", "限定经营、购买或者使用特定经营者提供的商品或者服务"),
            ChecklistItem("ma4", "设置不合理或者歧视性的准入、退出条件"),
            ChecklistItem("ma5", "其他限制或者变相限制市场准入和退出的内容"),
        ],
    ),
    CompetitionCategory(
        "free_flow",
        "商品和要素自由流动",
        "第九条",
        [
            ChecklistItem(
                "ff1",
                "限制外地或者进口商品、要素进入本地市场，或者阻碍本地经营者迁出，商品、要素输出",
            ),
            ChecklistItem(
                "ff2", "排斥、限制、强制或者变相强制外地经营者在本地投资经营或者设立分支机构"
            ),
            ChecklistItem("ff3", "排斥、限制或者变相限制外地经营者参加本地政府采购、招标投标"),
            ChecklistItem(
                "ff4", "对外地或者进口商品、要素设置歧视性收费项目、收费标准、价格或者补贴"
            ),
            ChecklistItem(
                "ff5", "在资质标准、监管执法等方面对外地经营者在本地投资经营设置歧视性要求"
            ),
            ChecklistItem("ff6", "其他限制商品、要素在全国统一市场自由流动的内容"),
        ],
    ),
    CompetitionCategory(
        "cost",
        "影响生产经营成本",
        "第十条",
        [
            ChecklistItem("co1", "给予特定经营者税收优惠"),
            ChecklistItem("co2", "给予特定经营者选择性、差异化的财政奖励或者补贴"),
            ChecklistItem(
                "co3", "给予特定经营者要素获取、行政事业性收费、政府性基金、社会保险费等方面的优惠"
            ),
            ChecklistItem("co4", "其他影响生产经营成本的内容"),
        ],
    ),
    CompetitionCategory(
        "conduct",
        "影响生产经营行为",
        "第十一条",
        [
            ChecklistItem(
                "cd1", "强制或者变相强制经营者实施垄断行为，或者为经营者实施垄断行为提供便利条件"
            ),
            ChecklistItem("cd2", "超越法定权限制定政府指导价、政府定价，为特定经营者提供优惠价格"),
            ChecklistItem("cd3", "违法干预实行市场调节价的商品、要素的价格水平"),
            ChecklistItem("cd4", "其他不合理干预生产经营行为的内容"),
        ],
    ),
]

FAIR_COMPETITION_STANDARDS = [
    (category, item) for category in FAIR_COMPETITION_CATEGORIES for item in category.standards
]
assert len(FAIR_COMPETITION_STANDARDS) == 19, "公平竞争审查条例 has 19 standards"
