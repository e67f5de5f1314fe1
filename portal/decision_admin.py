"""Each major decision's records in the admin (issue 15): 专家论证意见, 风险评估报告 and
集体讨论决定会议, entered by the item's lead unit (承办单位) or the office, beside the item.

Saving one never edits the year's list page: the list keeps its reviewed hash and its
review is not reopened. Who sees and writes a record is who answers for its item
(``admin_views.items_of``: the lead unit's drafters, and whoever may edit the list);
another unit's item cannot be chosen, and a record of it is neither listed nor opened.
"""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.forms import VisibleFilesFormMixin, refuse_unseen_files
from cms.models import DecisionMeeting, ExpertOpinion, RiskAssessment
from portal.admin_views import ItemRecordPolicy, consultable_items, items_of


class ItemRecordForm(VisibleFilesFormMixin, WagtailAdminModelForm):
    """Only the user's items (not 调出); attachments only files the user may see; the
    recorder is the user who first saves the record."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if for_user is not None and "item" in self.fields:
            self.fields["item"].queryset = consultable_items(for_user)
        if "level" in self.fields:  # blank only on reports migrated from the old fields
            self.fields["level"].required = True

    def clean(self):
        cleaned = super().clean()
        if self.for_user is not None:
            refuse_unseen_files(self, self.for_user)  # the record's own attachment field
        return cleaned

    def save(self, commit=True):
        if self.instance.created_by_id is None and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)


def _viewset(model, label: str, order: int, columns: list[str], panels: list):
    def get_queryset(self, request):
        return model.objects.filter(item__in=items_of(request.user)).select_related("item")

    return type(
        f"{model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": model,
            "menu_label": label,
            "icon": "doc-full",
            "menu_order": order,
            "add_to_admin_menu": False,
            "list_display": ["item", *columns],
            "edit_handler": ObjectList(
                [FieldPanel("item"), *panels], base_form_class=ItemRecordForm
            ),
            "get_queryset": get_queryset,
        },
    )


ExpertOpinionViewSet = _viewset(
    ExpertOpinion,
    "专家论证意见",
    217,
    ["expert", "given_on"],
    [
        FieldRowPanel([FieldPanel("expert"), FieldPanel("organisation"), FieldPanel("given_on")]),
        FieldPanel("opinion"),
        FieldPanel("attachment"),
    ],
)
RiskAssessmentViewSet = _viewset(
    RiskAssessment,
    "风险评估报告",
    218,
    ["assessed_on", "level"],
    [
        FieldRowPanel([FieldPanel("assessed_on"), FieldPanel("level")]),
        FieldPanel("summary"),
        FieldPanel("attachment"),
    ],
)
DecisionMeetingViewSet = _viewset(
    DecisionMeeting,
    "集体讨论决定会议",
    219,
    ["name", "held_on"],
    [
        FieldRowPanel([FieldPanel("name"), FieldPanel("held_on")]),
        FieldPanel("attendees"),
        FieldPanel("minutes"),
        FieldPanel("attachment"),
    ],
)


def register() -> None:
    for viewset in (ExpertOpinionViewSet, RiskAssessmentViewSet, DecisionMeetingViewSet):
        register_permission_policy(viewset.model, ItemRecordPolicy(viewset.model))
        register_snippet(viewset)
