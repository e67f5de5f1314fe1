"""The contract chooser lists, searches and returns only contracts the user may see.

Wagtail's snippet chooser reads ``Contract.objects.all()``: every department's contracts,
draft titles included. These views read the contract permission policy's
``visible_contracts`` instead, like the contract register.
"""

from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from cms.permissions import contract_policy


class VisibleContractsMixin:
    def visible(self):
        return contract_policy.visible_contracts(self.request.user)

    def get_object_list(self):
        return self.visible()

    def get_object(self, pk):
        return self.visible().get(pk=pk)

    def get_objects(self, pks):
        return self.visible().filter(pk__in=pks)


class ContractChooseView(VisibleContractsMixin, ChooseView):
    pass


class ContractChooseResultsView(VisibleContractsMixin, ChooseResultsView):
    pass


class ContractChosenView(VisibleContractsMixin, SnippetChosenView):
    pass


class ContractChosenMultipleView(VisibleContractsMixin, SnippetChosenMultipleView):
    pass


class ContractChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ContractChooseView
    choose_results_view_class = ContractChooseResultsView
    chosen_view_class = ContractChosenView
    chosen_multiple_view_class = ContractChosenMultipleView
