"""Localised texts of the compliance rules: one dict per language, replaceable by a catalogue."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

# Keys are stable; a later Babel catalogue maps the same keys. Placeholders use str.format.
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "field.annual_interest_rate": "annual rate",
        "field.overdue_annual_rate": "overdue annual rate",
        "doc.dunning_letter": "dunning letter",
        "doc.lawyer_letter": "lawyer's letter",
        "doc.litigation_notice": "litigation notice",
        "doc.repayment_agreement": "repayment agreement",
        "or": " or ",
        "list_separator": "”, “",
        "interest_cap.licensed": "{field} {rate} exceeds the {cap} cap for a licensed lender",
        "interest_cap.private_lending": (
            "{field} {rate} exceeds the {cap} cap (4 × the one-year LPR of {lpr})"
        ),
        "notice_period": (
            "the deadline {deadline} is {days} days after the issue date {issue}; "
            "a {doc} must give at least {minimum} days"
        ),
        "reply_days": "a reply period of {days} days is shorter than the minimum of {minimum} days",
        "filing_date": (
            "the intended filing date {filing} is not after the repayment deadline {deadline}"
        ),
        "escalation_order": (
            "a {doc} requires an earlier {required} for case {case_id}; "
            "none was issued before {issue}"
        ),
        "contact_hours.outside": "contact time {value} is outside {earliest}–{latest}",
        "contact_hours.wraps": "contact period {start}–{end} runs past midnight",
        "contact_hours.round_the_clock": (
            "“{pattern}” promises contact at any hour; allowed hours are {earliest}–{latest}"
        ),
        "payment_account.name": (
            "the repayment account is held by “{holder}”, not by the creditor “{creditor}”"
        ),
        "payment_account.number": (
            "account number {number} is not the creditor's repayment account; "
            "payments may only go to the creditor's own account"
        ),
        "forbidden_wording": "{message} (matched “{patterns}”)",
    },
    "zh": {
        "field.annual_interest_rate": "年利率",
        "field.overdue_annual_rate": "逾期年利率",
        "doc.dunning_letter": "催收函",
        "doc.lawyer_letter": "律师函",
        "doc.litigation_notice": "起诉通知",
        "doc.repayment_agreement": "还款协议",
        "or": "或",
        "list_separator": "”、“",
        "interest_cap.licensed": "{field}{rate}超过持牌机构上限{cap}",
        "interest_cap.private_lending": "{field}{rate}超过上限{cap}（一年期LPR {lpr}的四倍）",
        "notice_period": "还款期限{deadline}距出具日{issue}仅{days}日，{doc}须至少给予{minimum}日",
        "reply_days": "回复期限{days}日短于最低要求{minimum}日",
        "filing_date": "拟起诉日期{filing}未晚于还款期限{deadline}",
        "escalation_order": "出具{doc}前须已向案件{case_id}出具{required}，{issue}之前未见记录",
        "contact_hours.outside": "联系时间{value}不在{earliest}至{latest}之间",
        "contact_hours.wraps": "联系时段{start}至{end}跨越午夜",
        "contact_hours.round_the_clock": (
            "“{pattern}”意味着任何时间联系，允许的时间为{earliest}至{latest}"
        ),
        "payment_account.name": "还款账户户名“{holder}”不是债权人“{creditor}”",
        "payment_account.number": "账号{number}不是债权人的还款账户，款项只能付至债权人本人账户",
        "forbidden_wording": "{message}（命中“{patterns}”）",
    },
}


def language(locale: str) -> str:
    """Return the message language for a BCP 47 locale: zh-* → zh, anything else → en."""
    # Traditional locales share the Simplified texts until a zh-Hant catalogue exists.
    return "zh" if locale.lower().startswith("zh") else "en"


def text(lang: str, key: str, **values: Any) -> str:
    """Return the message `key` in `lang`, with values formatted for that language."""
    formatted = {name: _format(lang, value) for name, value in values.items()}
    return MESSAGES[lang][key].format(**formatted)


def percent(rate: Decimal) -> str:
    """Return a rate fraction as a percentage with two decimals: 0.144 → 14.40%."""
    return f"{(rate * 100).quantize(Decimal('0.01'))}%"


def _format(lang: str, value: Any) -> str:
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)
