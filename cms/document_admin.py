"""The document library's delete views, refusing reviewed or published 附件 in Chinese,
and the admin API's file list narrowed to the files the user may choose.

``AttachmentFile.delete`` already refuses (so no path deletes such a file or answers 500);
these views say why before the confirmation page, instead of Wagtail's generic
"no permission" message. See cms.reviewed_files for the rule.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.views.bulk_actions import DeleteBulkAction
from wagtail.documents.views.documents import DeleteView

from cms import attachment_access, reviewed_files


class ReviewedFileDeleteView(DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission("delete"):  # otherwise Wagtail's own refusal
            refusal = reviewed_files.delete_refusal(self.object)
            if refusal:
                messages.error(request, refusal)
                return redirect("wagtaildocs:edit", self.object.pk)
        return super().dispatch(request, *args, **kwargs)


class ReviewedFileBulkDelete(DeleteBulkAction):
    """Bulk delete lists reviewed or published files among those it cannot delete."""

    def check_perm(self, document):
        return super().check_perm(document) and not reviewed_files.delete_refusal(document)


def admin_urls():
    """Matched before Wagtail's own ``documents/delete/<id>/`` (the hook runs first)."""
    return [
        path(
            "documents/delete/<int:document_id>/",
            ReviewedFileDeleteView.as_view(),
            name="reviewed_file_delete",
        )
    ]


class AttachableFilesAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin API's ``documents/`` (Wagtail lists every file there, titles and URLs
    included): only the files the user may choose (``attachment_access.attachable_files``)."""

    def get_queryset(self):
        return attachment_access.attachable_files(self.request.user, super().get_queryset())
