"""公众意见 in the admin: the drafter reads the comments on their department's documents
and major decisions and records 采纳 / 部分采纳 / 不采纳 with a reason for each; and
决策征求意见, where a decision item's lead unit opens its draft for public comment.

Who sees a document's comment is who may edit the document (Wagtail's page permissions: a
drafter on their department's folder, the office on the whole library); a decision's,
the item's lead unit (承办单位) and whoever may edit the decision list (the office).
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import (
    DecisionConsultation,
    DecisionItem,
    DecisionItemStatus,
    NormativeDocumentPage,
    PublicComment,
)
from portal import services
from portal.forms import CommentResponseForm

PENDING = "待答复"


def editable_documents(user):
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return NormativeDocumentPage.objects.filter(pk__in=pages.values("pk"))


def answerable_decision_consultations(user):
    """Major decisions' consultations of the user's lead unit, or all for list editors."""
    return DecisionConsultation.objects.filter(item__in=items_of(user))


def visible_comments(user):
    return PublicComment.objects.filter(
        Q(document__in=editable_documents(user))
        | Q(decision_consultation__in=answerable_decision_consultations(user))
    ).select_related("document", "decision_consultation__item", "responded_by")


def comment_list(request):
    comments = visible_comments(request.user)
    documents = editable_documents(request.user).filter(public_comments__isnull=False).distinct()
    decisions = answerable_decision_consultations(request.user).filter(comments__isnull=False)
    document_id = request.GET.get("document", "")
    if document_id.isdigit():
        comments = comments.filter(document_id=int(document_id))
    decision_id = request.GET.get("decision", "")
    if decision_id.isdigit():
        comments = comments.filter(decision_consultation_id=int(decision_id))
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
            "decisions": decisions.distinct().select_related("item"),
            "decision_id": decision_id,
            "state": state,
            "pending_label": PENDING,
        },
    )


def comment_respond(request, comment_id: int):
    comment = get_object_or_404(
        PublicComment.objects.select_related("document", "decision_consultation__item"),
        pk=comment_id,
    )
    if not services.user_can_answer(request.user, comment):
        raise PermissionDenied(services.NOT_YOURS)
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
            if comment.document_id:
                return redirect(f"{reverse('portal_comments')}?document={comment.document_id}")
            return redirect(
                f"{reverse('portal_comments')}?decision={comment.decision_consultation_id}"
            )
    return TemplateResponse(
        request, "portal/admin/comment_respond.html", {"comment": comment, "form": form}
    )


def admin_urls() -> list:
    return [
        path("public-comments/", comment_list, name="portal_comments"),
        path("public-comments/<id:comment_id>/", comment_respond, name="portal_comment_respond"),
    ]


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return editable_documents(user).exists() or answerable_decision_consultations(user).exists()


def menu_item() -> MenuItem:
    return CommentsMenuItem("公众意见", reverse("portal_comments"), icon_name="comment", order=215)


class DecisionConsultationForm(WagtailAdminModelForm):
    """Only items of the user's lead unit (all items for decision-list editors), and the
    window rule's Chinese message beside the closing date."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "item" in self.fields:
            self.fields["item"].queryset = consultable_items(for_user)


def items_of(user):
    """Decision items the user answers for: their lead unit's, or all for list editors."""
    items = DecisionItem.objects.select_related("decision_list")
    if user.is_superuser:
        return items
    lists = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return items.filter(
        Q(lead_unit__group__in=user.groups.all()) | Q(decision_list__in=lists.values("pk"))
    )


def consultable_items(user):
    """Items the user may open for comment: theirs, unless removed from the list (调出)."""
    return items_of(user).exclude(status=DecisionItemStatus.REMOVED)


class ItemRecordPolicy(ModelPermissionPolicy):
    """Model permissions (roles.py), narrowed per record to its decision item's lead unit
    and the list's editors: a decision's consultation and its other records alike."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user.is_superuser or items_of(user).filter(pk=instance.item_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return self.model.objects.filter(item__in=items_of(user))


DecisionConsultationPolicy = ItemRecordPolicy


class DecisionConsultationViewSet(SnippetViewSet):
    """重大行政决策征求意见: the lead unit opens an item's draft for ≥ 30 days of comment."""

    model = DecisionConsultation
    menu_label = "决策征求意见"
    icon = "comment"
    menu_order = 216
    add_to_admin_menu = True
    list_display = ["item", "start", "end"]
    ordering = ["-start"]
    edit_handler = ObjectList(
        [
            FieldPanel("item"),
            FieldPanel("text"),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            FieldPanel("summary"),
        ],
        base_form_class=DecisionConsultationForm,
    )

    def get_queryset(self, request):
        return answerable_decision_consultations(request.user)
