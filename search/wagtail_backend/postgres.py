"""CJK-aware PostgreSQL backend: bigram tokens under the ``simple`` configuration."""

from modelsearch.backends.database.postgres import postgres as pg

from search.wagtail_backend.common import TokenisingIndexer, rewriting


class PostgresIndexer(TokenisingIndexer, pg.ObjectIndexer):
    pass


class PostgresIndex(pg.PostgresIndex):
    def add_items(self, model, objs):
        # modelsearch builds its indexers from this module-level name; point it at ours.
        pg.ObjectIndexer = PostgresIndexer
        return super().add_items(model, objs)


class CJKPostgresSearchBackend(pg.PostgresSearchBackend):
    index_class = PostgresIndex
    query_compiler_class = rewriting(pg.PostgresSearchQueryCompiler)
    autocomplete_query_compiler_class = rewriting(pg.PostgresAutocompleteQueryCompiler)

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})
