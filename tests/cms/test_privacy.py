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


# ---- an ID with a wrong check digit is a mistyped ID, not a bank card --------------------


def with_luhn_digit(body: str) -> str:
    """``body`` completed with the digit that makes it pass Luhn."""
    return next(body + d for d in "0123456789" if privacy.luhn_ok(body + d))


def mistyped_id_passing_luhn(first14: str = "64030319900101") -> str:
    """An ID-shaped number (region, birth date) whose check digit is wrong yet passes Luhn."""
    for serial in range(1000):
        for check in "0123456789":
            value = f"{first14}{serial:03d}{check}"
            if not privacy.is_resident_id(value) and privacy.luhn_ok(value):
                return value
    raise AssertionError("no such number")


MISTYPED_ID = mistyped_id_passing_luhn()
CARD_16 = with_luhn_digit("622202020011223")  # 工商银行 BIN 622202
CARD_19 = with_luhn_digit("621700123456789012")  # 建设银行 BIN 621700
CARD_18 = with_luhn_digit("62284800123456789")  # BIN 622848; "0012" is no birth year


def test_the_constructed_numbers_are_what_the_tests_say():
    assert len(MISTYPED_ID) == 18 and privacy.looks_like_resident_id(MISTYPED_ID)
    assert not privacy.is_resident_id(MISTYPED_ID) and privacy.luhn_ok(MISTYPED_ID)
    assert [len(CARD_16), len(CARD_18), len(CARD_19)] == [16, 18, 19]
    assert all(privacy.luhn_ok(card) for card in (CARD_16, CARD_18, CARD_19))
    assert not privacy.looks_like_resident_id(CARD_18)


def test_a_valid_id_is_an_id_without_a_note():
    [number] = privacy.find_personal_numbers(f"身份证号：{VALID_ID}。")
    assert (number.kind, number.note, number.label) == ("身份证号", "", "身份证号")
    assert number.text == VALID_ID


def test_an_id_with_a_wrong_check_digit_that_passes_luhn_is_a_mistyped_id():
    text = f"低保对象马某，身份证号{MISTYPED_ID}，按月发放。"
    [number] = privacy.find_personal_numbers(text)
    assert number.kind == "身份证号"
    assert number.note == privacy.WRONG_CHECK_DIGIT
    assert number.label == "身份证号（校验位不符）"
    assert text[number.start : number.end] == MISTYPED_ID
    masked = privacy.mask_personal_numbers(text)
    assert MISTYPED_ID not in masked
    assert f"{MISTYPED_ID[:6]}********{MISTYPED_ID[-4:]}" in masked


def test_a_spaced_mistyped_id_is_also_an_id():
    spaced = f"{MISTYPED_ID[:6]} {MISTYPED_ID[6:14]} {MISTYPED_ID[14:]}"
    [number] = privacy.find_personal_numbers(f"号码{spaced}。")
    assert number.label == "身份证号（校验位不符）"


@pytest.mark.parametrize(
    "text",
    [
        f"卡号{CARD_16}。",
        f"卡号{CARD_19}。",
        f"卡号{CARD_18}。",
        f"卡号{CARD_16[:4]} {CARD_16[4:8]} {CARD_16[8:12]} {CARD_16[12:]}。",
        f"卡号{CARD_19[:6]}-{CARD_19[6:]}。",
    ],
)
def test_real_bank_card_numbers_stay_bank_cards(text):
    [number] = privacy.find_personal_numbers(text)
    assert (number.kind, number.note) == ("银行卡号", "")


@pytest.mark.parametrize(
    "first14",
    [
        "99030319900101",  # no province 99
        "64030319000229",  # 1900 was not a leap year
        "64030319901301",  # month 13
        "64030300120101",  # year 0012
        "64030330000101",  # born in the future
    ],
)
def test_an_18_digit_card_not_shaped_like_an_id_stays_a_bank_card(first14):
    card = with_luhn_digit(first14 + "123")
    assert privacy.luhn_ok(card) and not privacy.looks_like_resident_id(card)
    [number] = privacy.find_personal_numbers(f"卡号{card}。")
    assert number.kind == "银行卡号"


def test_a_card_with_an_id_check_digit_but_no_id_shape_stays_a_bank_card():
    card = next(
        value
        for n in range(1000)
        if privacy.luhn_ok(value := with_luhn_digit(f"99030319900101{n:03d}"))
        and privacy.id_check_digit(value[:17]) == value[17]
    )
    assert not privacy.is_resident_id(card)
    [number] = privacy.find_personal_numbers(f"卡号{card}。")
    assert number.kind == "银行卡号"


@pytest.mark.parametrize(
    "text",
    [
        f"流水号1{VALID_ID[:-1]}1234",  # an ID inside a 21-digit run
        f"流水号9{MISTYPED_ID}9",
        f"流水号{MISTYPED_ID}0123456",
        f"编码AB{VALID_ID}",
        f"编码{VALID_ID}Z",
        f"流水号{CARD_19}88",
        f"流水号77{CARD_16}77777",
    ],
)
def test_numbers_inside_longer_digit_runs_are_not_matched(text):
    assert privacy.find_personal_numbers(text) == []


def id_shaped_failing_both_checks() -> str:
    return next(
        value
        for n in range(10_000)
        if not privacy.is_resident_id(value := f"64030319900101{n:04d}")
        and not privacy.luhn_ok(value)
    )


@pytest.mark.parametrize("spaced", [False, True])
def test_an_id_shaped_number_failing_both_checks_is_still_a_mistyped_id(spaced):
    """One wrong digit still names the person: it is flagged and masked, Luhn or not."""
    value = id_shaped_failing_both_checks()
    written = f"{value[:6]} {value[6:14]} {value[14:]}" if spaced else value
    text = f"救助对象马某，身份证号{written}，已核实。"
    [number] = privacy.find_personal_numbers(text)
    assert number.label == "身份证号（校验位不符）"
    assert text[number.start : number.end] == written
    masked = privacy.mask_personal_numbers(text)
    assert value[6:14] not in masked
    assert f"{value[:6]}********{value[-4:]}" in masked


def test_an_18_digit_number_failing_luhn_without_an_id_shape_is_not_flagged():
    serial = next(
        value for n in range(10_000) if not privacy.luhn_ok(value := f"99030319900101{n:04d}")
    )
    assert privacy.find_personal_numbers(f"流水号{serial}。") == []


def test_the_api_masks_a_mistyped_id_and_names_it_in_the_warning(caplog):
    from portal.api.privacy import mask_data

    with caplog.at_level("WARNING", logger="portal.api.privacy"):
        data = mask_data({"body": [f"身份证号{MISTYPED_ID}"]}, where="/api/v2/documents/")
    assert MISTYPED_ID not in data["body"][0]
    assert "********" in data["body"][0]
    assert "身份证号（校验位不符）" in caplog.text
