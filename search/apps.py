from django.apps import AppConfig


class SearchConfig(AppConfig):
    """全文检索与清理: text extraction, Chinese search and cleanup campaigns."""

    name = "search"
    label = "fulltext"
    verbose_name = "全文检索与清理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import registry
        from search import indexing, selectors, signals

        signals.connect()
        registry.full_text_search = selectors.search_items
        registry.attachment_text = indexing.attachment_text
