"""The strict SCORM data types, to check every raw value a course sends to the LMS.

scorm-again forgives values that Moodle (and the specifications) reject, so the
tests record every call and check it here.  The patterns are Moodle's
(``mod/scorm/datamodels/scorm_12.js`` and ``scorm_13.js``), anchored at both
ends and tightened where Moodle's own regex is loose by accident, plus the
ordering rules of scorm-facts.md §2.4 and §5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

TIMESPAN_12 = re.compile(r"([0-9]{2,4}):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,2})?")
TIME_12 = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,2})?")
DECIMAL_12 = re.compile(r"-?[0-9]{0,3}(\.[0-9]*)?")
IDENTIFIER_12 = re.compile(r"[A-Za-z0-9_-]{1,255}")
CHOICE_12 = re.compile(r"[0-9a-z](,[0-9a-z])*")
STATUS_12 = re.compile(r"passed|completed|failed|incomplete|browsed")
EXIT_12 = re.compile(r"time-out|suspend|logout|")
RESULT_12 = re.compile(r"correct|wrong|unanticipated|neutral|[0-9]{0,3}(\.[0-9]+)?")
TYPE_12 = re.compile(r"true-false|choice|fill-in|matching|performance|sequencing|likert|numeric")

TIMESPAN_2004 = re.compile(
    r"P(\d+Y)?(\d+M)?(\d+D)?(T(((\d+H)(\d+M)?(\d+(\.\d{1,2})?S)?)|((\d+M)(\d+(\.\d{1,2})?S)?)|((\d+(\.\d{1,2})?S))))?")
TIME_2004 = re.compile(
    r"(19[7-9][0-9]|20[0-2][0-9]|203[0-8])(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3])"
    r"(:[0-5][0-9](:[0-5][0-9](\.[0-9]{1,2}(Z|[+-]([01][0-9]|2[0-3])(:[0-5][0-9])?)?)?)?)?)?)?)?")
DECIMAL_2004 = re.compile(r"-?[0-9]{1,5}(\.[0-9]{1,18})?")
LONG_IDENTIFIER = re.compile(r"(?!urn:)\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000}")
SHORT_IDENTIFIER = re.compile(r"[\w.]{1,250}", re.ASCII)
COMPLETION_2004 = re.compile(r"completed|incomplete|not attempted|unknown")
SUCCESS_2004 = re.compile(r"passed|failed|unknown")
EXIT_2004 = re.compile(r"time-out|suspend|logout|normal|")
RESULT_2004 = re.compile(r"correct|incorrect|unanticipated|neutral|-?[0-9]{1,4}(\.[0-9]{1,18})?")
TYPE_2004 = re.compile(r"true-false|choice|fill-in|long-fill-in|matching|performance|sequencing|likert|numeric|other")
LANG_PREFIX = re.compile(r"\{lang=([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?\}")
INTERACTION = re.compile(r"cmi\.interactions\.(\d+)\.(.+)")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Call:
    method: str
    args: list[str]
    result: str
    error: str

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Call:
        return cls(raw["method"], list(raw["args"]), raw["result"], raw["error"])


def _full(pattern: re.Pattern[str], value: str) -> bool:
    return pattern.fullmatch(value) is not None


def _decimal_in(value: str, low: float, high: float, pattern: re.Pattern[str]) -> bool:
    return value != "" and _full(pattern, value) and low <= float(value) <= high


def _localized(value: str, limit: int) -> bool:
    text = LANG_PREFIX.sub("", value, count=1) if value.startswith("{lang=") else value
    return len(text) <= limit and not text.startswith("{")


def check_value_12(element: str, value: str, types: dict[int, str]) -> str | None:
    """Why ``value`` is not a strict SCORM 1.2 value for ``element``; ``None`` when it is."""
    simple = {
        "cmi.core.lesson_status": lambda v: _full(STATUS_12, v),
        "cmi.core.exit": lambda v: _full(EXIT_12, v),
        "cmi.core.session_time": lambda v: _full(TIMESPAN_12, v),
        "cmi.core.lesson_location": lambda v: len(v) <= 255,
        "cmi.suspend_data": lambda v: len(v) <= 4096,
        "cmi.comments": lambda v: len(v) <= 4096,
        "cmi.core.score.raw": lambda v: _decimal_in(v, 0, 100, DECIMAL_12),
        "cmi.core.score.min": lambda v: _decimal_in(v, 0, 100, DECIMAL_12),
        "cmi.core.score.max": lambda v: _decimal_in(v, 0, 100, DECIMAL_12),
    }
    if element in simple:
        return None if simple[element](value) else f"{element}={value[:80]!r} is not a SCORM 1.2 value"
    match = INTERACTION.fullmatch(element)
    if not match:
        return f"{element} is not an element this course should set"
    index, field = int(match.group(1)), match.group(2)
    kind = types.get(index)
    if field == "id":
        ok = _full(IDENTIFIER_12, value)
    elif field == "type":
        ok = _full(TYPE_12, value)
    elif field in ("student_response", "correct_responses.0.pattern"):
        if kind is None:
            return f"{element} set before cmi.interactions.{index}.type"
        ok = _full(CHOICE_12, value) if kind == "choice" else len(value) <= 255
    elif field == "result":
        ok = value != "" and _full(RESULT_12, value)
    elif field == "weighting":
        ok = value != "" and _full(DECIMAL_12, value)
    elif field == "latency":
        ok = _full(TIMESPAN_12, value)
    elif field == "time":
        ok = _full(TIME_12, value)
    else:
        return f"{element} is not an element this course should set"
    return None if ok else f"{element}={value[:80]!r} is not a SCORM 1.2 value"


def check_value_2004(element: str, value: str, types: dict[int, str]) -> str | None:
    """Why ``value`` is not a strict SCORM 2004 value for ``element``; ``None`` when it is."""
    simple = {
        "cmi.completion_status": lambda v: _full(COMPLETION_2004, v),
        "cmi.success_status": lambda v: _full(SUCCESS_2004, v),
        "cmi.exit": lambda v: _full(EXIT_2004, v),
        "cmi.session_time": lambda v: _full(TIMESPAN_2004, v),
        "cmi.location": lambda v: len(v) <= 1000,
        "cmi.suspend_data": lambda v: len(v) <= 64000,
        "cmi.score.scaled": lambda v: _decimal_in(v, -1, 1, DECIMAL_2004),
        "cmi.score.raw": lambda v: _full(DECIMAL_2004, v),
        "cmi.score.min": lambda v: _full(DECIMAL_2004, v),
        "cmi.score.max": lambda v: _full(DECIMAL_2004, v),
        "cmi.progress_measure": lambda v: _decimal_in(v, 0, 1, DECIMAL_2004),
    }
    if element in simple:
        return None if simple[element](value) else f"{element}={value[:80]!r} is not a SCORM 2004 value"
    match = INTERACTION.fullmatch(element)
    if not match:
        return f"{element} is not an element this course should set"
    index, field = int(match.group(1)), match.group(2)
    kind = types.get(index)
    if field == "id":
        ok = _full(LONG_IDENTIFIER, value)
    elif field == "type":
        ok = _full(TYPE_2004, value)
    elif field in ("learner_response", "correct_responses.0.pattern"):
        if kind is None:
            return f"{element} set before cmi.interactions.{index}.type (error 408)"
        if kind == "choice":
            parts = value.split("[,]")
            ok = len(parts) <= 36 and len(set(parts)) == len(parts) and all(
                _full(SHORT_IDENTIFIER, part) for part in parts)
        elif kind == "long-fill-in":
            ok = _localized(value, 4000)
        else:
            ok = all(_localized(part, 250) for part in value.split("[,]"))
    elif field == "description":
        ok = "\n" not in value and _localized(value, 250)
    elif field == "result":
        ok = value != "" and _full(RESULT_2004, value)
    elif field == "weighting":
        ok = _full(DECIMAL_2004, value)
    elif field == "latency":
        ok = _full(TIMESPAN_2004, value)
    elif field == "timestamp":
        ok = _full(TIME_2004, value)
    else:
        return f"{element} is not an element this course should set"
    return None if ok else f"{element}={value[:80]!r} is not a SCORM 2004 value"


def check_calls(raw_calls: list[dict[str, Any]], version: str) -> list[str]:
    """Every way the recorded calls break the SCORM rules; an empty list when they keep them all."""
    calls = [Call.of(raw) for raw in raw_calls]
    v12 = version == "1.2"
    initialize, finish = ("LMSInitialize", "LMSFinish") if v12 else ("Initialize", "Terminate")
    set_value, get_value = ("LMSSetValue", "LMSGetValue") if v12 else ("SetValue", "GetValue")
    check = check_value_12 if v12 else check_value_2004
    problems: list[str] = []
    if not calls or calls[0].method != initialize:
        problems.append(f"the first call is not {initialize}")
    if [c.method for c in calls].count(initialize) != 1:
        problems.append(f"{initialize} is called {[c.method for c in calls].count(initialize)} times")
    finishes = [i for i, c in enumerate(calls) if c.method == finish]
    if len(finishes) > 1:
        problems.append(f"{finish} is called {len(finishes)} times")
    if finishes and finishes[0] != len(calls) - 1:
        problems.append(f"calls after {finish}: {[c.method for c in calls[finishes[0] + 1:]]}")
    types: dict[int, str] = {}
    fields: dict[int, list[str]] = {}
    count = None
    status_element = "cmi.core.lesson_status" if v12 else "cmi.success_status"
    score_set = False
    for call in calls:
        if call.method in (initialize, finish, "LMSCommit", "Commit") and call.args != [""]:
            problems.append(f"{call.method}({call.args}) must take the empty string")
        if call.method in (initialize, finish, "LMSCommit", "Commit", set_value) and call.result != "true":
            problems.append(f"{call.method}{tuple(call.args)} returned {call.result} (error {call.error})")
        if call.method == get_value:
            element = call.args[0]
            if element == "cmi.interactions._count":
                count = int(call.result or 0)
            elif INTERACTION.fullmatch(element):
                problems.append(f"reads back {element}; interactions are written, never read")
            if call.error not in ("0", "403"):  # 403: not set yet, how a first launch looks
                problems.append(f"{get_value}({element}) gave error {call.error}")
        if call.method != set_value:
            continue
        element, value = call.args
        problem = check(element, value, types)
        if problem:
            problems.append(problem)
        if LONE_SURROGATE.search(value):
            problems.append(f"{element} holds half of a character (a lone UTF-16 surrogate), not text")
        if element.startswith("cmi.core.score.raw") or element == "cmi.score.scaled":
            score_set = True
        if element == status_element and value in ("passed", "failed") and not score_set:
            problems.append(f"{element}={value} set before the score")
        match = INTERACTION.fullmatch(element)
        if match:
            index, field = int(match.group(1)), match.group(2)
            seen = fields.setdefault(index, [])
            if not seen and field != "id":
                problems.append(f"cmi.interactions.{index}: {field} set before id")
            if field == "type":
                types[index] = value
            if count is None:
                problems.append(f"cmi.interactions.{index} written without reading cmi.interactions._count")
            elif index > count:
                problems.append(f"cmi.interactions.{index} skips an index (count was {count})")
            elif index == count:
                count += 1
            seen.append(field)
    return problems


def last_values(raw_calls: list[dict[str, Any]], version: str) -> dict[str, str]:
    """The last value set for each element."""
    set_value = "LMSSetValue" if version == "1.2" else "SetValue"
    values: dict[str, str] = {}
    for raw in raw_calls:
        if raw["method"] == set_value:
            values[raw["args"][0]] = raw["args"][1]
    return values


def interactions(raw_calls: list[dict[str, Any]], version: str) -> list[dict[str, str]]:
    """The interactions as written, in index order, each as {field: value}."""
    found: dict[int, dict[str, str]] = {}
    for element, value in _sets(raw_calls, version):
        match = INTERACTION.fullmatch(element)
        if match:
            found.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return [found[index] for index in sorted(found)]


def _sets(raw_calls: list[dict[str, Any]], version: str) -> list[tuple[str, str]]:
    set_value = "LMSSetValue" if version == "1.2" else "SetValue"
    return [(raw["args"][0], raw["args"][1]) for raw in raw_calls if raw["method"] == set_value]


def uncommitted_answers(raw_calls: list[dict[str, Any]], version: str) -> list[int]:
    """Indexes of answered questions (choice interactions) not followed by a Commit before the next one starts."""
    set_value, commit = ("LMSSetValue", "LMSCommit") if version == "1.2" else ("SetValue", "Commit")
    waiting: list[int] = []
    missed: list[int] = []
    for raw in raw_calls:
        if raw["method"] == commit:
            waiting.clear()
        elif raw["method"] == set_value:
            match = INTERACTION.fullmatch(raw["args"][0])
            if match and match.group(2) == "id":
                missed += waiting
                waiting.clear()
            if match and match.group(2) == "type" and raw["args"][1] == "choice":
                waiting.append(int(match.group(1)))
    return missed + waiting
