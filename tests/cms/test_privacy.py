"""The publishing guard's detector: real check digits, no false alarms on 文号 or amounts."""

import pytest

from cms import privacy

VALID_ID = "11010519491231002X"  # GB 11643 example with check digit X


def test_resident_id_check_digit_follows_gb11643():
    assert privacy.id_check_digit(VALID_ID[:17]) == "X"
    assert privacy.is_resident_id(VALID_ID)
    assert not privacy.is_resident_id("110105194912310021")


def test_id_mobile_and_bank_card_are_found_in_a_beneficiary_list():
    text = f"张某，身份证号{VALID_ID}，电话 138 1234 5678，银行卡6222020200112233444外加"
    kinds = [n.kind for n in privacy.find_personal_numbers(text)]
    assert kinds[:2] == ["身份证号", "手机号"]


def test_luhn_valid_bank_card_is_found_and_invalid_is_not():
    assert privacy.luhn_ok("4111111111111111")
    found = privacy.find_personal_numbers("卡号4111111111111111。")
    assert [n.kind for n in found] == ["银行卡号"]
    assert not privacy.find_personal_numbers("卡号4111111111111112。")


@pytest.mark.parametrize(
    "text",
    [
        "红民发〔2023〕12号",
        "补助资金12508.94万元",
        "2023年1月1日起施行",
        "合同金额420000.00元",
        "第110105条",
    ],
)
def test_ordinary_numbers_are_not_personal_data(text):
    assert privacy.find_personal_numbers(text) == []


def test_masking_keeps_head_and_tail_only():
    masked = privacy.mask_personal_numbers(f"身份证{VALID_ID}，手机13812345678")
    assert "110105********002X" in masked
    assert "138****5678" in masked
    assert VALID_ID not in masked
    assert privacy.find_personal_numbers(masked) == []
