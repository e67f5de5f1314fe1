"""Contract essentials: amount and term, counterparty named consistently, a dispute clause."""

from __future__ import annotations

import re

from prereview.rules.base import CONTRACT, Hit, Rule, excerpt, where

KINDS = frozenset({CONTRACT})


class ContractEssentials(Rule):
    code = "contract_essentials"
    title = "合同金额和履行期限"
    severity = "阻断"
    kinds = KINDS
    description = "合同须载明金额和履行期限，期限止晚于期限起。"

    def check(self, subject, context, params):
        obj = subject.obj
        if obj.amount is None:
            yield Hit(
                "字段：合同金额",
                "未填写合同金额。",
                "填写合同金额（元）；无偿合同填 0 并在合同文本中写明。",
            )
        elif obj.amount == 0 and not re.search(r"无偿|不收取|免费", subject.body.text):
            yield Hit(
                "字段：合同金额",
                "合同金额为 0，合同文本也未写明无偿。",
                "核对金额；确为无偿的，在合同文本中写明。",
                severity="警告",
            )
        if not (obj.term_start and obj.term_end):
            yield Hit("字段：履行期限", "未填写完整的履行期限。", "填写履行期限起止日期。")
        elif obj.term_end <= obj.term_start:
            yield Hit(
                "字段：履行期限止",
                f"履行期限止（{obj.term_end:%Y-%m-%d}）不晚于期限起（{obj.term_start:%Y-%m-%d}）。",
                "核对履行期限。",
            )


# "乙方：某某公司", "乙方（受托方）：某某", "受托方名称：某某" — the party named in the text.
_PARTY = re.compile(
    r"(?:乙方|受托方|承租方|出租方|供应商|服务方|承包方|相对方)(?:[（(][^）)\n]{1,10}[）)])?"
    r"(?:名称)?\s*[:：]\s*([^\n，,。；;（(|]{2,60})"
)


def _same(a: str, b: str) -> bool:
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    return squash(a) == squash(b)


class Counterparty(Rule):
    code = "counterparty"
    title = "合同相对方名称一致"
    severity = "警告"
    kinds = KINDS
    description = "合同文本和附件中写明的相对方（乙方）名称应与登记的合同相对方一致。"

    def check(self, subject, context, params):
        name = (subject.obj.counterparty or "").strip()
        if not name:
            yield Hit(
                "字段：合同相对方", "未填写合同相对方。", "填写合同相对方全称。", severity="阻断"
            )
            return
        mentioned = False
        for source in subject.sources:
            if name in source.text:
                mentioned = True
            for match in _PARTY.finditer(source.text):
                written = match.group(1).strip()
                if _same(written, name):
                    mentioned = True
                    continue
                yield Hit(
                    where(source, match.start(1)),
                    f"文本中的相对方“{written}”与登记的合同相对方“{name}”不一致。",
                    "统一为营业执照（登记证书）上的全称。",
                    excerpt(source.text, *match.span(1)),
                )
        if not mentioned and any(source.text.strip() for source in subject.sources):
            yield Hit(
                "合同文本",
                f"合同文本中没有出现合同相对方“{name}”。",
                "在合同首部写明相对方全称、统一社会信用代码和地址。",
            )


_DISPUTE = re.compile(r"争议|纠纷")
_FORUM = re.compile(r"仲裁|人民法院|诉讼|起诉")


class DisputeClause(Rule):
    code = "dispute_clause"
    title = "争议解决条款"
    severity = "警告"
    kinds = KINDS
    description = "合同应约定争议解决方式（协商不成的，向人民法院起诉或提交仲裁委员会仲裁）。"

    def check(self, subject, context, params):
        texts = [source.text for source in subject.sources if source.text.strip()]
        if not texts:
            return
        for text in texts:
            for match in _DISPUTE.finditer(text):
                if _FORUM.search(text, match.start(), match.start() + 120):
                    return
        yield Hit(
            "合同文本",
            "未找到争议解决条款。",
            "增加条款：因本合同发生的争议，双方协商解决；协商不成的，向甲方所在地人民法院起诉（或提交××仲裁委员会仲裁）。",
        )
