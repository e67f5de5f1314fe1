"""CJK-aware SQLite FTS5 backend (imported only on SQLite: modelsearch's FTS model exists there)."""

from modelsearch.backends.database.sqlite import sqlite as lite

from search.wagtail_backend.common import TokenisingIndexer, rewriting


class SQLiteIndexer(TokenisingIndexer, lite.ObjectIndexer):
    pass


class SQLiteIndex(lite.SQLiteIndex):
    def add_items(self, model, objs):
        # modelsearch builds its indexers from this module-level name; point it at ours.
        lite.ObjectIndexer = SQLiteIndexer
        return super().add_items(model, objs)


class CJKSQLiteSearchBackend(lite.SQLiteSearchBackend):
    index_class = SQLiteIndex
    query_compiler_class = rewriting(lite.SQLiteSearchQueryCompiler)
    autocomplete_query_compiler_class = rewriting(lite.SQLiteAutocompleteQueryCompiler)
