"""What goes on the pages of each edition.

The learner handout has the lessons, the questions with empty boxes and the
reflection prompts with lines to write on.  The reviewer edition adds what a
reviewer needs to comment precisely: a summary page, the checker's warnings,
the IDs, the correct choices, every feedback and every explanation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from markdown_it import MarkdownIt
from reportlab.lib.colors import Color
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from authoring.core.ids import ResolvedIds
from authoring.core.model import Course, Item, Lesson, Question, Quiz, Reflection
from authoring.core.problems import Problem
from authoring.export.pdf.blocks import Block, BlockLook
from authoring.export.pdf.flowables import (
    Heading,
    Label,
    PageBook,
    Para,
    TocEntry,
    WritingLines,
    choice_marker,
    hex_color,
)
from authoring.export.pdf.fonts import escape
from authoring.export.pdf.markdown_flowables import MarkdownRenderer, is_plain
from authoring.export.pdf.run_paragraph import Run, RunPara
from authoring.export.pdf.styles import CORRECT, MUTED, RULE, Styles

REVIEWER, LEARNER = "reviewer", "learner"
EDITION_LABELS = {LEARNER: "Learner handout", REVIEWER: "Reviewer edition with answer key"}
CORRECT_MARK = "\u2713 correct answer"
WRITING_LINES = 9
CHOICE_LOOK = BlockLook(indent=36, space_before=3, space_after=5)
CHOICES_LOOK = BlockLook(keep_whole_below=240, space_before=CHOICE_LOOK.space_before,
                         space_after=CHOICE_LOOK.space_after)
"""A question's choices and explanation: under a third of a page, they stay together; longer ones split
between choices."""
_KINDS = {"lesson": "Lesson", "quiz": "Quiz", "reflection": "Reflection"}
_inline_parser = MarkdownIt("commonmark").enable("strikethrough")


@dataclass
class StoryBuilder:
    course: Course
    ids: ResolvedIds
    reviewer: bool
    date: datetime.date
    notes: list[Problem]
    """The checker's warnings, for the reviewer's "Review notes"."""
    styles: Styles
    renderer: MarkdownRenderer
    book: PageBook

    def story(self) -> tuple[list[Flowable], list[str]]:
        """The flowables, and the keys whose page numbers the contents print."""
        story = [*self._cover(), NextPageTemplate("body")]  # review notes that run over get the header too
        if self.reviewer:
            story += self._review_notes()
        story.append(PageBreak())
        story += self._contents()
        for index, item in enumerate(self.course.items):
            story.append(PageBreak())
            story += self._item(index, item)
        return story, [self._item_key(index) for index in range(len(self.course.items))]

    # -- front matter -------------------------------------------------------

    def _cover(self) -> list[Flowable]:
        s, fonts, course = self.styles, self.styles.fonts, self.course
        story: list[Flowable] = [Spacer(1, 40), Label([("COURSE", None)], s.kicker),
                                 Para(self.renderer.inline(course.title), s.cover_title)]
        if course.description:
            story.append(Para(fonts.markup(course.description), s.cover_subtitle))
        facts = [("Author", course.author), ("Version", course.version), ("Date", self.date.isoformat())]
        for label, value in facts:
            if value:
                story.append(Para(f"<b>{label}:</b> {fonts.markup(value)}", s.cover_meta))
        story.append(Spacer(1, 18))
        edition = EDITION_LABELS[REVIEWER if self.reviewer else LEARNER]
        if self.reviewer:
            story.append(self.renderer.boxed([
                Para(f"<b>{edition}.</b> It shows the correct answers, the feedback for every choice and "
                          "the explanations: do not hand it out to learners.", s.body)], bar=CORRECT))
            story += self._summary()
        else:
            story.append(Para(f"<b>{edition}.</b> Read each lesson, answer the questions by ticking the "
                                   "boxes, and write your reflections on the lines.", s.body))
        return story

    def _summary(self) -> list[Flowable]:
        s, course = self.styles, self.course
        reflections = len(course.reflections)
        rows = [
            ("Title", plain_text(course.title)), ("Author", course.author or "not given"),
            ("Version", course.version or "not given"), ("Date", self.date.isoformat()),
            ("Course ID", self.ids.course), ("Language", course.language),
            ("Pass mark", f"{course.pass_mark}%"),
            ("Lessons", str(len(course.lessons))), ("Quizzes", str(len(course.quizzes))),
            ("Questions", str(len(course.questions))), ("Reflections", str(reflections)),
            ("Choices shuffled", "yes" if course.shuffle_choices else "no"),
            ("Attempts allowed", str(course.max_attempts) if course.max_attempts else "no limit"),
        ]
        data = [[Para(f"<b>{label}</b>", s.table_cell), Para(s.fonts.markup(value), s.table_cell)]
                for label, value in rows]
        table = Table(data, colWidths=["30%", "70%"], hAlign="LEFT")
        table.setStyle(s.table_style([("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        return [Spacer(1, 8), Para("Summary", s.h3), table]

    def _review_notes(self) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [CondPageBreak(60), Spacer(1, 10),
                                 Heading("Review notes", s.h2, key="review-notes", outline="Review notes", level=0,
                                         book=self.book)]
        if not self.notes:
            story.append(Para("The checker found nothing to note.", s.note))
        for problem in self.notes:
            where = self._where(problem)
            story.append(Para(f'<font color="{hex_color(MUTED)}">line {problem.line}{where}:</font> '
                                   f"{s.fonts.markup(problem.message)}", s.note))
        return story

    def _where(self, problem: Problem) -> str:
        if problem.item is None or problem.item >= len(self.ids.items):
            return ""
        where = f", {self.ids.item(problem.item)}"
        if problem.question is not None and problem.question < len(self.ids.questions[problem.item]):
            where += f" / {self.ids.question(problem.item, problem.question)}"
        return escape(where)

    def _contents(self) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [Heading("Contents", s.toc_title, key="contents", outline="Contents", level=0,
                                         book=self.book)]
        for index, item in enumerate(self.course.items):
            line = RunPara(self.renderer.inline(item.title), s.toc_entry, lead=self._kind_run(item.kind))
            story.append(TocEntry(line, self._item_key(index)))
        return story

    def _kind_run(self, kind: str) -> Run:
        """"Lesson", "Quiz" or "Reflection" before a title in the contents."""
        return Run(_KINDS[kind], self.styles.toc_entry.fontName, MUTED,
                   f'<font color="{hex_color(MUTED)}">{_KINDS[kind]}</font>')

    # -- items ----------------------------------------------------------------

    def _item_key(self, index: int) -> str:
        return f"item-{index}-{self.ids.item(index)}"

    def _item(self, index: int, item: Item) -> list[Flowable]:
        s = self.styles
        kicker: list[tuple[str, Color | None]] = [(_KINDS[item.kind].upper(), None)]
        if self.reviewer:
            kicker.append((f"   ID {self.ids.item(index)}", MUTED))
        story: list[Flowable] = [
            Label(kicker, s.kicker),
            Heading(self.renderer.inline(item.title), s.item_title, key=self._item_key(index),
                    outline=f"{_KINDS[item.kind]}: {plain_text(item.title)}", level=0, book=self.book),
        ]
        if isinstance(item, Lesson):
            story += self.renderer.render(item.body)
        elif isinstance(item, Quiz):
            story += self._quiz(index, item)
        elif isinstance(item, Reflection):
            story += self.renderer.render(item.prompt)
            story += [Spacer(1, 6), Label([("Your answer", None)], s.box_title, shared=True), Spacer(1, 4),
                      WritingLines(WRITING_LINES)]
        return story

    def _quiz(self, index: int, quiz: Quiz) -> list[Flowable]:
        s = self.styles
        story = self.renderer.render(quiz.intro)
        if self.reviewer:
            facts = f"{len(quiz.questions)} question(s) · pass mark {self.course.pass_mark}%"
            if self.course.shuffle_choices:
                facts += " · choices shuffled for learners; the letters here follow the source"
            story.append(Para(facts, s.small))
        for number, question in enumerate(quiz.questions):
            story += self._question(index, number, question, len(quiz.questions))
        return story

    def _question(self, item: int, number: int, question: Question, count: int) -> list[Flowable]:
        s = self.styles
        key = f"q-{item}-{number}-{self.ids.question(item, number)}"
        label: list[tuple[str, Color | None]] = [(f"QUESTION {number + 1} OF {count}", None)]
        if self.reviewer:
            label.append((f"   ID {self.ids.question(item, number)}", MUTED))
        story: list[Flowable] = [
            Label(label, s.question_label),
            Heading(self.renderer.inline(question.stem), s.stem, key=key,
                    outline=f"Q{number + 1}. {plain_text(question.stem)}", level=1, book=self.book),
        ]
        story += self.renderer.render(question.body)
        hint = "Select all that apply." if question.multiple_response else "Choose one answer."
        story.append(Label([(hint, None)], s.hint, shared=True))
        answers = self._choices(question)
        if self.reviewer and question.explanation:
            title = Label([("Explanation", None)], s.box_title, shared=True)
            answers.append(self.renderer.boxed([title, *self.renderer.render(question.explanation, s.note)],
                                               bar=CORRECT))
        # One block: a short question's choices and explanation move on whole, rather than leave choice A
        # alone at a page's foot, or the explanation alone at the next page's head.
        story.append(Block(answers, CHOICES_LOOK))
        return story

    def _choices(self, question: Question) -> list[Flowable]:
        s = self.styles
        blocks: list[Flowable] = []
        for letter, choice in zip(_LETTERS, question.choices, strict=False):
            text = self.renderer.inline(choice.text)
            checked = self.reviewer and choice.correct
            content: list[Flowable] = [RunPara(text, s.choice, tail=self._correct_mark) if checked
                                       else Para(text, s.choice)]
            if self.reviewer and choice.feedback:
                content += self.renderer.render(choice.feedback, s.feedback, lead=self._feedback_lead)
            marker = choice_marker(square=question.multiple_response, checked=checked, letter=letter,
                                   font=s.body_font, font_size=s.choice.fontSize)
            blocks.append(Block(content, CHOICE_LOOK, marker))
        return blocks


    @cached_property
    def _correct_mark(self) -> Run:
        fonts = self.styles.fonts
        # No-break spaces: the mark wraps as one piece rather than leave its tick alone on a line.
        mark = CORRECT_MARK.replace(" ", "\u00a0")
        if not fonts.shows(mark[0]):
            mark = mark[2:]  # no font has the tick (reportlab's Vera): the words alone, not a '?' of ours
        return Run(mark, fonts.body.styles["bold"], CORRECT,
                   f'<font color="{hex_color(CORRECT)}"><b>{fonts.markup(mark)}</b></font>',
                   drawable=fonts.body.characters.issuperset(mark))

    @cached_property
    def _feedback_lead(self) -> Run:
        return Run("Feedback:", self.styles.fonts.body.styles["italic"], self.styles.feedback.textColor,
                   "<i>Feedback:</i>")


_LETTERS = [chr(code) for code in range(ord("A"), ord("Z") + 1)] + [f"{n}" for n in range(27, 200)]
"""A choice's letter by its place; made once rather than for each of a thousand questions."""


def plain_text(markdown: str) -> str:
    """One-line Markdown without its markup, for the PDF outline."""
    if is_plain(markdown):
        return markdown
    tokens = _inline_parser.parseInline(markdown)
    children = tokens[0].children if tokens and tokens[0].children else []
    kinds = ("text", "code_inline", "html_inline")
    return "".join(token.content for token in children if token.type in kinds) or markdown
