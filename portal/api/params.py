"""Query parameters: declared once (so the OpenAPI schema documents them in Chinese),
checked strictly (an unknown one is a 400 naming it), paginated with a capped limit."""

from datetime import date
from typing import Literal, NamedTuple

from django.conf import settings
from ninja import Schema
from pydantic import Field

from cms.models import ReliefType, Topic, ValidityStatus
from portal.api.errors import ApiError

MAX_OFFSET = 10_000_000
MAX_ID = 2_147_483_647  # page ids are 32-bit; larger ones would overflow SQLite
STATUS_VALUES = tuple(ValidityStatus.values)
TOPIC_VALUES = tuple(Topic.values)
StatusParam = Literal[STATUS_VALUES]  # type: ignore[valid-type]
TopicParam = Literal[TOPIC_VALUES]  # type: ignore[valid-type]


class NoQuery(Schema):
    """An endpoint without query parameters (any given is refused)."""


class PageQuery(Schema):
    limit: int | None = Field(
        None,
        ge=1,
        title="每页条数",
        description="默认 20，最大 100；超过 100 时按 100 返回（不报错），实际值见返回的 limit。",
    )
    offset: int | None = Field(
        None,
        ge=0,
        le=MAX_OFFSET,
        title="跳过条数",
        description="从第几条开始（0 起）；与 page 二选一。",
    )
    page: int | None = Field(
        None, ge=1, le=100_000, title="页码", description="第几页（1 起）；与 offset 二选一。"
    )


class DocumentQuery(PageQuery):
    status: StatusParam | None = Field(
        None, title="有效性", description="现行有效 / 已修改 / 已废止 / 已失效"
    )
    year: int | None = Field(
        None,
        ge=1900,
        le=2100,
        title="年度",
        description="发布日期所在年份（无发布日期时按成文日期）",
    )
    category: TopicParam | None = Field(None, title="主题分类", description="如 社会救助、养老服务")
    issuer: str | None = Field(None, max_length=100, title="发文机关", description="完全匹配")
    doc_number: str | None = Field(
        None,
        max_length=50,
        title="发文字号",
        description="完全匹配，括号不限：红民发[2023]12号 与 红民发〔2023〕12号 相同",
    )
    published_after: date | None = Field(None, title="发布日期起", description="YYYY-MM-DD，含当日")
    published_before: date | None = Field(
        None, title="发布日期止", description="YYYY-MM-DD，含当日"
    )
    q: str | None = Field(
        None,
        max_length=200,
        title="全文检索",
        description="中文全文检索（标题、文号、正文、附件），支持 AND / OR / NOT 与“短语”；结果带高亮片段。",
    )
    ordering: Literal["-published_on", "published_on", "relevance"] | None = Field(
        None,
        title="排序",
        description="-published_on（默认，新的在前）、published_on、relevance（相关度，仅限带 q 时，且为带 q 时的默认）",
    )


class DecisionListQuery(Schema):
    year: int | None = Field(None, ge=1900, le=2100, title="年度")


class PowerQuery(Schema):
    category: str | None = Field(None, max_length=10, title="权力类别", description="如 行政给付")


class CleanupQuery(PageQuery):
    decision: str | None = Field(
        None, max_length=4, title="清理意见", description="继续有效 / 修改 / 废止 / 宣布失效"
    )


class ConsultationQuery(PageQuery):
    status: Literal["进行中", "已结束"] | None = Field(
        None, title="征求意见状态", description="进行中 / 已结束（按今天的日期）"
    )


class Window(NamedTuple):
    limit: int
    offset: int
    page: int


def reject_unknown(request, schema: type[Schema]) -> None:
    """An unknown query parameter is a 400 naming it, never silently ignored."""
    allowed = set(schema.model_fields)
    for name in request.GET:
        if name not in allowed:
            raise ApiError(
                400,
                f"不支持的查询参数：{name}。本接口支持：{'、'.join(sorted(allowed)) or '无'}。",
                name,
            )


def window(query: PageQuery) -> Window:
    """The page asked for, with ``limit`` capped at API_MAX_PAGE_SIZE (documented, not refused)."""
    limit = min(query.limit or settings.API_PAGE_SIZE, settings.API_MAX_PAGE_SIZE)
    if query.offset is not None and query.page is not None:
        raise ApiError(400, "参数 offset 与 page 不能同时使用。", "page")
    offset = (query.page - 1) * limit if query.page is not None else (query.offset or 0)
    return Window(limit, offset, offset // limit + 1)


def paginated(items: list, total: int, win: Window, **extra) -> dict:
    return {
        "total": total,
        "limit": win.limit,
        "offset": win.offset,
        "page": win.page,
        "max_limit": settings.API_MAX_PAGE_SIZE,
        **extra,
        "items": items,
    }


RELIEF_TYPES = tuple(ReliefType.values)
ReliefTypeParam = Literal[RELIEF_TYPES]  # type: ignore[valid-type]


class ReliefQuery(PageQuery):
    type: ReliefTypeParam | None = Field(
        None, title="救助类型", description="城乡低保 / 特困供养 / 临时救助 / 高龄津贴 等"
    )
    year: int | None = Field(None, ge=1900, le=2100, title="年度")
    month: int | None = Field(None, ge=1, le=12, title="月份")
