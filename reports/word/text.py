"""Reading the text of a Word report the way a person would: fuzzy comparison tolerant of
damaged characters and words run together, form hints left in answers, options marked
in any of the ways people mark them, next-step blocks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.utils import translation

from roadmap.models import WorkArea

from .reader import Line
from .writer import next_step_labels

# Letters that look Latin but are not, as copying between documents leaves them
# ("roadn ոap" has an Armenian "ո").
CONFUSABLES = str.maketrans(
    {"ո": "n", "о": "o", "а": "a", "е": "e", "р": "p", "с": "c", "х": "x", "і": "i", "ѕ": "s"}
)
CHOSEN_MARKS = ("☒", "☑", "✓", "✔", "✅", "■", "●", "◉", "⊠", "~", "[x]", "[X]", "(x)", "x ", "X ")
OPEN_MARKS = ("☐", "□", "○", "◯", "❍", "[ ]", "( )")
BULLET = re.compile(r"^\s*[-•‣◦*–▪]\s*(?=\S)")
EXAMPLE = re.compile(r"^[\s▶►•*\-]*\**\s*(?:example|ví dụ)\s*:?\s*\**\s*", re.IGNORECASE)
GUIDE = re.compile(r"^\s*[▶►]")
# "Case studies: [...]": a form's placeholder, with the label it belongs to.
PLACEHOLDER = re.compile(r"(?:[^\s:\[\]][^:\[\]]{0,60}:\s*)?\[\s*(?:\.\.\.|…)?\s*\]")


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """Letters and digits only, case and accents folded: "Roadn ոap" -> "roadnnap"."""
    text = unicodedata.normalize("NFKD", text.translate(CONFUSABLES).casefold())
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c)).translate(
        CONFUSABLES
    )


@lru_cache(maxsize=65536)
def _grams(text: str) -> frozenset[str]:
    s = compact(text)
    return frozenset(s[i : i + 3] for i in range(max(len(s) - 2, 1))) if s else frozenset()


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character trigrams of the compacted texts (0..1): spaces lost
    or added and a few broken letters cost little."""
    ga, gb = _grams(a), _grams(b)
    if not ga or not gb:
        return 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def normal_answer(text: str) -> str:
    """An answer compared for "unchanged": line ends, blank lines between paragraphs and
    outer white space ignored (a paragraph in Word may stand for one line break or two)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return "\n".join(line for line in lines if line)


def example_lines(texts: Iterable[str]) -> frozenset[str]:
    """The lines of a question's example (in every language it is written in), compacted:
    what ``strip_examples`` recognises under an "Example:" marker."""
    found = set()
    for text in texts:
        for line in (text or "").splitlines():
            key = compact(BULLET.sub("", line))
            if key:
                found.add(key)
    return frozenset(found)


def _is_example_line(text: str, known: frozenset[str]) -> bool:
    key = compact(BULLET.sub("", text))
    if not key:
        return False
    return key in known or any(similarity(key, k) > 0.9 for k in known)


def strip_examples(lines: Sequence[Line], known: frozenset[str]) -> tuple[list[Line], list[str]]:
    """Lines without the question's own example: an "► Example:" marker followed (on its
    line or the next ones) by the lines of the example the portal shows for the question
    (``example_lines``), as the Word export writes it and as people copy it from the
    page. Only a marker followed by known example text goes: what someone typed after
    "Example:" themselves stays an answer. Returns the kept lines and the dropped text."""
    if not known:
        return list(lines), []
    kept: list[Line] = []
    dropped: list[str] = []
    i = 0
    while i < len(lines):
        marker = EXAMPLE.match(lines[i].text)
        if marker:
            rest = lines[i].text[marker.end() :].strip()
            j = i + 1
            if rest and not _is_example_line(rest, known):
                kept.append(lines[i])
                i += 1
                continue
            while j < len(lines) and (
                _is_example_line(lines[j].text, known) or not lines[j].text.strip()
            ):
                j += 1
            if rest or any(lines[k].text.strip() for k in range(i + 1, j)):
                dropped.extend(lines[k].text for k in range(i, j))
                i = j
                continue
        kept.append(lines[i])
        i += 1
    return kept, dropped


def strip_hints(lines: Sequence[Line]) -> tuple[list[Line], list[str]]:
    """Lines without the form's hints ("▶ Example:" blocks up to their "[...]"
    placeholders, inline placeholders, "▶ Please ...:" instructions). Returns the kept
    lines and the dropped text."""
    kept: list[Line] = []
    dropped: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        example = EXAMPLE.match(text)
        if example:
            rest = PLACEHOLDER.sub("", text[example.end() :]).strip()
            dropped.append(text)
            if rest:
                kept.append(Line(text=rest, style=line.style))
                i += 1
                continue
            ahead = next(
                (
                    j
                    for j in range(i + 1, min(i + 13, len(lines)))
                    if PLACEHOLDER.search(lines[j].text)
                ),
                None,
            )
            if ahead is not None:
                dropped.extend(lines[k].text for k in range(i + 1, ahead + 1))
                i = ahead + 1
                while i < len(lines) and PLACEHOLDER.search(lines[i].text):
                    if PLACEHOLDER.sub("", lines[i].text).strip():
                        break
                    dropped.append(lines[i].text)
                    i += 1
                continue
            i += 1
            continue
        if GUIDE.match(text) and text.rstrip().endswith((":", "?")):
            dropped.append(text)
            i += 1
            continue
        if PLACEHOLDER.search(text):
            rest = PLACEHOLDER.sub("", text).strip()
            if not rest:
                dropped.append(text)
                i += 1
                continue
            line = Line(text=rest, style=line.style)
        kept.append(line)
        i += 1
    return kept, dropped


@dataclass
class Option:
    value: str
    labels: tuple[str, ...]


def options_of(question) -> list[Option]:
    """A question's choices with their labels in every language of the portal."""
    result = []
    for choice in question.choices.all():
        labels = {choice.label, *(t.get("label", "") for t in (choice.translations or {}).values())}
        result.append(Option(choice.value, tuple(sorted(x for x in labels if x))))
    return result


@dataclass
class Found:
    value: str
    chosen: bool
    marked: bool
    start: int
    end: int
    line: int


def _mark_before(text: str, start: int) -> str:
    before = text[:start].rstrip()
    for mark in CHOSEN_MARKS:
        if before.endswith(mark.strip()) and (mark.strip() not in "xX" or len(before) < 2):
            return "chosen"
    if before.endswith(tuple(m.strip() for m in OPEN_MARKS)):
        return "open"
    return ""


@lru_cache(maxsize=1024)
def _label_pattern(label: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(label) + r"(?!\w)", re.IGNORECASE)


def find_options(lines: Sequence[Line], options: list[Option]) -> list[Found]:
    """Every mention of an option in ``lines``: one per short line (fuzzy), or several
    run together in a long one (exact)."""
    found: list[Found] = []
    for n, line in enumerate(lines):
        text = line.text
        body = re.sub(r"^[\s☒☑✓✔✅■●◉⊠~☐□○◯❍\-•]*(\[[xX ]\]|\([xX ]\))?\s*", "", text)
        head = len(text) - len(body)
        label_part = body.split(":", 1)[0]
        short = compact(label_part)
        best: tuple[float, Option | None] = (0.0, None)
        if len(short) < 90:  # a longer line is an answer, or options run together
            best = max(
                ((similarity(label_part, label), o) for o in options for label in o.labels),
                default=(0.0, None),
                key=lambda pair: pair[0],
            )
        if best[1] is not None and best[0] < 0.72 and len(short) >= 4:
            # "Other" for "Other (please name)": a label cut short
            prefix = next(
                (o for o in options for lb in o.labels if compact(lb).startswith(short)), None
            )
            best = (1.0, prefix) if prefix is not None else best
        if best[1] is not None and best[0] >= 0.72 and len(short) < 90:
            mark = _mark_before(text, head)
            found.append(
                Found(best[1].value, mark == "chosen", line.is_marked(head), head, len(text), n)
            )
            continue
        taken: list[tuple[int, int]] = []
        folded = text.casefold()
        for option in options:
            for label in sorted(option.labels, key=len, reverse=True):
                if label.casefold() not in folded:
                    continue
                hit = _label_pattern(label).search(text)
                if hit is None or any(a <= hit.start() < b for a, b in taken):
                    continue
                at, end = hit.span()
                taken.append((at, end))
                found.append(
                    Found(
                        option.value,
                        _mark_before(text, at) == "chosen",
                        line.is_marked(at, end),
                        at,
                        end,
                        n,
                    )
                )
                break
    return found


def chosen_values(found: list[Found]) -> list[str]:
    """Options marked chosen by a box or tick, or, when only some are bold or
    highlighted, those."""
    chosen = [f.value for f in found if f.chosen]
    if not chosen:
        emphasised = [f for f in found if f.marked]
        if emphasised and len(emphasised) < len({f.value for f in found}):
            chosen = [f.value for f in emphasised]
    return list(dict.fromkeys(chosen))


# ------------------------------------------------------------------- next steps


def _labels_in_languages(field_name: str) -> list[str]:

    labels = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            labels.append(next_step_labels()[field_name])
    return labels


def _field_pattern(extra: Iterable[str], field_name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in (*_labels_in_languages(field_name), *extra)]
    return re.compile(r"^\s*[•\-]?\s*(?:" + "|".join(words) + r")[^:?]{0,120}[:?]\s*(.*)$", re.I)


@dataclass
class StepRow:
    title: str = ""
    targets: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    work_areas: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "title": self.title.strip()[:500],
            "targets": "\n".join(self.targets).strip(),
            "evidence": "\n".join(self.evidence).strip(),
            "work_areas": self.work_areas,
        }


def work_areas_in(text: str) -> list[str]:
    labels: list[tuple[str, str]] = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            labels += [(value, str(label)) for value, label in WorkArea.choices]
    options = [Option(v, tuple(label for value, label in labels if value == v)) for v in WorkArea]
    found = find_options([Line(text=text)], options)
    boxes = any(f.chosen for f in found) or any(m in text for m in OPEN_MARKS)
    return [
        v for v in WorkArea.values if any(f.value == v and (f.chosen or not boxes) for f in found)
    ]


def parse_next_steps(lines: Sequence[Line]) -> tuple[list[dict], list[str]]:
    """Next-step blocks: "Next step 1: title" (or bullets "- title" when no block is
    numbered), then "Targets: …", "Evidence: …", "Work areas: …"; a line without a label
    continues the field above it. Returns the rows and the lines before the first one."""
    title_words = [w.split("%")[0].strip() for w in _labels_in_languages("title")]
    start = re.compile(
        r"^\s*(?:"
        + "|".join(re.escape(w) for w in [*title_words, "net step"])
        + r")\s*#?\s*\d+\s*[:.)–-]\s*(.+)$",
        re.I,
    )
    targets = _field_pattern(["target", "what are your targets"], "targets")
    evidence = _field_pattern(["what evidence"], "evidence")
    areas = _field_pattern(["which work area"], "work_areas")
    numbered = any(start.match(line.text) for line in lines)
    rows: list[StepRow] = []
    before: list[str] = []
    current: list[str] | None = None
    for line in lines:
        text = line.text
        labelled = areas.match(text) or targets.match(text) or evidence.match(text)
        opening = start.match(text) if numbered else (not labelled and BULLET.match(text))
        if opening:
            title = opening.group(1) if numbered else text[opening.end() :]
            rows.append(StepRow(title=title.strip()))
            current = None
            continue
        if not rows:
            before.append(text)
            continue
        row = rows[-1]
        if m := areas.match(text):
            row.work_areas = work_areas_in(m.group(1))
            current = None
        elif m := targets.match(text):
            current = row.targets
            current.append(m.group(1))
        elif m := evidence.match(text):
            current = row.evidence
            current.append(m.group(1))
        elif current is not None:
            current.append(text)
        elif text.strip():
            row.targets.append(text)
            current = row.targets
    return [r.as_dict() for r in rows], [b for b in before if b.strip()]
