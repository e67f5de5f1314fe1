"""Content models of the bureau. Submodules depend on ``cms.rules`` only, never on review/search."""

from cms.models.attachments import AttachmentFile
from cms.models.consultations import CommentResponse, DecisionConsultation, PublicComment
from cms.models.contracts import Contract, ContractAttachment, ContractType
from cms.models.decision_drafts import DecisionDraftPage
from cms.models.decision_records import (
    DecisionMeeting,
    ExpertOpinion,
    RiskAssessment,
    RiskLevel,
)
from cms.models.decisions import (
    PROCEDURES,
    DecisionItem,
    DecisionItemStatus,
    DecisionListIndexPage,
    MajorDecisionListPage,
)
from cms.models.departments import Department, DepartmentKind
from cms.models.documents import (
    DepartmentFolderPage,
    DocumentAttachment,
    DocumentIndexPage,
    DocumentLegalBasis,
    NormativeDocumentPage,
    PortalHomePage,
    Topic,
    ValidityStatus,
)
from cms.models.openness import (
    DisclosureAttribute,
    PolicyInterpretation,
    WithholdingArticle,
)
from cms.models.powers import (
    PUBLIC_POWER_FIELDS,
    PowerCategory,
    PowerItem,
    PowerListImport,
    PowerStatus,
)
from cms.models.relief import (
    ReliefDisclosurePage,
    ReliefFolderPage,
    ReliefIndexPage,
    ReliefRow,
    ReliefType,
)
from cms.models.roles import RoleGroup
from cms.models.statutes import Statute, StatuteImport, StatuteLevel, StatuteStatus

__all__ = [
    "PROCEDURES",
    "PUBLIC_POWER_FIELDS",
    "AttachmentFile",
    "CommentResponse",
    "Contract",
    "ContractAttachment",
    "ContractType",
    "DecisionConsultation",
    "DecisionDraftPage",
    "DecisionItem",
    "DecisionItemStatus",
    "DecisionListIndexPage",
    "DecisionMeeting",
    "Department",
    "DepartmentFolderPage",
    "DepartmentKind",
    "DisclosureAttribute",
    "DocumentAttachment",
    "DocumentIndexPage",
    "DocumentLegalBasis",
    "ExpertOpinion",
    "MajorDecisionListPage",
    "NormativeDocumentPage",
    "PolicyInterpretation",
    "PortalHomePage",
    "PowerCategory",
    "PowerItem",
    "PowerListImport",
    "PowerStatus",
    "PublicComment",
    "ReliefDisclosurePage",
    "ReliefFolderPage",
    "ReliefIndexPage",
    "ReliefRow",
    "ReliefType",
    "RiskAssessment",
    "RiskLevel",
    "RoleGroup",
    "Statute",
    "StatuteImport",
    "StatuteLevel",
    "StatuteStatus",
    "Topic",
    "ValidityStatus",
    "WithholdingArticle",
]
