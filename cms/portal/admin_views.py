"""公众意见 in the admin: the drafter reads the comments on their department's documents
and records 采纳 / 部分采纳 / 不采纳 with a reason for each.

Who sees a comment is who may edit its document (Wagtail's page permissions: a drafter
on their department's folder, the office on the whole library), so no new role is needed.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.models import NormativeDocumentPage, PublicComment
from cms.portal import services
from cms.portal.forms import CommentResponseForm

PENDING = "待答复"


def editable_documents(user):
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return NormativeDocumentPage.objects.filter(pk__in=pages.values("pk"))


def visible_comments(user):
    return PublicComment.objects.filter(document__in=editable_documents(user)).select_related(
        "document", "responded_by"
    )


def comment_list(request):
    comments = visible_comments(request.user)
    documents = editable_documents(request.user).filter(public_comments__isnull=False).distinct()
    document_id = request.GET.get("document", "")
    if document_id.isdigit():
        comments = comments.filter(document_id=int(document_id))
    state = request.GET.get("state", "")
    if state == PENDING:
        comments = comments.filter(response="")
    page_obj = Paginator(comments, 30).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "portal/admin/comment_list.html",
        {
            "page_obj": page_obj,
            "documents": documents.order_by("title"),
            "document_id": document_id,
            "state": state,
            "pending_label": PENDING,
        },
    )


def comment_respond(request, comment_id: int):
    comment = get_object_or_404(PublicComment.objects.select_related("document"), pk=comment_id)
    if not services.user_can_answer(request.user, comment):
        raise PermissionDenied("只有起草科室或局办公室可以答复本文件收到的意见。")
    initial = {"response": comment.response, "reason": comment.response_reason}
    form = CommentResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_respond(
                comment=comment,
                user=request.user,
                response=form.cleaned_data["response"],
                reason=form.cleaned_data["reason"],
            )
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{reverse('portal_comments')}?document={comment.document_id}")
    return TemplateResponse(
        request, "portal/admin/comment_respond.html", {"comment": comment, "form": form}
    )


def admin_urls() -> list:
    return [
        path("public-comments/", comment_list, name="portal_comments"),
        path("public-comments/<int:comment_id>/", comment_respond, name="portal_comment_respond"),
    ]


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return editable_documents(request.user).exists()


def menu_item() -> MenuItem:
    return CommentsMenuItem("公众意见", reverse("portal_comments"), icon_name="comment", order=215)
