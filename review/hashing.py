"""SHA-256 of what a reviewer judged: a revision's content and its attachments' bytes.

Fields the office sets at issue (登记编号, 发文字号, dates of issue) and lifecycle fields
(有效性 after abolition) are left out, so registering or abolishing a document does not
count as a content change; everything a drafter writes is in. The catalogue dates
施行日期 and 有效期至 count as dates of issue: registration fills them from the 印发 date
when the drafter left them blank (the model checks their limits on every save).

Every field the portal renders is in: besides the body and the title, the page's slug
(its public address), seo_title (the browser title) and search_description (the meta
description and the feeds' summary). Opinions signed before these three joined the hash
stored the older digest (``legacy_content_hash``). Rather than silently re-hashing or
invalidating them, the gate accepts such an opinion only when the legacy digest matches
AND the three public fields are exactly those of the revision the adviser judged
(``public_fields``): that is the same guarantee as the new digest, so already-published
items keep their standing and no field escapes review.
"""

import hashlib
import json

from django.apps import apps
from django.conf import settings
from wagtail.models import Page

PUBLIC_PAGE_FIELDS = ("slug", "seo_title", "search_description")
_PAGE_TECHNICAL = {f.name for f in Page._meta.get_fields()} - {"title", *PUBLIC_PAGE_FIELDS}
_TECHNICAL = _PAGE_TECHNICAL | {
    "pk",
    "id",
    "page_ptr",
    "comments",
    "wagtail_admin_comments",
    "live",
    "live_revision",
    "latest_revision",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
}
ISSUE_FIELDS = {
    "registration_number",
    "doc_number",
    "index_number",
    "written_on",
    "published_on",
    "effective_on",
    "valid_until",
    "signed_on",
    "validity_status",
    "status_changed_on",
    "replaced_by",
    "adjustment_note",
}
_CHILD_TECHNICAL = {"pk", "id", "page", "contract", "decision_list", "sort_order"}


def revision_content_hash(revision) -> str:
    return content_hash(revision.content)


def legacy_content_hash(revision) -> str:
    """The digest as opinions stored it before the public page fields joined the hash."""
    return content_hash(revision.content, leave_out=PUBLIC_PAGE_FIELDS)


def public_fields(revision) -> dict:
    return {name: revision.content.get(name) or "" for name in PUBLIC_PAGE_FIELDS}


def content_hash(content: dict, leave_out=()) -> str:
    canonical = {
        key: _canonical_value(key, value)
        for key, value in content.items()
        if key not in _TECHNICAL and key not in ISSUE_FIELDS and key not in leave_out
    }
    payload = json.dumps(canonical, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _canonical_value(key: str, value):
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [
            {
                child_key: _file_digest(child_value) if _is_file_key(child_key) else child_value
                for child_key, child_value in child.items()
                if child_key not in _CHILD_TECHNICAL
            }
            for child in value
        ]
    return value


def _is_file_key(key: str) -> bool:
    return key == "file" or key.endswith("_evidence")


def _file_digest(file_id) -> str | None:
    """The attachment's SHA-256, so replacing a file's bytes changes the hash."""
    if not file_id:
        return None
    model = apps.get_model(settings.WAGTAILDOCS_DOCUMENT_MODEL)
    attachment = model.objects.filter(pk=file_id).first()
    if attachment is None:
        return f"missing:{file_id}"
    if not attachment.sha256:
        from cms.models.attachments import sha256_of

        attachment.sha256 = sha256_of(attachment.file)
        attachment.save(update_fields=["sha256"])
    return attachment.sha256
