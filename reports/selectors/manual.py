"""手工填报: the figures an administrator enters for a year (the system holds no records)."""

from reports import figures as f
from reports.models import MANUAL_FIGURES, ManualFigure
from reports.period import Period


def values_for(year: int) -> dict[str, ManualFigure]:
    return {row.code: row for row in ManualFigure.objects.filter(year=year)}


def section(period: Period, today) -> f.Section:
    year = period.year
    stored = values_for(year) if year else {}
    note = "" if year else "手工填报数据按年度填写，按日期范围统计时不显示。"
    figures = []
    for spec in MANUAL_FIGURES:
        row = stored.get(spec.code)
        value = None
        if row is not None:
            value = row.value if spec.decimals else int(row.value)
        figures.append(
            f.manual(f"manual.{spec.code}", spec.label, spec.unit, value, row.note if row else "")
        )
    return f.Section("manual", "手工填报数据", figures, note=note)
