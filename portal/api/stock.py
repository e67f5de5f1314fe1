"""Wagtail's stock API v2 beside ours, so existing consumers keep working.

``pages/`` and ``images/`` are Wagtail's own. Wagtail's ``documents`` endpoint would list
every file in the library — contract texts and drafts' attachments included — so ours is
named ``files/`` (``documents/`` is the normative-document endpoint) and lists only the
attachments of live, public normative documents and of drafts open for public comment —
``cms.attachment_access.public_files``, the same rule that lets anyone download them.

``search=`` goes through Wagtail's search backend (search.wagtail_backend), which turns
any input into phrases of index tokens; the filter below answers a too-long query or an
unknown ``search_operator`` with a Chinese 400 instead of letting them reach the backend.
"""

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.attachment_access import public_files
from cms.models import NormativeDocumentPage
from cms.models.openness import PUBLIC_ONLY

MAX_SEARCH_LENGTH = 200


class CheckedSearchFilter(SearchFilter):
    """Wagtail's ``search=`` with its parameters checked first (Chinese 400s)."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            query = request.GET["search"]
            if len(query) > MAX_SEARCH_LENGTH:
                raise BadRequestError(
                    f"检索词过长（{len(query)}个字符），最多{MAX_SEARCH_LENGTH}个字符。"
                )
            operator = request.GET.get("search_operator")
            if operator not in (None, "and", "or"):
                raise BadRequestError("参数 search_operator 只能是 and 或 or。")
        return super().filter_queryset(request, queryset, view)


def _checked(backends: list) -> list:
    return [CheckedSearchFilter if b is SearchFilter else b for b in backends]


class CheckedPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages, less the live documents that are not 主动公开 (公开属性)."""

    filter_backends = _checked(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        withheld = NormativeDocumentPage.objects.exclude(disclosure_attribute=PUBLIC_ONLY)
        return super().get_base_queryset().exclude(pk__in=withheld.values("pk"))


class CheckedImagesAPIViewSet(ImagesAPIViewSet):
    filter_backends = _checked(ImagesAPIViewSet.filter_backends)


class PublishedFilesAPIViewSet(DocumentsAPIViewSet):
    """Attachment files anyone may download (published documents, open consultations)."""

    filter_backends = _checked(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        return public_files(super().get_queryset())


stock_router = WagtailAPIRouter("wagtailapi")
stock_router.register_endpoint("pages", CheckedPagesAPIViewSet)
stock_router.register_endpoint("images", CheckedImagesAPIViewSet)
stock_router.register_endpoint("files", PublishedFilesAPIViewSet)
