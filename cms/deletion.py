"""Deleting must not lose what the public gave or saw: the delete paths ask here first.

Public comments (公众意见) are the public's record of a consultation; the drafting unit
answers them and publishes how they were adopted. So whatever holds them — a draft open
for comment, the folder above it, a decision list whose item was consulted, the decision
consultation itself — is refused deletion in Chinese (the comments' foreign keys are
PROTECT as well, so a deletion in code fails rather than losing them).

Every admin delete path calls ``deletion_problem`` through a hook (cms/wagtail_hooks.py):
``before_delete_page`` (single page delete, with its descendants), ``before_bulk_action``
(page and snippet bulk delete: Wagtail's page bulk delete runs no ``before_delete_page``),
``before_delete_snippet`` (snippet delete and snippet bulk delete). A decision item
removed in the list's edit form is refused by the form (``DecisionListForm``). Review
records (opinions and the other append-only records) are refused the same way by the
review app's hooks.
"""

from django.db.models import Q
from wagtail.models import Page

from cms.models import DecisionConsultation, DecisionItem, PublicComment


def _subtrees(pages: list[Page]) -> Q:
    condition = Q(pk__in=[])
    for page in pages:
        condition |= Q(path__startswith=page.path)
    return condition


def _recorded_item(page_ids):
    """A decision item of these lists that has its own records or a decision draft."""
    has_records = (
        Q(expert_opinions__isnull=False)
        | Q(risk_assessments__isnull=False)
        | Q(meetings__isnull=False)
        | Q(draft__isnull=False)
    )
    return DecisionItem.objects.filter(has_records, decision_list__in=page_ids).first()


def deletion_problem(objects) -> str | None:
    """Why deleting ``objects`` (pages with their descendants, or snippets) would lose a
    public record, in Chinese; None when nothing public would be lost."""
    objects = list(objects)
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if pages:
        trees = _subtrees(pages)
        commented = (
            PublicComment.objects.filter(document__in=Page.objects.filter(trees).values("pk"))
            .select_related("document")
            .first()
        )
        if commented is not None:
            count = PublicComment.objects.filter(document=commented.document_id).count()
            return (
                f"“{commented.document.title}”已收到{count}条公众意见，公众意见须留存备查，"
                "不能删除；如不再推进，请保留草稿并在答复中说明。"
            )
        consulted = (
            DecisionConsultation.objects.filter(
                item__decision_list__in=Page.objects.filter(trees).values("pk")
            )
            .select_related("item")
            .first()
        )
        if consulted is not None:
            return f"“{consulted.item}”已公开征求意见，其目录不能删除；如不再适用，请调出该事项。"
        recorded = _recorded_item(Page.objects.filter(trees).values("pk"))
        if recorded is not None:
            return (
                f"“{recorded}”已有论证、评估、会议记录或决策方案，其目录不能删除；"
                "如不再适用，请调出该事项。"
            )
    consultations = [obj for obj in objects if isinstance(obj, DecisionConsultation)]
    for consultation in consultations:
        count = consultation.comments.count()
        if count:
            return f"“{consultation}”已收到{count}条公众意见，公众意见须留存备查，不能删除。"
    return None
