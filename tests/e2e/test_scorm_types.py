"""The strict validators catch the values real LMSs reject (so a passing e2e run means something)."""

from __future__ import annotations

import pytest
from scorm_types import SCORM_12, SCORM_2004, check_calls, check_value, uncommitted_answers


@pytest.mark.parametrize(("element", "value"), [
    ("cmi.core.session_time", "0:00:05"),          # one hour digit: Moodle rejects it
    ("cmi.core.session_time", "PT5S"),
    ("cmi.core.session_time", "00:00:05.123"),
    ("cmi.core.score.raw", "150"),
    ("cmi.core.score.raw", ""),
    ("cmi.core.lesson_status", "not attempted"),
    ("cmi.core.exit", "normal"),
    ("cmi.suspend_data", "x" * 4097),
    ("cmi.score.raw", "100"),                       # a 2004 element in 1.2
    ("cmi.interactions.0.id", "has space"),
])
def test_scorm_12_rejects(element: str, value: str) -> None:
    assert check_value(SCORM_12, element, value, {}) is not None


@pytest.mark.parametrize(("element", "value", "kind"), [
    ("cmi.interactions.0.student_response", "1,15", "choice"),
    ("cmi.interactions.0.student_response", "a[,]b", "choice"),
    ("cmi.interactions.0.student_response", "x" * 256, "fill-in"),
    ("cmi.interactions.0.result", "incorrect", "choice"),
    ("cmi.interactions.0.time", "2026-01-01T10:00:00", "choice"),
    ("cmi.interactions.0.latency", "PT2S", "choice"),
])
def test_scorm_12_interactions_reject(element: str, value: str, kind: str) -> None:
    assert check_value(SCORM_12, element, value, {0: kind}) is not None


def test_scorm_12_accepts_good_values() -> None:
    types = {0: "choice"}
    for element, value in [("cmi.core.session_time", "00:01:05.25"), ("cmi.core.score.raw", "66.67"),
                           ("cmi.core.exit", ""), ("cmi.interactions.0.student_response", "a,b,d"),
                           ("cmi.interactions.0.result", "wrong"), ("cmi.interactions.0.time", "23:59:59")]:
        assert check_value(SCORM_12, element, value, types) is None


@pytest.mark.parametrize(("element", "value", "kind"), [
    ("cmi.session_time", "PT1.234S", None),
    ("cmi.session_time", "PT10", None),
    ("cmi.session_time", "P0S", None),
    ("cmi.score.scaled", "1.5", None),
    ("cmi.exit", "finished", None),
    ("cmi.interactions.0.timestamp", "2026-11-23T09:10:49.123Z", "choice"),
    ("cmi.interactions.0.timestamp", "2026-11-23T09:10:49Z", "choice"),  # Moodle: a zone only after the fraction
    ("cmi.interactions.0.learner_response", "a,b", "choice"),
    ("cmi.interactions.0.learner_response", "a[,]a", "choice"),
    ("cmi.interactions.0.learner_response", "choice-a", "choice"),
    ("cmi.interactions.0.result", "wrong", "choice"),
    ("cmi.interactions.0.description", "x" * 251, "choice"),
    ("cmi.interactions.0.learner_response", "x" * 4001, "long-fill-in"),
    # A localized string is one line, and "{" after the language tag would open another (scorm-again 406).
    ("cmi.interactions.0.learner_response", "Line one\nline two", "long-fill-in"),
    ("cmi.interactions.0.learner_response", "{lang=en}{hi} there", "long-fill-in"),
])
def test_scorm_2004_rejects(element: str, value: str, kind: str | None) -> None:
    assert check_value(SCORM_2004, element, value, {0: kind} if kind else {}) is not None


def test_scorm_2004_accepts_good_values() -> None:
    types = {0: "choice", 1: "long-fill-in"}
    for element, value in [("cmi.session_time", "PT0H1M5.25S"), ("cmi.score.scaled", "0.6667"),
                           ("cmi.interactions.0.timestamp", "2026-11-23T09:10:49.12Z"),
                           ("cmi.interactions.0.learner_response", "a[,]b[,]d"),
                           ("cmi.interactions.1.learner_response", "Line one / line two")]:
        assert check_value(SCORM_2004, element, value, types) is None


def call(method: str, *args: str, result: str = "true") -> dict[str, object]:
    return {"method": method, "args": list(args), "result": result, "error": "0"}


def test_call_order_rules() -> None:
    good = [call("Initialize", ""), call("GetValue", "cmi.interactions._count", result="0"),
            call("SetValue", "cmi.interactions.0.id", "q1"), call("SetValue", "cmi.interactions.0.type", "choice"),
            call("SetValue", "cmi.interactions.0.learner_response", "a"), call("Terminate", "")]
    assert check_calls(good, "2004") == []
    type_first = [good[0], good[1], good[3], good[2], good[4], good[5]]
    assert "cmi.interactions.0: type set before id" in check_calls(type_first, "2004")
    twice = [*good, call("Terminate", "", result="false")]
    assert any("Terminate is called 2 times" in p for p in check_calls(twice, "2004"))
    skipped = [good[0], good[1], call("SetValue", "cmi.interactions.3.id", "q1"), good[5]]
    assert any("skips an index" in p for p in check_calls(skipped, "2004"))
    status_first = [call("LMSInitialize", ""), call("LMSSetValue", "cmi.core.lesson_status", "passed"),
                    call("LMSSetValue", "cmi.core.score.raw", "100"), call("LMSFinish", "")]
    assert "cmi.core.lesson_status=passed set before the score" in check_calls(status_first, "1.2")
    read_back = [call("LMSInitialize", ""), call("LMSGetValue", "cmi.interactions.0.id"), call("LMSFinish", "")]
    assert any("reads back" in p for p in check_calls(read_back, "1.2"))


def test_an_answer_without_a_commit_is_caught() -> None:
    answered = [call("SetValue", "cmi.interactions.0.id", "q1"), call("SetValue", "cmi.interactions.0.type", "choice")]
    second = [call("SetValue", "cmi.interactions.1.id", "q2"), call("SetValue", "cmi.interactions.1.type", "choice")]
    reflection = [call("SetValue", "cmi.interactions.2.id", "r"),
                  call("SetValue", "cmi.interactions.2.type", "long-fill-in")]
    assert uncommitted_answers([*answered, call("Commit", ""), *second, call("Commit", ""), *reflection], "2004") == []
    assert uncommitted_answers([*answered, *second, call("Commit", "")], "2004") == [0]
    assert uncommitted_answers([*answered, call("Commit", ""), *second], "2004") == [1]


def test_half_a_character_is_caught() -> None:
    calls = [call("LMSInitialize", ""), call("LMSSetValue", "cmi.suspend_data", "x\ud83d"), call("LMSFinish", "")]
    assert any("lone UTF-16 surrogate" in problem for problem in check_calls(calls, "1.2"))
