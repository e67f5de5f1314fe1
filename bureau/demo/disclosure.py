"""Demo: 2023's 依申请公开 requests (mixed results, one late, one carried into 2024, one
carried in from 2022), a 行政复议 case and the report's text, so the demo's 2023
政府信息公开工作年度报告 is filled. Idempotent: nothing is added once 2023 has requests.
Every step goes through ``disclosure.services``, as the office would record it."""

from __future__ import annotations

from datetime import date as D

from django.contrib.auth import get_user_model

from cms.privacy import id_check_digit
from disclosure import services
from disclosure.models import AppealCase, DisclosureRequest, DisclosureYear, Source
from disclosure.vocab import ReplyType, RequesterKind


def _id(first17: str) -> str:
    return first17 + id_check_digit(first17)


def _person(name, first17, description, **extra) -> dict:
    return {
        "requester_kind": RequesterKind.PERSON,
        "name": name,
        "id_type": "resident_id",
        "id_number": _id(first17),
        "phone": "",
        "email": "",
        "address": "红寺堡区",
        "org_name": "",
        "credit_code": "",
        "contact_person": "",
        "description": description,
        "format": "paper",
        "delivery": "post",
        **extra,
    }


def _org(kind, org_name, credit_code, description) -> dict:
    return {
        "requester_kind": kind,
        "name": "",
        "id_type": "",
        "id_number": "",
        "org_name": org_name,
        "credit_code": credit_code,
        "contact_person": "王经理",
        "phone": "0953-5000000",
        "email": "",
        "address": "吴忠市利通区",
        "description": description,
        "format": "email",
        "delivery": "email",
    }


# (data, received, steps): each step is (kind, day, *arguments)
REQUESTS = [
    (
        _person("马某某", "64030319780312002", "2022年第四季度城乡低保资金发放情况"),
        D(2022, 12, 26),
        [("reply", D(2023, 1, 9), ReplyType.GRANTED, "", "")],
    ),
    (
        _person("李某", "64030319850617003", "本人2022年临时救助审批结果"),
        D(2023, 2, 13),
        [("reply", D(2023, 2, 24), ReplyType.GRANTED, "", "")],
    ),
    (
        _person("王某某", "64030319900101004", "红寺堡区养老机构名单"),
        D(2023, 3, 1),
        [("reply", D(2023, 4, 10), ReplyType.GRANTED, "", "")],
    ),  # after the deadline: overdue
    (
        _person("杨某", "64030319720908005", "2023年一季度特困供养资金发放明细"),
        D(2023, 4, 10),
        [
            ("ask", D(2023, 4, 12), "请明确所需信息的乡镇范围。"),
            ("answer", D(2023, 4, 18), "太阳山镇"),
            (
                "reply",
                D(2023, 5, 10),
                ReplyType.PARTIAL,
                "",
                "涉及特困人员个人身份信息的部分不予公开（条例第十五条）。",
            ),
        ],
    ),
    (
        _org(
            RequesterKind.BUSINESS,
            "宁夏某养老服务有限公司",
            "91640300MA76XKQ51U",
            "2023年养老服务补贴招标评分明细",
        ),
        D(2023, 6, 5),
        [
            (
                "reply",
                D(2023, 6, 20),
                ReplyType.REFUSED,
                "third_party",
                "涉及其他投标人的商业秘密（条例第十五条）。",
            )
        ],
    ),
    (
        _org(
            RequesterKind.LEGAL_SERVICE,
            "宁夏某律师事务所",
            "31640000MD0123456X",
            "某婚姻登记档案的调取依据",
        ),
        D(2023, 8, 14),
        [("reply", D(2023, 8, 25), ReplyType.UNAVAILABLE, "not_held", "")],
    ),
    (
        _person("周某", "64030319680425006", "反映村干部优亲厚友问题并要求查处"),
        D(2023, 9, 20),
        [("reply", D(2023, 10, 10), ReplyType.NOT_HANDLED, "petition", "")],
    ),
    (
        _person("马某", "64030319950219007", "2023年残疾人两项补贴发放花名册（本村）"),
        D(2023, 11, 6),
        [
            ("extend", D(2023, 11, 30), "需各乡镇核对数据"),
            ("reply", D(2023, 12, 28), ReplyType.GRANTED, "", ""),
        ],
    ),
    (
        _person("海某", "64030319800707008", "2024年取暖补贴标准"),
        D(2023, 12, 18),
        [("reply", D(2024, 1, 10), ReplyType.GRANTED, "", "")],
    ),  # carried into 2024
]


def _step(request, step, office, leader) -> None:
    kind, day, *args = step
    if kind == "ask":
        services.clarification_ask(request=request, day=day, letter=args[0], user=office)
    elif kind == "answer":
        services.clarification_answer(request=request, day=day, answer=args[0])
    elif kind == "extend":
        services.extension_approve(request=request, day=day, reason=args[0], user=leader)
    else:
        reply_type, subtype, reason = args
        services.reply_record(
            request=request,
            day=day,
            reply_type=reply_type,
            subtype=subtype,
            reason=reason,
            text="详见答复书。",
            user=office,
        )


def load_disclosure_demo() -> None:
    if DisclosureRequest.objects.filter(received_on__year=2023).exists():
        return
    users = get_user_model().objects
    office, leader = users.get(username="office"), users.get(username="leader")
    for data, received, steps in REQUESTS:
        request, _ = services.request_file(
            data=data, received_on=received, source=Source.STAFF, user=office
        )
        for step in steps:
            request.refresh_from_db()
            _step(request, step, office, leader)
    AppealCase.objects.create(
        year=2023,
        group="review",
        outcome="upheld",
        title="某公司不服不予公开答复申请行政复议",
        created_by=office,
    )
    DisclosureYear.objects.update_or_create(
        year=2023,
        defaults={
            "problems": "一是依申请公开答复书格式不够统一；二是个别申请答复逾期。2024年将统一答复文书模板，并在系统中提醒答复期限。",
            "other_matters": "本年度未收取信息处理费。",
            "updated_by": office,
        },
    )
