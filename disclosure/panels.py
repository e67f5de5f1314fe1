"""Dashboard panel: 依申请公开 requests due within a few working days, and overdue ones."""

from wagtail.admin.ui.components import Component

from disclosure import selectors, services


class DisclosureDeadlinesPanel(Component):
    name = "disclosure_deadlines"
    template_name = "disclosure/panels/deadlines.html"
    order = 70

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = selectors.deadline_rows(today=services.today())
        context["within"] = selectors.DUE_SOON_WORKING_DAYS
        return context
