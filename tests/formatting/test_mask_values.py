import pytest

from doc_service.formatting import mask_id_number, mask_phone


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("110105198503075418", "110105********5418"),
        ("11010519850307541X", "110105********541X"),
        ("91110000100000000K", "911100********000K"),  # an 18-character USCC too
        ("110105850307541", "11***********41"),  # 15-digit first-generation ID
        ("E12345678", "E1*****78"),
        ("12345", "12*45"),
        ("1234", "****"),
        ("12", "**"),
        ("", ""),
    ],
)
def test_mask_id_number(value, expected):
    assert mask_id_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13800138000", "138****8000"),
        ("138-0013-8000", "138-****-8000"),
        ("138 0013 8000", "138 **** 8000"),
        ("+86 138 0013 8000", "+86 1** **** 8000"),
        ("010-62345678", "010-****5678"),
        ("(852) 2345 6789", "(852) **** 6789"),
        ("62345678", "623*5678"),
        ("1234567", "*****67"),
        ("95588", "***88"),
        ("110", "*10"),
        ("12", "**"),
        ("", ""),
        ("１３８００１３８０００", "１３８****８０００"),  # full-width digits are digits too
    ],
)
def test_mask_phone(value, expected):
    assert mask_phone(value) == expected
