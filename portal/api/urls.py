"""``/api/v2/``: our endpoints (django-ninja, schema at ``schema/``) and Wagtail's stock ones."""

from django.http import JsonResponse
from django.urls import path, re_path
from ninja import NinjaAPI

from portal.api import consultations, documents, errors, public_lists, relief, stock_schema
from portal.api.privacy import MaskingRenderer
from portal.api.stock import stock_router

DESCRIPTION = """吴忠市红寺堡区民政局 政府信息公开数据接口（只读、匿名）。

- 只返回已公布的内容：草稿、审核中的修改稿、合同、审核意见及经办人员姓名一概不出现；
  输出前再检查一遍身份证号、手机号、银行卡号，未脱敏的一律遮蔽。
- 分页：limit 默认 20、最大 100（超过按 100 返回），offset 或 page 二选一，返回 total。
- 参数有误（未知参数、日期格式错误等）返回 400 和中文说明；请求过于频繁返回 429（见 Retry-After）。
- 缓存：ETag / Last-Modified，条件请求返回 304；Cache-Control: public, max-age=60。
- Wagtail 自带接口：pages/、images/、files/（已公布文件及正在征求意见的草案的附件）。
"""


class PortalAPI(NinjaAPI):
    """Our endpoints, and a schema that also describes Wagtail's stock ones."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        prefix = self.get_root_path(path_params or {}) if path_prefix is None else path_prefix
        return stock_schema.merge(schema, prefix)


api = PortalAPI(
    title="法治审核与公开平台 · 门户数据接口",
    version="2.0",
    description=DESCRIPTION,
    openapi_url="/schema/",
    docs_url="/docs/",
    urls_namespace="portal-api",
    renderer=MaskingRenderer(),
)
errors.install(api)
api.add_router("", documents.router)
api.add_router("", public_lists.router)
api.add_router("", consultations.router)
api.add_router("", relief.router)


def unknown_endpoint(request, rest=""):
    """Any other /api/ address: a JSON 404 in Chinese, not the portal's HTML page."""
    body = {"detail": f"接口地址不存在：{request.path}。接口说明见 /api/v2/schema/。"}
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("api/v2/", api.urls),
    path("api/v2/", stock_router.urls),
    re_path(r"^api/(?P<rest>.*)$", unknown_endpoint),
]
