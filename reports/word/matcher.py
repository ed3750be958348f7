"""Map a read .docx to a report's questionnaire: which text answers which item.

A file the portal wrote names each question's item in a bookmark: those map exactly.
Any other file is read as a person would read it. A question is a line that starts with
a number, or ends in a question mark, and reads like one of the form's questions: for a
question about a priority or next step the quoted title decides, the wording around it
counts less, and options found below a choice question count for it; its number helps
only to break near-ties (files number differently when a priority is listed twice).
What follows a question, up to the next question or heading, is its answer. The same
question listed twice (an index, then the body) keeps the body; the same question under
two numbers gets both answers, joined and flagged. Everything not used is listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils import translation

from ..layout import Item, ReportLayout, build_layout
from ..models import Question, QuestionKind
from .reader import Line, ReadDocument
from .text import (
    BULLET,
    chosen_values,
    compact,
    example_lines,
    find_options,
    options_of,
    parse_next_steps,
    similarity,
    strip_examples,
    strip_hints,
)
from .writer import CHOICE_STYLE, GUIDANCE_STYLE, NO_STAR, QUESTION_STYLE, STAR

# "12. ", "16<tab>", "17 .", "21.3 " (a part of a question), "- 7. " (in a list).
NUMBER = re.compile(r"^\s*[-•]?\s*(\d{1,3}(?:\.\d{1,2}(?=\s))?)(?:\s*[.)])?(?=\s|\.)\s*\.?\s*")
ROMAN = re.compile(r"^\s*[IVX]{1,5}\s*[.)]\s+\S")
QUOTES = '"“”„«»'
NEXT_STEP_PART = re.compile(r"^\s*(?:next|net|nex)\s*step\s*#?\s*(\d+)\s*[:.)–-]?\s*(.*)$", re.I)
QUESTION_SCORE = 0.5
# Each question line is scored against every item: past this many, further lines are
# read as answers only (a report has a few hundred; this bounds the work on any file).
MAX_CANDIDATES = 1_500
# After a question mark: the "required" star, an index's page number.
TAIL_NOISE = re.compile(r"^[\s*]+|[\s*\d]+$")


@dataclass
class Proposal:
    """What the file says for one item."""

    key: str
    text: str = ""
    value: Any = None
    rows: list[dict] | None = None
    confidence: int = 0
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Match:
    proposals: dict[str, Proposal]
    unmatched: list[str]
    from_portal: bool
    # The file's question number -> the item it was read as (the first part of a
    # question answered in parts), questions left blank included.
    mapped: dict[str, str] = field(default_factory=dict)


@dataclass
class Candidate:
    index: int
    number: str
    text: str
    tail: str = ""
    content: list[Line] = field(default_factory=list)
    best: tuple[float, str] = (0.0, "")
    # Item key -> score, computed once with the lines below the question.
    scores: dict[str, float] = field(default_factory=dict)
    fits: dict[int, float] = field(default_factory=dict)

    @property
    def has_content(self) -> bool:
        return bool(self.tail.strip()) or any(ln.text.strip() for ln in self.content)


def _is_heading(line: Line) -> bool:
    text = line.text.strip()
    if line.is_heading or ROMAN.match(text):
        return True
    # A line in capitals ("FUTURE PROSPECTS"), but not an acronym ("☒ ILO").
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and len(text) < 70 and all(c.isupper() for c in letters)


@lru_cache(maxsize=8192)
def _quoted(text: str) -> tuple[str, str]:
    """(the quoted title, the rest) of a question line; a lone quote mark cuts there."""
    marks = [i for i, c in enumerate(text) if c in QUOTES]
    if len(marks) >= 2:
        a, b = marks[0], marks[-1]
        return text[a + 1 : b], text[:a] + text[b + 1 :]
    if len(marks) == 1:
        return text[: marks[0]], text[marks[0] + 1 :]
    return "", text


class _Scorer:
    def __init__(self, layouts: list[ReportLayout]):
        self.items: dict[str, Item] = layouts[0].item_by_key()
        self.texts: dict[str, list[str]] = {k: [] for k in self.items}
        for layout in layouts:
            for item in layout.items():
                self.texts[item.key].append(item.text)
        self.options = {k: options_of(i.question) for k, i in self.items.items()}
        # The wording around a priority's or next step's title, per language.
        self.generic = {
            k: [t.replace(self.specific(self.items[k]), "") for t in texts]
            for k, texts in self.texts.items()
        }

    def specific(self, item: Item) -> str:
        if item.priority is not None:
            return item.priority.label
        if item.next_step is not None:
            return item.next_step.title
        return ""

    def score(self, candidate: Candidate, key: str) -> float:
        item = self.items[key]
        full = max(similarity(candidate.text, t) for t in self.texts[key])
        specific = self.specific(item)
        if specific:
            quoted, rest = _quoted(candidate.text)
            generic = max(similarity(rest, t) for t in self.generic[key])
            score = 0.35 * generic + 0.65 * similarity(quoted or candidate.text, specific)
            if item.question.kind == QuestionKind.TEXT_PER_NEXT_STEP and not quoted:
                score = max(score, generic)  # the whole question is taken, parts split
        else:
            score = full
        options = self.options[key]
        if options and item.question.kind != QuestionKind.RATING:
            pk = item.question.pk
            if pk not in candidate.fits:
                lines = [Line(text=candidate.tail), *candidate.content[:12]]
                found = {f.value for f in find_options(lines, options)}
                candidate.fits[pk] = len(found) / len(options)
            score += 0.2 * candidate.fits[pk]
        if candidate.number and candidate.number == item.display_number:
            score += 0.05
        return score


def _candidates(lines: list[Line], scorer: _Scorer) -> tuple[list[Candidate], list[str]]:
    """Question lines with the lines below them; the lines that belong to none."""
    candidates: list[Candidate] = []
    loose: list[str] = []
    target: list[Line] | None = None
    skip = set()
    for i, line in enumerate(lines):
        text = line.text.strip()
        if i in skip or not text or line.style == GUIDANCE_STYLE:
            continue
        number, body = "", text
        if m := NUMBER.match(text):
            number, body = m.group(1), text[m.end() :].lstrip(" .\t")
            if not body:
                following = next(
                    (j for j in range(i + 1, len(lines)) if lines[j].text.strip()), None
                )
                if following is not None and not NUMBER.match(lines[following].text):
                    body = lines[following].text.strip().lstrip(" .\t")
                    skip.add(following)
        if (number or "?" in body) and len(compact(body)) > 12 and len(candidates) < MAX_CANDIDATES:
            tail = TAIL_NOISE.sub("", body.rsplit("?", 1)[1]) if "?" in body else ""
            tail = tail if any(c.isalpha() for c in tail) else ""
            # Scored with the lines below it: options there count for a choice question.
            below = [ln for ln in lines[i + 1 : i + 12] if ln.text.strip()][:8]
            candidate = Candidate(index=i, number=number, text=body, tail=tail, content=below)
            candidate.scores = {k: scorer.score(candidate, k) for k in scorer.items}
            best = max((score, k) for k, score in candidate.scores.items())
            candidate.content = []
            threshold = QUESTION_SCORE if number else QUESTION_SCORE + 0.15
            if best[0] >= threshold:
                candidate.best = best
                candidates.append(candidate)
                target = candidate.content
                continue
        if _is_heading(line):
            target = None
            loose.append(text)
            continue
        if target is None:
            loose.append(text)
        else:
            target.append(line)
    return candidates, loose


def _assign(
    candidates: list[Candidate], scorer: _Scorer
) -> tuple[dict[str, list[Candidate]], list[Candidate]]:
    """Best pairs first; an item already answered takes another line only if that line
    asks the same question again."""
    pairs = sorted(
        ((score, n, k) for n, c in enumerate(candidates) for k, score in c.scores.items()),
        reverse=True,
    )
    taken: dict[str, list[Candidate]] = {}
    placed: set[int] = set()
    for score, n, key in pairs:
        if n in placed or score < QUESTION_SCORE - 0.1:
            continue
        candidate = candidates[n]
        holders = [h for h in taken.get(key, []) if h.has_content]
        # Two answers for one item only when the file asks the same question twice; a
        # question line with nothing below it (an index entry) never stands in the way.
        if (
            candidate.has_content
            and holders
            and not all(similarity(h.text, candidate.text) > 0.9 for h in holders)
        ):
            continue
        candidate.best = (score, key)
        taken.setdefault(key, []).append(candidate)
        placed.add(n)
    return taken, [c for n, c in enumerate(candidates) if n not in placed]


def _example_lines(question: Question) -> frozenset[str]:
    return example_lines(question.in_every_language("example").values())


def _join(lines: list[Line]) -> str:
    parts: list[str] = []
    previous_bullet = False
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        bullet = bool(BULLET.match(text))
        parts.append(("\n" if bullet and previous_bullet else "\n\n") + text if parts else text)
        previous_bullet = bullet
    return "".join(parts)


def _portal_text(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines).strip("\n")


def _fill(
    proposal: Proposal, item: Item, lines: list[Line], portal: bool, loose: list[str]
) -> None:
    question = item.question
    # The question's own example is never an answer, however the file carries it.
    lines, _examples = strip_examples(lines, _example_lines(question))
    if not portal:
        lines, _hints = strip_hints(lines)
    if question.kind == QuestionKind.NEXT_STEPS:
        proposal.rows, before = parse_next_steps(lines)
        loose.extend(before)
        return
    if question.kind == QuestionKind.RATING:
        stars = next((ln.text for ln in lines if STAR in ln.text or NO_STAR in ln.text), "")
        count = stars.count(STAR)
        choices = [c.value for c in question.choices.all()]
        proposal.value = choices[count - 1] if 0 < count <= len(choices) else None
        rest = [ln for ln in lines if ln.text != stars]
        if portal:
            proposal.text = _portal_text(rest)
        else:
            loose.extend(ln.text for ln in rest if ln.text.strip())
        return
    if question.has_choices:
        options = options_of(question)
        found = find_options(lines, options)
        chosen = chosen_values(found)
        asks = {c.value for c in question.choices.all() if c.asks_for_text}
        other = ""
        for f in found:
            if f.value in chosen and f.value in asks and ":" in lines[f.line].text[f.start :]:
                other = lines[f.line].text[f.start :].split(":", 1)[1].strip()
        if question.kind == QuestionKind.MULTIPLE_CHOICE:
            order = [o.value for o in options]
            proposal.value = sorted(chosen, key=order.index) or None
        else:
            proposal.value = chosen[0] if chosen else None
            if len(chosen) > 1:
                proposal.notes.append("several_marked")
        option_lines = {f.line for f in found}
        rest = [ln for n, ln in enumerate(lines) if n not in option_lines]
        if portal:
            proposal.text = other or _portal_text([ln for ln in rest if ln.style != CHOICE_STYLE])
        else:
            proposal.text = other
            loose.extend(ln.text for ln in rest if ln.text.strip())
        return
    proposal.text = _portal_text(lines) if portal else _join(lines)


def _portal_match(document: ReadDocument, scorer: _Scorer) -> Match:
    proposals: dict[str, Proposal] = {}
    loose: list[str] = []
    current: tuple[Item, list[Line]] | None = None
    sections: list[tuple[Item, list[Line]]] = []
    for line in document.lines:
        if line.key in scorer.items:
            current = (scorer.items[line.key], [])
            sections.append(current)
        elif line.is_heading or line.style == GUIDANCE_STYLE:
            continue
        elif line.style == QUESTION_STYLE:
            # A question whose bookmark Word lost (retyped): its answer is not guessed.
            current = None
            loose.append(line.text)
        elif current is not None:
            current[1].append(line)
        elif line.text.strip():
            loose.append(line.text)
    for item, lines in sections:
        proposal = Proposal(key=item.key, confidence=100, sources=[item.display_number])
        _fill(proposal, item, lines, True, loose)
        proposals[item.key] = proposal
    mapped = {item.display_number: item.key for item, _lines in sections}
    return Match(proposals, loose, from_portal=True, mapped=mapped)


def _split_parts(
    first: Item, lines: list[Line], items: dict[str, Item]
) -> tuple[list[tuple[Item, list[Line]]], list[str]]:
    """A narrative over all next steps ("Next step 1: …, Next step 2: …") cut into the
    question's parts."""
    parts = {i.sub: i for i in items.values() if i.question.pk == first.question.pk}
    result: dict[int, list[Line]] = {}
    loose: list[str] = []
    current: int | None = 1 if len(parts) == 1 else None
    lines = strip_examples(lines, _example_lines(first.question))[0]
    for line in strip_hints(lines)[0]:
        if m := NEXT_STEP_PART.match(line.text):
            current = int(m.group(1)) if int(m.group(1)) in parts else None
            if m.group(2).strip() and current is not None:
                result.setdefault(current, []).append(Line(text=m.group(2)))
            continue
        if current is None:
            loose.append(line.text)
        else:
            result.setdefault(current, []).append(line)
    return [(parts[n], body) for n, body in sorted(result.items())], loose


def match_document(document: ReadDocument, layouts: list[ReportLayout]) -> Match:
    """Map ``document`` to the items of ``layouts`` (one report laid out in each of the
    portal's languages, the reader's first: a file may be in either)."""
    scorer = _Scorer(layouts)
    if any(line.key in scorer.items for line in document.lines):
        return _portal_match(document, scorer)
    candidates, loose = _candidates(document.lines, scorer)
    proposals: dict[str, Proposal] = {}
    mapped: dict[str, str] = {}
    assigned, unplaced = _assign(candidates, scorer)
    for candidate in unplaced:
        loose.extend([candidate.text, *(ln.text for ln in candidate.content)])
    for key, holders in assigned.items():
        item = scorer.items[key]
        # A narrative over all next steps at once (no title quoted) is cut into parts.
        whole = item.question.kind == QuestionKind.TEXT_PER_NEXT_STEP and not any(
            _quoted(c.text)[0] for c in holders
        )
        if whole:
            item = min(
                (i for i in scorer.items.values() if i.question.pk == item.question.pk),
                key=lambda i: i.sub or 0,
            )
        mapped.update({c.number: item.key for c in holders if c.number and not c.has_content})
        mapped.update({c.number: item.key for c in holders if c.number and c.has_content})
        holders.sort(key=lambda c: c.index)
        with_content = [c for c in holders if c.has_content]
        by_number: dict[str, Candidate] = {}
        for c in with_content:  # the same number twice: an index, then the body
            if c.number in by_number:
                loose.extend(ln.text for ln in by_number[c.number].content if ln.text.strip())
            by_number[c.number] = c
        kept = sorted(by_number.values(), key=lambda c: c.index)
        if not kept:
            continue
        item = scorer.items[key]
        lines = [ln for c in kept for ln in [Line(text=c.tail), *c.content] if ln.text.strip()]
        confidence = round(100 * min(min(c.best[0] for c in kept), 0.99))
        notes = ["joined"] if len(kept) > 1 else []
        sources = [c.number for c in kept if c.number]
        if whole:
            parts, rest = _split_parts(item, lines, scorer.items)
            loose.extend(rest)
        else:
            parts = [(item, lines)]
        for part, body in parts:
            proposal = Proposal(
                key=part.key, confidence=confidence, sources=sources, notes=notes[:]
            )
            _fill(proposal, part, body, False, loose)
            if "joined" in notes:
                proposal.confidence = min(proposal.confidence, 60)
            if proposal.text or proposal.value or proposal.rows:
                proposals[part.key] = proposal
    return Match(proposals, [t for t in loose if t.strip()], from_portal=False, mapped=mapped)


def layouts_for(report) -> list[ReportLayout]:
    """``report`` laid out in the active language first, then in the portal's others: a
    file may be written in any of them."""

    active = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    codes = [active] + [code for code, _name in settings.LANGUAGES if code != active]
    layouts = []
    for code in codes:
        with translation.override(code):
            layouts.append(build_layout(report))
    return layouts
