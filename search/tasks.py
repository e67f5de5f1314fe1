"""Background tasks of the search app: attachment text extraction and indexing.

Both leave the request (queued when the transaction commits) and are idempotent:
extraction stores its result in one ``update_or_create`` per content hash, indexing
rewrites an item's entries from the database; a retried task simply does it again.
Removal from the index is never queued (``search.signals``): a withdrawn document must
stop being found at once, worker or not.
"""

from django.apps import apps
from django_tasks import task


@task()
def extract_attachment_text(attachment_id: int) -> str:
    from cms.models import AttachmentFile
    from search import indexing
    from search.models import AttachmentText

    attachment = AttachmentFile.objects.filter(pk=attachment_id).first()
    if attachment is None or not attachment.file or not attachment.sha256:
        return "gone"
    if AttachmentText.objects.filter(attachment=attachment, sha256=attachment.sha256).exists():
        return "current"  # extracted meanwhile (pre-review, the publish check, a retry)
    extraction = indexing.extract_attachment(attachment)
    return extraction.status if extraction else "unreadable"


@task()
def index_item(app_label: str, model_name: str, pk: int) -> bool:
    from search import indexing

    model = apps.get_model(app_label, model_name)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return False  # deleted meanwhile: its removal ran inline
    indexing.index_object(getattr(obj, "specific", obj))
    return True
