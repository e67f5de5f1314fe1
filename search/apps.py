from django.apps import AppConfig


class SearchConfig(AppConfig):
    """全文检索与清理: text extraction, Chinese search and cleanup campaigns."""

    name = "search"
    label = "fulltext"
    verbose_name = "全文检索与清理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import attachment_states, gates, privacy_guards
        from search import extraction_states, indexing, signals

        signals.connect()
        # The personal-number guard of normative documents reads attachment contents with
        # the search app's extraction (cms.privacy_guards).
        gates.register_guard(privacy_guards.document_guard(file_text=indexing.attachment_text))
        # Each attachment row in the admin shows its extraction state (cms.attachment_states).
        attachment_states.register_state_reader(extraction_states.extraction_state)
