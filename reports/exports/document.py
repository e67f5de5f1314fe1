"""The annual report as DOCX (python-docx), in the structure of a 法治政府建设年度报告.

Headings follow the customer's own 2023 report. Sentences that carry numbers are filled
from the statistics; the narrative is left as marked paragraphs for the office to write.
Every figure also appears in the 附表 at the end, each marked 系统统计 or 手工填报.
"""

import io
from typing import Any, NamedTuple

from django.conf import settings
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from reports.figures import Report

TO_WRITE = "【请在此撰写：{}】"
NOT_ENTERED = "【待填报】"


class _Values:
    """``v["fc.reviews"]`` → the number as the report prints it, or 【待填报】."""

    def __init__(self, report: Report):
        self.report = report

    def __getitem__(self, code: str) -> str:
        figure = self.report.figure(code)
        if figure.value is None:
            return NOT_ENTERED if figure.manual else "0"
        return figure.display


def _font(document) -> None:
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        style = document.styles[name]
        style.font.name = "仿宋" if name == "Normal" else "黑体"
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), style.font.name)
    document.styles["Normal"].font.size = Pt(14)


def _heading(document, text: str, level: int = 1) -> None:
    document.add_heading(text, level=level)


def _para(document, text: str) -> None:
    document.add_paragraph(text).paragraph_format.first_line_indent = Pt(28)


def _todo(document, what: str) -> None:
    _para(document, TO_WRITE.format(what))


def _table(document, report: Report, codes: list[str], title: str) -> None:
    document.add_paragraph(title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("指标", "数值", "数据来源"), strict=True):
        cell.text = text
    for code in codes:
        figure = report.figure(code)
        row = table.add_row().cells
        row[0].text = figure.label
        row[1].text = (
            figure.with_unit if figure.value is not None else ("未填报" if figure.manual else "—")
        )
        row[2].text = "手工填报" if figure.manual else "系统统计"


TABLE_1 = [
    "reviews.opinions",
    "reviews.items.normative",
    "reviews.items.contract",
    "reviews.items.decision",
    "reviews.outcome.approve",
    "reviews.outcome.approve_with_changes",
    "reviews.outcome.reject",
    "reviews.rounds_mean",
    "reviews.days_median",
    "reviews.days_max",
    "reviews.on_time_rate",
    "fc.reviews",
    "fc.coverage",
    "contracts.reviewed",
    "contracts.amount",
]
TABLE_3 = [
    "documents.drafted",
    "documents.submitted",
    "documents.reviewed",
    "documents.issued",
    "documents.published",
    "documents.publishing_rate",
    "documents.filed",
    "documents.filed_on_time",
    "documents.filing_rate",
    "documents.evaluated",
    "cleanup.campaigns",
    "cleanup.documents",
]


class _Writing(NamedTuple):
    """What every part of the report is written with."""

    document: Any
    report: Report
    v: _Values
    year: str
    bureau: str


def report_docx(report: Report) -> bytes:
    period = report.period
    year = f"{period.year}年" if period.year else period.label
    document = Document()
    _font(document)
    w = _Writing(document, report, _Values(report), year, settings.BUREAU_NAME)
    _opening(w)
    _work_done(w)
    _law_enforcement(w)
    _practice(w)
    _problems(w)
    _heading(document, "附表：法治政府建设统计指标")
    for section in report.sections:
        _table(document, report, [f.code for f in section.figures], section.title)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _opening(w: _Writing) -> None:
    title = w.document.add_paragraph(w.bureau)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = w.document.add_heading(f"{w.year}法治政府建设年度总结报告", level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(
        w.document,
        TO_WRITE.format("总体情况（指导思想、全年法治建设任务完成情况）")
        + f"现将我局{w.year}法治政府建设工作情况报告如下：",
    )


def _work_done(w: _Writing) -> None:
    """一、(一)(二): organisation, and the improvement actions with table 1."""
    document, v = w.document, w.v
    _heading(document, "一、本年度推进法治政府建设的主要工作开展情况")
    _heading(document, "（一）强化组织保障，明确法治责任。", 2)
    _todo(document, "领导机制、第一责任人职责落实、法治建设责任到人")
    _heading(document, "（二）全面落实“八大提升行动”。", 2)
    _todo(document, "法治政府建设示范创建提升行动")
    _para(
        document,
        f"实施法治化营商环境提升行动。强化公平竞争审查制度刚性约束，今年以来，我局开展公平竞争审查"
        f"{v['fc.reviews']}次，公平竞争审查率达到{v['fc.coverage']}。",
    )
    _para(
        document,
        f"实施合法性审查能力提升行动。法律顾问全年出具书面审核意见{v['reviews.opinions']}份，"
        f"审查行政规范性文件{v['reviews.items.normative']}件、合同{v['reviews.items.contract']}份、"
        f"重大行政决策{v['reviews.items.decision']}件，审查用时中位数{v['reviews.days_median']}个工作日，"
        f"按期审查率{v['reviews.on_time_rate']}。共参与涉及我单位行政规范性文件清理审查"
        f"{v['cleanup.campaigns']}次，涉及行政规范性文件{v['cleanup.documents']}件，"
        f"参与审定合同{v['contracts.reviewed']}份。",
    )
    _para(
        document,
        f"实施行政执法能力提升行动。今年以来，我局共开展行政检查{v['manual.inspections']}次，"
        f"实施行政许可{v['manual.licensing']}次，实施行政确认{v['manual.confirmations']}次，"
        f"实施行政给付{v['manual.payments']}次，部门牵头开展跨领域部门执法"
        f"{v['manual.joint_enforcement']}次，持证执法人员参加培训{v['manual.enforcement_training']}次。",
    )
    _todo(document, "行政争议化解、工作人员法治素养提升等行动")
    _table(document, w.report, TABLE_1, "表1　合法性审查、公平竞争审查和合同审查情况")


def _law_enforcement(w: _Writing) -> None:
    """一、(三): major decisions and the power list, with table 2."""
    document, v = w.document, w.v
    _heading(document, "（三）严格行政执法工作开展。", 2)
    _para(
        document,
        f"严格落实重大行政决策程序。{w.year}度重大行政决策事项目录列入决策事项{v['decisions.items']}项，"
        f"应履行法定程序{v['decisions.procedures_required']}项次，已履行{v['decisions.procedures_done']}项次，"
        f"履行率{v['decisions.procedure_rate']}；年度内动态调整{v['decisions.adjustments']}次。",
    )
    powers = [f for f in w.report.section("powers").figures if f.code != "powers.total"]
    _para(
        document,
        "严格规范行政执法行为。依照法律法规赋予的职能和权限编制了《"
        f"{w.bureau}权力清单》，目前我局共有"
        + "、".join(f"{f.label}{f.display}项" for f in powers)
        + f"，总计{v['powers.total']}项。今年以来，我局依法办理行政许可{v['manual.licensing']}件、"
        f"行政检查{v['manual.inspections']}次、行政确认{v['manual.confirmations']}件、"
        f"行政给付{v['manual.payments']}次给予总金额{v['manual.payment_amount']}万元。"
        f"行政强制{v['manual.coercion']}件、行政处罚案件{v['manual.punishments']}件，"
        f"行政奖励{v['manual.rewards']}件。",
    )
    _table(document, w.report, ["powers.total", *[f.code for f in powers]], "表2　权力清单事项")


def _practice(w: _Writing) -> None:
    """二、: practice and results, with table 3."""
    document, v = w.document, w.v
    _heading(document, "二、法治政府建设工作主要做法及成效")
    _heading(document, "（一）坚持高要求，依法全面履行部门职能。", 2)
    _todo(document, "依法履行部门职能的主要做法及成效")
    _heading(document, "（二）坚持高质量，严格落实“三项制度”。", 2)
    _para(
        document,
        f"{w.year}我局共有{v['manual.enforcement_staff']}名取得执法证的执法人员。"
        + TO_WRITE.format("行政执法公示、执法全过程记录、重大执法决定法制审核"),
    )
    _heading(document, "（三）坚持严要求，强化法定公开事项信息公示。", 2)
    _para(
        document,
        f"今年以来，我局起草行政规范性文件{v['documents.drafted']}件，经合法性审查"
        f"{v['documents.reviewed']}件，统一登记印发{v['documents.issued']}件，在政府门户网站公布"
        f"{v['documents.published']}件；报送备案{v['documents.filed']}件，其中按时备案"
        f"{v['documents.filed_on_time']}件。公开征求意见{v['portal.consultations']}次，收到公众意见"
        f"{v['portal.comments']}条，采纳（含部分采纳）{v['portal.comments_adopted']}条。",
    )
    _todo(document, "政府信息公开工作机制、信息公示平台建设管理")
    _table(document, w.report, TABLE_3, "表3　行政规范性文件办理和清理情况")
    _legal_education(w)


def _legal_education(w: _Writing) -> None:
    """二、(四): study sessions and publicity."""
    document, v = w.document, w.v
    _heading(document, "（四）坚持全方位，深入宣传营造法治社会氛围。", 2)
    _para(
        document,
        f"今年以来，我局共开展集中学法{v['manual.study_sessions']}次，单位主要负责人开展讲法"
        f"{v['manual.head_lectures']}次，领导班子开展法纪微课堂讲座{v['manual.micro_lectures']}期，"
        f"组织普法考试{v['manual.law_exams']}次，参加线上法律知识竞答{v['manual.online_quizzes']}次，"
        f"行政执法人员参加培训{v['manual.enforcement_training']}次。",
    )
    _para(
        document,
        f"{w.year}，我局在政府网站公布信息{v['manual.website_items']}条，在微信公众号发布信息"
        f"{v['manual.wechat_items']}条，其中发布普法信息{v['manual.legal_education_items']}条。",
    )
    _todo(document, "普法教育宣传、政务公开的做法")


def _problems(w: _Writing) -> None:
    """三、: problems and next year's plan."""
    document, v = w.document, w.v
    _heading(document, "三、本年度推进法治政府建设存在的问题及下年度工作思路")
    _para(
        document,
        f"截至{w.report.today:%Y年%m月%d日}，合法性审查超期未出具意见{v['overdue.reviews']}件，"
        f"逾期未报送备案{v['overdue.filings']}件；统计期内逾期备案{v['documents.filed_late']}件。",
    )
    _todo(document, "存在的主要问题")
    _todo(document, "下年度工作思路（一）（二）（三）")
