"""The YAML front matter: course settings, read strictly and written canonically.

Every scalar is read as text (PyYAML's BaseLoader), so ``version: 1.10`` stays
"1.10" and ``title: 2024`` stays "2024"; this module converts the few numbers
and flags itself and can name the line of a bad value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from authoring.core.model import DEFAULT_LANGUAGE, DEFAULT_PASS_MARK, Course
from authoring.core.problems import Problem, error, warning

TEXT_KEYS = ("title", "author", "language", "description", "version", "id")
KNOWN_KEYS = (*TEXT_KEYS, "pass_mark", "shuffle_choices", "max_attempts")
_TRUE = {"true", "yes", "on"}
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
_FALSE = {"false", "no", "off"}
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")


@dataclass
class FrontMatter:
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    lossless: bool = True
    readable: bool = True
    """False when the YAML itself could not be read."""


def read_front_matter(text: str, first_line: int) -> FrontMatter:
    """Read the YAML between the ``---`` lines; ``first_line`` is its 1-based line in the file."""
    result = FrontMatter()
    try:
        node, data = _compose_and_construct(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        reason = getattr(exc, "problem", None) or str(exc)
        result.problems.append(
            error(line, f"the front matter is not valid YAML ({reason}); fix the line or quote the value")
        )
        result.lossless = result.readable = False
        return result
    if data is None:
        data = {}
    if not isinstance(data, dict):
        result.problems.append(
            error(first_line, "the front matter must be 'key: value' lines, starting with 'title: …'")
        )
        result.lossless = result.readable = False
        return result

    lines = _key_lines(node, first_line)
    _refuse_what_the_writer_drops(result, text, node, first_line)
    for key, value in data.items():
        line = lines.get(key, first_line)
        if key in TEXT_KEYS:
            if not isinstance(value, str) or (key != "description" and "\n" in value.rstrip("\n")):
                result.problems.append(error(line, f"'{key}' must be a single line of text", field=key))
                result.lossless = False
                continue
            # A one-line block scalar ('|') ends in a newline that is not part of the value.
            result.values[key] = value if key == "description" else value.rstrip("\n")
        elif key == "pass_mark":
            _read_number(result, key, value, line, "a whole number from 0 to 100, e.g. 'pass_mark: 80'")
        elif key == "max_attempts":
            _read_number(result, key, value, line, "a whole number; 0 means no limit")
        elif key == "shuffle_choices":
            if isinstance(value, str) and value.lower() in _TRUE | _FALSE:
                result.values[key] = value.lower() in _TRUE
            else:
                result.problems.append(
                    error(line, "'shuffle_choices' must be true or false", field=key)
                )
                result.lossless = False
        else:
            result.values.setdefault("extra", {})[key] = value
            result.problems.append(
                warning(line, f"unknown front-matter key '{key}'; it is kept as written but not used")
            )
    return result


def _refuse_what_the_writer_drops(result: FrontMatter, text: str, node: yaml.Node | None, first_line: int) -> None:
    """Duplicate keys, comments, anchors and tags: reading keeps none of them, so saving would lose them.

    Each is a problem on its line, and the file is not lossless: the editor opens it as text instead."""
    seen: dict[str, int] = {}
    for key, _ in node.value if isinstance(node, yaml.MappingNode) else []:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line = first_line + key.start_mark.line
        if key.value in seen:
            result.problems.append(error(line, f"'{key.value}' is set twice, here and on line {seen[key.value]}; "
                                               "keep one of them", field=key.value))
            result.lossless = False
        seen.setdefault(key.value, line)
    content_end: dict[int, int] = {}
    for token in yaml.scan(text, Loader=yaml.BaseLoader):
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken | yaml.TagToken):
            result.problems.append(warning(first_line + token.start_mark.line,
                                           "YAML anchors, aliases and tags are not kept when the editor saves; "
                                           "write the value out in full"))
            result.lossless = False
        start, end = token.start_mark, token.end_mark
        if start.index == end.index:
            continue  # the stream's and blocks' own start and end take no room, even after a comment
        first = start.line
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            # A block scalar's header line may end in a comment; the lines below it are all text,
            # a line that starts with '#' too ('# not a heading' in a description).
            header = _BLOCK_HEADER.match(text.split("\n")[first], start.column)
            content_end[first] = max(content_end.get(first, 0), header.end() if header else start.column)
            first += 1
        for number in range(first, end.line):  # a token that runs on (a block or quoted scalar) fills them
            content_end[number] = len(text)
        content_end[end.line] = max(content_end.get(end.line, 0), end.column)
    for number, line_text in enumerate(text.split("\n")):
        if "#" in line_text[content_end.get(number, 0):].lstrip()[:1]:
            result.problems.append(warning(first_line + number,
                                           "comments in the front matter are not kept when the editor saves; "
                                           "move the note into 'description' or delete it"))
            result.lossless = False


def _compose_and_construct(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the values built from it: one parse, not two.

    PyYAML's own Python loader, not libyaml's: its error messages name the character at fault, and its
    marks point at the line a reader would fix."""
    loader = yaml.BaseLoader(text)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def _read_number(result: FrontMatter, key: str, value: Any, line: int, expected: str) -> None:
    # Plain ASCII digits only: Python's int() also takes '8_0' and other scripts' digits, which no
    # other reader of the file would.
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        result.values[key] = int(value)
        return
    result.problems.append(error(line, f"'{key}' must be {expected}, not {value!r}", field=key))
    result.lossless = False


def _key_lines(node: yaml.Node | None, first_line: int) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        key.value: first_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


class _CanonicalDumper(yaml.SafeDumper):
    """Writes every scalar as plain text where YAML allows it, and quotes it where not."""


_CanonicalDumper.yaml_implicit_resolvers = {}


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_CanonicalDumper.add_representer(str, _represent_text)


def write_front_matter(course: Course) -> str:
    values: dict[str, Any] = {"title": course.title}
    if course.author:
        values["author"] = course.author
    values["language"] = course.language
    values["pass_mark"] = str(course.pass_mark)
    for key in ("description", "version", "id"):
        if getattr(course, key):
            values[key] = getattr(course, key)
    if course.shuffle_choices:
        values["shuffle_choices"] = "true"
    if course.max_attempts:
        values["max_attempts"] = str(course.max_attempts)
    for key, value in course.extra.items():
        values.setdefault(key, value)
    body = yaml.dump(
        values, Dumper=_CanonicalDumper, allow_unicode=True, sort_keys=False, width=1_000_000,
        default_flow_style=False,
    )
    return f"---\n{body}---"


def course_settings(values: dict[str, Any]) -> dict[str, Any]:
    """Front-matter values as keyword arguments for :class:`Course`."""
    settings = dict(values)
    settings.setdefault("title", "")
    settings.setdefault("language", DEFAULT_LANGUAGE)
    settings.setdefault("pass_mark", DEFAULT_PASS_MARK)
    if "id" in settings and not settings["id"]:
        settings["id"] = None
    return settings
