"""Translations are printed too: the guard reads each i18n value as it reads the original."""

from __future__ import annotations

from doc_service.compliance import check


def _violations(case, policy, document_type="dunning_letter"):
    return check(case, document_type, policy, prior_documents=None, locale="en")


def test_english_hours_outside_the_window_are_refused(example_case, policy):
    case = example_case("dunning_letter")
    case["contact"]["i18n"] = {"en": {"hours": "Monday to Sunday, 7:00 to 23:00"}}
    found = [(v.rule, v.path) for v in _violations(case, policy)]
    assert ("contact_hours", "case.contact.i18n.en.hours") in found
    assert all(path != "case.contact.hours" for _, path in found)


def test_a_translated_channel_with_another_account_is_refused(example_case, policy):
    case = example_case("dunning_letter")
    case["repayment"]["i18n"] = {
        "en": {"channels": ["The Example Finance app", "Transfer to account 6222 0000 1111 2222"]}
    }
    found = [(v.rule, v.path) for v in _violations(case, policy)]
    assert found == [("payment_account", "case.repayment.i18n.en.channels.1")]


def test_a_threat_in_a_translation_is_refused(example_case, policy):
    case = example_case("litigation_notice")
    case["litigation"]["i18n"] = {
        "zh-Hant": {"claims": ["判令被告償還借款", "逾期不還將報警抓人並追究刑事責任"]}
    }
    paths = {v.path for v in _violations(case, policy, "litigation_notice")}
    assert "case.litigation.i18n.zh-Hant.claims.1" in paths
