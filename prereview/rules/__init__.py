"""Every pre-review rule, in the order findings are listed within a severity."""

from prereview.rules.base import ALL_KINDS, CONTRACT, DECISION, DOCUMENT, Hit, Rule, Source
from prereview.rules.citations import AmendedStatute, OwnDocument, RepealedStatute
from prereview.rules.content import (
    AttachmentText,
    FairCompetitionPhrase,
    NoBody,
    NoLegalBasis,
    PersonalData,
    TextLimit,
)
from prereview.rules.contracts import ContractEssentials, Counterparty, DisputeClause
from prereview.rules.metadata import DateOrder, NumberFormat, Validity
from prereview.rules.procedure import (
    CollectiveDeliberation,
    Consultation,
    ConsultationMissing,
    DecisionProcedures,
    FairCompetitionReview,
)

RULES: list[Rule] = [
    NoBody(),
    TextLimit(),
    AttachmentText(),
    RepealedStatute(),
    AmendedStatute(),
    OwnDocument(),
    NoLegalBasis(),
    FairCompetitionPhrase(),
    PersonalData(),
    NumberFormat(),
    DateOrder(),
    Validity(),
    ConsultationMissing(),
    Consultation(),
    FairCompetitionReview(),
    CollectiveDeliberation(),
    DecisionProcedures(),
    ContractEssentials(),
    Counterparty(),
    DisputeClause(),
]
RULES_BY_CODE = {rule.code: rule for rule in RULES}

__all__ = [
    "ALL_KINDS",
    "CONTRACT",
    "DECISION",
    "DOCUMENT",
    "RULES",
    "RULES_BY_CODE",
    "Hit",
    "Rule",
    "Source",
]
