"""The issue gate's registry: who may refuse that an item be published / signed.

cms models call ``issue_problems`` before any publish (admin, API, command, workflow);
the review app registers the actual rules in its AppConfig.ready(), so cms never
imports review. Each guard returns a list of reasons in Chinese (empty = no objection).
Other apps add guards with ``register_guard`` (the privacy guard of relief lists, …).

One gate on every path. The check is ``check_issue`` / ``issue_problems``, held at two
levels: ``GatedPublishMixin.publish`` (Page.publish, DraftStateMixin.publish,
Revision.publish) and, underneath every Wagtail action, ``GatedPublishMixin.save``, which
refuses any save that puts a revision live (a new live revision, a row born live with a
revision or as an alias, a draft's ``live`` flag flipped by code). Admin views add a
Chinese refusal in front, so a user sees the reason instead of Wagtail's generic 403.
Every path found in Wagtail 8's source (wagtail/actions, admin/views/pages, snippets,
bulk actions, admin/api) and in ours, and how it is held:

* Publish in the page/snippet editor (EditView, CreateView, snippet edit/create): hooks
  ``before_publish_page`` / ``before_publish`` (review and cms wagtail_hooks) say why;
  PublishPageRevisionAction / PublishRevisionAction then hit the save guard.
* Workflow approval (the last task approves → revision.publish): ``publish``.
* Admin API ``/admin/api/main/pages/<id>/action/publish/`` (PublishPageRevisionAction,
  no hook): the save guard; ``cms.admin_api`` runs every admin API page action in one
  transaction and answers a refusal as a 400 with the Chinese reason.
* Bulk publish (pages, with or without draft descendants): ``before_bulk_action`` in
  cms/wagtail_hooks.py refuses the whole batch in Chinese; ``publish`` behind it.
* Scheduled publishing: scheduling in the editor passes the editor hook; the due
  revision is published by our ``publish_scheduled`` (review/management/commands),
  which leaves refused revisions scheduled and reports them in Chinese; Wagtail's own
  command class raises IssueRefused through ``publish``.
* Revert (admin revisions_revert, RevertToPageRevisionAction, admin API
  revert_to_page_revision, snippet revert): the old content becomes a new draft
  revision; publishing it is a publish like any other (an old revision without
  登记编号 or without an opinion on its content is refused).
* Unpublish (admin, bulk, snippet, admin API, expiry in publish_scheduled): takes
  content offline, never needs the gate; republishing is a publish.
* Copy (admin copy view, admin API copy, CopyPageAction, Page.copy, recursive copies)
  and alias (copy view "alias", admin API create_alias, CreatePageAliasAction):
  cms.copying — a gated page's copy is always a draft without 文号/登记编号/索引号
  (``exclude_fields_in_copy``); "publish copies" or an alias including a gated page is
  refused on the copy form (``CopyGuardMixin.copy_form_class``) and from code
  (``CopyGuardMixin.copy``); CopyPageAction used directly with keep_live meets the save
  guard. Decision lists, relief months and department folders cannot be copied.
* copy_for_translation (CopyPageForTranslationAction): copies with keep_live=False, so
  drafts; i18n and simple_translation are not installed anyway.
* Convert alias (ConvertAliasPageAction): sets live_revision → the save guard.
* Move (admin move, bulk move, admin API move, MovePageAction): changes the place, not
  the content; the live revision stays the reviewed one and no draft goes live.
* Snippet copy (Contract): the create form prefilled — a new draft whose publish is
  gated. Snippet bulk actions: delete only (not a publish path).
* Management commands (``load_demo`` and ``setup_bureau`` are the bureau app's):
  ``load_demo`` walks every item through the review services (paper-era items through
  存量导入), ``setup_bureau`` creates no gated content live,
  ``publish_scheduled`` as above, ``notify_overdue`` only reads.
* Imports: the relief spreadsheet import creates drafts (ReliefDisclosurePage.add_to),
  published through the editor and its privacy guard; 存量导入
  (review.services.legacy_issue) records a LegacyIssue for exactly the revision it
  publishes, which the gate accepts only for that content. The bulk 存量导入 (the intake
  app's screen and ``import_documents``) creates each document as a draft and publishes
  it only through legacy_issue; its undo (撤销本批) unpublishes.
* The power list (权力清单, ``PowerItem``: the admin's snippet form and 权责清单导入,
  ``cms.power_import`` / ``import_power_list``) is a supporting record the office
  publishes as it saves, with no review path in the design, so it is not gated: each
  change is recorded instead (who, when, which import batch: ``HistoricalPowerItem``)
  and listed in the portal's public change log. Only ``cms.add_poweritem`` together
  with ``cms.change_poweritem`` may import.
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

    def copy(
        self, recursive=False, to=None, update_attrs=None, copy_revisions=True, keep_live=True, **kw
    ):
        from cms.copying import copy_problems

        problems = copy_problems(self, recursive=recursive, keep_live=keep_live)
        if problems:
            raise IssueRefused(problems)
        return super().copy(
            recursive=recursive,
            to=to,
            update_attrs=update_attrs,
            copy_revisions=copy_revisions,
            keep_live=keep_live,
            **kw,
        )
