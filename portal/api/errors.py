"""Bad input gets a 400 with a Chinese message naming the parameter, never a 500."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

_TYPE_MESSAGES = {
    "int_parsing": "须为整数",
    "int_type": "须为整数",
    "int_parsing_size": "数值过大",
    "int_from_float": "须为整数",
    "date_parsing": "须为 YYYY-MM-DD 格式的日期",
    "date_from_datetime_parsing": "须为 YYYY-MM-DD 格式的日期",
    "date_from_datetime_inexact": "须为 YYYY-MM-DD 格式的日期",
    "date_type": "须为 YYYY-MM-DD 格式的日期",
    "bool_parsing": "须为 true 或 false",
    "string_too_long": "过长",
    "missing": "必须填写",
}


class ApiError(Exception):
    """An answer other than 200 with a Chinese ``detail`` (and the parameter at fault)."""

    def __init__(self, status: int, detail: str, parameter: str | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.parameter = parameter


def not_found(what: str) -> ApiError:
    return ApiError(404, f"未找到{what}，或尚未公开。")


def _message(error: dict) -> tuple[str, str | None]:
    loc = [str(part) for part in error.get("loc", ()) if part not in {"query", "path"}]
    name = loc[-1] if loc else None
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in {"greater_than_equal", "greater_than"}:
        reason = f"不能小于 {ctx.get('ge', ctx.get('gt'))}"
    elif kind in {"less_than_equal", "less_than"}:
        reason = f"不能大于 {ctx.get('le', ctx.get('lt'))}"
    elif kind in {"enum", "literal_error"}:
        reason = f"只能是以下值之一：{ctx.get('expected', '')}"
    else:
        reason = _TYPE_MESSAGES.get(kind, "格式不正确")
    return (f"参数 {name} 的值{reason}。" if name else f"请求参数{reason}。"), name


def install(api: NinjaAPI) -> None:
    """Register the Chinese error answers on ``api``."""

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        body = {"detail": exc.detail, "parameter": exc.parameter}
        return api.create_response(request, body, status=exc.status)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        if any(error.get("loc", ("",))[0] == "path" for error in exc.errors):
            # A path id that is not a valid id (out of range, not a number) names
            # nothing: 404, as for an id that does not exist, never a 400 or a 500.
            body = {"detail": "未找到该地址所指的内容，或尚未公开。", "parameter": None}
            return api.create_response(request, body, status=404)
        messages = [_message(error) for error in exc.errors] or [("请求参数不正确。", None)]
        body = {"detail": " ".join(text for text, _ in messages), "parameter": messages[0][1]}
        return api.create_response(request, body, status=400)
