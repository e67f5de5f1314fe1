"""The national template's tables (国办公开办函〔2021〕30号), every cell a list of records.

A cell's number is ``len(records)``; the drill-down lists the same records, so they never
disagree. Requests are counted by the requester's kind (the columns), received (本年新收),
carried over from last year (上年结转: received earlier, not answered by 1 January), answered
in the year by reply type and sub-type, and carried forward (not answered by 31 December).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse

from disclosure.models import APPEAL_GROUPS, OUTCOMES, AppealCase, DisclosureRequest
from disclosure.report import published
from disclosure.vocab import SUBTYPES, ReplyType, RequesterKind
from reports.figures import Record
from reports.selectors.common import item_record

COLUMNS = [(kind.value, kind.label) for kind in RequesterKind] + [("total", "总计")]
NO_RECORDS = "本系统无此类记录，填0"


@dataclass
class Cell:
    code: str
    label: str
    records: list[Record] = field(default_factory=list)
    note: str = ""

    @property
    def value(self) -> int:
        return len(self.records)


@dataclass
class Row:
    code: str
    label: str
    cells: list[Cell]
    level: int = 0  # 0 heading rows, 1 sub-rows (1、2、…)


def request_record(request: DisclosureRequest, detail: str) -> Record:
    return Record(
        label=request.tracking_number,
        url=reverse("disclosure_request", args=[request.pk]),
        detail=detail,
        day=request.replied_on or request.received_on,
    )


def _row(code: str, label: str, requests: list, detail, level: int = 0) -> Row:
    cells = []
    for column, column_label in COLUMNS:
        chosen = [r for r in requests if column == "total" or r.requester_kind == column]
        cells.append(
            Cell(
                f"s3.{code}.{column}",
                f"{label}（{column_label}）",
                [request_record(r, detail(r)) for r in chosen],
            )
        )
    return Row(code, label, cells, level)


def _reply_detail(request) -> str:
    text = f"{request.replied_on:%Y-%m-%d} 答复：{request.get_reply_type_display()}"
    if request.reply_subtype:
        text += f"（{request.get_reply_subtype_display()}）"
    return text + ("，逾期" if request.overdue else "")


def request_rows(year: int) -> list[Row]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    every = list(
        DisclosureRequest.objects.filter(received_on__lte=last).order_by("received_on", "pk")
    )
    new = [r for r in every if r.received_on >= first]
    carried = [
        r for r in every if r.received_on < first and not (r.replied_on and r.replied_on < first)
    ]
    answered = [r for r in every if r.replied_on and first <= r.replied_on <= last]
    forward = [r for r in every if not (r.replied_on and r.replied_on <= last)]

    def received(r):
        return f"{r.received_on:%Y-%m-%d} 收到"

    rows = [
        _row("new", "一、本年新收政府信息公开申请数量", new, received),
        _row("carried", "二、上年结转政府信息公开申请数量", carried, received),
    ]
    headings = {
        ReplyType.GRANTED: "（一）予以公开",
        ReplyType.PARTIAL: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ReplyType.REFUSED: "（三）不予公开",
        ReplyType.UNAVAILABLE: "（四）无法提供",
        ReplyType.NOT_HANDLED: "（五）不予处理",
        ReplyType.OTHER: "（六）其他处理",
    }
    for reply_type, heading in headings.items():
        of_type = [r for r in answered if r.reply_type == reply_type]
        if reply_type not in SUBTYPES:
            rows.append(
                _row(
                    f"result.{reply_type}", f"三、本年度办理结果 {heading}", of_type, _reply_detail
                )
            )
            continue
        rows.append(Row(f"result.{reply_type}", f"三、本年度办理结果 {heading}", [], 0))
        for number, (code, label) in enumerate(SUBTYPES[reply_type], start=1):
            chosen = [r for r in of_type if r.reply_subtype == code]
            rows.append(
                _row(f"result.{reply_type}.{code}", f"{number}．{label}", chosen, _reply_detail, 1)
            )
    rows.append(_row("result.total", "三、本年度办理结果 （七）总计", answered, _reply_detail))
    rows.append(_row("forward", "四、结转下年度继续办理", forward, received))
    return rows


def overdue_cell(year: int) -> Cell:
    replies = DisclosureRequest.objects.filter(replied_on__year=year, overdue=True).order_by(
        "replied_on"
    )
    return Cell(
        "s1.overdue", "本年度逾期答复的申请", [request_record(r, _reply_detail(r)) for r in replies]
    )


def appeal_rows(year: int) -> list[Row]:
    cases = list(AppealCase.objects.filter(year=year))
    rows = []
    for group, group_label in APPEAL_GROUPS:
        in_group = [c for c in cases if c.group == group]
        cells = [
            Cell(
                f"s4.{group}.{outcome}",
                f"{group_label}：{label}",
                [_case_record(c) for c in in_group if c.outcome == outcome],
            )
            for outcome, label in OUTCOMES
        ]
        cells.append(
            Cell(f"s4.{group}.total", f"{group_label}：总计", [_case_record(c) for c in in_group])
        )
        rows.append(Row(group, group_label, cells))
    return rows


def _case_record(case: AppealCase) -> Record:
    return Record(
        label=case.title,
        url=reverse("disclosure_report_entry", args=[case.year]),
        detail=f"{case.get_group_display()}：{case.get_outcome_display()}",
    )


def _items(queryset, detail) -> list[Record]:
    return [item_record(obj, detail(obj)) for obj in queryset]


def proactive_rows(year: int) -> list[Row]:
    """二、主动公开政府信息情况 (第二十条第（一）（五）（六）（八）项)."""

    def issued(p):
        return f"发布 {p.published_on:%Y-%m-%d}"

    def changed(p):
        return f"{p.validity_status} {p.status_changed_on:%Y-%m-%d}"

    normative = [
        Cell(
            "s2.normative.issued",
            "行政规范性文件：本年制发件数",
            _items(published.proactively_published("normative", year), issued),
        ),
        Cell(
            "s2.normative.abolished",
            "行政规范性文件：本年废止件数",
            _items(published.normative_abolished(year), changed),
        ),
        Cell(
            "s2.normative.in_force",
            "行政规范性文件：现行有效件数",
            _items(published.normative_in_force_at_year_end(year), issued),
        ),
    ]
    rules = [
        Cell(f"s2.rules.{name}", f"规章：{label}", note="本局无规章制定权，填0")
        for name, label in (
            ("issued", "本年制发件数"),
            ("abolished", "本年废止件数"),
            ("in_force", "现行有效件数"),
        )
    ]
    decisions = [
        Row(code, label, [Cell(f"s2.{code}", f"{label}：本年处理决定数量", note=NO_RECORDS)])
        for code, label in (
            ("licensing", "第二十条第（五）项 行政许可"),
            ("penalty", "第二十条第（六）项 行政处罚"),
            ("coercion", "第二十条第（六）项 行政强制"),
        )
    ]
    fees = Row(
        "fees",
        "第二十条第（八）项 行政事业性收费",
        [Cell("s2.fees", "行政事业性收费：本年收费金额（单位：万元）", note=NO_RECORDS)],
    )
    return [
        Row("rules", "第二十条第（一）项 规章", rules),
        Row("normative", "第二十条第（一）项 行政规范性文件", normative),
        *decisions,
        fees,
    ]


def overview_cells(year: int) -> list[Cell]:
    """Figures of 一、总体情况: items published in the year per kind, and overdue replies."""
    cells = [
        Cell(
            f"s1.published.{kind}",
            f"本年主动公开{label}",
            _items(published.proactively_published(kind, year), lambda obj: "已公开"),
        )
        for kind, (label, _) in published.KINDS.items()
    ]
    return [*cells, overdue_cell(year)]


def all_cells(year: int) -> dict[str, Cell]:
    rows = proactive_rows(year) + request_rows(year) + appeal_rows(year)
    cells = {cell.code: cell for row in rows for cell in row.cells}
    cells.update({cell.code: cell for cell in overview_cells(year)})
    return cells
