"""Content: an empty draft, the 制定依据, fair-competition phrases, personal numbers, unreadable attachments."""

from __future__ import annotations

import re

from cms.privacy import find_personal_numbers, mask_number, mask_personal_numbers
from prereview.rules.base import CONTRACT, DECISION, DOCUMENT, Hit, Rule, excerpt, where


class NoBody(Rule):
    code = "no_body"
    title = "正文为空"
    severity = "阻断"
    kinds = frozenset({DOCUMENT, CONTRACT})
    description = "规范性文件没有正文、合同没有合同文本（且附件中也没有可读的文字）。"

    def check(self, subject, context, params):
        if any(source.text.strip() for source in subject.sources):
            return
        what = "正文" if subject.kind == DOCUMENT else "合同文本"
        yield Hit(
            f"字段：{what}",
            f"{what}为空，预审无法检查内容。",
            f"填写{what}，或上传可提取文字的 PDF/DOCX 附件后再送审。",
        )


_BASIS = re.compile(
    r"(?:根据|依据|依照|按照|为贯彻|为落实|为贯彻落实)[^。；;\n]{0,80}?《[^《》\n]{2,80}》"
)


class NoLegalBasis(Rule):
    code = "no_legal_basis"
    title = "未载明制定依据"
    severity = "警告"
    kinds = frozenset({DOCUMENT})
    description = "规范性文件既未在“上位法依据”中选择法律法规，正文也未写明“根据《…》”。"

    def check(self, subject, context, params):
        if subject.legal_bases or _BASIS.search(subject.body.text):
            return
        yield Hit(
            "字段：上位法依据",
            "未载明制定依据（上位法）。",
            "在“依据与程序”中选择上位法依据，或在正文第一条写明“根据《…》…制定本办法”。",
        )


class FairCompetitionPhrase(Rule):
    code = "fair_competition_phrase"
    title = "公平竞争风险表述"
    severity = "警告"
    kinds = frozenset({DOCUMENT, DECISION})
    description = "正文或附件含公平竞争风险表述（表述清单在“公平竞争风险表述”中维护）。"

    def check(self, subject, context, params):
        if context.phrase_pattern is None:
            return
        by_text = {phrase.text: phrase for phrase in context.phrases}
        for source in subject.sources:
            for match in context.phrase_pattern.finditer(source.text):
                phrase = by_text[match.group()]
                yield Hit(
                    where(source, match.start()),
                    f"含“{phrase.text}”，可能违反公平竞争审查标准（{phrase.category}）：{phrase.standard}。",
                    "删除或修改该表述；确需保留的，在公平竞争审查中逐项说明理由。",
                    excerpt(source.text, *match.span()),
                )


class PersonalData(Rule):
    code = "personal_data"
    title = "未脱敏的个人信息"
    severity = "阻断"
    description = (
        "身份证号（GB 11643；校验位不符的按录入错误报告）、手机号、银行卡号（Luhn 校验）未脱敏。"
    )

    def check(self, subject, context, params):
        for source in subject.sources:
            for number in find_personal_numbers(source.text):
                line_start = source.text.rfind("\n", 0, number.start) + 1
                line_end = source.text.find("\n", number.end)
                line = source.text[line_start : line_end if line_end >= 0 else None]
                masked = mask_number(number.text)
                # The finding itself never repeats the number: excerpt and fix are masked too.
                quote = excerpt(source.text, number.start, number.end)
                detail, check = masked, ""
                if number.note:  # an ID with a wrong check digit: mistyped, still personal
                    detail, check = f"{masked}，{number.note}，疑为录入错误", "，并核对号码"
                yield Hit(
                    where(source, number.start),
                    f"含未脱敏的{number.kind}（{detail}）。",
                    f"改为脱敏写法“{masked}”{check}（可复制下方脱敏后文本）。",
                    mask_personal_numbers(quote.replace("【", "").replace("】", "")),
                    masked=mask_personal_numbers(line)[:2000],
                )


class TextLimit(Rule):
    code = "text_limit"
    title = "正文未全部预审"
    severity = "提示"
    kinds = frozenset({DOCUMENT, CONTRACT})
    description = "正文或合同文本超过预审字数上限（PREREVIEW_MAX_CHARS），只预审了前面部分。"

    def check(self, subject, context, params):
        for label, kept in subject.cut:
            yield Hit(
                f"字段：{label}",
                f"{label}超过预审字数上限，只预审了前 {kept} 字。",
                "其余内容请人工核对；篇幅较长的附表、名单宜作为附件上传。",
            )


class AttachmentText(Rule):
    code = "attachment_text"
    title = "附件无法预审"
    severity = "警告"
    description = "附件文字无法提取（加密、损坏、扫描件等），或超过页数、字数上限只预审了一部分。"

    def check(self, subject, context, params):
        for info in subject.attachments:
            if info.ocr:
                yield Hit(
                    info.label,
                    f"附件是扫描件，文字经文字识别提取：{info.ocr}，个别字可能识别有误。",
                    "预审结果请对照原件核对，引用的文号、法规名称尤其要核对。",
                    severity="提示",
                )
            if info.status in ("ok", "too_many_pages") and not info.truncated_at:
                if info.status == "too_many_pages":
                    yield Hit(
                        info.label,
                        f"附件超过提取页数上限，只预审了部分内容：{info.note}。",
                        "其余页面请人工核对，或拆分为多个附件上传。",
                        severity="提示",
                    )
                continue
            if info.truncated_at:
                yield Hit(
                    info.label,
                    f"附件文字超过预审上限，只预审了前 {info.truncated_at} 字。",
                    "其余内容请人工核对。",
                    severity="提示",
                )
                continue
            yield Hit(
                info.label,
                f"附件无法提取文字，未经预审：{info.note or info.status}。",
                "上传可提取文字的 PDF 或 DOCX（非扫描件、未加密），或由审核人员人工核对。",
            )
