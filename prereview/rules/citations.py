"""Citations: repealed or amended statutes (the cleanup detector), and our own documents."""

from __future__ import annotations

import re

from cms import rules as cms_rules
from prereview.rules.base import Hit, Rule, excerpt, where
from search.cleanup.citations import (
    PRC_PREFIX,
    cited_statutes,
    find_amended_citations,
    find_repealed_citations,
)
from search.cleanup.repeal import inside, repeal_spans

CIVIL_CODE = "《中华人民共和国民法典》"
CIVIL_CODE_REPLACEMENTS = {
    "婚姻法": f"{CIVIL_CODE}婚姻家庭编",
    "继承法": f"{CIVIL_CODE}继承编",
    "民法通则": f"{CIVIL_CODE}总则编",
    "民法总则": f"{CIVIL_CODE}总则编",
    "收养法": f"{CIVIL_CODE}婚姻家庭编第五章“收养”",
    "担保法": f"{CIVIL_CODE}物权编担保物权分编、合同编保证合同章",
    "合同法": f"{CIVIL_CODE}合同编",
    "物权法": f"{CIVIL_CODE}物权编",
    "侵权责任法": f"{CIVIL_CODE}侵权责任编",
}


def _replacement(statute: str, context, params) -> str:
    table = params.get("replacements") or {}
    short = statute.removeprefix(PRC_PREFIX)
    if statute in table or short in table:
        return table.get(statute) or table[short]
    if statute in context.replacements:
        return f"《{context.replacements[statute]}》"
    return ""


class RepealedStatute(Rule):
    code = "repealed_statute"
    title = "引用已废止的法律法规"
    severity = "阻断"
    description = (
        "依据法律法规库中标为“已废止”的法律法规（复用清理检测器，含简称、嵌套和无书名号引用）。"
    )
    parameters = {"replacements": CIVIL_CODE_REPLACEMENTS}

    def check(self, subject, context, params):
        for source in subject.sources:
            for citation in find_repealed_citations(source.text, context.statutes):
                replacement = _replacement(citation.statute, context, params)
                fix = f"改为引用{replacement}" if replacement else "改为引用现行有效的上位法"
                yield Hit(
                    where(source, citation.start),
                    f"引用的《{citation.statute}》已废止。",
                    f"{fix}，并核对相应条款。",
                    excerpt(source.text, citation.start, citation.end),
                )


class AmendedStatute(Rule):
    code = "amended_statute"
    title = "引用已修改的法律法规"
    severity = "提示"
    description = "法律法规库中标为“已修改”的法律法规：核对引用的是否为现行版本及条文序号。"

    def check(self, subject, context, params):
        for source in subject.sources:
            citations = find_amended_citations(source.text, context.statutes)
            for statute in cited_statutes(citations):
                first = next(c for c in citations if c.statute == statute)
                yield Hit(
                    where(source, first.start),
                    f"引用的《{statute}》已修改。",
                    "核对引用的是否为修改后的现行文本，条文序号是否已变化。",
                    excerpt(source.text, first.start, first.end),
                )


_OPEN, _CLOSE = "〔\\[【(（［﹝", "〕\\]】)）］﹞"
_TITLE = re.compile(r"《([^《》\n]{4,80})》")


def _number_pattern(prefixes) -> re.Pattern[str] | None:
    if not prefixes:
        return None
    names = "|".join(re.escape(p) for p in sorted(prefixes, key=lambda p: (-len(p), p)))
    return re.compile(rf"(?:{names})\s*[{_OPEN}]\s*\d{{4}}\s*[{_CLOSE}]\s*\d{{1,5}}\s*号")


class OwnDocument(Rule):
    code = "own_document"
    title = "引用本局已废止、已失效或不存在的文件"
    severity = "阻断"
    description = "按发文字号或标题比对本局文件登记：已废止、已失效的阻断；查无此文号的警告。"

    def check(self, subject, context, params):
        pattern = _number_pattern(context.own_prefixes)
        own_pk = getattr(subject.obj, "pk", None)
        own_number = cms_rules.normalise_doc_number(getattr(subject.obj, "doc_number", ""))
        for source in subject.sources:
            spans = None
            hits = []
            if pattern is not None:
                for match in pattern.finditer(source.text):
                    number = cms_rules.normalise_doc_number(match.group())
                    if number and number != own_number:
                        hits.append((match, number, context.by_number.get(number)))
            for match in _TITLE.finditer(source.text):
                document = context.by_title.get(match.group(1))
                if document is not None:
                    hits.append((match, "", document))
            for match, number, document in hits:
                if document is not None and document.pk == own_pk:
                    continue
                if spans is None:
                    spans = repeal_spans(source.text)
                if inside(spans, match.start()):
                    continue  # "《…》（红民发〔2019〕5号）同时废止" retires it, does not rely on it
                hit = self._hit(source, match, number, document)
                if hit:
                    yield hit

    @staticmethod
    def _hit(source, match, number, document) -> Hit | None:
        location, quote = where(source, match.start()), excerpt(source.text, *match.span())
        if document is None:
            return Hit(
                location,
                f"引用的本局文件 {number} 在文件登记中查无此文号。",
                "核对发文字号是否正确；如引用的是他机关文件，请写明发文机关。",
                quote,
                severity="警告",
            )
        if document.status in ("已废止", "已失效"):
            return Hit(
                location,
                f"引用的本局文件《{document.title}》（{document.doc_number or '无文号'}）{document.status}。",
                "删除该引用，或改为引用替代它的现行有效文件。",
                quote,
            )
        return None
