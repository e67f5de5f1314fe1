"""The issue gate's registry: who may refuse that an item be published / signed.

cms models call ``issue_problems`` before any publish (admin, API, command, workflow);
the review app registers the actual rules in its AppConfig.ready(), so cms never
imports review. Each guard returns a list of reasons in Chinese (empty = no objection).
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.utils.functional import classproperty

Guard = Callable[[object, object], list[str]]
_guards: list[Guard] = []


class IssueRefused(PermissionDenied):
    """Publishing, signing or issuing was refused; ``reasons`` says what is missing."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("不能发布：" + "；".join(reasons))


def register_guard(guard: Guard) -> None:
    if guard not in _guards:
        _guards.append(guard)


def issue_problems(obj, revision) -> list[str]:
    return [reason for guard in _guards for reason in guard(obj, revision)]


def check_issue(obj, revision) -> None:
    reasons = issue_problems(obj, revision)
    if reasons:
        raise IssueRefused(reasons)


class GatedPublishMixin:
    """Refuse ``publish`` of a revision the registered guards object to — and, underneath
    every Wagtail action, any ``save()`` that makes a revision live."""

    def publish(self, revision, *args, **kwargs):
        check_issue(self, revision)
        return super().publish(revision, *args, **kwargs)

    def save(self, *args, **kwargs):
        if self._goes_live(kwargs.get("update_fields")):
            check_issue(self, self.live_revision or self.get_latest_revision())
        return super().save(*args, **kwargs)

    def _goes_live(self, update_fields) -> bool:
        """Does this save put content live that was not live before? A new live revision
        (publish, revert, bulk, scheduled, the admin API, a copy kept live), a new row born
        live with a revision or as an alias, or a draft's ``live`` flag flipped by code."""
        if not self.live:
            return False
        if update_fields is not None and not {"live", "live_revision", "live_revision_id"} & {
            *update_fields
        }:
            return False
        if self._state.adding or self.pk is None:
            return bool(self.live_revision_id or getattr(self, "alias_of_id", None))
        stored = (
            type(self)
            ._base_manager.filter(pk=self.pk)
            .values_list("live", "live_revision_id")
            .first()
        )
        if stored is None:
            return bool(self.live_revision_id)
        was_live, was_revision = stored
        return not was_live or (
            self.live_revision_id is not None and self.live_revision_id != was_revision
        )


class CopyGuardMixin:
    """For every page class: Wagtail's copy view uses cms.copying's form, and ``copy()`` from
    code follows the same rules (a live copy of a gated page is refused)."""

    @classproperty
    def copy_form_class(cls):
        from cms.copying import GatedCopyForm

        return GatedCopyForm

    def copy(self, recursive=False, keep_live=True, **kwargs):
        from cms.copying import copy_problems

        problems = copy_problems(self, recursive=recursive, keep_live=keep_live)
        if problems:
            raise IssueRefused(problems)
        return super().copy(recursive=recursive, keep_live=keep_live, **kwargs)
