"""The course ``authoring new`` writes: small, complete, and free of warnings."""

from __future__ import annotations

from authoring.core.model import Choice, Course, Lesson, Question, Quiz, Reflection


def starter_course(title: str) -> Course:
    return Course(
        title=title.strip() or "Untitled course",
        items=[
            Lesson(
                "Introduction",
                "Write the lesson here in Markdown: **bold**, *italic*, lists, tables and images "
                "such as `![A description](assets/picture.png)`.\n\n"
                "## What learners will take away\n\n"
                "- One idea per lesson\n- A few short paragraphs",
            ),
            Quiz(
                "Check your understanding",
                questions=[
                    Question(
                        "How long should a microlearning lesson take to read?",
                        choices=[
                            Choice("About five minutes or less", correct=True,
                                   feedback="Right: short lessons keep attention."),
                            Choice("About an hour", feedback="Too long: split it into several lessons."),
                        ],
                        explanation="Microlearning works in short steps of a few minutes each.",
                    ),
                    Question(
                        "Which of these can a quiz question have? Select all that apply.",
                        choices=[
                            Choice("Feedback for each choice", correct=True),
                            Choice("An explanation shown after answering", correct=True),
                            Choice("Nothing but the question"),
                        ],
                        explanation="Each choice can have feedback, and each question an explanation.",
                    ),
                ],
            ),
            Reflection("Reflect on this", "What is the one thing you will do differently after this course?"),
        ],
    )
