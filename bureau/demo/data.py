"""Demo data for the legal-review CMS: the customer bureau, 吴忠市红寺堡区民政局.

The records mirror the bureau's own 2023 rule-of-law report (法治政府建设年度报告,
``shared/customer/annual-report-2023.txt``): its departments, its 80-item power list, the
seven contracts the legal adviser reviewed in 2023, its major-decision list with a mid-year
adjustment, and normative documents in every state the demo must show (drafts, current,
soon-expiring 暂行 rule, abolished and replaced, and cleanup candidates citing the repealed
婚姻法 or carrying a fair-competition red flag). All texts are invented for the demo; the
statute names and dates are real. Pure data: the loader creates the database rows and sets
the passwords.
"""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path


def _cn(n: int) -> str:
    """Chinese numeral for 1..99, as used in 第X条."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _articles(*paras: str) -> list[str]:
    """Number the paragraphs of a 规范性文件 as 第一条, 第二条 …"""
    return [f"第{_cn(i)}条　{p}" for i, p in enumerate(paras, 1)]


def _months_ago(months: int) -> date:
    """The first of the month ``months`` before today: keeps the demo's deadlines current."""
    index = date.today().year * 12 + date.today().month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


# The 暂行 rule whose two-year validity ends within six months, and the lease that ends
# within 90 days, are dated from today so the demo shows its reminders in any year.
_ERTONG_EFFECTIVE = _months_ago(20)
_ERTONG_VALID_UNTIL = date(_ERTONG_EFFECTIVE.year + 2, _ERTONG_EFFECTIVE.month, 1) - timedelta(
    days=1
)
_LEASE_END = date.today() + timedelta(days=66)


def _d(iso: str | None) -> date | None:
    """date from an ISO string; empty or None stays None."""
    return date.fromisoformat(iso) if iso else None


BUREAU = {"name": "吴忠市红寺堡区民政局", "short_name": "红民", "region": "吴忠市红寺堡区"}

DEPARTMENTS = [
    {"code": "office", "name": "局办公室", "kind": "科室", "short_name": "办公室"},
    {"code": "jiuzhu", "name": "社会救助站", "kind": "站室", "short_name": "救助站"},
    {"code": "shiwu", "name": "社会事务站", "kind": "站室", "short_name": "事务站"},
    {"code": "yanglao", "name": "养老服务中心", "kind": "中心", "short_name": "养老中心"},
    {"code": "shezu", "name": "社会组织管理站", "kind": "站室", "short_name": "社组站"},
    {"code": "ertong", "name": "儿童福利和未成年人保护站", "kind": "站室", "short_name": "未保站"},
    {"code": "jiceng", "name": "基层政权和社区建设站", "kind": "站室", "short_name": "基层站"},
]


def _user(username: str, full_name: str, role: str, department: str | None) -> dict:
    return {
        "username": username,
        "full_name": full_name,
        "role": role,
        "department": department,
        "email": f"{username}@example.gov.cn",
    }


USERS = [
    _user("jiuzhu_drafter", "马晓梅", "drafter", "jiuzhu"),
    _user("shiwu_drafter", "杨建华", "drafter", "shiwu"),
    _user("yanglao_drafter", "李淑芳", "drafter", "yanglao"),
    _user("shezu_drafter", "田志刚", "drafter", "shezu"),
    _user("ertong_drafter", "丁海燕", "drafter", "ertong"),
    _user("jiceng_drafter", "王学军", "drafter", "jiceng"),
    _user("adviser", "周立新", "adviser", None),  # 法律顾问 (外聘律师)
    _user("office", "苏娟", "office", "office"),
    _user("leader", "马国强", "leader", None),  # 局党组书记、局长
    _user("admin", "张伟", "admin", None),
]


# One statute a line: name|short_name|aliases (comma-separated)|level|promulgated_on|status|
# repealed_on|replaced_by. promulgated_on is the date of the text in force (latest revision),
# empty where unknown. 民法典 and the nine civil laws it replaced are preloaded elsewhere.
# Levels follow cms.models.StatuteLevel: 特困人员认定办法 and the two 低保 rules are 民政部
# normative documents (其他); the 宁夏 重大行政决策规定 is a 地方政府规章.
_STATUTE_TABLE = """
社会救助暂行办法|社会救助暂行办法|国务院令第649号|行政法规|2019-03-02|现行有效||
中华人民共和国老年人权益保障法|老年人权益保障法|老年法|法律|2018-12-29|现行有效||
社会团体登记管理条例|社团登记条例|国务院令第250号|行政法规|2016-02-06|现行有效||
民办非企业单位登记管理暂行条例|民非登记条例|国务院令第251号|行政法规|1998-10-25|现行有效||
殡葬管理条例|殡葬条例|国务院令第225号|行政法规|2012-11-09|现行有效||
婚姻登记条例|婚姻登记条例|国务院令第387号|行政法规|2025-04-06|现行有效||
中华人民共和国慈善法|慈善法||法律|2023-12-29|现行有效||
中华人民共和国未成年人保护法|未成年人保护法|未保法|法律|2024-04-26|现行有效||
养老机构管理办法|养老机构管理办法|民政部令第66号|部门规章|2020-09-01|现行有效||
特困人员认定办法|特困人员认定办法|民发〔2021〕43号|其他|2021-04-26|现行有效||
最低生活保障审核确认办法|低保审核确认办法|民发〔2021〕57号|其他|2021-06-11|现行有效||
最低生活保障审核审批办法（试行）|低保审核审批办法|民发〔2012〕220号|其他||已废止|2021-07-01|最低生活保障审核确认办法
中华人民共和国行政处罚法|行政处罚法||法律|2021-01-22|现行有效||
中华人民共和国行政许可法|行政许可法||法律|2019-04-23|现行有效||
公平竞争审查条例|公平竞争审查条例|国务院令第783号|行政法规|2024-06-06|现行有效||
宁夏回族自治区重大行政决策规定|重大行政决策规定||地方政府规章||现行有效||
中华人民共和国政府信息公开条例|政府信息公开条例|国务院令第711号|行政法规|2019-04-03|现行有效||
中华人民共和国人民调解法|人民调解法||法律|2010-08-28|现行有效||
政府购买服务管理办法|政府购买服务管理办法|财政部令第102号|部门规章|2020-01-03|现行有效||
"""


def _statute(line: str) -> dict:
    name, short, aliases, level, promulgated, status, repealed, replaced = line.split("|")
    return {
        "name": name,
        "short_name": short,
        "aliases": aliases.split(",") if aliases else [],
        "status": status,
        "level": level,
        "promulgated_on": _d(promulgated),
        "repealed_on": _d(repealed),
        "replaced_by": replaced or None,
    }


STATUTES_EXTRA = [_statute(line) for line in _STATUTE_TABLE.strip().splitlines()]


def _consultation(start: str, end: str, received: int, adopted: int, summary: str) -> dict:
    return {
        "start": _d(start),
        "end": _d(end),
        "comments_received": received,
        "comments_adopted": adopted,
        "summary": summary,
    }


def _issued(
    doc_number: str,
    written_on: str,
    published_on: str,
    effective_on: str,
    valid_until: str | None = None,
    status: str = "现行有效",
    abolished_on: str | None = None,
    replaced_by: str | None = None,
) -> dict:
    """Metadata of an issued (live) document; dates as ISO strings."""
    return {
        "doc_number": doc_number,
        "written_on": _d(written_on),
        "published_on": _d(published_on),
        "effective_on": _d(effective_on),
        "valid_until": _d(valid_until),
        "status": status,
        "state": "live",
        "abolished_on": _d(abolished_on),
        "replaced_by": replaced_by,
    }


# A draft has no number and no dates yet; its status is not meaningful before issue.
_DRAFT_DATES = {**_issued("", "", "", ""), "state": "draft", "consultation": None}

DOCUMENTS = [
    {
        "key": "linshi-jiuzhu-draft",
        "title": "吴忠市红寺堡区临时救助实施细则",
        "department": "jiuzhu",
        **_DRAFT_DATES,
        "topic": "社会救助",
        "affects_public": True,
        "touches_economic_activity": False,
        "legal_basis": ["社会救助暂行办法"],
        "body": _articles(
            "为了进一步规范临时救助工作，及时解决城乡居民突发性、紧迫性、临时性基本生活困难，根据《社会救助暂行办法》等规定，结合本区实际，制定本细则。",
            "本细则所称临时救助，是指对遭遇突发事件、意外伤害、重大疾病或者其他特殊原因导致基本生活陷入困境，其他社会救助制度暂时无法覆盖或者救助之后基本生活仍有严重困难的家庭或者个人给予的应急性、过渡性救助。",
            "区民政局负责全区临时救助工作的统筹管理；乡镇人民政府（街道办事处）负责临时救助申请的受理和审核。救助金额在1000元以下的，由乡镇人民政府（街道办事处）审批，并按月报区民政局备案。",
            "临时救助分为急难型和支出型两类。对急难型救助对象，可以简化审核确认程序，实行“先行救助”，在救助后5个工作日内补齐相关手续；对支出型救助对象，按照规定程序审核确认。",
            "临时救助标准以本区城乡最低生活保障标准为基数确定：一次性救助金额一般不超过当年月最低生活保障标准的6倍；情况特殊的，经区民政局集体研究，最高不超过12倍。同一家庭或者个人一年内因同一事由原则上不重复救助。",
            "对在本区遭遇急难情形的非本地户籍人员，由急难发生地乡镇人民政府（街道办事处）直接实施临时救助；符合生活无着的流浪、乞讨人员救助条件的，由区救助管理机构按照有关规定提供临时食宿、急病救治、协助返回等救助。",
            "临时救助金原则上通过社会化发放方式直接支付到救助对象账户，确有必要的可以发放实物。救助情况按月在区人民政府门户网站公示，公示时应当隐去救助对象身份证号码、银行卡号等个人信息。",
            "采取虚报、隐瞒、伪造等手段骗取临时救助金的，由区民政局决定停止救助，责令退回非法获取的救助资金，并依照《社会救助暂行办法》有关规定处理；构成犯罪的，依法追究刑事责任。",
            "本细则由区民政局负责解释，自印发之日起施行，有效期5年。",
        ),
    },
    {
        "key": "yanglao-butie-draft",
        "title": "吴忠市红寺堡区经济困难老年人养老服务补贴实施办法",
        "department": "yanglao",
        **_DRAFT_DATES,
        "topic": "养老服务",
        "affects_public": True,
        "touches_economic_activity": True,
        "legal_basis": ["中华人民共和国老年人权益保障法", "养老机构管理办法"],
        "body": _articles(
            "为了保障经济困难老年人基本养老服务需求，规范养老服务补贴发放管理，根据《中华人民共和国老年人权益保障法》《养老机构管理办法》等规定，结合本区实际，制定本办法。",
            "本办法所称养老服务补贴，是指对具有本区户籍、年满60周岁、经能力评估属于失能或者部分失能的最低生活保障家庭、低保边缘家庭老年人，以购买服务方式提供居家养老服务或者机构养老服务的补贴。",
            "补贴标准为：失能老年人每人每月300元，部分失能老年人每人每月150元。入住养老机构的，补贴直接拨付至其入住的养老机构，用于抵扣养老服务费用。",
            "老年人本人或者其代理人向户籍所在地乡镇人民政府（街道办事处）提出申请，提供身份证明、家庭经济状况证明和能力评估结果；乡镇人民政府（街道办事处）初审后报区养老服务中心复核，区民政局确认。",
            "区民政局通过政府购买服务方式，按照公开、公平、公正的原则依法选择具备相应能力的养老服务机构承接居家养老服务，不得限定或者变相限定服务机构的所有制形式和注册地。",
            "补贴对象死亡、户籍迁出本区或者家庭经济状况好转不再符合条件的，乡镇人民政府（街道办事处）应当在10个工作日内报告区民政局，自次月起停止发放补贴。",
            "区民政局每半年对补贴发放和服务提供情况进行抽查，并委托第三方机构开展服务满意度测评；对虚报服务时长、套取补贴资金的服务机构，依法追回资金，取消其承接资格。",
            "本办法由区民政局负责解释，自印发之日起施行，有效期5年。",
        ),
    },
    {
        "key": "dibao-shenpi-2019",
        "title": "红寺堡区农村最低生活保障审核审批实施办法",
        "department": "jiuzhu",
        **_issued(
            "红民发〔2019〕8号",
            "2019-03-25",
            "2019-04-01",
            "2019-05-01",
            status="已废止",
            abolished_on="2023-04-20",
            replaced_by="dibao-queren-2023",
        ),
        "topic": "社会救助",
        "affects_public": True,
        "touches_economic_activity": False,
        "legal_basis": ["社会救助暂行办法", "最低生活保障审核审批办法（试行）"],
        "consultation": _consultation(
            "2019-03-04", "2019-03-13", 2, 1, "主要涉及民主评议程序，采纳1条。"
        ),
        "body": _articles(
            "为了规范农村最低生活保障审核审批工作，根据《社会救助暂行办法》《最低生活保障审核审批办法（试行）》，结合本区实际，制定本办法。",
            "农村居民家庭人均收入低于本区农村最低生活保障标准，且家庭财产状况符合规定的，可以申请农村最低生活保障。",
            "申请农村最低生活保障，由申请人向户籍所在地乡镇人民政府提出书面申请，如实提供家庭收入、财产等证明材料，并签署授权核对家庭经济状况的声明。",
            "乡镇人民政府应当自受理之日起10个工作日内完成入户调查，组织村民代表会议进行民主评议，并将评议结果在村务公开栏公示7天。",
            "区民政局应当自收到乡镇审核材料之日起10个工作日内作出审批决定；批准的，发放最低生活保障金领取证；不予批准的，书面说明理由。",
            "农村最低生活保障实行按户认定、分类施保、动态管理，乡镇人民政府每季度对保障对象家庭情况进行复核。",
            "本办法自2019年5月1日起施行，有效期5年。",
        ),
    },
    {
        "key": "dibao-queren-2023",
        "title": "吴忠市红寺堡区最低生活保障审核确认实施细则",
        "department": "jiuzhu",
        **_issued("红民规〔2023〕1号", "2023-03-10", "2023-03-20", "2023-04-20"),
        "topic": "社会救助",
        "affects_public": True,
        "touches_economic_activity": False,
        "legal_basis": ["社会救助暂行办法", "最低生活保障审核确认办法"],
        "consultation": _consultation(
            "2023-02-13", "2023-02-24", 9, 6, "涉及公示期限、异地申请和审核时限，采纳6条。"
        ),
        "body": _articles(
            "为了规范本区最低生活保障审核确认工作，保障困难群众基本生活，根据《社会救助暂行办法》《最低生活保障审核确认办法》等规定，结合本区实际，制定本细则。",
            "本细则适用于本区城乡最低生活保障的申请、审核、确认、动态管理和监督检查。区民政局负责审核确认工作的组织实施和监督管理，乡镇人民政府（街道办事处）负责受理、调查和初审，村（居）民委员会协助做好相关工作。",
            "申请最低生活保障以家庭为单位，由共同生活的家庭成员向户籍所在地乡镇人民政府（街道办事处）提出书面申请；申请有困难的，可以委托村（居）民委员会或者他人代为提出。符合条件的，可以在经常居住地提出申请。",
            "乡镇人民政府（街道办事处）应当通过入户调查、邻里访问、信函索证等方式，对申请家庭的经济状况和实际生活情况进行调查核实，并通过宁夏民政云居民家庭经济状况核对系统进行核对。调查人员不得少于2人。",
            "调查核实结果应当在申请人所在村（社区）公示，公示期为7天。公示内容不得包含身份证号码、银行卡号、联系电话等个人信息。",
            "区民政局应当自收到初审意见之日起10个工作日内作出审核确认决定；不予确认的，应当书面告知申请人并说明理由。审核确认时限自受理申请之日起原则上不超过30个工作日。",
            "对获得最低生活保障后生活仍有困难的老年人、未成年人、重度残疾人和重病患者，按照自治区有关规定增发最低生活保障金。",
            "对最低生活保障家庭实行分类动态管理：特殊困难家庭每年核查一次，一般困难家庭每半年核查一次，收入来源不固定、有劳动能力的家庭每季度核查一次。",
            "采取虚报、隐瞒、伪造等手段骗取最低生活保障金的，由区民政局决定停止发放，追回非法获取的保障金，并依照《社会救助暂行办法》有关规定处理。工作人员滥用职权、玩忽职守、徇私舞弊的，依法依规追究责任。",
            "本细则由区民政局负责解释，自2023年4月20日起施行，有效期5年。《红寺堡区农村最低生活保障审核审批实施办法》（红民发〔2019〕8号）同时废止。",
        ),
    },
    {
        "key": "hunyin-tiaojie-2022",
        "title": "吴忠市红寺堡区婚姻家庭纠纷调解工作办法",
        "department": "shiwu",
        **_issued("红民发〔2022〕15号", "2022-08-08", "2022-08-15", "2022-09-01"),
        "topic": "婚姻登记",
        "affects_public": True,
        "touches_economic_activity": False,
        # Cleanup candidate: drafted from a pre-2021 template, still cites the repealed 婚姻法.
        "legal_basis": ["中华人民共和国婚姻法", "中华人民共和国人民调解法"],
        "consultation": _consultation(
            "2022-07-11", "2022-07-22", 3, 2, "建议增加兼职调解员来源，已采纳。"
        ),
        "body": _articles(
            "为了及时预防和化解婚姻家庭纠纷，维护婚姻家庭成员的合法权益，促进家庭和睦，根据《中华人民共和国婚姻法》《中华人民共和国人民调解法》等法律法规，结合本区实际，制定本办法。",
            "本办法所称婚姻家庭纠纷调解，是指红寺堡区婚姻家庭纠纷人民调解委员会（以下简称调委会）通过说服、疏导等方法，促使当事人在平等协商基础上自愿达成调解协议，解决婚姻家庭纠纷的活动。",
            "调委会设在区婚姻登记处，在区司法局指导下开展工作，区民政局提供场所和工作保障。调委会由3至7名委员组成，可以聘请律师、心理咨询师、退休法官等担任兼职调解员。",
            "婚姻登记机关在办理离婚登记时发现当事人存在婚姻家庭矛盾的，可以在当事人自愿的前提下引导其接受调解；当事人申请调解的，调委会应当当日受理。",
            "乡镇人民政府（街道办事处）、村（居）民委员会发现婚姻家庭矛盾纠纷的，应当实时报送区综治中心，由综治中心会同调委会研判分流、派单跟踪，形成纠纷受理、化解、上报的工作闭环。",
            "经调解达成协议的，可以制作调解协议书，由当事人、调解员签名并加盖调委会印章。调解协议涉及财产给付内容的，当事人应当依照合同法的有关规定全面履行。",
            "调解工作不收取任何费用。调解员应当保守当事人的个人隐私和家庭秘密，不得泄露调解过程中知悉的信息。",
            "本办法由区民政局负责解释，自2022年9月1日起施行，有效期5年。",
        ),
    },
    {
        "key": "shegong-goumai-2023",
        "title": "吴忠市红寺堡区政府购买社会工作服务管理办法",
        "department": "shezu",
        **_issued("红民发〔2023〕12号", "2023-03-28", "2023-04-03", "2023-05-01"),
        "topic": "社会组织",
        "affects_public": True,
        "touches_economic_activity": True,
        "legal_basis": ["政府购买服务管理办法"],
        "consultation": _consultation(
            "2023-03-06", "2023-03-17", 4, 2, "涉及资金拨付比例和评估主体，采纳2条。"
        ),
        # Cleanup candidate: article 4 favours local providers (公平竞争审查 red flag).
        "body": _articles(
            "为了规范政府购买社会工作服务行为，提升社会工作服务质量和资金使用效益，根据《政府购买服务管理办法》等规定，结合本区实际，制定本办法。",
            "本办法所称政府购买社会工作服务，是指区民政局将乡镇（街道）社工站运营、困难群众关爱帮扶、心理慰藉等社会工作服务事项，按照法定方式和程序交由符合条件的社会力量承担，并根据服务数量和质量支付费用的行为。",
            "承接主体应当依法登记成立，具有独立承担民事责任的能力，具备开展社会工作服务所需的专业人员，其中持有社会工作者职业资格证书的人员不少于3名。",
            "区民政局应当根据年度预算编制购买服务项目实施方案，明确服务内容、服务对象、绩效目标和资金额度，按照政府采购有关规定确定承接主体。同等条件下优先选择本地注册的社会工作服务机构承接；项目涉及物资采购的，应当优先选择本地企业。",
            "项目资金分期拨付：合同签订后拨付40%，中期评估合格后拨付40%，终期评估合格后拨付剩余20%。",
            "区民政局会同乡镇人民政府（街道办事处）对项目开展中期评估和终期评估，可以委托第三方专业机构实施，评估结果作为支付资金的依据。",
            "承接主体应当建立服务档案，如实记录服务过程；对服务中获取的服务对象个人信息应当严格保密，不得用于与服务无关的用途。",
            "承接主体弄虚作假、冒领资金或者服务质量不达标的，区民政局依据合同约定扣减或者追回项目资金，并将有关情况纳入社会组织信用记录。",
            "本办法由区民政局负责解释，自2023年5月1日起施行，有效期5年。",
        ),
    },
    {
        "key": "shezu-zhongda-shixiang-2024",
        "title": "吴忠市红寺堡区社会组织重大事项报告办法",
        "department": "shezu",
        **_issued("红民规〔2024〕1号", "2024-04-08", "2024-04-15", "2024-05-15"),
        "topic": "社会组织",
        "affects_public": True,
        "touches_economic_activity": False,
        "legal_basis": [
            "社会团体登记管理条例",
            "民办非企业单位登记管理暂行条例",
            "中华人民共和国慈善法",
        ],
        "consultation": _consultation(
            "2024-03-11", "2024-03-22", 11, 7, "建议明确报告不是前置审批，已采纳。"
        ),
        "body": _articles(
            "为了加强社会组织规范化管理，引导社会组织依法依章程开展活动，根据《社会团体登记管理条例》《民办非企业单位登记管理暂行条例》《中华人民共和国慈善法》等规定，制定本办法。",
            "本办法适用于在区民政局登记的社会团体、民办非企业单位以及其中认定为慈善组织的组织（以下统称社会组织）。",
            "社会组织有下列事项之一的，应当在事项发生前15个工作日向区民政局书面报告：（一）换届选举及拟任负责人人选；（二）在职或者离退休党政机关领导干部兼任负责人；（三）举办研讨会、论坛、年会、培训、展览会等活动；（四）设立经济实体、参加重大投资项目；（五）开展涉外活动；（六）开展重要慈善活动。",
            "社会组织发生突发事件，或者其负责人涉嫌违法犯罪、被有关部门调查处理的，应当自知悉之日起3个工作日内向区民政局报告。",
            "社会组织变更名称、住所、法定代表人、业务范围等登记事项的，依照有关法规办理变更登记，不适用本办法的报告程序。",
            "区民政局收到报告后，对材料不齐全的，一次性告知需要补正的内容；发现报告事项违反法律法规或者章程的，及时提醒告诫并督促改正。报告不是相关事项的前置审批程序。",
            "社会组织未按照本办法报告重大事项的，区民政局可以约谈其负责人，并将有关情况作为年度检查、等级评估和信用评价的参考；构成违法行为的，依照有关法规处理。",
            "本办法由区民政局负责解释，自2024年5月15日起施行，有效期5年。",
        ),
    },
    {
        "key": "gaoling-jintie-2024",
        "title": "吴忠市红寺堡区高龄津贴发放管理办法",
        "department": "yanglao",
        **_issued("红民规〔2024〕2号", "2024-08-26", "2024-09-02", "2024-10-01"),
        "topic": "养老服务",
        "affects_public": True,
        "touches_economic_activity": False,
        "legal_basis": ["中华人民共和国老年人权益保障法"],
        "consultation": _consultation(
            "2024-07-29", "2024-08-09", 13, 8, "建议推行“免申即享”等，采纳8条。"
        ),
        "body": _articles(
            "为了弘扬敬老养老传统美德，规范高龄津贴发放管理，根据《中华人民共和国老年人权益保障法》等规定，结合本区实际，制定本办法。",
            "具有本区户籍、年满80周岁的老年人，按照自治区规定的标准享受高龄津贴。津贴按月计发、按季发放，通过社会保障卡直接发放到老年人本人账户。",
            "区民政局通过户籍信息比对，对新满80周岁的老年人主动纳入发放范围，实行“免申即享”；比对未覆盖的，由本人或者其委托的人向村（居）民委员会提出申请，经乡镇人民政府（街道办事处）审核后报区民政局确认。",
            "新增享受对象自审核确认的次月起发放津贴；享受对象死亡的，自死亡的次月起停止发放，其家属应当在30日内告知村（居）民委员会。",
            "区民政局每年会同公安、卫生健康等部门开展数据比对，每半年组织一次生存状态认证；对冒领、多领的津贴，依法予以追回。",
            "高龄津贴发放情况按季在区人民政府门户网站公示，公示内容为姓名、所在乡镇（街道）和发放金额，不得公开身份证号码、银行卡号等个人信息。",
            "本办法由区民政局负责解释，自2024年10月1日起施行，有效期5年。",
        ),
    },
    {
        "key": "kunjing-ertong-2025",
        "title": "吴忠市红寺堡区困境儿童分类保障暂行办法",
        "department": "ertong",
        # 暂行: at most 2 years; expires within 6 months of the demo date, evaluation due.
        **_issued(
            f"红民规〔{(_ERTONG_EFFECTIVE - timedelta(days=19)).year}〕1号",
            (_ERTONG_EFFECTIVE - timedelta(days=19)).isoformat(),
            (_ERTONG_EFFECTIVE - timedelta(days=11)).isoformat(),
            _ERTONG_EFFECTIVE.isoformat(),
            _ERTONG_VALID_UNTIL.isoformat(),
        ),
        "topic": "儿童福利",
        "affects_public": True,
        "touches_economic_activity": False,
        "legal_basis": ["中华人民共和国未成年人保护法", "社会救助暂行办法"],
        "consultation": _consultation(
            "2025-01-06", "2025-01-17", 5, 3, "涉及儿童主任职责和会商时限，采纳3条。"
        ),
        "body": _articles(
            "为了加强困境儿童保障工作，维护困境儿童合法权益，根据《中华人民共和国未成年人保护法》《社会救助暂行办法》等规定，结合本区实际，制定本办法。",
            "本办法所称困境儿童，包括因家庭贫困导致生活、就医、就学困难的儿童，因自身残疾导致康复、照料、护理困难的儿童，以及因家庭监护缺失或者监护不当导致人身安全受到威胁或者侵害的儿童。",
            "区民政局建立困境儿童信息台账，会同乡镇人民政府（街道办事处）、村（居）民委员会每半年开展一次精细化排查，儿童主任负责日常走访和信息更新。",
            "对困境儿童实行分类保障：（一）孤儿和事实无人抚养儿童按照规定发放基本生活费；（二）符合条件的纳入最低生活保障或者特困人员救助供养范围；（三）对重病、重残儿童落实医疗救助和康复救助政策；（四）对监护缺失儿童落实临时监护或者委托照护措施。",
            "区未成年人保护工作领导小组办公室设在区民政局，建立个案会商机制；需要多部门协同解决的个案，应当在发现后10个工作日内召开会商会议，明确责任单位和办理时限。",
            "工作中获取的儿童及其家庭信息应当严格保密；对外公布救助情况时，不得披露可以识别儿童身份的信息。",
            "本办法由区民政局负责解释，自2025年3月1日起施行，有效期2年。",
        ),
    },
    {
        "key": "gongyi-gongmu-2025",
        "title": "吴忠市红寺堡区公益性公墓管理办法",
        "department": "shiwu",
        **_issued("红民规〔2025〕2号", "2025-05-12", "2025-05-20", "2025-06-20"),
        "topic": "殡葬管理",
        "affects_public": True,
        "touches_economic_activity": False,
        "legal_basis": ["殡葬管理条例"],
        "consultation": _consultation(
            "2025-04-14", "2025-04-25", 8, 5, "涉及困难群众减免和安葬区域，采纳5条。"
        ),
        "body": _articles(
            "为了加强公益性公墓管理，推进殡葬改革和移风易俗，减轻群众丧葬负担，根据《殡葬管理条例》等规定，结合本区实际，制定本办法。",
            "本办法所称公益性公墓，是指为本区城乡居民提供遗体、骨灰安葬服务的非营利性公共墓地，包括区公益性公墓逝安园和经批准建设的乡镇（村）公益性墓地。",
            "区民政局负责全区公益性公墓的监督管理；乡镇人民政府（街道办事处）负责辖区内农村公益性墓地的日常管理。",
            "公益性公墓墓位实行统一规划、有序安葬，单人墓或者双人合葬墓占地面积不得超过自治区规定的标准，不得建造家族墓、豪华墓。",
            "公益性公墓不得对外销售墓穴，不得预售、炒买炒卖墓位，不得以任何名义收取规定以外的费用。",
            "公益性公墓应当尊重少数民族的丧葬习俗，按照有关规定设置专门安葬区域。",
            "对最低生活保障对象、特困人员等困难群众免除基本安葬费用；对自愿选择树葬、花葬等节地生态安葬方式的，按照有关规定给予奖补。",
            "公益性公墓管理单位应当建立安葬档案，档案保存期限不少于50年；对外提供安葬信息查询的，应当隐去逝者亲属的身份证号码和联系电话。",
            "本办法由区民政局负责解释，自2025年6月20日起施行，有效期5年。",
        ),
    },
]


def _terms(
    amount: str, contract_type: str, department: str, start: str, end: str, signed: str | None
) -> dict:
    """Register fields of a contract; a contract signed in year Y was reviewed in Y."""
    signed_on = _d(signed)
    return {
        "amount": Decimal(amount),
        "contract_type": contract_type,
        "department": department,
        "term_start": _d(start),
        "term_end": _d(end),
        "signed_on": signed_on,
        "state": "signed" if signed_on else "draft",
        "reviewed_in": signed_on.year if signed_on else None,
    }


_ARBITRATION = "争议解决：因本合同引起的争议，双方协商解决；协商不成的，提交吴忠仲裁委员会仲裁。"
_COURT = "争议解决：因本合同引起的争议，双方协商解决；协商不成的，依法向红寺堡区人民法院起诉。"

CONTRACTS = [
    {
        "key": "binyi-weituo-2023",
        "title": "红寺堡区殡仪服务中心委托运营管理合同",
        "counterparty": "吴忠市安和殡葬服务有限公司",
        **_terms("420000.00", "委托管理", "shiwu", "2023-06-01", "2024-05-31", "2023-05-18"),
        "text": [
            "甲方：吴忠市红寺堡区民政局；乙方：吴忠市安和殡葬服务有限公司。",
            "合同标的：甲方将红寺堡区殡仪服务中心委托乙方运营管理，乙方负责遗体接运、守灵告别、设施维护和安全管理等服务。委托期内殡仪服务中心免费试运行，乙方不得向群众收取基本殡葬服务费用。",
            "价款及支付：运营补助费共计人民币420000.00元（大写：肆拾贰万元整），按季度考核后分四期支付，每期105000.00元。",
            "履行期限：2023年6月1日至2024年5月31日。甲方每季度对服务质量、群众满意度和安全生产情况进行考核。",
            "违约责任：乙方擅自收费、服务质量考核不合格或者发生安全责任事故的，甲方有权扣减当期补助费；情节严重的，甲方有权解除合同，乙方应当赔偿由此造成的损失。",
            _ARBITRATION,
        ],
    },
    {
        "key": "shegongzhan-bao1-2023",
        "title": "2023年乡镇（街道）社工站社会工作服务项目合同（包一）",
        "counterparty": "吴忠市红寺堡区向阳社会工作服务中心",
        **_terms("780000.00", "服务外包", "shezu", "2023-05-01", "2024-04-30", "2023-04-24"),
        "text": [
            "甲方：吴忠市红寺堡区民政局；乙方：吴忠市红寺堡区向阳社会工作服务中心。",
            "合同标的：乙方承接红寺堡镇、新民街道、大河乡社工站运营，为困难老人、困境儿童、残疾人等特殊困难群体提供心理慰藉、关爱帮扶、资源链接等专业社会工作服务，每站配备持证社工不少于2名。",
            "价款及支付：合同总价人民币780000.00元（大写：柒拾捌万元整）。合同签订后支付40%，中期评估合格后支付40%，终期评估合格后支付20%。",
            "履行期限：2023年5月1日至2024年4月30日。",
            "违约责任：乙方未按约定配备人员或者评估不合格的，甲方按比例扣减服务费；乙方泄露服务对象个人信息的，应当承担相应法律责任。",
            _ARBITRATION,
        ],
    },
    {
        "key": "shegongzhan-bao2-2023",
        "title": "2023年乡镇（街道）社工站社会工作服务项目合同（包二）",
        "counterparty": "宁夏同心圆社会工作服务中心",
        **_terms("640000.00", "服务外包", "shezu", "2023-05-01", "2024-04-30", "2023-04-24"),
        "text": [
            "甲方：吴忠市红寺堡区民政局；乙方：宁夏同心圆社会工作服务中心。",
            "合同标的：乙方承接太阳山镇、柳泉乡、新庄集乡、南川乡社工站运营，开展特殊困难群体探访、个案管理和社区互助活动，并协助做好社会救助政策宣传。",
            "价款及支付：合同总价人民币640000.00元（大写：陆拾肆万元整），按40%、40%、20%的比例分三期支付。",
            "履行期限：2023年5月1日至2024年4月30日。",
            "违约责任：乙方服务数量或者质量未达到合同约定的，甲方按照评估结果扣减服务费；乙方擅自转包的，甲方有权解除合同。",
            _COURT,
        ],
    },
    {
        "key": "shilaohua-gaizao-2023",
        "title": "2023年困难群众居家适老化改造项目采购合同",
        "counterparty": "宁夏康居建筑装饰工程有限公司",
        **_terms("783000.00", "政府采购", "yanglao", "2023-07-15", "2023-11-30", "2023-07-10"),
        "text": [
            "甲方：吴忠市红寺堡区民政局；乙方：宁夏康居建筑装饰工程有限公司。",
            "合同标的：乙方为本区261户困难老年人家庭实施居家适老化改造，包括卫生间扶手、防滑地面、淋浴椅、夜间感应灯等，每户改造方案经老年人或者其家属签字确认。",
            "价款及支付：合同总价人民币783000.00元（大写：柒拾捌万叁仟元整），按每户3000元包干；全部完工并经验收合格后支付95%，剩余5%作为质量保证金，满一年无质量问题后无息退还。",
            "履行期限：2023年7月15日至2023年11月30日。",
            "违约责任：乙方逾期完工的，每逾期一日按合同总价的千分之一支付违约金；改造项目验收不合格的，乙方应当在15日内免费返工。",
            _COURT,
        ],
    },
    {
        "key": "tekun-fuwu-2023",
        "title": "特困供养老人和严重精神障碍残疾人购买社会服务合同",
        "counterparty": "红寺堡区康乐居家养老服务有限公司",
        **_terms("532800.00", "服务外包", "yanglao", "2023-04-01", "2024-03-31", "2023-03-27"),
        "text": [
            "甲方：吴忠市红寺堡区民政局；乙方：红寺堡区康乐居家养老服务有限公司。",
            "合同标的：乙方为221名分散供养特困老年人和75名严重精神障碍残疾人提供生活照料、专业护理、康复保洁和精神慰藉服务，每人每月上门服务不少于4次。",
            "价款及支付：按每人每月150元计算，合同总价人民币532800.00元（大写：伍拾叁万贰仟捌佰元整），按季度凭服务记录和回访结果结算。",
            "履行期限：2023年4月1日至2024年3月31日。",
            "违约责任：乙方虚报服务次数的，甲方按虚报金额的2倍扣减服务费；服务中造成服务对象人身损害的，由乙方依法承担赔偿责任。",
            _ARBITRATION,
        ],
    },
    {
        "key": "hunyin-dangan-2023",
        "title": "婚姻登记纸质档案数字化加工服务合同",
        "counterparty": "宁夏智档信息技术有限公司",
        **_terms("140148.00", "政府采购", "shiwu", "2023-08-01", "2023-10-31", "2023-07-25"),
        "text": [
            "甲方：吴忠市红寺堡区民政局；乙方：宁夏智档信息技术有限公司。",
            "合同标的：乙方对甲方婚姻登记纸质档案7786卷进行整理、扫描、图像处理、著录和数据挂接，成果导入婚姻登记档案管理系统。加工在甲方指定场所进行，档案不得带离。",
            "价款及支付：按每卷18元计算，合同总价人民币140148.00元（大写：壹拾肆万零壹佰肆拾捌元整），验收合格后一次性支付。",
            "履行期限：2023年8月1日至2023年10月31日。",
            "违约责任：乙方造成档案损毁、丢失或者泄露当事人个人信息的，应当承担赔偿责任，甲方有权解除合同并依法追究其法律责任。",
            _COURT,
        ],
    },
    {
        "key": "fuhua-jidi-zulin-2023",
        "title": "红寺堡区社会组织孵化基地场地租赁合同",
        "counterparty": "吴忠市红寺堡区弘泰商贸有限公司",
        **_terms("240000.00", "租赁", "shezu", "2023-02-01", _LEASE_END.isoformat(), "2023-01-18"),
        "text": [
            "甲方（承租方）：吴忠市红寺堡区民政局；乙方（出租方）：吴忠市红寺堡区弘泰商贸有限公司。",
            "合同标的：乙方将其位于红寺堡区新民街道的房屋一层共计420平方米出租给甲方，用作社会组织孵化基地。",
            "价款及支付：年租金人民币60000.00元，四年租金合计人民币240000.00元（大写：贰拾肆万元整），按年度预付，每年2月15日前支付当年租金。",
            "履行期限：2023年2月1日至2027年1月31日。租期届满需续租的，甲方应当在期满前60日书面通知乙方。",
            "违约责任：乙方提前收回房屋的，应当退还剩余租金并支付相当于三个月租金的违约金；甲方逾期支付租金的，每逾期一日按应付租金的万分之五支付违约金。",
            _COURT,
        ],
    },
    {
        "key": "dongtai-jiance-2027-draft",
        "title": "2027年度低收入人口动态监测入户核查服务合同",
        "counterparty": "宁夏明德社会工作服务中心",
        **_terms("360000.00", "服务外包", "jiuzhu", "2027-01-01", "2027-12-31", None),
        "text": [
            "甲方：吴忠市红寺堡区民政局；乙方：宁夏明德社会工作服务中心。",
            "合同标的：乙方协助乡镇人民政府（街道办事处）对低收入人口数据库中的家庭开展入户核查和动态监测，及时报告因病、因残、因灾等返贫致贫风险，核查结果由乡镇人民政府（街道办事处）确认。",
            "价款及支付：合同总价人民币360000.00元（大写：叁拾陆万元整），按季度根据核查数量和质量结算。",
            "履行期限：2027年1月1日至2027年12月31日。",
            "违约责任：乙方核查记录失实的，甲方有权拒付相应费用；乙方泄露核查对象家庭经济状况信息的，甲方有权解除合同，乙方依法承担法律责任。",
            _ARBITRATION,
        ],
    },
    {
        "key": "wanggeyuan-peixun-2026-draft",
        "title": "城乡社区网格员能力提升培训合作协议",
        "counterparty": "宁夏启航职业技能培训学校有限公司",
        **_terms("86000.00", "合作协议", "jiceng", "2026-12-15", "2027-06-30", None),
        "text": [
            "甲方：吴忠市红寺堡区民政局；乙方：宁夏启航职业技能培训学校有限公司。",
            "合作内容：乙方为全区533名网格员分批开展政策法规、矛盾纠纷排查、信息采集与个人信息保护等培训，每人培训不少于16学时，培训方案经甲方审定。",
            "价款及支付：培训费用共计人民币86000.00元（大写：捌万陆仟元整），全部培训结束并经考核后一次性支付。",
            "履行期限：2026年12月15日至2027年6月30日。",
            "违约责任：乙方未按方案完成培训课时的，按未完成比例扣减费用；培训中发生安全事故的，由乙方承担相应责任。",
            _COURT,
        ],
    },
]


def _p(required: bool, done_on: date | None = None, note: str = "") -> dict:
    return {"required": required, "done_on": done_on, "note": note}


_PROCEDURES = ("public_participation", "expert_argument", "risk_assessment")
_PROCEDURES += ("legality_review", "collective_decision")


def _item(name: str, lead: str, basis: str, planned: date, status: str, *procs: dict) -> dict:
    """A decision-list item; procs are the five procedures in _PROCEDURES order."""
    return {
        "name": name,
        "lead_unit": lead,
        "legal_basis": basis,
        "planned_on": planned,
        "status": status,
        "procedures": dict(zip(_PROCEDURES, procs, strict=True)),
    }


_YANGLAO_PLAN_2023 = "红寺堡区养老服务设施布局规划（2023—2035年）"
_HUNSU_2023 = "吴忠市红寺堡区婚俗改革试点工作方案"
_BINYI_2023 = "红寺堡区殡仪服务中心运营管理模式（委托第三方管理）"
_YANGLAO_NETWORK_2026 = "红寺堡区居家社区养老服务网络建设实施方案（2027—2029年）"

DECISION_LISTS = {
    2023: {
        "title": "吴忠市红寺堡区民政局2023年度重大行政决策事项目录",
        "items": [
            _item(
                "落实自治区城乡最低生活保障标准调整实施方案",
                "jiuzhu",
                "《社会救助暂行办法》第十条；《最低生活保障审核确认办法》",
                date(2023, 3, 31),
                "已完成",
                _p(True, date(2023, 3, 8), "门户网站公开征求意见30日，收到意见12条，采纳7条"),
                _p(True, date(2023, 3, 14), "邀请社会保障、财政领域专家5人论证"),
                _p(True, date(2023, 3, 16), "社会稳定风险评估等级：低风险"),
                _p(True, date(2023, 3, 22), "法律顾问出具书面审核意见：同意"),
                _p(True, date(2023, 3, 28), "局党组会集体讨论通过"),
            ),
            _item(
                _BINYI_2023,
                "shiwu",
                "《殡葬管理条例》；《政府购买服务管理办法》",
                date(2023, 5, 15),
                "已完成",
                _p(True, date(2023, 4, 20), "公开征求意见30日，收到意见6条"),
                _p(True, date(2023, 4, 26), "邀请殡葬管理和法律专家3人论证"),
                _p(True, date(2023, 5, 4), "补充开展社会稳定风险评估：低风险"),
                _p(True, date(2023, 5, 6), "法律顾问出具书面审核意见：修改后同意"),
                _p(True, date(2023, 5, 10), "局党组会集体讨论通过，报区政府列入民生实事"),
            ),
            _item(
                "2023年政府购买乡镇（街道）社工站社会工作服务项目实施方案",
                "shezu",
                "《政府购买服务管理办法》",
                date(2023, 4, 15),
                "已完成",
                _p(False, None, "不直接设定公众权利义务，经评估不适用"),
                _p(True, date(2023, 3, 30), "邀请社会工作领域专家3人论证"),
                _p(False, None, "经评估不适用"),
                _p(True, date(2023, 4, 6), "法律顾问出具书面审核意见：同意"),
                _p(True, date(2023, 4, 11), "局党组会审议通过后提请区人民政府印发"),
            ),
            _item(
                _YANGLAO_PLAN_2023,
                "yanglao",
                "《中华人民共和国老年人权益保障法》；《养老机构管理办法》",
                date(2023, 10, 31),
                "已调出",
                _p(True, None, "未启动"),
                _p(True, None, "未启动"),
                _p(True, None, "未启动"),
                _p(True, None, "未启动"),
                _p(True, None, "未启动"),
            ),
            _item(
                _HUNSU_2023,
                "shiwu",
                "《婚姻登记条例》",
                date(2023, 8, 31),
                "已完成",
                _p(True, date(2023, 7, 24), "公开征求意见30日，收到意见9条，采纳5条"),
                _p(False, None, "经评估不适用"),
                _p(True, date(2023, 8, 2), "社会稳定风险评估等级：低风险"),
                _p(True, date(2023, 8, 14), "法律顾问出具书面审核意见：同意"),
                _p(True, date(2023, 8, 22), "局党组会集体讨论通过"),
            ),
        ],
        "adjustments": [
            {
                "item": _BINYI_2023,
                "action": "changed",
                "reason": "需补充开展社会稳定风险评估，计划完成时间由4月30日调整为5月15日。",
                "on": date(2023, 4, 18),
            },
            {
                "item": _HUNSU_2023,
                "action": "added",
                "reason": (
                    "我区列入婚俗改革试点，方案涉及群众切身利益，经局党组会研究增补列入目录。"
                ),
                "on": date(2023, 6, 12),
            },
            {
                "item": _YANGLAO_PLAN_2023,
                "action": "removed",
                "reason": (
                    "全区国土空间规划尚未批复，布局规划需与之衔接，"
                    "本年度调出目录，条件成熟后重新申报。"
                ),
                "on": date(2023, 9, 15),
            },
        ],
    },
    2026: {
        "title": "吴忠市红寺堡区民政局2026年度重大行政决策事项目录",
        "items": [
            _item(
                "红寺堡区殡仪服务中心运营管理模式调整方案",
                "shiwu",
                "《殡葬管理条例》；《政府购买服务管理办法》",
                date(2026, 6, 30),
                "已完成",
                _p(True, date(2026, 5, 15), "公开征求意见30日，收到意见4条，采纳2条"),
                _p(True, date(2026, 5, 22), "邀请殡葬管理和财务专家3人论证"),
                _p(True, date(2026, 5, 27), "社会稳定风险评估等级：低风险"),
                _p(True, date(2026, 6, 9), "法律顾问出具书面审核意见：同意"),
                _p(True, date(2026, 6, 18), "局党组会集体讨论通过"),
            ),
            _item(
                "红寺堡区2027年城乡最低生活保障和特困人员救助供养标准落实方案",
                "jiuzhu",
                "《社会救助暂行办法》；《特困人员认定办法》",
                date(2026, 12, 20),
                "进行中",
                _p(True, date(2026, 11, 16), "门户网站公开征求意见30日，收到意见7条"),
                _p(True, date(2026, 11, 20), "邀请社会保障领域专家4人论证"),
                _p(True, None, "社会稳定风险评估报告起草中"),
                _p(True, None, "待提交法律顾问审核"),
                _p(True, None, "待提交局党组会"),
            ),
            _item(
                _YANGLAO_NETWORK_2026,
                "yanglao",
                "《中华人民共和国老年人权益保障法》；《养老机构管理办法》",
                date(2026, 12, 31),
                "计划中",
                _p(True, None, "拟于方案初稿形成后公开征求意见"),
                _p(True, None, ""),
                _p(True, None, ""),
                _p(True, None, ""),
                _p(True, None, ""),
            ),
        ],
        "adjustments": [],
    },
}

# A major decision's draft open for public comment (≥ 30 days), dated from today so the
# demo always shows it open.
_CONSULTATION_START = date.today() - timedelta(days=5)
DECISION_CONSULTATIONS = [
    {
        "year": 2026,
        "item": _YANGLAO_NETWORK_2026,
        "start": _CONSULTATION_START,
        "end": _CONSULTATION_START + timedelta(days=34),
        "text": "\n".join(
            [
                "一、建设目标：到2029年，全区每个乡镇建成1个具备全托、日托、上门服务功能的"
                "区域养老服务中心，每个行政村（社区）建成1个互助养老服务站点。",
                "二、服务对象：优先保障经济困难的失能、高龄、独居、空巢老年人，"
                "逐步向全体有需求的老年人开放。",
                "三、运营方式：区域养老服务中心通过公开竞争方式委托具备相应能力的"
                "养老服务机构运营，不得限定运营机构的所有制形式和注册地。",
                "四、资金保障：建设资金由区财政统筹安排，运营补贴按服务人次和服务质量"
                "评价结果核定。",
                "五、征求意见说明：欢迎社会各界对服务网络布局、服务内容和运营方式提出意见建议。",
            ]
        ),
    },
]

# The 80-item 权力清单 of the customer's 2023 report (8 给付, 5 许可, 4 确认, 6 检查, 2 强制,
# 2 奖励, 1 裁决, 50 处罚, 2 其他), as the office keeps it in Excel: loaded through the real
# importer (``import_power_list``). Item names and bases follow the public national
# civil-affairs power catalogues and the statutes named in each row.
POWER_LIST_FILE = Path(__file__).with_name("power_list.csv")
POWER_COUNTS = dict(
    zip(
        [
            "行政给付",
            "行政许可",
            "行政确认",
            "行政检查",
            "行政强制",
            "行政奖励",
            "行政裁决",
            "行政处罚",
            "其他",
        ],
        (8, 5, 4, 6, 2, 2, 1, 50, 2),
        strict=True,
    )
)


if __name__ == "__main__":
    import csv
    from collections import Counter

    with POWER_LIST_FILE.open(encoding="utf-8-sig", newline="") as power_file:
        power_rows = list(csv.DictReader(power_file))
    counts = Counter(row["类别"] for row in power_rows)
    assert counts == POWER_COUNTS, counts
    assert sum(counts.values()) == 80
    assert len({row["编码"] for row in power_rows}) == 80

    assert sum(c["reviewed_in"] == 2023 for c in CONTRACTS) == 7
    assert sum(c["state"] == "draft" for c in CONTRACTS) == 2
    today = date.today()
    assert any(
        c["state"] == "signed" and 0 <= (c["term_end"] - today).days <= 90 for c in CONTRACTS
    )

    numbers = [d["doc_number"] for d in DOCUMENTS if d["doc_number"]]
    assert len(numbers) == len(set(numbers)), numbers
    keys = {d["key"] for d in DOCUMENTS}
    assert len(keys) == len(DOCUMENTS)
    civil = "民法典 婚姻法 继承法 民法通则 收养法 担保法 合同法 物权法 侵权责任法 民法总则"
    known = {s["name"] for s in STATUTES_EXTRA} | {f"中华人民共和国{x}" for x in civil.split()}
    for d in DOCUMENTS:
        assert len(d["title"]) <= 60, d["key"]
        assert set(d["legal_basis"]) <= known, d["key"]
        assert 6 <= len(d["body"]) <= 12, d["key"]
        assert d["replaced_by"] is None or d["replaced_by"] in keys, d["key"]
        dates = [d[k] for k in ("written_on", "published_on", "effective_on") if d[k]]
        assert dates == sorted(dates), d["key"]
        if d["valid_until"]:
            years = 2 if ("暂行" in d["title"] or "试行" in d["title"]) else 5
            eff = d["effective_on"]
            assert d["valid_until"] <= eff.replace(year=eff.year + years), d["key"]
        if d["state"] == "live" and d["affects_public"]:
            assert d["consultation"], d["key"]
    assert sum(d["state"] == "draft" for d in DOCUMENTS) == 2
    assert sum(d["status"] == "已废止" for d in DOCUMENTS) == 1
    assert any("《中华人民共和国婚姻法》" in "".join(d["body"]) for d in DOCUMENTS)
    assert any("优先选择本地企业" in "".join(d["body"]) for d in DOCUMENTS)

    dept_codes = {d["code"] for d in DEPARTMENTS}
    assert len(DEPARTMENTS) == 7
    assert all(u["department"] in dept_codes | {None} for u in USERS)
    for year, dl in DECISION_LISTS.items():
        for item in dl["items"]:
            assert item["lead_unit"] in dept_codes
            p = item["procedures"]
            assert p["legality_review"]["required"] and p["collective_decision"]["required"]
            if item["status"] == "已完成":
                assert all(x["done_on"] for x in p.values() if x["required"]), item["name"]
        names = {i["name"] for i in dl["items"]}
        assert all(a["item"] in names for a in dl.get("adjustments", [])), year

    print(f"departments={len(DEPARTMENTS)} users={len(USERS)} statutes={len(STATUTES_EXTRA)}")
    print(f"documents={len(DOCUMENTS)} contracts={len(CONTRACTS)}")
    print("decision items:", {y: len(dl["items"]) for y, dl in DECISION_LISTS.items()})
    print("power items:", counts, "total", sum(counts.values()))
    print("OK")


# 社会救助资金发放公示 (2023): made-up households — names from a fixed list, no real people.
# The loader draws each household's place and size with a fixed seed, so every run (and
# every machine) makes the same lists.
RELIEF_SEED = 2023
RELIEF_YEAR = 2023
RELIEF_DEPARTMENT = "jiuzhu"
RELIEF_NAMES = [
    "马玉花",
    "杨建国",
    "李秀英",
    "王德福",
    "海正清",
    "田桂兰",
    "周志强",
    "苏梅",
    "丁学林",
    "何小燕",
    "马金宝",
    "吴月娥",
    "张有才",
    "冯丽",
]
RELIEF_PLACES = {
    "红寺堡镇": ["中圈塘村", "朝阳村", "兴盛村"],
    "太阳山镇": ["良繁村", "杨家窑村"],
    "大河乡": ["大河村", "龙源村"],
    "新庄集乡": ["新庄集村", "红川村"],
    "柳泉乡": ["柳泉村", "永新村"],
}
RELIEF_DIBAO_RATES = [560, 420, 280]  # 元/人·月, 一类 / 二类 / 三类
RELIEF_DIBAO_HOUSEHOLDS = 10
RELIEF_TEMPORARY_MONTHS = [3, 7, 11]
RELIEF_TEMPORARY_NOTES = ["因病临时救助", "因灾临时救助", "突发意外临时救助"]
RELIEF_INTRO = "发放标准按红寺堡区城乡低保分类施保标准执行。对公示内容有异议的，请向社会救助站反映（办公电话 0953-5012345）。"
