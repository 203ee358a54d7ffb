"""Policy files: the default loads, a custom file changes the digest, a bad file is refused."""

from __future__ import annotations

import hashlib
import json
from datetime import time
from decimal import Decimal

import pytest

from doc_service.compliance import DEFAULT_POLICY_PATH, PolicyError, load_policy, policy_summary


def test_default_policy_settings(policy):
    assert policy.interest.mode == "licensed"
    assert policy.interest.cap == Decimal("0.24")
    assert dict(policy.notice.min_days) == {
        "dunning_letter": 7,
        "lawyer_letter": 7,
        "litigation_notice": 7,
    }
    assert policy.notice.min_reply_days == 7
    assert policy.escalation.litigation_notice_requires == ("dunning_letter", "lawyer_letter")
    assert policy.escalation.lawyer_letter_requires_dunning_letter is False
    assert (policy.contact_hours.earliest, policy.contact_hours.latest) == (time(8), time(22))
    assert {c.name for c in policy.forbidden_wording} >= {
        "criminal_threat",
        "third_party_contact",
        "impersonation",
        "insult",
        "publication",
    }


def test_digest_is_sha256_of_the_raw_file(policy):
    assert policy.digest == hashlib.sha256(DEFAULT_POLICY_PATH.read_bytes()).hexdigest()
    assert load_policy(str(DEFAULT_POLICY_PATH)) == policy


def test_credit_reporting_is_not_forbidden(policy):
    patterns = [p.normalised for c in policy.forbidden_wording for p in c.patterns]
    assert not any("征信" in pattern for pattern in patterns)


def test_custom_policy_changes_digest_and_settings(policy, tmp_path):
    path = tmp_path / "custom.yaml"
    path.write_bytes(policy.source.replace(b'max_annual_rate: "0.24"', b'max_annual_rate: "0.18"'))
    custom = load_policy(path)
    assert custom.interest.cap == Decimal("0.18")
    assert custom.digest != policy.digest


def test_even_a_comment_is_a_new_version(policy, tmp_path):
    path = tmp_path / "commented.yaml"
    path.write_bytes(policy.source + b"# reviewed 2025-03-01\n")
    assert load_policy(path).digest != policy.digest


def test_minimal_policy_uses_the_documented_defaults(tmp_path):
    path = tmp_path / "minimal.yaml"
    path.write_text("forbidden_wording: {}\n", encoding="utf-8")
    minimal = load_policy(path)
    assert minimal.interest.cap == Decimal("0.24")
    assert minimal.notice.min_days_for("lawyer_letter") == 7
    assert minimal.forbidden_wording == ()


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("interest: [unclosed\n", "not valid UTF-8 YAML"),
        ("- just\n- a list\n", "expected a mapping"),
        ("interest: {mode: licensed}\n", "forbidden_wording is required"),
        ("forbidden_wording: {}\nnotice: {min_day: 7}\n", "unknown key(s) min_day"),
        ("forbidden_wording: {}\ninterest: {mode: payday}\n", "interest.mode"),
        ("forbidden_wording: {}\ninterest: {mode: private_lending}\n", "lpr_one_year is required"),
        ("forbidden_wording: {}\ninterest: {max_annual_rate: 24}\n", "between 0 and 1"),
        ("forbidden_wording: {}\ninterest: {max_annual_rate: abc}\n", "not a number"),
        ("forbidden_wording: {}\ncontact_hours: {latest: 22:00}\n", 'quoted "HH:MM"'),
        ('forbidden_wording: {}\ncontact_hours: {earliest: "22:00", latest: "08:00"}\n', "before"),
        ("forbidden_wording: {}\nnotice: {min_days: {summons: 7}}\n", "unknown document type"),
        ("forbidden_wording: {}\nnotice: {min_reply_days: -1}\n", "whole number"),
        ("forbidden_wording: {}\nescalation: {litigation_notice_requires: [fax]}\n", "fax"),
        ("forbidden_wording: {}\nforbidden_wording: {}\n", "duplicate key"),
        ("forbidden_wording: {x: {message: {en: a}, patterns: [b]}}\n", "languages en, zh"),
        ("forbidden_wording: {x: {message: {en: a, zh: b}, patterns: ['*']}}\n", "no letters"),
        ("forbidden_wording: {x: {message: {en: a, zh: b}, patterns: []}}\n", None),
    ],
)
def test_invalid_policy_is_refused_with_a_reason(tmp_path, text, complaint):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    if complaint is None:
        load_policy(path)  # an empty category is allowed, if pointless
        return
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert complaint in str(caught.value)
    assert str(path) in str(caught.value)


def test_unreadable_policy_is_refused(tmp_path):
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path / "missing.yaml")


def test_non_utf8_policy_is_refused(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(PolicyError, match="UTF-8"):
        load_policy(path)


def test_summary_is_json_and_names_digest_and_settings(policy):
    summary = json.loads(json.dumps(policy_summary(policy), ensure_ascii=False))
    assert summary["digest"] == policy.digest
    assert summary["interest"]["effective_cap"] == "0.24"
    assert summary["contact_hours"] == {
        "earliest": "08:00",
        "latest": "22:00",
        "round_the_clock": summary["contact_hours"]["round_the_clock"],
    }
    assert "逮捕" in summary["forbidden_wording"]["criminal_threat"]["patterns"]
    assert summary["forbidden_wording"]["insult"]["message"]["zh"] == "侮辱、贬损债务人"


def test_policy_is_frozen(policy):
    with pytest.raises(AttributeError):
        policy.name = "changed"
