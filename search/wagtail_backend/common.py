"""Wagtail's own database search, made to find Chinese words (the admin's search boxes).

Measured here: the stock SQLite backend finds nothing for 合同 inside a sentence, because
FTS5's unicode61 tokenizer treats a run of Chinese as one token. This backend feeds the
same index CJK bigrams (search.analysis) and turns each query term into a phrase of its
bigrams, on SQLite FTS5 and on PostgreSQL (``simple`` configuration) alike.

Configured as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}``.
"""

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


class TokenisingIndexer:
    """Mixin for modelsearch's ObjectIndexer: every indexed string becomes bigram tokens."""

    def prepare_value(self, value):
        return index_text(super().prepare_value(value))


def rewriting(compiler_class):
    class Compiler(compiler_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if not isinstance(self.query, MatchAll):
                self.query = cjk_query(self.query)

    Compiler.__name__ = f"CJK{compiler_class.__name__}"
    return Compiler
