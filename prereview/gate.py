"""The admin's submission path: pre-review the content being submitted, refuse on blocking
findings unless the drafter gives a reason, and keep the run with the submitted revision.

Wired through Wagtail's documented ``before_edit_page`` / ``before_edit_snippet`` hooks
(see ``wagtail_hooks``). The content judged is what the drafter just posted: the hook
validates the same edit form Wagtail will, and pre-reviews the unsaved instance. When it
refuses, it saves the posted content as a draft revision exactly as Wagtail's "save draft"
would (nothing is lost) and sends the drafter back to the editor with the reasons.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.models import Page

from cms.kinds import item_kind
from prereview import services
from prereview.models import RunTrigger

OVERRIDE_FIELD = "prereview_override_reason"
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


def is_submission(request) -> bool:
    return request.method == "POST" and any(request.POST.get(a) for a in SUBMIT_ACTIONS)


def _bound_form(request, obj):
    """The editor's own form, bound to the POST, over a fresh copy of the latest draft."""
    if isinstance(obj, Page):
        fresh = obj.specific.get_latest_revision_as_object()
        form_class = fresh.get_edit_handler().get_form_class()
        return form_class(
            request.POST,
            request.FILES,
            instance=fresh,
            parent_page=fresh.get_parent(),
            for_user=request.user,
        )
    model = type(obj)
    fresh = model.objects.get(pk=obj.pk).get_latest_revision_as_object()
    form_class = model.snippet_viewset.get_edit_handler().get_form_class()
    return form_class(request.POST, request.FILES, instance=fresh, for_user=request.user)


def _save_draft(request, form):
    """What Wagtail's "save draft" does: the row unless live, then a revision."""
    instance = form.save(commit=not getattr(form.instance, "live", False))
    instance.save_revision(user=request.user, log_action=True)
    return instance


def before_edit(request, obj, edit_url: str):
    """Refuse a submission with blocking findings (returns a redirect), else let it go on."""
    if not is_submission(request) or item_kind(obj) is None:
        return None
    lock = obj.get_lock() if hasattr(obj, "get_lock") else None
    if lock is not None and lock.for_user(request.user):
        return None  # Wagtail refuses to save a locked item and says so; nothing to judge
    form = _bound_form(request, obj)
    if not form.is_valid():
        return None  # Wagtail shows the form's own errors and submits nothing
    edited = form.save(commit=False)
    posted = request.POST.get(OVERRIDE_FIELD)
    decision = services.submission_check(obj=obj, edited=edited, posted_reason=posted)
    if decision.allowed:
        request.prereview_override = decision.reason
        return None
    _save_draft(request, _bound_form(request, obj))
    messages.error(request, decision.message)
    return redirect(edit_url)


def after_edit(request, obj) -> None:
    """After Wagtail submitted: keep the run with the submitted revision (and any override)."""
    if not is_submission(request) or not hasattr(request, "prereview_override"):
        return
    obj = getattr(obj, "specific", obj)
    if not getattr(obj, "workflow_in_progress", False):
        return
    run = services.prereview_run(
        obj=obj,
        revision=obj.get_latest_revision(),
        trigger=RunTrigger.SUBMISSION,
        user=request.user,
    )
    if request.prereview_override and run.blocking:
        services.override_record(run=run, user=request.user, reason=request.prereview_override)
