"""Writes of the review path (HackSoft style: keyword-only, atomic, refuse in Chinese)."""

from review.services.opinion_pdfs import letter_of, opinion_archive_file, opinion_letter_file
from review.services.opinions import opinion_issue
from review.services.records import (
    deliberation_record,
    fair_competition_record,
    filing_record,
    legacy_issue,
    sign_off,
)
from review.services.registration import registration_allocate, registration_register
from review.services.secrecy import secrecy_check_record

__all__ = [
    "deliberation_record",
    "fair_competition_record",
    "filing_record",
    "legacy_issue",
    "letter_of",
    "opinion_archive_file",
    "opinion_issue",
    "opinion_letter_file",
    "registration_allocate",
    "registration_register",
    "secrecy_check_record",
    "sign_off",
]
