"""OpenAPI description of Wagtail's stock endpoints (``pages/``, ``images/``, ``files/``).

django-ninja describes our own endpoints; Wagtail's stock ones (Django REST framework,
``portal.api.stock``) have no schema of their own. This hand-written part is merged into
ninja's document (``PortalAPI.get_openapi_schema``) so that /api/v2/schema/ describes the
whole public API, and schemathesis can test both.
"""

from copy import deepcopy

MESSAGE = {
    "type": "object",
    "title": "错误说明",
    "description": "Wagtail 的说明在 message；地址不存在时为本接口统一的 detail。",
    "properties": {
        "message": {"type": "string", "title": "说明"},
        "detail": {"type": "string", "title": "说明"},
    },
    "anyOf": [{"required": ["message"]}, {"required": ["detail"]}],
}
ITEM = {
    "type": "object",
    "title": "条目",
    "properties": {
        "id": {"type": "integer", "title": "ID"},
        "meta": {"type": "object", "title": "元数据"},
    },
    "required": ["id", "meta"],
}
LISTING = {
    "type": "object",
    "title": "列表",
    "properties": {
        "meta": {
            "type": "object",
            "properties": {"total_count": {"type": "integer", "title": "总数"}},
            "required": ["total_count"],
        },
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/StockItem"}},
    },
    "required": ["meta", "items"],
}
SCHEMAS = {"StockMessage": MESSAGE, "StockItem": ITEM, "StockListing": LISTING}


def _param(name: str, description: str, schema: dict, where: str = "query") -> dict:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": description,
        "schema": schema,
    }


def _integer(name: str, description: str) -> dict:
    return _param(name, description, {"type": "integer"})


def _string(name: str, description: str) -> dict:
    return _param(name, description, {"type": "string"})


COMMON = [
    _string("fields", "返回的字段，逗号分隔；* 为全部字段，-字段名 为去掉该字段。"),
    _string("search", "全文检索关键词（只检索已公布的内容）。"),
    _param(
        "search_operator",
        "多个关键词之间的关系：and（全部包含）或 or（包含其一）。",
        {"type": "string", "enum": ["and", "or"]},
    ),
    _string("order", "排序字段，-字段名 为倒序，random 为随机。"),
    _param("limit", "每页条数，最大 20。", {"type": "integer", "minimum": 0}),
    _param("offset", "跳过的条数。", {"type": "integer", "minimum": 0}),
    _integer("id", "按 ID 筛选。"),
    _string("title", "按标题筛选（完全一致）。"),
]
PAGE_FILTERS = [
    _string("type", "页面类型，如 cms.NormativeDocumentPage。"),
    _integer("child_of", "只列出该页面的下级页面。"),
    _integer("descendant_of", "只列出该页面之下的各级页面。"),
    _integer("ancestor_of", "只列出该页面的各级上级页面。"),
    _string("slug", "按 slug 筛选。"),
]


def _responses(body_ref: str) -> dict:
    def content(ref: str) -> dict:
        return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}

    return {
        "200": {"description": "成功", "content": content(body_ref)},
        "400": {"description": "参数有误（中文或英文说明）", "content": content("StockMessage")},
        "404": {"description": "不存在或未公布", "content": content("StockMessage")},
        "429": {"description": "请求过于频繁"},
    }


def _endpoint(name: str, title: str, filters: list[dict]) -> dict[str, dict]:
    tag = "Wagtail 自带接口"
    listing = {
        "get": {
            "operationId": f"wagtail_{name}_listing",
            "summary": f"{title}列表（Wagtail 自带接口）",
            "tags": [tag],
            "parameters": deepcopy(COMMON + filters),
            "responses": _responses("StockListing"),
        }
    }
    detail = {
        "get": {
            "operationId": f"wagtail_{name}_detail",
            "summary": f"{title}详情（Wagtail 自带接口）",
            "tags": [tag],
            "parameters": [
                _param("id", "ID", {"type": "integer", "minimum": 0}, where="path"),
                deepcopy(COMMON[0]),
            ],
            "responses": _responses("StockItem"),
        }
    }
    return {f"{name}/": listing, f"{name}/{{id}}/": detail}


ENDPOINTS = {
    **_endpoint("pages", "已公布页面", PAGE_FILTERS),
    **_endpoint("images", "图片", []),
    **_endpoint("files", "已公开附件", []),
}


def merge(schema: dict, path_prefix: str) -> dict:
    """``schema`` (ninja's) with the stock endpoints' paths and schemas added."""
    prefix = "/" + path_prefix.strip("/") + "/" if path_prefix.strip("/") else "/"
    for path, item in ENDPOINTS.items():
        schema["paths"].setdefault(prefix + path, deepcopy(item))
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, body in SCHEMAS.items():
        components.setdefault(name, deepcopy(body))
    return schema
