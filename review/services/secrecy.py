"""保密审查 by the office: recorded on the item's latest revision, before publication."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from cms.kinds import item_kind, specific
from cms.roles import RECORD_SECRECY
from review.duties import revision_authors
from review.errors import ReviewError
from review.models import SecrecyCheck, SecrecyResult

SECRECY_KINDS_LABEL = "行政规范性文件和重大行政决策事项目录"


def secrecy_conflict(obj, revision, user) -> str:
    """Why ``user`` may not check ``revision`` (separation of duties), or ""."""
    makers = revision_authors(revision)
    workflow_state = obj.current_workflow_state if hasattr(obj, "current_workflow_state") else None
    if workflow_state is not None:
        makers.add(workflow_state.requested_by_id)
    if user.pk in makers:
        return (
            "您提交或编辑了这一版本，按照“谁制作、谁负责”与审核职责分离的要求，"
            "不能对本人经手的版本进行保密审查，请由局办公室其他人员办理。"
        )
    return ""


def secrecy_check_record(
    *, obj, revision_id: int, user, result: str, basis: str, removed: str = ""
) -> SecrecyCheck:
    """Record the office's 保密审查 of ``obj``'s latest revision (refused in Chinese)."""
    obj = specific(obj)
    if item_kind(obj) is None or not hasattr(obj, "live_revision"):
        raise ReviewError(f"只有{SECRECY_KINDS_LABEL}需要保密审查。")
    if not (user.is_active and user.has_perm(RECORD_SECRECY)):
        raise ReviewError("只有局办公室（具有“可记录保密审查”权限的人员）可以记录保密审查。")
    if result not in SecrecyResult.values:
        raise ReviewError("请选择保密审查结论：可以公开、部分公开或不予公开。")
    if not (basis or "").strip():
        raise ReviewError("请写明保密审查的依据。")
    if result == SecrecyResult.PARTIAL and not (removed or "").strip():
        raise ReviewError("部分公开须写明删除或遮盖了哪些内容。")
    with transaction.atomic():
        revision = obj.get_latest_revision()
        if revision is None or revision.pk != revision_id:
            raise ReviewError("该事项已有新的版本，请刷新页面，对最新版本进行保密审查。")
        conflict = secrecy_conflict(obj, revision, user)
        if conflict:
            raise ReviewError(conflict)
        return SecrecyCheck.objects.create(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            revision=revision,
            recorded_by=user,
            result=result,
            basis=basis.strip(),
            removed=(removed or "").strip(),
        )
