"""CJK-aware PostgreSQL backend: bigram tokens under the ``simple`` configuration.

modelsearch builds its indexers inside ``PostgresIndex.add_items`` from a module-level
name and offers no hook to choose the class, so ``PostgresIndex.add_items`` below is
that method (modelsearch 1.3.x, pinned in pyproject.toml) with the indexer class taken
from ``indexer_class``. Nothing in modelsearch's modules is modified.
"""

from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres import postgres as pg
from modelsearch.utils import get_content_type_pk

from search.wagtail_backend.common import TokenisingIndexer, rewriting


class PostgresIndexer(TokenisingIndexer, pg.ObjectIndexer):
    pass


class PostgresIndex(pg.PostgresIndex):
    indexer_class = PostgresIndexer

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        rows_sql, params = self._rows(get_content_type_pk(model), indexers)
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {pg.IndexEntry._meta.db_table} (content_type_id, object_id, title,
                    autocomplete, body, title_norm, title_text, body_text)
                (VALUES {rows_sql})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                params,
            )
        self._refresh_title_norms()

    def _rows(self, content_type_pk, indexers) -> tuple[str, list]:
        """The VALUES rows of ``indexers`` (title, autocomplete and body as tsvectors)."""
        compiler = InsertQuery(pg.IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    pg.IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))  # for fuzzy search
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        return ", ".join(rows), params


class CJKPostgresSearchBackend(pg.PostgresSearchBackend):
    index_class = PostgresIndex
    query_compiler_class = rewriting(pg.PostgresSearchQueryCompiler)
    autocomplete_query_compiler_class = rewriting(pg.PostgresAutocompleteQueryCompiler)

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})
