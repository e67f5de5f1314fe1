"""Writes of the review path (HackSoft style: keyword-only, atomic, refuse in Chinese)."""

from review.services.opinions import letter_of, opinion_issue
from review.services.records import (
    deliberation_record,
    fair_competition_record,
    filing_record,
    legacy_issue,
    sign_off,
)
from review.services.registration import registration_allocate, registration_register

__all__ = [
    "deliberation_record",
    "fair_competition_record",
    "filing_record",
    "legacy_issue",
    "letter_of",
    "opinion_issue",
    "registration_allocate",
    "registration_register",
    "sign_off",
]
