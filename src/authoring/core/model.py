"""The course model: plain dataclasses that every reader and writer shares.

The model holds the author's text exactly as written (Markdown source for
bodies, inline Markdown for one-line fields).  Escaping that the file format
needs is the format module's business, never the model's.

Invariants the format relies on (the editor's commands keep them):
- one-line fields (titles, stems, choice texts) hold no line break and no
  leading or trailing white space;
- block fields (bodies, prompts, feedback, explanations) have no leading or
  trailing blank lines.

``line`` fields record where an object was read from, for messages; they take
no part in equality, so a course read back from disk equals the one written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

DEFAULT_LANGUAGE = "en"
DEFAULT_PASS_MARK = 80


@dataclass
class Choice:
    text: str
    correct: bool = False
    feedback: str = ""
    line: int = field(default=0, compare=False, repr=False)


@dataclass
class Question:
    stem: str
    body: str = ""
    choices: list[Choice] = field(default_factory=list)
    explanation: str = ""
    id: str | None = None
    """An ID pinned with ``{#id}``; ``None`` means it is derived from the stem."""
    line: int = field(default=0, compare=False, repr=False)
    body_line: int = field(default=0, compare=False, repr=False)
    explanation_line: int = field(default=0, compare=False, repr=False)

    @property
    def multiple_response(self) -> bool:
        """Two or more correct choices make a "select all that apply" question."""
        return sum(1 for choice in self.choices if choice.correct) > 1

    @property
    def correct_indexes(self) -> list[int]:
        return [i for i, choice in enumerate(self.choices) if choice.correct]


@dataclass
class Lesson:
    title: str
    body: str = ""
    id: str | None = None
    line: int = field(default=0, compare=False, repr=False)
    body_line: int = field(default=0, compare=False, repr=False)

    kind = "lesson"


@dataclass
class Quiz:
    title: str
    intro: str = ""
    questions: list[Question] = field(default_factory=list)
    id: str | None = None
    line: int = field(default=0, compare=False, repr=False)
    body_line: int = field(default=0, compare=False, repr=False)

    kind = "quiz"


@dataclass
class Reflection:
    title: str
    prompt: str = ""
    id: str | None = None
    line: int = field(default=0, compare=False, repr=False)
    body_line: int = field(default=0, compare=False, repr=False)

    kind = "reflection"


Item = Lesson | Quiz | Reflection

ITEM_KEYWORDS: dict[str, type[Lesson] | type[Quiz] | type[Reflection]] = {
    "Lesson": Lesson,
    "Quiz": Quiz,
    "Reflection": Reflection,
}


@dataclass
class Course:
    title: str
    author: str = ""
    language: str = DEFAULT_LANGUAGE
    pass_mark: int = DEFAULT_PASS_MARK
    description: str = ""
    version: str = ""
    id: str | None = None
    """The course ID an LMS tracks; ``None`` means a slug of the title."""
    shuffle_choices: bool = False
    max_attempts: int = 0
    """How many times a learner may take a quiz; 0 means without limit."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Front-matter keys this version does not know, kept so nothing is lost."""
    items: list[Item] = field(default_factory=list)

    @property
    def lessons(self) -> list[Lesson]:
        return [item for item in self.items if isinstance(item, Lesson)]

    @property
    def quizzes(self) -> list[Quiz]:
        return [item for item in self.items if isinstance(item, Quiz)]

    @property
    def reflections(self) -> list[Reflection]:
        return [item for item in self.items if isinstance(item, Reflection)]

    @property
    def questions(self) -> list[Question]:
        return [question for quiz in self.quizzes for question in quiz.questions]

    def markdown_texts(self) -> Iterator[tuple[str, int]]:
        """Every piece of the items' Markdown (titles, bodies, stems, choices, feedback, explanations), with
        the line it starts on: where images, glyphs and links are to be found."""
        for item in self.items:
            yield item.title, item.line
            if isinstance(item, Lesson):
                yield item.body, item.body_line
            elif isinstance(item, Reflection):
                yield item.prompt, item.body_line
            elif isinstance(item, Quiz):
                yield item.intro, item.body_line
                for question in item.questions:
                    yield question.stem, question.line
                    yield question.body, question.body_line
                    yield question.explanation, question.explanation_line
                    for choice in question.choices:
                        yield choice.text, choice.line
                        yield choice.feedback, choice.line
