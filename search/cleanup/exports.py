"""Files of a cleanup campaign: the cleanup list (清理清单, XLSX and CSV) of one run, and
the abolition proposal (废止建议, DOCX) addressed to 局党组 for its decision.

Pure readers: they take a run or a campaign and return bytes; the views only name the
file. A text cell that a spreadsheet would take for a formula (=, +, -, @) is kept as text.
"""

import csv
import io
from collections import OrderedDict
from datetime import date

from django.conf import settings
from django.utils import timezone

from search.cleanup.services import CleanupError
from search.models import CleanupCampaign, CleanupDecision, CleanupRun, DecisionChoice
from search.models.cleanup import FindingRule

LIST_HEADERS = [
    "文件标题",
    "发文字号",
    "发布日期",
    "有效期至",
    "规则",
    "所涉法规或表述",
    "出处",
    "原文摘录",
    "清理意见",
    "理由",
]
SUMMARY_HEADERS = [
    "文件标题",
    "发文字号",
    "发布日期",
    "有效期至",
    "有效性",
    "发现数",
    "涉及规则",
    "所涉法规或表述",
    "清理意见",
    "理由",
    "审批情况",
]
ABOLITION_CHOICES = (DecisionChoice.ABOLISH, DecisionChoice.DECLARE_INVALID)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def subject_text(finding) -> str:
    """What the finding is about; for a red flag also the standard it may breach."""
    if not finding.subject:
        return finding.detail
    if finding.rule == FindingRule.FAIR_COMPETITION and finding.detail:
        return f"{finding.subject}（{finding.detail}）"
    return finding.subject


def approval_text(decision: CleanupDecision | None) -> str:
    if decision is None:
        return ""
    if decision.approved:
        return f"已批准（{decision.effective_on:%Y-%m-%d}）"
    return "待局领导批准"


def _decisions(campaign: CleanupCampaign) -> dict[int, CleanupDecision]:
    return {d.document_id: d for d in campaign.decisions.all()}


def _findings(run: CleanupRun):
    return run.findings.select_related("document").order_by("document_id", "rule", "start", "pk")


def finding_rows(run: CleanupRun) -> list[list]:
    """One row per finding, in ``LIST_HEADERS`` order; dates stay dates."""
    decisions = _decisions(run.campaign)
    rows = []
    for finding in _findings(run):
        document, decision = finding.document, decisions.get(finding.document_id)
        rows.append(
            [
                document.title,
                document.doc_number,
                document.published_on,
                document.valid_until,
                finding.get_rule_display(),
                subject_text(finding),
                finding.source,
                finding.excerpt,
                decision.decision if decision else "",
                decision.reason if decision else "",
            ]
        )
    return rows


def summary_rows(run: CleanupRun) -> list[list]:
    """One row per candidate document, in ``SUMMARY_HEADERS`` order."""
    decisions = _decisions(run.campaign)
    grouped: OrderedDict[int, list] = OrderedDict()
    for finding in _findings(run):
        grouped.setdefault(finding.document_id, []).append(finding)
    rows = []
    for document_id, findings in grouped.items():
        document, decision = findings[0].document, decisions.get(document_id)
        rules = list(dict.fromkeys(f.get_rule_display() for f in findings))
        subjects = list(dict.fromkeys(f.subject for f in findings if f.subject))
        rows.append(
            [
                document.title,
                document.doc_number,
                document.published_on,
                document.valid_until,
                document.validity_status,
                len(findings),
                "；".join(rules),
                "；".join(subjects),
                decision.decision if decision else "",
                decision.reason if decision else "",
                approval_text(decision),
            ]
        )
    return rows


def scope_text(campaign: CleanupCampaign) -> str:
    parts = [
        "有效性：" + ("、".join(campaign.statuses) if campaign.statuses else "全部"),
        "主题分类：" + ("、".join(campaign.topics) if campaign.topics else "全部"),
    ]
    if campaign.published_from or campaign.published_to:
        start = f"{campaign.published_from:%Y-%m-%d}" if campaign.published_from else "不限"
        end = f"{campaign.published_to:%Y-%m-%d}" if campaign.published_to else "不限"
        parts.append(f"发布日期：{start} 至 {end}")
    return "；".join(parts)


def rules_text(campaign: CleanupCampaign) -> str:
    rules = []
    if campaign.rule_repealed_statutes:
        rules.append("引用已废止法律法规")
    if campaign.rule_fair_competition:
        rules.append("公平竞争风险表述")
    if campaign.rule_validity:
        rules.append(f"有效期届满或{campaign.validity_days}天内届满")
    if campaign.rule_no_legal_basis:
        rules.append("未引用上位法依据")
    return "、".join(rules) or "（未选择规则）"


# --- XLSX ------------------------------------------------------------------------------


def _sheet(sheet, headers: list[str], rows: list[list], widths: list[int]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, not a formula
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions


def cleanup_list_xlsx(run: CleanupRun) -> bytes:
    """清理清单: a row per finding, a sheet per document, and a sheet on the run itself."""
    from openpyxl import Workbook

    campaign = run.campaign
    workbook = Workbook()
    findings = workbook.active
    findings.title = "清理清单"
    _sheet(findings, LIST_HEADERS, finding_rows(run), [36, 18, 12, 12, 18, 28, 18, 50, 10, 40])
    summary = workbook.create_sheet("按文件汇总")
    _sheet(summary, SUMMARY_HEADERS, summary_rows(run), [36, 18, 12, 12, 10, 8, 28, 30, 10, 40, 18])
    about = workbook.create_sheet("说明")
    started = timezone.localtime(run.started_at)
    for label, value in [
        ("清理活动", campaign.name),
        ("清理依据", campaign.basis),
        ("清理范围", scope_text(campaign)),
        ("清理规则", rules_text(campaign)),
        ("运行时间", f"{started:%Y-%m-%d %H:%M}"),
        ("运行人", _user_name(run.started_by)),
        ("审查文件数", run.documents_examined),
        ("清理候选文件数", run.candidates),
        ("制表单位", settings.BUREAU_NAME),
    ]:
        about.append([label, value])
        if isinstance(value, str) and value.startswith("="):
            about.cell(row=about.max_row, column=2).data_type = "s"
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- CSV -------------------------------------------------------------------------------


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def cleanup_list_csv(run: CleanupRun) -> bytes:
    """The same rows as the XLSX's first sheet, UTF-8 with a BOM so Excel reads the Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(LIST_HEADERS)
    for row in finding_rows(run):
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- DOCX ------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (up to 99, enough for a proposal's items)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _user_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def abolition_decisions(campaign: CleanupCampaign) -> list[CleanupDecision]:
    return list(
        campaign.decisions.filter(decision__in=ABOLITION_CHOICES)
        .select_related("document")
        .order_by("document__published_on", "document_id")
    )


def _set_font(run, name: str, size_pt: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.bold = bold
    if size_pt:
        run.font.size = Pt(size_pt)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(
    document, text: str = "", *, font="仿宋", size=16, bold=False, align=None, indent=True
):
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    paragraph.paragraph_format.line_spacing = Pt(28)
    if text:
        _set_font(paragraph.add_run(text), font, size, bold)
    return paragraph


def _abolition_table(document, decisions) -> None:
    """拟废止（宣布失效）文件目录: one row per decision."""
    from docx.enum.table import WD_TABLE_ALIGNMENT

    headers = ["序号", "文件标题", "发文字号", "发布日期", "清理意见", "理由"]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        _set_font(cell.paragraphs[0].add_run(text), "黑体", 11, True)
    for number, decision in enumerate(decisions, start=1):
        doc = decision.document
        values = [
            str(number),
            doc.title,
            doc.doc_number,
            f"{doc.published_on:%Y-%m-%d}" if doc.published_on else "",
            decision.decision,
            decision.reason,
        ]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = ""
            _set_font(cell.paragraphs[0].add_run(text), "仿宋", 11)


def abolition_proposal_docx(campaign: CleanupCampaign, today: date | None = None) -> bytes:
    """关于废止（宣布失效）部分行政规范性文件的建议, to 局党组, from the campaign's decisions."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    decisions = abolition_decisions(campaign)
    if not decisions:
        raise CleanupError("本次清理尚无“废止”或“宣布失效”的清理意见，无需起草废止建议。")
    today = today or timezone.localdate()
    bureau = settings.BUREAU_NAME
    abolish = [d for d in decisions if d.decision == DecisionChoice.ABOLISH]
    invalid = [d for d in decisions if d.decision == DecisionChoice.DECLARE_INVALID]

    document = Document()
    title = "关于废止（宣布失效）部分行政规范性文件的建议"
    document.core_properties.title = title
    document.core_properties.author = bureau
    _paragraph(
        document,
        title,
        font="宋体",
        size=22,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    _paragraph(document, "局党组：", indent=False)
    basis = f"根据{campaign.basis.strip()}，" if campaign.basis.strip() else ""
    _paragraph(
        document,
        f"{basis}{bureau}开展了“{campaign.name}”，对本局制定的行政规范性文件逐件进行了清理"
        f"（清理范围：{scope_text(campaign)}；清理规则：{rules_text(campaign)}）。经法律顾问审查，"
        f"建议废止行政规范性文件{len(abolish)}件、宣布失效{len(invalid)}件，具体如下：",
    )
    for number, decision in enumerate(decisions, start=1):
        doc = decision.document
        reference = f"（{doc.doc_number}）" if doc.doc_number else ""
        verb = "建议废止" if decision.decision == DecisionChoice.ABOLISH else "建议宣布失效"
        _paragraph(
            document,
            f"{chinese_number(number)}、《{doc.title}》{reference}：{verb}。理由：{decision.reason}",
        )
    _paragraph(document, "拟废止（宣布失效）文件目录如下：")
    _abolition_table(document, decisions)
    _paragraph(
        document,
        "妥否，请审定。经局党组审定后，将按程序公布清理结果，并在政府门户网站对相关文件"
        "标注“已废止”或“已失效”及其日期。",
    )
    _paragraph(document, bureau, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, chinese_date(today), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
