"""Metadata: 文号 / 登记编号 format, dates in order, validity within its bounds (cms.rules)."""

from __future__ import annotations

import re

from django.conf import settings

from cms import rules as cms_rules
from prereview.rules.base import CONTRACT, DOCUMENT, Hit, Rule, excerpt, where

# A 文号 written with look-alike brackets: 红民发[2023]12号, 红民发(2023)12号, 红民发【2023】12号.
_LOOKALIKE = re.compile(
    r"[\u4e00-\u9fff]{1,10}(?:[\[【(（［﹝]\s*\d{4}\s*[\]】)）］﹞]|〔\s*\d{4}\s*[\]】)）］﹞]"
    r"|[\[【(（［﹝]\s*\d{4}\s*〕)\s*\d{1,5}\s*号"
)
_FORMAT_HELP = "应为“机关代字〔年份〕序号号”，如 红民发〔2023〕12号"


class NumberFormat(Rule):
    code = "number_format"
    title = "文号、登记编号格式"
    severity = "警告"
    kinds = frozenset({DOCUMENT})
    description = "发文字号、登记编号的格式与年份；正文中引用的文号应使用六角括号〔〕。"

    def check(self, subject, context, params):
        obj = subject.obj
        doc_number = (obj.doc_number or "").strip()
        parsed = cms_rules.parse_doc_number(doc_number)
        if doc_number and parsed is None:
            yield Hit("字段：发文字号", f"发文字号“{doc_number}”格式不正确。", _FORMAT_HELP + "。")
        elif parsed and str(parsed) != doc_number:
            yield Hit(
                "字段：发文字号",
                f"发文字号“{doc_number}”未使用规范写法。",
                f"改为“{parsed}”。",
                severity="提示",
            )
        if parsed and obj.written_on and parsed.year != obj.written_on.year:
            yield Hit(
                "字段：发文字号",
                f"发文字号年份 {parsed.year} 与成文日期 {obj.written_on:%Y-%m-%d} 不一致。",
                "核对发文字号年份或成文日期。",
                severity="提示",
            )
        registration = (obj.registration_number or "").strip()
        if registration:
            reg = cms_rules.parse_doc_number(registration)
            prefix = settings.REGISTRATION_PREFIX
            if reg is None or (prefix and reg.prefix != prefix):
                yield Hit(
                    "字段：登记编号",
                    f"登记编号“{registration}”格式不正确。",
                    f"登记编号由系统统一登记时分配，应为“{prefix}〔年份〕序号号”。",
                )
        for source in subject.sources:
            for match in _LOOKALIKE.finditer(source.text):
                written = _trim_prefix(match.group(), context.own_prefixes)
                fixed = cms_rules.normalise_doc_number(written)
                yield Hit(
                    where(source, match.start()),
                    f"文号“{written}”未使用六角括号〔〕。",
                    f"改为“{fixed}”。" if fixed else _FORMAT_HELP + "。",
                    excerpt(source.text, *match.span()),
                    severity="提示",
                )


def _trim_prefix(written: str, own_prefixes) -> str:
    """The regex takes every Chinese character before the bracket ("按照红民发[2023]5号"): keep
    the 机关代字 — one of ours when it ends the run, else at most its last five characters."""
    head = re.match(r"[\u4e00-\u9fff]+", written).group()
    rest = written[len(head) :]
    for prefix in sorted(own_prefixes, key=len, reverse=True):
        if head.endswith(prefix):
            return prefix + rest
    return head[-5:] + rest


class DateOrder(Rule):
    code = "date_order"
    title = "日期先后顺序"
    severity = "警告"
    kinds = frozenset({DOCUMENT, CONTRACT})
    description = "成文日期 ≤ 发布日期 ≤ 施行日期 < 有效期至；征求意见应在成文之前结束；合同签订不晚于履行期限止。"

    PAIRS = {
        DOCUMENT: [
            ("written_on", "成文日期", "published_on", "发布日期", False),
            ("published_on", "发布日期", "effective_on", "施行日期", False),
            ("written_on", "成文日期", "effective_on", "施行日期", False),
            ("effective_on", "施行日期", "valid_until", "有效期至", True),
            (
                "consultation_start",
                "征求意见开始日期",
                "consultation_end",
                "征求意见截止日期",
                False,
            ),
            ("consultation_end", "征求意见截止日期", "written_on", "成文日期", False),
        ],
        CONTRACT: [("signed_on", "签订日期", "term_end", "履行期限止", False)],
    }

    def check(self, subject, context, params):
        obj = subject.obj
        for first, first_label, second, second_label, strict in self.PAIRS[subject.kind]:
            a, b = getattr(obj, first, None), getattr(obj, second, None)
            if a and b and (b <= a if strict else b < a):
                relation = "晚于" if strict else "不早于"
                yield Hit(
                    f"字段：{second_label}",
                    f"{second_label}（{b:%Y-%m-%d}）早于{first_label}（{a:%Y-%m-%d}）。",
                    f"{second_label}应{relation}{first_label}，请核对。",
                )


class Validity(Rule):
    code = "validity"
    title = "有效期超出上限"
    severity = "警告"
    kinds = frozenset({DOCUMENT})
    description = "有效期一般不超过5年，标题含“暂行”“试行”的不超过2年（上限在系统设置中配置）。"

    def check(self, subject, context, params):
        obj = subject.obj
        problem = cms_rules.validity_error(obj.title, obj.effective_on, obj.valid_until)
        if problem:
            yield Hit("字段：有效期至", problem, "缩短有效期，或删除后由系统按施行日期自动计算。")
        elif not obj.effective_on:
            yield Hit(
                "字段：施行日期",
                "未填写施行日期，无法核对有效期。",
                "填写施行日期；有效期至可留空由系统自动计算。",
                severity="提示",
            )
