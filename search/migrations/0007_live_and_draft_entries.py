"""A normative document is indexed as a live entry and, while they differ, a draft entry.

Before, a live document with a pending revision had one entry holding the draft's text
under the live flag, so a public query could confirm draft words. Here every such entry
(and every never-published draft's entry, whose key changes) is re-indexed with
search.indexing, so the embedded index is right as soon as the migration ends. With
Elasticsearch (ELASTICSEARCH_URL) run ``manage.py rebuild_search_index`` after upgrading.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import Q


def reindex_drafts(apps, schema_editor):
    if schema_editor.connection.vendor not in {"sqlite", "postgresql"}:
        return
    from cms.models import NormativeDocumentPage
    from search import indexing
    from search.backends.embedded import EmbeddedBackend

    pages = NormativeDocumentPage.objects.filter(Q(live=False) | Q(has_unpublished_changes=True))
    if settings.ELASTICSEARCH_URL:
        if pages.exists():
            print("\n  全文检索：请运行 manage.py rebuild_search_index 重建 Elasticsearch 索引。")
        return
    backend = EmbeddedBackend()
    for page in pages.iterator():
        entries = indexing.document_entries(page)
        current = {entry.key for entry in entries}
        backend.delete([key for key in indexing.document_keys(page) if key not in current])
        backend.index(entries)


class Migration(migrations.Migration):
    dependencies = [
        ("fulltext", "0006_token_index_fields"),
        ("cms", "0006_relief_disclosure"),
    ]

    operations = [migrations.RunPython(reindex_drafts, migrations.RunPython.noop)]
