"""Thin admin views of the review path: render a task's form, call a service, report in Chinese."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import View
from wagtail import hooks
from wagtail.admin.panels import get_edit_handler
from wagtail.admin.views.generic.models import RevisionsCompareView
from wagtail.admin.views.generic.preview import PreviewRevision
from wagtail.models import Page, TaskState

from cms.gates import IssueRefused
from cms.kinds import item_kind, specific
from review import selectors, services
from review.chain import disclosure_chain
from review.duties import duty_conflict
from review.forms import (
    DeliberationForm,
    FairCompetitionForm,
    LegalOpinionForm,
    RegistrationForm,
    SignOffForm,
)
from review.models import (
    DeliberationTask,
    FairCompetitionTask,
    LegalOpinion,
    LegalReviewTask,
    Outcome,
    RegistrationTask,
    SignOffTask,
)

# Hooks through which other apps (pre-review) add to the legality-review page without
# review importing them: panels of HTML beside the checklist, and additions to the opinion.
PANELS_HOOK = "review_legal_task_panels"
CONCLUSION_HOOK = "review_legal_task_conclusion"


def refuse(request, reason: str):
    """Wagtail's way of refusing in the admin (back to the dashboard with a message), but
    with our Chinese reason instead of its generic "no permission"."""
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied(reason)
    messages.error(request, reason)
    return redirect("wagtailadmin_home")


class TaskActionView(View):
    task_class = None
    form_class = None
    template_name = ""
    heading = ""

    def dispatch(self, request, task_state_id: int):
        self.task_state = get_object_or_404(TaskState, pk=task_state_id)
        self.task = self.task_state.task.specific
        if not isinstance(self.task, self.task_class):
            raise Http404
        self.obj = specific(self.task_state.workflow_state.content_object)
        in_progress = self.task_state.status == TaskState.STATUS_IN_PROGRESS
        conflict = (
            in_progress
            and self.task.user_in_role(self.obj, request.user)
            and duty_conflict(self.task_state, request.user)
        )
        if conflict:
            return refuse(request, conflict)
        if not self.task.user_can_act(self.obj, request.user):
            return refuse(request, f"您不是“{self.task.name}”环节的办理人员，不能办理该任务。")
        self.context = selectors.task_context(self.task_state, request.user)
        return super().dispatch(request, task_state_id)

    def get_form(self, data=None):
        return self.form_class(data, initial={"revision_id": self.task_state.revision_id})

    def render(self, form):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "form": form,
                "task": self.task,
                "task_state": self.task_state,
                "ctx": self.context,
                "heading": self.heading or self.task.name,
                "in_progress": self.task_state.status == TaskState.STATUS_IN_PROGRESS,
                "extra_panels": self.extra_panels(),
            },
        )

    def get(self, request, task_state_id):
        return self.render(self.get_form())

    def post(self, request, task_state_id):
        form = self.get_form(request.POST)
        if not form.is_valid():
            messages.error(request, "表单有误，请按提示修改。")
            return self.render(form)
        try:
            message = self.perform(form)
        except IssueRefused as refusal:
            messages.error(request, "未能发布：" + "；".join(refusal.reasons))
            return self.render(form)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render(form)
        messages.success(request, message)
        # Asked again: acting may end the user's access to the editor (the adviser's does).
        return redirect(selectors.edit_url(self.obj, request.user) or "wagtailadmin_home")

    def perform(self, form) -> str:
        raise NotImplementedError

    def extra_panels(self) -> list[str]:
        return []


class LegalReviewView(TaskActionView):
    task_class = LegalReviewTask
    template_name = "review/legal_review.html"

    def get_form(self, data=None):
        last = LegalOpinion.objects.for_object(self.obj).first()
        confirming = bool(last and last.outcome == Outcome.APPROVE_WITH_CHANGES)
        return LegalOpinionForm(
            data,
            initial={"revision_id": self.task_state.revision_id},
            confirming=confirming,
            kind=item_kind(self.obj),
        )

    def extra_panels(self) -> list[str]:
        """HTML other apps show beside the checklist (``review_legal_task_panels`` hook)."""
        return [fn(self.request, self.task_state) for fn in hooks.get_hooks(PANELS_HOOK)]

    def conclusion(self, form) -> str:
        """The typed opinion, as other apps extend it (``review_legal_task_conclusion``)."""
        conclusion = form.cleaned_data["conclusion"]
        for fn in hooks.get_hooks(CONCLUSION_HOOK):
            conclusion = fn(self.request, self.task_state, conclusion)
        return conclusion

    def perform(self, form) -> str:
        opinion = services.opinion_issue(
            task_state_id=self.task_state.pk,
            revision_id=form.cleaned_data["revision_id"],
            adviser=self.request.user,
            outcome=form.cleaned_data["outcome"],
            checklist=form.checklist(),
            conclusion=self.conclusion(form),
            required_changes=form.changes(),
            urgency_reason=form.cleaned_data["urgency_reason"],
        )
        done = f"已出具审核意见书 {opinion.number}（{opinion.get_outcome_display()}）。"
        if TaskState.objects.get(pk=self.task_state.pk).status == TaskState.STATUS_IN_PROGRESS:
            done += "本环节须两名法律顾问会签，尚待另一名法律顾问出具意见。"
        return done


class FairCompetitionView(TaskActionView):
    task_class = FairCompetitionTask
    form_class = FairCompetitionForm
    template_name = "review/fair_competition.html"

    def perform(self, form) -> str:
        record = services.fair_competition_record(
            task_state_id=self.task_state.pk,
            revision_id=form.cleaned_data["revision_id"],
            user=self.request.user,
            applicable=form.cleaned_data["applicable"],
            findings=form.findings(),
            conclusion=form.cleaned_data["conclusion"],
            skip_reason=form.cleaned_data["skip_reason"],
        )
        return (
            "公平竞争审查已记录。"
            if record.passed
            else "公平竞争审查发现问题，已退回起草科室修改。"
        )


class DeliberationView(TaskActionView):
    task_class = DeliberationTask
    form_class = DeliberationForm
    template_name = "review/deliberation.html"

    def perform(self, form) -> str:
        record = services.deliberation_record(
            task_state_id=self.task_state.pk, user=self.request.user, **form.cleaned_data
        )
        return f"集体审议已记录：{record}。"


class RegistrationView(TaskActionView):
    task_class = RegistrationTask
    form_class = RegistrationForm
    template_name = "review/registration.html"

    def perform(self, form) -> str:
        registration = services.registration_register(
            task_state_id=self.task_state.pk, user=self.request.user, **form.cleaned_data
        )
        return (
            f"已统一登记（{registration.registration_number}，{registration.doc_number}）并公布。"
        )


class SignOffView(TaskActionView):
    task_class = SignOffTask
    form_class = SignOffForm
    template_name = "review/sign_off.html"

    def perform(self, form) -> str:
        services.sign_off(
            task_state_id=self.task_state.pk, user=self.request.user, **form.cleaned_data
        )
        return "已签批，合同标记为已签订。" if form.cleaned_data["approve"] else "已退回。"


def filing_view(request, page_id: int):
    """The office records 备案 of a published document."""
    from django.conf import settings

    from cms.models import DecisionDraftPage, NormativeDocumentPage
    from review.forms import FilingForm

    document = (
        NormativeDocumentPage.objects.filter(pk=page_id).first()
        or DecisionDraftPage.objects.filter(pk=page_id).first()
    )
    if document is None:
        raise Http404
    if not document.permissions_for_user(request.user).can_publish():
        return refuse(request, "只有局办公室可以登记备案。")
    form = FilingForm(request.POST or None, initial={"authority": settings.FILING_AUTHORITY})
    if request.method == "POST" and form.is_valid():
        try:
            services.filing_record(document=document, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"《{document.title}》已登记备案。")
            return redirect("wagtailadmin_pages:edit", document.pk)
    return TemplateResponse(request, "review/filing.html", {"form": form, "document": document})


class ReviewCompareView(RevisionsCompareView):
    """The diff a reviewer reads: the revision of the last opinion against the one submitted.

    Wagtail's own compare views need edit permission on the item (pages: any page
    permission as well), which the legal adviser — who reads but never edits — lacks;
    here anyone who may see the item may compare two of its revisions.
    """

    def setup(self, request, content_type_id, object_id, revision_id_a, revision_id_b):
        from django.contrib.contenttypes.models import ContentType

        self.model = get_object_or_404(ContentType, pk=content_type_id).model_class()
        if self.model is None:
            raise Http404
        super().setup(request, object_id, revision_id_a, revision_id_b)

    def get_object(self, queryset=None):
        obj = specific(get_object_or_404(self.model, pk=self.pk))
        if item_kind(obj) is None:
            raise Http404
        return obj

    def dispatch(self, request, *args, **kwargs):
        if not selectors.user_may_see(request.user, self.object):
            return refuse(request, "无权查看该事项的修订内容。")
        return super().dispatch(request, *args, **kwargs)

    def get_edit_handler(self):
        if isinstance(self.object, Page):
            return self.object.get_edit_handler()
        return get_edit_handler(type(self.object))

    def get_edit_url(self):
        return selectors.edit_url(self.object, self.request.user) or None

    def get_page_subtitle(self):
        return str(self.object)


class ReviewRevisionView(PreviewRevision):
    """The submitted revision, rendered as it will be published, for whoever may see the
    item (Wagtail's own revision view needs edit permission the adviser lacks)."""

    def setup(self, request, content_type_id, object_id, revision_id):
        from django.contrib.contenttypes.models import ContentType

        self.model = get_object_or_404(ContentType, pk=content_type_id).model_class()
        if self.model is None:
            raise Http404
        super().setup(request, object_id, revision_id)

    def get_object(self):
        obj = specific(super().get_object())
        if item_kind(obj) is None or not hasattr(obj, "make_preview_request"):
            raise Http404
        return obj

    def dispatch(self, request, *args, **kwargs):
        if not selectors.user_may_see(request.user, self.object):
            return refuse(request, "无权查看该事项的修订内容。")
        return super().dispatch(request, *args, **kwargs)


def audit_view(request, content_type_id: int, object_id: str):
    from django.contrib.contenttypes.models import ContentType

    content_type = get_object_or_404(ContentType, pk=content_type_id)
    obj = get_object_or_404(content_type.model_class(), pk=object_id)
    if not selectors.user_may_see(request.user, obj):
        return refuse(request, "无权查看该事项的办理记录。")
    return TemplateResponse(
        request,
        "review/audit.html",
        {
            "obj": specific(obj),
            "entries": selectors.audit_trail(obj),
            "chain": disclosure_chain(obj),
            "edit_url": selectors.edit_url(specific(obj), request.user),
        },
    )
