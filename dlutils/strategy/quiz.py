"""Course 3: the case studies' diagnostic questions. A ``Question`` holds the choices and the
answer computed from the figures; ``check_answer`` returns ``Feedback`` with the reasoning.

Layout: ``X`` is ``(n_x, m)``; errors are in percent. Taught in: c3/05_case_studies.
"""
from dataclasses import dataclass


__all__ = ['Question', 'Feedback', 'check_answer']


@dataclass
class Question:
    """A diagnostic exercise: ``choices`` with one ``explanations`` entry each; ``answer`` is the
    index of the right choice."""
    prompt: str
    choices: list
    answer: int
    explanations: list

    def __post_init__(self):
        if len(self.choices) < 2 or len(self.explanations) != len(self.choices):
            raise ValueError(f"Question: needs >= 2 choices and one explanation per choice, got "
                             f"{len(self.choices)} choices and {len(self.explanations)} explanations.")
        if not 0 <= int(self.answer) < len(self.choices):
            raise ValueError(f"Question: answer must index a choice (0..{len(self.choices) - 1}), "
                             f"got {self.answer!r}.")


@dataclass
class Feedback:
    correct: bool
    message: str


def check_answer(question, choice):
    """``Feedback(correct, message)`` for a choice given by index or by its text."""
    func = "check_answer"
    if isinstance(choice, str):
        if choice not in question.choices:
            raise ValueError(f"{func}: {choice!r} is not one of the choices {question.choices}.")
        i = question.choices.index(choice)
    elif choice is None:
        raise ValueError(f"{func}: no choice made; pick one of the {len(question.choices)} options.")
    else:
        i = int(choice)
        if not 0 <= i < len(question.choices):
            raise ValueError(f"{func}: choice {choice!r} is out of range 0..{len(question.choices) - 1}.")
    ok = i == question.answer
    head = "Right. " if ok else "Not quite. "
    msg = head + question.explanations[i]
    if not ok:
        msg += f" The better answer: {question.choices[question.answer]!r} - {question.explanations[question.answer]}"
    return Feedback(ok, msg)
