"""Procedure completeness: public consultation, fair-competition review, collective deliberation,
and the statutory procedures of major decisions (重大行政决策)."""

from __future__ import annotations

from django.utils import timezone

from cms.models.consultations import DecisionConsultation, window_working_days
from prereview.rules.base import DECISION, DOCUMENT, Hit, Rule


class _ConsultationRule(Rule):
    """Public consultation of a document (working days) or of a decision's items (days).

    Its two cases are two rules, so an administrator sets their severities apart: no
    window recorded (``ConsultationMissing``) and a window too short (``Consultation``).
    """

    kinds = frozenset({DOCUMENT, DECISION})
    parameters = {"document_min_working_days": 7, "decision_min_days": 30}

    def check(self, subject, context, params):
        if subject.kind == DOCUMENT:
            yield from self._document(subject.obj, int(params["document_min_working_days"]))
        else:
            yield from self._decisions(subject, int(params["decision_min_days"]))

    @staticmethod
    def _document(obj, minimum: int):
        raise NotImplementedError

    @staticmethod
    def _decisions(subject, minimum: int):
        raise NotImplementedError


class ConsultationMissing(_ConsultationRule):
    """No public consultation recorded, or it is still open: a warning by default, since
    consultations held on paper are often entered late."""

    code = "consultation_missing"
    title = "公开征求意见未完成"
    severity = "警告"
    description = (
        "涉及公众切身利益的规范性文件未记录公开征求意见起止日期或征求意见尚未结束；"
        "重大行政决策须公众参与而未记录完成（该情形默认阻断）。"
    )

    @staticmethod
    def _document(obj, minimum: int):
        if not obj.affects_public:
            return
        start, end = obj.consultation_start, obj.consultation_end
        if not (start and end):
            yield Hit(
                "字段：公开征求意见",
                "文件涉及公众切身利益，但未记录公开征求意见的起止日期。",
                f"公开征求意见不少于{minimum}个工作日，并填写起止日期和意见采纳情况。",
            )
        elif end >= timezone.localdate():
            yield Hit(
                "字段：征求意见截止日期",
                f"公开征求意见尚未结束（截止 {end:%Y-%m-%d}）。",
                "征求意见结束并整理采纳情况后再送审。",
            )

    @staticmethod
    def _decisions(subject, minimum: int):
        for item in _participating(subject):
            start, end = _decision_window(item)
            if not _done(item, "public_participation") and not (start and end):
                yield Hit(
                    f"事项“{item.name}”：公众参与",
                    "公众参与是必经程序，但尚未记录完成日期。",
                    f"组织公开征求意见（不少于{minimum}日）并上传佐证材料后再送审。",
                    severity="阻断",  # a statutory procedure of a major decision
                )


class Consultation(_ConsultationRule):
    """A recorded public consultation window shorter than the minimum: blocks by default."""

    code = "consultation"
    title = "公开征求意见期限不足"
    severity = "阻断"
    description = (
        "涉及公众切身利益的规范性文件须公开征求意见不少于7个工作日；"
        "重大行政决策公众参与的征求意见期限不少于30日。"
    )

    @staticmethod
    def _document(obj, minimum: int):
        start, end = obj.consultation_start, obj.consultation_end
        if not (obj.affects_public and start and end):
            return
        days = window_working_days(start, end)
        if days < minimum:
            yield Hit(
                "字段：征求意见截止日期",
                f"公开征求意见仅{days}个工作日（{start:%Y-%m-%d} 至 {end:%Y-%m-%d}）。",
                f"征求意见期限不得少于{minimum}个工作日，请延长后再送审。",
            )

    @staticmethod
    def _decisions(subject, minimum: int):
        for item in _participating(subject):
            start, end = _decision_window(item)
            if start and end and (end - start).days + 1 < minimum:
                yield Hit(
                    f"事项“{item.name}”：公众参与",
                    f"征求意见期限仅{(end - start).days + 1}日。",
                    f"重大行政决策公开征求意见期限一般不少于{minimum}日。",
                )


def _participating(subject):
    """The decision draft's item, unless moved out, when its public participation is
    required (a list's items are checked on their own drafts, not on the list)."""
    return [
        item
        for item in subject.items
        if subject.decision_draft
        and getattr(item, "status", "") != "已调出"
        and item.public_participation_required
    ]


def _done(item, code: str) -> bool:
    """The step is done by the item's own records (cms.decision_steps)."""
    return any(row["done_on"] for row in item.procedure_status() if row["code"] == code)


def _decision_window(item):
    """The window of the item's public consultation (cms.DecisionConsultation), if opened."""
    if not item.pk:
        return None, None
    consultation = DecisionConsultation.objects.filter(item_id=item.pk).first()
    return (consultation.start, consultation.end) if consultation else (None, None)


def _has_task(subject, model_name: str) -> bool:
    return model_name in subject.workflow_tasks


class FairCompetitionReview(Rule):
    code = "fair_competition_review"
    title = "公平竞争审查"
    severity = "警告"
    kinds = frozenset({DOCUMENT})
    description = "涉及经营主体经济活动的须进行公平竞争审查；不涉及的须记录理由。"

    def check(self, subject, context, params):
        obj = subject.obj
        latest = subject.fair_competition[0] if subject.fair_competition else None
        if latest is not None:
            if not latest.applicable and not latest.skip_reason.strip():
                yield Hit(
                    "程序：公平竞争审查",
                    "公平竞争审查记为不涉及，但未写明理由。",
                    "补充不需审查的理由。",
                )
            elif latest.applicable and not latest.passed:
                yield Hit(
                    "程序：公平竞争审查",
                    "公平竞争审查结论为存在问题：" + "；".join(latest.violated_standards()),
                    "按审查结论修改后重新审查。",
                    severity="阻断",
                )
            return
        if _has_task(subject, "faircompetitiontask"):
            if obj.touches_economic_activity:
                yield Hit(
                    "程序：公平竞争审查",
                    "文件涉及经营主体经济活动，送审后须先完成公平竞争审查。",
                    "提交后由起草科室在“公平竞争审查”环节按四类十九项标准逐项审查。",
                    severity="提示",
                )
            return
        if obj.touches_economic_activity:
            yield Hit(
                "程序：公平竞争审查",
                "文件涉及经营主体经济活动，但没有公平竞争审查记录，审核流程中也没有该环节。",
                "进行公平竞争审查并形成书面结论，或请管理员在审核流程中加入该环节。",
            )


class CollectiveDeliberation(Rule):
    code = "collective_deliberation"
    title = "集体审议"
    severity = "警告"
    kinds = frozenset({DOCUMENT, DECISION})
    description = "规范性文件、重大行政决策须经集体审议（集体讨论决定）后才能统一登记、印发。"

    def check(self, subject, context, params):
        if subject.registrations:
            registered = min(r.recorded_at for r in subject.registrations)
            if not any(d.recorded_at <= registered for d in subject.deliberations):
                yield Hit(
                    "程序：集体审议",
                    "已统一登记，但登记前没有集体审议记录。",
                    "补正程序：经局党组会或局务会集体审议后重新登记印发。",
                    severity="阻断",
                )
            return
        names = subject.workflow_tasks
        if not names:
            return
        if "deliberationtask" not in names:
            yield Hit(
                "程序：集体审议",
                "审核流程中没有集体审议环节。",
                "请管理员在审核流程中加入“集体审议”环节，或送审前记录集体审议。",
            )
        elif "registrationtask" in names and names.index("registrationtask") < names.index(
            "deliberationtask"
        ):
            yield Hit(
                "程序：集体审议",
                "审核流程中统一登记排在集体审议之前。",
                "请管理员调整审核流程：集体审议应在统一登记之前。",
            )


class DecisionProcedures(Rule):
    code = "decision_procedures"
    title = "重大行政决策法定程序"
    severity = "阻断"
    kinds = frozenset({DECISION})
    description = "送合法性审查前，必经的专家论证、风险评估应已完成；每个事项应写明决策依据。"

    BEFORE_REVIEW = [("expert_argument", "专家论证"), ("risk_assessment", "风险评估")]

    def check(self, subject, context, params):
        for item in subject.items:
            if getattr(item, "status", "") == "已调出":
                continue
            if not (item.legal_basis or "").strip():
                yield Hit(
                    f"事项“{item.name}”：决策依据",
                    "未写明决策依据。",
                    "写明法律、法规、规章或政策依据。",
                )
            if not subject.decision_draft:
                continue
            for code, label in self.BEFORE_REVIEW:
                if getattr(item, f"{code}_required") and not _done(item, code):
                    yield Hit(
                        f"事项“{item.name}”：{label}",
                        f"{label}是该事项的必经程序，但尚未记录。",
                        f"录入{label}记录（决策事项的{label}）后再送合法性审查。",
                    )
