"""Side effects only: keep the index current when items are saved, published or removed."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Revision
from wagtail.signals import page_published, page_unpublished, published, unpublished

from cms.models import AttachmentFile, Contract, MajorDecisionListPage, NormativeDocumentPage
from search import indexing

INDEXED = (NormativeDocumentPage, Contract, MajorDecisionListPage)


def _later(obj) -> None:
    transaction.on_commit(lambda: indexing.index_object(obj))


def _on_published(sender, instance, **kwargs):
    if isinstance(getattr(instance, "specific", instance), INDEXED):
        _later(instance)


def _on_revision_saved(sender, instance, created, **kwargs):
    obj = instance.content_object
    if created and isinstance(getattr(obj, "specific", obj), INDEXED):
        _later(obj)


def _on_deleted(sender, instance, **kwargs):
    indexing.remove_object(instance)


def _on_attachment_saved(sender, instance, **kwargs):
    if instance.file and instance.sha256:
        transaction.on_commit(lambda: indexing.extract_attachment(instance))


def connect() -> None:
    for signal in (page_published, page_unpublished):
        signal.connect(_on_published, dispatch_uid=f"fulltext_{signal}")
    for signal in (published, unpublished):
        signal.connect(_on_published, dispatch_uid=f"fulltext_snippet_{id(signal)}")
    post_save.connect(_on_revision_saved, sender=Revision, dispatch_uid="fulltext_revision")
    post_save.connect(
        _on_attachment_saved, sender=AttachmentFile, dispatch_uid="fulltext_attachment"
    )
    for model in INDEXED:
        post_delete.connect(
            _on_deleted, sender=model, dispatch_uid=f"fulltext_delete_{model.__name__}"
        )
