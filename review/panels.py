"""Dashboard panels (首页): what waits for the signed-in user, with due dates, overdue in red."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from review import selectors


class AwaitingActionPanel(Component):
    name = "review_awaiting_action"
    template_name = "review/panels/awaiting_action.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        context["items"] = selectors.awaiting_action(request.user)
        context["today"] = timezone.localdate()
        return context


class DeadlinesPanel(Component):
    """Filing (备案) within 30 days of publication; evaluation 6 months before expiry."""

    name = "review_deadlines"
    template_name = "review/panels/deadlines.html"
    order = 60

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["filings"] = selectors.filing_due()
        context["evaluations"] = selectors.evaluation_due()
        return context
