from datetime import date

import pytest

from cms import rules


@pytest.mark.parametrize(
    "raw",
    [
        "红民发〔2023〕12号",
        "红民发[2023]12号",
        "红民发【2023】12号",
        "红民发(2023)12号",
        "红民发（2023）012号",
    ],
)
def test_doc_number_look_alike_brackets_are_normalised(raw):
    assert rules.normalise_doc_number(raw) == "红民发〔2023〕12号"


@pytest.mark.parametrize(
    "raw", ["红民发2023年12号", "〔2023〕12号", "红民发〔23〕12号", "红民发〔2023〕", ""]
)
def test_malformed_doc_numbers_are_rejected(raw):
    assert rules.normalise_doc_number(raw) == ""


def test_validity_is_five_years_counted_from_effective_date():
    assert rules.latest_valid_until("社会救助实施办法", date(2023, 3, 1)) == date(2028, 2, 29)


@pytest.mark.parametrize("title", ["临时救助暂行办法", "养老服务补贴发放办法（试行）"])
def test_provisional_documents_are_valid_at_most_two_years(title):
    assert rules.latest_valid_until(title, date(2025, 3, 1)) == date(2027, 2, 28)
    assert rules.validity_error(title, date(2025, 3, 1), date(2027, 3, 1))
    assert not rules.validity_error(title, date(2025, 3, 1), date(2026, 3, 1))


def test_validity_override_beyond_five_years_is_refused():
    assert "5年" in rules.validity_error("救助办法", date(2023, 1, 1), date(2028, 1, 1))
    assert not rules.validity_error("救助办法", date(2023, 1, 1), date(2027, 12, 31))


def test_validity_must_end_after_it_starts():
    assert rules.validity_error("救助办法", date(2023, 1, 1), date(2023, 1, 1))


def test_leap_day_effective_date():
    assert rules.latest_valid_until("办法", date(2024, 2, 29)) == date(2029, 2, 28)
