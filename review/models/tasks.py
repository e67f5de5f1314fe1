"""Custom Wagtail workflow tasks of the review path (see Wagtail's custom-tasks docs).

Each task's actor records a structured result on its own admin page (the opinion form,
the checklist, the meeting record); the task then approves or rejects Wagtail's
TaskState through ``review.services``. While any of these tasks is in progress the item
is locked for everyone: the adviser reads but never edits content, and the drafter
edits only after the item comes back with "needs changes".
"""

from django.db import models
from django.urls import reverse
from wagtail.models import AbstractGroupApprovalTask


class RecordingTask(AbstractGroupApprovalTask):
    """A group task whose action is a form on its own page, not Wagtail's modal."""

    url_name = ""
    # What the actor does, when it must not be done by the version's author (review.duties).
    separated_action = ""
    # The Django permission an actor needs besides being in the task's groups ("" for
    # none): an administrator who puts someone in the wrong group grants nothing.
    permission = ""

    class Meta:
        abstract = True

    def user_in_role(self, obj, user) -> bool:
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        held = not self.permission or user.has_perm(self.permission)
        return held and self._user_in_groups(user)

    def user_can_act(self, obj, user) -> bool:
        return self.user_in_role(obj, user) and not self.duty_conflict(obj, user)

    def duty_conflict(self, obj, user) -> str:
        """Why ``user`` may not act on ``obj`` at this task although in its group, or ""."""
        if not self.separated_action:
            return ""
        from review.duties import current_state_of, duty_conflict

        state = current_state_of(self, obj)
        return duty_conflict(state, user) if state is not None else ""

    def user_can_access_editor(self, obj, user):
        return self.user_can_act(obj, user)

    def locked_for_user(self, obj, user):
        return True

    def user_can_lock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status="in_progress")
        if not self.user_in_role(None, user):
            return states.none()
        if self.separated_action:
            from review.duties import duty_conflict

            states = states.exclude(
                pk__in=[
                    s.pk for s in states.select_related("workflow_state") if duty_conflict(s, user)
                ]
            )
        return states

    def action_url(self, task_state) -> str:
        return reverse(self.url_name, args=[task_state.pk])


class LegalReviewTask(RecordingTask):
    """合法性审查: the legal adviser's written opinion on the exact revision."""

    url_name = "review_legal_task"
    separated_action = "出具合法性审查意见"
    permission = "review.sign_legalopinion"
    working_days_limit = models.PositiveSmallIntegerField(
        "审查期限（工作日）",
        default=15,
        help_text="国办发〔2018〕115号：一般不少于5个、不超过15个工作日。",
    )
    working_days_minimum = models.PositiveSmallIntegerField(
        "最短审查时间（工作日）",
        default=5,
        help_text="少于该时间作出意见须说明紧急理由；重大行政决策一般不少于7个工作日。",
    )

    countersign = models.BooleanField(
        "会签（两名法律顾问）",
        default=False,
        help_text="勾选后，须由两名不同的法律顾问对同一送审版本均出具通过意见，本环节才完成；"
        "任一顾问不同意即退回。",
    )

    admin_form_fields = [
        *RecordingTask.admin_form_fields,
        "working_days_limit",
        "working_days_minimum",
        "countersign",
    ]

    @property
    def opinions_required(self) -> int:
        return 2 if self.countersign else 1

    class Meta:
        verbose_name = "合法性审查"
        verbose_name_plural = "合法性审查"

    @classmethod
    def get_description(cls):
        return "法律顾问对送审版本出具书面审核意见（同意 / 修改后同意 / 不同意）"


class FairCompetitionTask(RecordingTask):
    """公平竞争审查: the drafting unit's self-review against the 19 standards."""

    url_name = "review_fair_competition_task"

    class Meta:
        verbose_name = "公平竞争审查"
        verbose_name_plural = "公平竞争审查"

    def user_can_act(self, obj, user) -> bool:
        department = getattr(obj, "department", None)
        in_drafting_unit = bool(
            department
            and department.group_id
            and user.groups.filter(pk=department.group_id).exists()
        )
        return in_drafting_unit or super().user_can_act(obj, user)

    @classmethod
    def get_description(cls):
        return "起草科室按《公平竞争审查条例》四类十九项标准自查；不涉及经营主体经济活动的记录理由后跳过"


class DeliberationTask(RecordingTask):
    """集体审议 / 集体讨论决定: the office records the leadership meeting's decision."""

    url_name = "review_deliberation_task"
    separated_action = "记录集体审议决定"
    permission = "review.record_deliberation"

    class Meta:
        verbose_name = "集体审议"
        verbose_name_plural = "集体审议"

    @classmethod
    def get_description(cls):
        return "局办公室记录局党组会或局务会集体审议的会议、日期、纪要编号和决定"


class RegistrationTask(RecordingTask):
    """统一登记、统一编号、统一印发: the office assigns numbers; approval publishes."""

    url_name = "review_registration_task"
    permission = "review.register_item"

    class Meta:
        verbose_name = "统一登记编号"
        verbose_name_plural = "统一登记编号"

    @classmethod
    def get_description(cls):
        return "局办公室统一登记、编号并印发，完成后公布"


class SignOffTask(RecordingTask):
    """局领导签批: leadership approves signing a reviewed contract."""

    url_name = "review_sign_off_task"
    separated_action = "签批"
    permission = "cms.sign_off_contract"

    class Meta:
        verbose_name = "局领导签批"
        verbose_name_plural = "局领导签批"

    @classmethod
    def get_description(cls):
        return "局领导在法律审核通过后签批合同，完成后合同标记为已签订"
