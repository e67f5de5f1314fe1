"""A figure is a name, a value and the records behind it: the value is computed from the
records, so the drill-down list is the same code as the number it explains."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Measure(StrEnum):
    COUNT = "count"  # how many records
    SUM = "sum"  # sum of each record's value (e.g. contract amounts)
    MEDIAN = "median"
    MAX = "max"
    MEAN = "mean"
    RATE = "rate"  # numerator records ÷ denominator records, in per cent
    MANUAL = "manual"  # 手工填报: no records behind it


@dataclass(frozen=True)
class Record:
    """One row of a drill-down list."""

    label: str
    url: str = ""
    detail: str = ""
    value: Decimal | int | None = None
    day: object = None  # the date that put the record in the period


@dataclass
class Figure:
    code: str
    label: str
    unit: str
    measure: Measure
    records: list[Record] = field(default_factory=list)
    denominator: list[Record] = field(default_factory=list)
    value: Decimal | int | float | None = None
    note: str = ""

    def __post_init__(self):
        if self.measure != Measure.MANUAL:
            self.value = compute(self.measure, self.records, self.denominator)

    @property
    def manual(self) -> bool:
        return self.measure == Measure.MANUAL

    @property
    def display(self) -> str:
        """The value as the report prints it: 7、100%、2,955,948.00元、— when unknown."""
        if self.value is None:
            return "—"
        if self.measure == Measure.RATE:
            return f"{_plain(self.value)}%"
        if isinstance(self.value, Decimal) and self.unit == "元":
            return f"{self.value:,.2f}"
        return _plain(self.value)

    @property
    def with_unit(self) -> str:
        if self.value is None:
            return "—"
        return self.display if self.measure == Measure.RATE else f"{self.display}{self.unit}"


def compute(measure: Measure, records: list[Record], denominator: list[Record]):
    values = [r.value for r in records if r.value is not None]
    if measure == Measure.COUNT:
        return len(records)
    if measure == Measure.SUM:
        return sum(values, Decimal("0"))
    if measure == Measure.RATE:
        if not denominator:
            return None
        return round(Decimal(100 * len(records)) / Decimal(len(denominator)), 1)
    if not values:
        return None
    if measure == Measure.MEDIAN:
        return statistics.median(values)
    if measure == Measure.MAX:
        return max(values)
    if measure == Measure.MEAN:
        return round(Decimal(sum(values)) / Decimal(len(values)), 2)
    raise ValueError(f"no rule for {measure}")


def _plain(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def count(code: str, label: str, unit: str, records: list[Record], note: str = "") -> Figure:
    return Figure(code, label, unit, Measure.COUNT, list(records), note=note)


def total(code: str, label: str, unit: str, records: list[Record]) -> Figure:
    return Figure(code, label, unit, Measure.SUM, list(records))


def median(code: str, label: str, unit: str, records: list[Record]) -> Figure:
    return Figure(code, label, unit, Measure.MEDIAN, list(records))


def maximum(code: str, label: str, unit: str, records: list[Record]) -> Figure:
    return Figure(code, label, unit, Measure.MAX, list(records))


def mean(code: str, label: str, unit: str, records: list[Record]) -> Figure:
    return Figure(code, label, unit, Measure.MEAN, list(records))


def rate(code: str, label: str, numerator: list[Record], denominator: list[Record]) -> Figure:
    return Figure(code, label, "%", Measure.RATE, list(numerator), list(denominator))


def manual(code: str, label: str, unit: str, value, note: str = "") -> Figure:
    return Figure(code, label, unit, Measure.MANUAL, value=value, note=note)


@dataclass
class Chart:
    title: str
    kind: str  # "bar" | "pie"
    codes: list[str]


@dataclass
class Section:
    code: str
    title: str
    figures: list[Figure]
    charts: list[Chart] = field(default_factory=list)
    note: str = ""

    def figure(self, code: str) -> Figure:
        for figure in self.figures:
            if figure.code == code:
                return figure
        raise KeyError(code)


@dataclass
class Report:
    period: object
    today: object
    sections: list[Section]

    def figures(self):
        for section in self.sections:
            yield from section.figures

    def figure(self, code: str) -> Figure:
        for figure in self.figures():
            if figure.code == code:
                return figure
        raise KeyError(code)

    def section(self, code: str) -> Section:
        for section in self.sections:
            if section.code == code:
                return section
        raise KeyError(code)

    @property
    def empty(self) -> bool:
        """No record of the period (the power list and today's overdue items are undated)."""
        return not any(
            figure.value
            for section in self.sections
            if section.code not in UNDATED_SECTIONS
            for figure in section.figures
            if figure.measure == Measure.COUNT
        )


UNDATED_SECTIONS = {"powers", "overdue"}
