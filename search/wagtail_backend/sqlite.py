"""CJK-aware SQLite FTS5 backend (imported only on SQLite: modelsearch's FTS model exists there).

modelsearch builds its indexers inside ``SQLiteIndex.add_items`` from a module-level
name and offers no hook to choose the class, so ``SQLiteIndex.add_items`` below is that
method (modelsearch 1.3.x, pinned in pyproject.toml) with the indexer class taken from
``indexer_class``. Nothing in modelsearch's modules is modified.
"""

from modelsearch.backends.database.sqlite import sqlite as lite
from modelsearch.utils import get_content_type_pk

from search.wagtail_backend.common import TokenisingIndexer, rewriting


class SQLiteIndexer(TokenisingIndexer, lite.ObjectIndexer):
    pass


class SQLiteIndex(lite.SQLiteIndex):
    indexer_class = SQLiteIndexer

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {
            indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = frozenset(
            entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True)
        )
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            [
                lite.IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed
            ]
        )
        self._refresh_title_norms()


class CJKSQLiteSearchBackend(lite.SQLiteSearchBackend):
    index_class = SQLiteIndex
    query_compiler_class = rewriting(lite.SQLiteSearchQueryCompiler)
    autocomplete_query_compiler_class = rewriting(lite.SQLiteAutocompleteQueryCompiler)
