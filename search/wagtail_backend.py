"""Wagtail's own database search, made to find Chinese words (the admin's search boxes).

Measured here: the stock SQLite backend finds nothing for 合同 inside a sentence, because
FTS5's unicode61 tokenizer treats a run of Chinese as one token. This backend feeds the
same index CJK bigrams (search.analysis) and turns each query term into a phrase of its
bigrams, on SQLite FTS5 and on PostgreSQL (``simple`` configuration) alike.

Configured as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}``.
"""

from django.db import connection
from modelsearch.backends.database.postgres import postgres as pg
from modelsearch.backends.database.sqlite import sqlite as lite
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

from search.analysis import index_text, phrase_tokens


def cjk_query(query):
    """Rewrite a Wagtail search query so every term is a phrase of index tokens."""
    if isinstance(query, PlainText):
        phrases = [
            Phrase(" ".join(run))
            for term in query.query_string.split()
            for run in phrase_tokens(term)
        ]
        if not phrases:
            return query
        if len(phrases) == 1:
            return phrases[0]
        return And(phrases) if query.operator == "and" else Or(phrases)
    if isinstance(query, Phrase):
        runs = [" ".join(run) for run in phrase_tokens(query.query_string)]
        return (
            And([Phrase(run) for run in runs]) if len(runs) > 1 else Phrase(runs[0] if runs else "")
        )
    if isinstance(query, (And, Or)):
        return type(query)([cjk_query(sub) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(cjk_query(query.subquery))
    if isinstance(query, Boost):
        return Boost(cjk_query(query.subquery), query.boost)
    return query


class _TokenisingIndexer:
    """Mixin for modelsearch's ObjectIndexer: every indexed string becomes bigram tokens."""

    def prepare_value(self, value):
        return index_text(super().prepare_value(value))


class SQLiteIndexer(_TokenisingIndexer, lite.ObjectIndexer):
    pass


class PostgresIndexer(_TokenisingIndexer, pg.ObjectIndexer):
    pass


def _rewriting(compiler_class):
    class Compiler(compiler_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if not isinstance(self.query, MatchAll):
                self.query = cjk_query(self.query)

    Compiler.__name__ = f"CJK{compiler_class.__name__}"
    return Compiler


class SQLiteIndex(lite.SQLiteIndex):
    def add_items(self, model, objs):
        # modelsearch builds its indexers from this module-level name; point it at ours.
        lite.ObjectIndexer = SQLiteIndexer
        return super().add_items(model, objs)


class PostgresIndex(pg.PostgresIndex):
    def add_items(self, model, objs):
        pg.ObjectIndexer = PostgresIndexer
        return super().add_items(model, objs)


class CJKSQLiteSearchBackend(lite.SQLiteSearchBackend):
    index_class = SQLiteIndex
    query_compiler_class = _rewriting(lite.SQLiteSearchQueryCompiler)
    autocomplete_query_compiler_class = _rewriting(lite.SQLiteAutocompleteQueryCompiler)


class CJKPostgresSearchBackend(pg.PostgresSearchBackend):
    index_class = PostgresIndex
    query_compiler_class = _rewriting(pg.PostgresSearchQueryCompiler)
    autocomplete_query_compiler_class = _rewriting(pg.PostgresAutocompleteQueryCompiler)

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})


def SearchBackend(params):
    if connection.vendor == "postgresql":
        return CJKPostgresSearchBackend(params)
    return CJKSQLiteSearchBackend(params)
