from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """合法性审查: the review workflow, legal opinions and deadlines (built on Wagtail's)."""

    name = "review"
    verbose_name = "合法性审查"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import decision_steps, gates, reviewed_files
        from review import decision_steps as review_steps
        from review import gate, notifications, vouching

        gates.register_guard(gate.issue_problems)
        decision_steps.register_step_reader("legality_review", review_steps.legality_review)
        decision_steps.register_step_reader("filing", review_steps.filing)
        reviewed_files.register_vouched_revisions(vouching.vouched_revision_ids)
        notifications.connect()
