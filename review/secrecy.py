"""The gate's disclosure rules (《政府信息公开条例》): 保密审查, 公开属性 and 政策解读.

Called by ``review.gate.issue_problems`` for the items the public sees (normative
documents and decision lists), on the content of the exact revision being published:

* a 保密审查 (``SecrecyCheck``) recorded on a revision with that content hash, whose latest
  conclusion is 可以公开 or 部分公开 (不予公开 refuses);
* a 公开属性 other than 主动公开 carries its reason and 条例 article;
* a document affecting the public (``cms.models.openness.interpretation_required``)
  carries a 政策解读 in the same revision, or the recorded 未附解读的理由.

存量导入 (``legacy_issue``) passes the gate on its own record: the importing administrator
enters paper-era documents that were already public, and the ``LegacyIssue`` row (who,
when, paper reference) stands as their secrecy check; the audit view shows it as such.
"""

from cms.models.openness import attribute_errors, interpretation_required
from review.hashing import revision_content_hash
from review.models import SecrecyCheck, SecrecyResult


def secrecy_problems(obj, digest: str) -> list[str]:
    checks = [
        check
        for check in SecrecyCheck.for_object(obj).select_related("revision")
        if revision_content_hash(check.revision) == digest
    ]
    if not checks:
        return ["尚未经局办公室保密审查（拟发布的版本没有保密审查记录）。"]
    if checks[0].result == SecrecyResult.WITHHELD:
        return ["保密审查结论为“不予公开”，不能发布。"]
    return []


def attribute_problems(revision) -> list[str]:
    content = revision.content
    errors = attribute_errors(
        content.get("disclosure_attribute") or "",
        content.get("disclosure_article") or "",
        content.get("disclosure_reason") or "",
    )
    return [f"公开属性：{message}" for message in errors.values()]


def interpretation_problems(revision) -> list[str]:
    content = revision.content
    if not interpretation_required(affects_public=content.get("affects_public", False)):
        return []
    if content.get("interpretations") or (content.get("no_interpretation_reason") or "").strip():
        return []
    return [
        "该文件涉及公众切身利益，须同步发布政策解读（在“政策解读”中添加，或写明未附解读的理由）。"
    ]
