from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """合法性审查: the review workflow, legal opinions and deadlines (built on Wagtail's)."""

    name = "review"
    verbose_name = "合法性审查"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import gates, reviewed_files
        from review import gate, notifications, vouching

        gates.register_guard(gate.issue_problems)
        reviewed_files.register_vouched_revisions(vouching.vouched_revision_ids)
        notifications.connect()
