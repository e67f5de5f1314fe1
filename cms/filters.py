"""Filters of the admin listings: the contract register (合同台账)."""

import django_filters
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from cms.models import Contract, ContractType, Department

EXPIRY_WINDOWS = [("30", "30天内到期"), ("90", "90天内到期"), ("expired", "已到期")]


class ContractRegisterFilterSet(WagtailFilterSet):
    contract_type = django_filters.ChoiceFilter(label="合同类型", choices=ContractType.choices)
    department = django_filters.ModelChoiceFilter(
        label="承办科室", queryset=Department.objects.all()
    )
    signed = django_filters.BooleanFilter(
        label="是否已签订", field_name="signed_on", lookup_expr="isnull", exclude=True
    )
    term_end = django_filters.DateFromToRangeFilter(
        label="履行期限止", widget=DateRangePickerWidget
    )
    expiry = django_filters.ChoiceFilter(
        label="到期提醒", choices=EXPIRY_WINDOWS, method="filter_expiry"
    )

    class Meta:
        model = Contract
        fields = ["contract_type", "department", "signed", "term_end", "expiry"]

    def filter_expiry(self, queryset, name, value):
        if value == "expired":
            return queryset.expired()
        return queryset.expiring_within(int(value))
