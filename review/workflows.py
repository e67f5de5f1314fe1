"""What happens when a review workflow finishes, and the default workflows of the bureau."""

from django.utils import timezone


def publish_reviewed(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: issue the reviewed item.

    A contract is marked signed on the day leadership approves; every item is published
    through its gated ``publish``, so a missing step still refuses here.
    """
    from cms.kinds import specific
    from cms.models import Contract  # imported when wagtail.models loads: keep lazy

    obj = specific(workflow_state.content_object)
    revision = obj.get_latest_revision()
    if isinstance(obj, Contract):
        draft = revision.as_object()
        if not draft.signed_on:
            draft.signed_on = timezone.localdate()
            revision = draft.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)
