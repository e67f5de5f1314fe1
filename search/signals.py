"""Side effects only: keep the index current when items are saved, published or removed.

Extraction and (re)indexing are background tasks (``search.tasks``), queued when the
transaction commits; unpublishing and deletion update the index inline, so withdrawn text
is never found while the task waits for the worker.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Revision
from wagtail.signals import page_published, page_unpublished, published, unpublished

from cms.models import AttachmentFile, Contract, MajorDecisionListPage, NormativeDocumentPage
from search import indexing, tasks

INDEXED = (NormativeDocumentPage, Contract, MajorDecisionListPage)


def _later(obj) -> None:
    specific = getattr(obj, "specific", obj)
    meta = specific._meta
    transaction.on_commit(
        lambda: tasks.index_item.enqueue(meta.app_label, meta.model_name, specific.pk)
    )


def _on_published(sender, instance, **kwargs):
    if isinstance(getattr(instance, "specific", instance), INDEXED):
        _later(instance)


def _on_unpublished(sender, instance, **kwargs):
    if isinstance(getattr(instance, "specific", instance), INDEXED):
        transaction.on_commit(lambda: indexing.index_object(instance))


def _on_revision_saved(sender, instance, created, **kwargs):
    obj = instance.content_object
    if created and isinstance(getattr(obj, "specific", obj), INDEXED):
        _later(obj)


def _on_deleted(sender, instance, **kwargs):
    indexing.remove_object(instance)


def _on_attachment_saved(sender, instance, **kwargs):
    if instance.file and instance.sha256:
        pk = instance.pk
        transaction.on_commit(lambda: tasks.extract_attachment_text.enqueue(pk))


def connect() -> None:
    for signal in (page_published, published):
        signal.connect(_on_published, dispatch_uid=f"fulltext_{id(signal)}")
    for signal in (page_unpublished, unpublished):
        signal.connect(_on_unpublished, dispatch_uid=f"fulltext_{id(signal)}")
    post_save.connect(_on_revision_saved, sender=Revision, dispatch_uid="fulltext_revision")
    post_save.connect(
        _on_attachment_saved, sender=AttachmentFile, dispatch_uid="fulltext_attachment"
    )
    for model in INDEXED:
        post_delete.connect(
            _on_deleted, sender=model, dispatch_uid=f"fulltext_delete_{model.__name__}"
        )
