"""The strict SCORM data types, to check every raw value a course sends to the LMS.

scorm-again forgives values that Moodle (and the specifications) reject, so the
tests record every call and check it here.  The patterns are Moodle's
(``mod/scorm/datamodels/scorm_12.js`` and ``scorm_13.js``), anchored at both
ends and tightened where Moodle's own regex is loose by accident, plus the
ordering rules of scorm-facts.md §2.4 and §5.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
    # One line: Moodle's and scorm-again's patterns match it with "." (no line terminators).
    text = LANG_PREFIX.sub("", value, count=1) if value.startswith("{lang=") else value
    return len(value) <= limit and not text.startswith("{") and not re.search(r"[\n\r\u2028\u2029]", value)


@dataclass(frozen=True)
class DataModel:
    """One SCORM version: its API's names and the strict type of each element a course sets."""

    name: str
    initialize: str
    finish: str
    set_value: str
    get_value: str
    commit: str
    status: str
    """The element that takes passed or failed, which must come after the score."""
    elements: dict[str, Callable[[str], bool]]
    interaction_fields: dict[str, Callable[[str], bool]]
    """Interaction fields whose type does not depend on the interaction's type."""
    response_fields: tuple[str, ...]
    response: Callable[[str, str], bool]
    """(interaction type, value): the learner's and the correct response."""
    response_before_type: str
    """How a response set before its interaction's type is reported."""


def _response_12(kind: str, value: str) -> bool:
    return _full(CHOICE_12, value) if kind == "choice" else len(value) <= 255


def _response_2004(kind: str, value: str) -> bool:
    if kind == "choice":
        parts = value.split("[,]")
        return len(parts) <= 36 and len(set(parts)) == len(parts) and all(
            _full(SHORT_IDENTIFIER, part) for part in parts)
    if kind == "long-fill-in":
        return _localized(value, 4000)
    return all(_localized(part, 250) for part in value.split("[,]"))


SCORM_12 = DataModel(
    name="SCORM 1.2", initialize="LMSInitialize", finish="LMSFinish", set_value="LMSSetValue",
    get_value="LMSGetValue", commit="LMSCommit", status="cmi.core.lesson_status",
    elements={
        "cmi.core.lesson_status": lambda v: _full(STATUS_12, v),
        "cmi.core.exit": lambda v: _full(EXIT_12, v),
        "cmi.core.session_time": lambda v: _full(TIMESPAN_12, v),
        "cmi.core.lesson_location": lambda v: len(v) <= 255,
        "cmi.suspend_data": lambda v: len(v) <= 4096,
        "cmi.comments": lambda v: len(v) <= 4096,
        "cmi.core.score.raw": lambda v: _decimal_in(v, 0, 100, DECIMAL_12),
        "cmi.core.score.min": lambda v: _decimal_in(v, 0, 100, DECIMAL_12),
        "cmi.core.score.max": lambda v: _decimal_in(v, 0, 100, DECIMAL_12),
    },
    interaction_fields={
        "id": lambda v: _full(IDENTIFIER_12, v),
        "type": lambda v: _full(TYPE_12, v),
        "result": lambda v: v != "" and _full(RESULT_12, v),
        "weighting": lambda v: v != "" and _full(DECIMAL_12, v),
        "latency": lambda v: _full(TIMESPAN_12, v),
        "time": lambda v: _full(TIME_12, v),
    },
    response_fields=("student_response", "correct_responses.0.pattern"),
    response=_response_12,
    response_before_type="",
)

SCORM_2004 = DataModel(
    name="SCORM 2004", initialize="Initialize", finish="Terminate", set_value="SetValue",
    get_value="GetValue", commit="Commit", status="cmi.success_status",
    elements={
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
    },
    interaction_fields={
        "id": lambda v: _full(LONG_IDENTIFIER, v),
        "type": lambda v: _full(TYPE_2004, v),
        "description": lambda v: "\n" not in v and _localized(v, 250),
        "result": lambda v: v != "" and _full(RESULT_2004, v),
        "weighting": lambda v: _full(DECIMAL_2004, v),
        "latency": lambda v: _full(TIMESPAN_2004, v),
        "timestamp": lambda v: _full(TIME_2004, v),
    },
    response_fields=("learner_response", "correct_responses.0.pattern"),
    response=_response_2004,
    response_before_type=" (error 408)",
)


def data_model(version: str) -> DataModel:
    return SCORM_12 if version == "1.2" else SCORM_2004


def check_value(model: DataModel, element: str, value: str, types: dict[int, str]) -> str | None:
    """Why ``value`` is not a strict value of ``model`` for ``element``; ``None`` when it is."""
    if element in model.elements:
        ok = model.elements[element](value)
    elif not (match := INTERACTION.fullmatch(element)):
        return f"{element} is not an element this course should set"
    else:
        index, field = int(match.group(1)), match.group(2)
        if field in model.response_fields:
            if index not in types:
                return f"{element} set before cmi.interactions.{index}.type{model.response_before_type}"
            ok = model.response(types[index], value)
        elif field in model.interaction_fields:
            ok = model.interaction_fields[field](value)
        else:
            return f"{element} is not an element this course should set"
    return None if ok else f"{element}={value[:80]!r} is not a {model.name} value"


def check_calls(raw_calls: list[dict[str, Any]], version: str) -> list[str]:
    """Every way the recorded calls break the SCORM rules; an empty list when they keep them all."""
    calls = [Call.of(raw) for raw in raw_calls]
    model = data_model(version)
    initialize, finish, set_value, get_value = model.initialize, model.finish, model.set_value, model.get_value
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
    score_set = False
    for call in calls:
        if call.method in (initialize, finish, model.commit) and call.args != [""]:
            problems.append(f"{call.method}({call.args}) must take the empty string")
        if call.method in (initialize, finish, model.commit, set_value) and call.result != "true":
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
        problem = check_value(model, element, value, types)
        if problem:
            problems.append(problem)
        if LONE_SURROGATE.search(value):
            problems.append(f"{element} holds half of a character (a lone UTF-16 surrogate), not text")
        if element.startswith("cmi.core.score.raw") or element == "cmi.score.scaled":
            score_set = True
        if element == model.status and value in ("passed", "failed") and not score_set:
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
    return dict(_sets(raw_calls, version))


def interactions(raw_calls: list[dict[str, Any]], version: str) -> list[dict[str, str]]:
    """The interactions as written, in index order, each as {field: value}."""
    found: dict[int, dict[str, str]] = {}
    for element, value in _sets(raw_calls, version):
        match = INTERACTION.fullmatch(element)
        if match:
            found.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return [found[index] for index in sorted(found)]


def _sets(raw_calls: list[dict[str, Any]], version: str) -> list[tuple[str, str]]:
    set_value = data_model(version).set_value
    return [(raw["args"][0], raw["args"][1]) for raw in raw_calls if raw["method"] == set_value]


def uncommitted_answers(raw_calls: list[dict[str, Any]], version: str) -> list[int]:
    """Indexes of answered questions (choice interactions) not followed by a Commit before the next one starts."""
    model = data_model(version)
    set_value, commit = model.set_value, model.commit
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
