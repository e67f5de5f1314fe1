"""合同: reviewed (审定), signed, amount, by type, expiring within 90 days."""

from cms.kinds import ItemKind
from cms.models import Contract, ContractType
from reports import figures as f
from reports.period import Period
from reports.selectors.common import first_days, item_record
from review.models import LegalOpinion

EXPIRY_DAYS = 90
TYPE_CODES = {
    ContractType.PROCUREMENT: "procurement",
    ContractType.SERVICE: "service",
    ContractType.LEASE: "lease",
    ContractType.ENTRUSTED_MANAGEMENT: "entrusted",
    ContractType.COOPERATION: "cooperation",
    ContractType.OTHER: "other",
}


def reference_day(period: Period, today):
    """ "Expiring within 90 days" counts from today, or from the period's end if it is past."""
    return min(today, period.end)


def section(period: Period, today) -> f.Section:
    first_opinion = first_days(
        LegalOpinion.objects.filter(kind=ItemKind.CONTRACT, **period.datetime_filter("signed_at"))
        .order_by("signed_at")
        .values_list("object_id", "signed_at")
    )
    contracts = Contract.objects.in_bulk(list(first_opinion))
    reviewed = [(contracts[pk], day) for pk, day in first_opinion.items() if pk in contracts]

    def record(contract, day=None) -> f.Record:
        return item_record(
            contract,
            f"{contract.contract_type}，{contract.counterparty}，{contract.amount:,.2f}元",
            day,
            value=contract.amount,
        )

    signed = [
        record(c, c.signed_on)
        for c in Contract.objects.filter(
            signed_on__gte=period.start, signed_on__lte=period.end
        ).order_by("signed_on", "pk")
    ]
    start = reference_day(period, today)
    expiring = [
        item_record(c, f"履行期限至 {c.term_end:%Y-%m-%d}", c.term_end, value=c.amount)
        for c in Contract.objects.filter(signed_on__isnull=False)
        .expiring_within(EXPIRY_DAYS, today=start)
        .order_by("term_end", "pk")
    ]
    type_figures = [
        f.count(
            f"contracts.type.{code}",
            f"审定合同：{kind.label}",
            "份",
            [record(c, d) for c, d in reviewed if c.contract_type == kind],
        )
        for kind, code in TYPE_CODES.items()
    ]
    rows = [record(c, d) for c, d in reviewed]
    return f.Section(
        "contracts",
        "合同审查",
        [
            f.count("contracts.reviewed", "审定合同", "份", rows),
            f.total("contracts.amount", "审定合同金额", "元", rows),
            f.count("contracts.signed", "签订合同", "份", signed),
            *type_figures,
            f.count(
                "contracts.expiring",
                f"{EXPIRY_DAYS}日内到期的合同",
                "份",
                expiring,
                f"自{start:%Y-%m-%d}起{EXPIRY_DAYS}日内",
            ),
        ],
        [f.Chart("审定合同（按类型）", "pie", [fig.code for fig in type_figures])],
    )
