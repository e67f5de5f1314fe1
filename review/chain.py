"""The disclosure chain of an item, 制作 → 审核 → 保密审查 → 发布 ("谁制作、谁发布、谁负责"),
with names and times, for the audit view (each step: who and when, or "尚未")."""

from typing import NamedTuple

from wagtail.log_actions import registry as log_registry

from cms.kinds import specific
from review.models import LegacyIssue, LegalOpinion, SecrecyCheck


class ChainStep(NamedTuple):
    step: str
    who: str
    when: object
    detail: str


def _name(user) -> str:
    if user is None:
        return "系统"
    return user.get_full_name() or user.get_username()


def disclosure_chain(obj) -> list[ChainStep]:
    obj = specific(obj)
    legacy = LegacyIssue.for_object(obj).select_related("recorded_by").first()
    return [
        _made(obj),
        _reviewed(obj, legacy),
        _checked(obj, legacy),
        _published(obj),
    ]


def _made(obj) -> ChainStep:
    revisions = obj.revisions.order_by("created_at", "pk").select_related("user")
    first = revisions.first()
    if first is None:
        return ChainStep("制作", "—", None, "尚无版本")
    return ChainStep("制作", _name(first.user), first.created_at, f"首个版本 {first.pk}")


def _reviewed(obj, legacy) -> ChainStep:
    opinion = next((o for o in LegalOpinion.objects.for_object(obj) if o.is_passing), None)
    if opinion is not None:
        return ChainStep("审核", opinion.adviser_name, opinion.signed_at, opinion.number)
    if legacy is not None:
        return ChainStep(
            "审核", _name(legacy.recorded_by), legacy.recorded_at, legacy.paper_reference
        )
    return ChainStep("审核", "—", None, "尚未通过合法性审查")


def _checked(obj, legacy) -> ChainStep:
    check = SecrecyCheck.for_object(obj).select_related("recorded_by").first()
    if check is not None:
        detail = check.result + (f"（删除：{check.removed}）" if check.removed else "")
        return ChainStep("保密审查", _name(check.recorded_by), check.recorded_at, detail)
    if legacy is not None:
        return ChainStep(
            "保密审查",
            _name(legacy.recorded_by),
            legacy.recorded_at,
            "存量导入：纸质印发时已公开，由导入人确认",
        )
    return ChainStep("保密审查", "—", None, "尚未进行保密审查")


def _published(obj) -> ChainStep:
    logs = log_registry.get_logs_for_instance(obj).filter(action="wagtail.publish")
    log = logs.select_related("user").order_by("-timestamp").first()
    if log is None:
        return ChainStep("发布", "—", None, "尚未发布")
    return ChainStep("发布", _name(log.user), log.timestamp, f"修订号 {log.revision_id or ''}")
