"""The whole report of a year: six parts, figures from records, text from the office."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from disclosure.models import DisclosureYear
from disclosure.report import cells as c

FIRST_YEAR, LAST_YEAR = 2019, 2100  # the 2019 条例 and its template


class YearError(ValueError):
    pass


def parse_year(value) -> int:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise YearError("年度应为四位数字，如 2023。") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise YearError(f"年度应在{FIRST_YEAR}至{LAST_YEAR}之间。")
    return year


@dataclass
class DisclosureReport:
    year: int
    bureau: str
    overview: list[c.Cell]
    proactive: list[c.Row]
    requests: list[c.Row]
    appeals: list[c.Row]
    facts: DisclosureYear

    @property
    def title(self) -> str:
        return f"{self.bureau}{self.year}年政府信息公开工作年度报告"

    def overview_text(self) -> str:
        figures = {cell.code: cell.value for cell in self.overview}
        new = self.requests[0].cells[-1].value
        answered = next(row for row in self.requests if row.code == "result.total").cells[-1].value
        text = (
            f"{self.year}年，本局主动公开行政规范性文件{figures['s1.published.normative']}件、"
            f"社会救助公示{figures['s1.published.relief']}期、"
            f"重大行政决策事项目录{figures['s1.published.decision_list']}份；"
            f"新收政府信息公开申请{new}件，办结{answered}件，"
            f"其中逾期答复{figures['s1.overdue']}件。"
        )
        return text + (f"\n{self.facts.overview}" if self.facts.overview else "")


def disclosure_report(year: int) -> DisclosureReport:
    facts = DisclosureYear.objects.filter(year=year).first() or DisclosureYear(year=year)
    return DisclosureReport(
        year=year,
        bureau=settings.BUREAU_NAME,
        overview=c.overview_cells(year),
        proactive=c.proactive_rows(year),
        requests=c.request_rows(year),
        appeals=c.appeal_rows(year),
        facts=facts,
    )
