"""Template context of 社会救助公示: the month-by-type list and one month's table."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Sum

from cms.models import ReliefDisclosurePage, ReliefType

PER_PAGE = 24


NEWEST_FIRST = ("-year", "-month", "relief_type", "department__sort_order", "pk")


def public_disclosures():
    """Live, unrestricted relief lists with their totals, newest month first."""
    pages = ReliefDisclosurePage.objects.live().public()
    return pages.annotate(
        households=Count("rows"), people=Sum("rows__people"), amount=Sum("rows__amount")
    ).order_by(*NEWEST_FIRST)


def latest_disclosure():
    """The newest public list, without totals (the portal home names only its month)."""
    return ReliefDisclosurePage.objects.live().public().order_by(*NEWEST_FIRST).first()


class ReliefFilterForm(forms.Form):
    """GET filters; a bad value is named beside its field and the rest still applies."""

    type = forms.ChoiceField(label="救助类型", required=False)
    year = forms.TypedChoiceField(label="年度", required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, years: list[int]):
        super().__init__(data)
        self.fields["type"].choices = [("", "全部类型"), *ReliefType.choices]
        self.fields["type"].error_messages["invalid_choice"] = "没有该救助类型，已显示全部类型。"
        self.fields["year"].choices = [("", "全部年度"), *((y, f"{y}年") for y in years)]
        self.fields["year"].error_messages["invalid_choice"] = "该年度没有公示，已显示全部年度。"

    def valid_filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v and k not in self.errors}


def index(request, page) -> dict:
    pages = public_disclosures()
    years = sorted(set(pages.values_list("year", flat=True)), reverse=True)
    form = ReliefFilterForm(request.GET, years=years)
    filters = form.valid_filters()
    if filters.get("type"):
        pages = pages.filter(relief_type=filters["type"])
    if filters.get("year"):
        pages = pages.filter(year=filters["year"])
    page_obj = Paginator(pages.select_related("department"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return {"form": form, "page_obj": page_obj, "filtered": bool(filters)}


def detail(request, page) -> dict:
    return {"rows": list(page.rows.all()), "totals": page.totals()}
