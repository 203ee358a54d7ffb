"""flatten_errors: marshmallow's nested messages as dotted paths into the body."""

from __future__ import annotations

from schemas import flatten_errors


def test_nested_dicts_become_dotted_paths():
    messages = {"case": {"debtor": {"id_number": ["check digit does not match"]}}}
    assert flatten_errors(messages) == {"case.debtor.id_number": ["check digit does not match"]}


def test_list_indexes_become_path_parts():
    messages = {"case": {"agreement": {"installments": {2: {"due_date": ["late"]}}}}}
    assert flatten_errors(messages) == {"case.agreement.installments.2.due_date": ["late"]}


def test_schema_errors_attach_to_the_parent():
    messages = {"case": {"law_firm": {"_schema": ["Invalid input type."], "name": ["x"]}}}
    assert flatten_errors(messages) == {
        "case.law_firm": ["Invalid input type."],
        "case.law_firm.name": ["x"],
    }


def test_top_level_schema_errors_use_the_empty_path():
    assert flatten_errors({"_schema": ["Invalid input type."]}) == {"": ["Invalid input type."]}


def test_messages_at_one_path_are_kept_in_order():
    messages = {"a": ["one", {"_schema": ["two"]}], "b": {0: ["three"], 1: {"c": ["four"]}}}
    assert flatten_errors(messages) == {"a": ["one", "two"], "b.0": ["three"], "b.1.c": ["four"]}


def test_no_errors_flatten_to_nothing():
    assert flatten_errors({}) == {}
