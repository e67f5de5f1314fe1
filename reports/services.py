"""Writes of the report: the hand-entered figures of a year (手工填报), all or nothing."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from reports.models import MANUAL_BY_CODE, ManualFigure, ManualFigureSpec
from reports.period import FIRST_YEAR, LAST_YEAR

MAX_VALUE = Decimal("999999999999.99")


def manual_value_parse(spec: ManualFigureSpec, raw) -> Decimal | None:
    """The value typed for a figure, or None when left empty; refuses in Chinese."""
    text = "" if raw is None else str(raw).strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            f"“{spec.label}”须填写数字（单位：{spec.unit}），“{raw}”不是数字。"
        ) from None
    if not value.is_finite():
        raise ValidationError(f"“{spec.label}”须填写数字（单位：{spec.unit}）。")
    if value < 0:
        raise ValidationError(f"“{spec.label}”不能为负数（填写的是 {raw}）。")
    if value > MAX_VALUE:
        raise ValidationError(f"“{spec.label}”数值过大，请核对。")
    if spec.decimals == 0 and value != value.to_integral_value():
        raise ValidationError(f"“{spec.label}”应为整数（单位：{spec.unit}）。")
    if value.as_tuple().exponent < -2:
        raise ValidationError(f"“{spec.label}”最多保留两位小数。")
    return value


@transaction.atomic
def manual_figures_set(
    *, year: int, values: dict[str, object], user, notes=None
) -> list[ManualFigure]:
    """Enter (or clear, with an empty value) the year's hand figures.

    Every value is checked before anything is written, so a bad one stores none of them.
    """
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"年度应为{FIRST_YEAR}至{LAST_YEAR}之间的四位数字。")
    notes = notes or {}
    errors: dict[str, list[str]] = {}
    parsed: dict[str, Decimal | None] = {}
    for code, raw in values.items():
        spec = MANUAL_BY_CODE.get(code)
        if spec is None:
            errors.setdefault("__all__", []).append(f"没有名为“{code}”的手工填报指标。")
            continue
        try:
            parsed[code] = manual_value_parse(spec, raw)
        except ValidationError as error:
            errors[code] = error.messages
    if errors:
        raise ValidationError(errors)
    saved = []
    for code, value in parsed.items():
        if value is None:
            ManualFigure.objects.filter(year=year, code=code).delete()
            continue
        row, _ = ManualFigure.objects.update_or_create(
            year=year,
            code=code,
            defaults={
                "value": value,
                "note": (notes.get(code) or "").strip()[:200],
                "entered_by": user,
            },
        )
        saved.append(row)
    return saved
