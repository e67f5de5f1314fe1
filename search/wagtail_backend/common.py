"""Wagtail's own database search, made to find Chinese words (the admin's search boxes).

Measured here: the stock SQLite backend finds nothing for 合同 inside a sentence, because
FTS5's unicode61 tokenizer treats a run of Chinese as one token. This backend feeds the
same index CJK bigrams (search.analysis) and turns each query term into a phrase of its
bigrams, on SQLite FTS5 and on PostgreSQL (``simple`` configuration) alike.

Configured as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}``.
"""

from modelsearch.query import MATCH_ALL, MATCH_NONE, And, Boost, MatchAll, Not, Or, Phrase

from search.analysis import index_text, phrase_tokens

# Longer input is answered with no results (the search boxes and the stock API's
# ``search=`` would otherwise send hundreds of phrases to the index).
MAX_QUERY_LENGTH = 200


def _phrases(text: str) -> list[Phrase]:
    """``text`` as phrases of index tokens: letters, digits and CJK bigrams only, so no
    FTS5 / tsquery syntax (quotes, ``*``, ``NEAR(``, ``:``, ``^``, NUL…) survives."""
    return [Phrase(" ".join(run)) for run in phrase_tokens(text)]


def _all_of(parts):
    if any(part is MATCH_NONE for part in parts):
        return MATCH_NONE
    parts = [part for part in parts if not isinstance(part, MatchAll)]
    if not parts:
        return MATCH_ALL
    return parts[0] if len(parts) == 1 else And(parts)


def _any_of(parts):
    if any(isinstance(part, MatchAll) for part in parts):
        return MATCH_ALL
    parts = [part for part in parts if part is not MATCH_NONE]
    if not parts:
        return MATCH_NONE
    return parts[0] if len(parts) == 1 else Or(parts)


def cjk_query(query):
    """Rewrite a Wagtail search query so every term is a phrase of index tokens.

    Whatever the user typed, the result holds only token phrases, MATCH_ALL or
    MATCH_NONE (a query with nothing searchable finds nothing): raw search syntax never
    reaches SQLite FTS5 or PostgreSQL.
    """
    if isinstance(query, MatchAll):
        return query
    if isinstance(query, Not):
        inner = cjk_query(query.subquery)
        if inner is MATCH_NONE:
            return MATCH_ALL
        return MATCH_NONE if isinstance(inner, MatchAll) else Not(inner)
    if isinstance(query, (And, Or)):
        parts = [cjk_query(sub) for sub in query.subqueries]
        return _all_of(parts) if isinstance(query, And) else _any_of(parts)
    if isinstance(query, Boost):
        inner = cjk_query(query.subquery)
        return inner if inner in (MATCH_ALL, MATCH_NONE) else Boost(inner, query.boost)
    text = getattr(query, "query_string", None)
    if not isinstance(text, str) or len(text) > MAX_QUERY_LENGTH:
        return MATCH_NONE
    if isinstance(query, Phrase):
        return _all_of(_phrases(text)) if _phrases(text) else MATCH_NONE
    # PlainText (and Fuzzy, which the database backends do not support): each word.
    phrases = [phrase for word in text.split() for phrase in _phrases(word)]
    if not phrases:
        return MATCH_NONE
    return _any_of(phrases) if getattr(query, "operator", "and") == "or" else _all_of(phrases)


class TokenisingIndexer:
    """Mixin for modelsearch's ObjectIndexer: every indexed string becomes bigram tokens."""

    def prepare_value(self, value):
        return index_text(super().prepare_value(value))


def rewriting(compiler_class):
    class Compiler(compiler_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.query = cjk_query(self.query)

    Compiler.__name__ = f"CJK{compiler_class.__name__}"
    return Compiler
