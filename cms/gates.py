"""The issue gate's registry: who may refuse that an item be published / signed.

cms models call ``issue_problems`` before any publish (admin, API, command, workflow);
the review app registers the actual rules in its AppConfig.ready(), so cms never
imports review. Each guard returns a list of reasons in Chinese (empty = no objection).
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied

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
    """Refuse ``publish`` of a revision the registered guards object to."""

    def publish(self, revision, *args, **kwargs):
        check_issue(self, revision)
        return super().publish(revision, *args, **kwargs)
