"""Shared reads of the report's selectors: generic records back to their items, admin links."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from reports.figures import Record


def local_date(moment):
    return timezone.localdate(moment) if moment else None


def items_of(rows) -> dict[tuple[int, str], object]:
    """(content_type_id, object_id) → the item, for generic review records, in one query per model."""
    wanted: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        wanted[row.content_type_id].add(str(row.object_id))
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for obj in model._default_manager.filter(pk__in=ids):
            found[(type_id, str(obj.pk))] = getattr(obj, "specific", obj)
    return found


def item_key(row) -> tuple[int, str]:
    return (row.content_type_id, str(row.object_id))


def admin_url(obj) -> str:
    """Where the item is edited (pages, contracts, a decision item's list page), else ''."""
    from cms.models import Contract, DecisionItem

    if obj is None:
        return ""
    try:
        if isinstance(obj, Contract):
            return reverse("wagtailsnippets_cms_contract:edit", args=[obj.pk])
        if isinstance(obj, DecisionItem):
            return reverse("wagtailadmin_pages:edit", args=[obj.decision_list_id])
        if hasattr(obj, "path") and hasattr(obj, "depth"):
            return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    except NoReverseMatch:
        return ""
    return ""


def item_record(obj, detail: str = "", day=None, value=None) -> Record:
    return Record(
        label=str(getattr(obj, "title", None) or obj),
        url=admin_url(obj),
        detail=detail,
        day=day,
        value=value,
    )


def content_type_of(model) -> ContentType:
    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def first_days(rows) -> dict[int, object]:
    """item pk → its first day, from (object_id, moment) rows ordered by time."""
    first: dict[int, object] = {}
    for object_id, moment in rows:
        first.setdefault(int(object_id), local_date(moment))
    return first
