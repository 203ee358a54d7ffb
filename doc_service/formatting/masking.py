"""Mask personal identifiers for display (个人信息保护法: minimal disclosure)."""

_MASK = "*"
_RESIDENT_ID_LENGTH = 18
_MOBILE_LENGTH = 11


def mask_id_number(value: str) -> str:
    """Mask an ID: resident IDs keep 6 + 4 characters, others 2 + 2, short ones none."""
    length = len(value)
    if length == _RESIDENT_ID_LENGTH:
        keep_head, keep_tail = 6, 4
    elif length > 4:
        keep_head, keep_tail = 2, 2
    else:
        return _MASK * length
    return value[:keep_head] + _MASK * (length - keep_head - keep_tail) + value[-keep_tail:]


def mask_phone(value: str) -> str:
    """Mask a phone number's digits, keeping separators and the first 3 and last 4 digits."""
    # isdecimal() also catches full-width digits, which must not slip through unmasked.
    digit_count = sum(char.isdecimal() for char in value)
    if digit_count >= 8:  # includes 11-digit mobiles: 13800138000 → 138****8000
        keep_head, keep_tail = 3, 4
    elif digit_count > 2:
        keep_head, keep_tail = 0, 2
    else:
        # Keeping the last two of two digits would show everything.
        keep_head, keep_tail = 0, 0
    out: list[str] = []
    seen = 0
    for char in value:
        if char.isdecimal():
            keep = seen < keep_head or seen >= digit_count - keep_tail
            out.append(char if keep else _MASK)
            seen += 1
        else:
            out.append(char)
    return "".join(out)
