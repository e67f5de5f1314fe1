"""Wagtail's stock API v2 beside ours, so existing consumers keep working.

``pages/`` and ``images/`` are Wagtail's own. Wagtail's ``documents`` endpoint would list
every file in the library — contract texts and drafts' attachments included — so ours is
named ``files/`` (``documents/`` is the normative-document endpoint) and lists only the
attachments of live, public normative documents and of drafts open for public comment —
``cms.attachment_access.public_files``, the same rule that lets anyone download them.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.attachment_access import public_files


class PublishedFilesAPIViewSet(DocumentsAPIViewSet):
    """Attachment files anyone may download (published documents, open consultations)."""

    def get_queryset(self):
        return public_files(super().get_queryset())


stock_router = WagtailAPIRouter("wagtailapi")
stock_router.register_endpoint("pages", PagesAPIViewSet)
stock_router.register_endpoint("images", ImagesAPIViewSet)
stock_router.register_endpoint("files", PublishedFilesAPIViewSet)
