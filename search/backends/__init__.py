"""Backend selection: embedded by default; Elasticsearch when ELASTICSEARCH_URL is set."""

from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=1)
def get_backend():
    if settings.ELASTICSEARCH_URL:
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(settings.ELASTICSEARCH_URL)
    from search.backends.embedded import EmbeddedBackend

    return EmbeddedBackend()
