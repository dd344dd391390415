"""Scorer for the PLV pairs (``../shared/gold/plv/train.tsv``; see its ``PROVENANCE.md``).

Pure functions over export-format event dicts: nothing here prints, and the only I/O is
reading the TSV named by the caller.

The file
    Tab-separated, one header row, columns ``pair, label, source, target, sentence,
    marked_sentence``, no quoting (a ``"`` is an ordinary character). Each row is one
    (source, target, label) relation an annotator chose in a news sentence; the marked
    sentence wraps the source in ``<s>…</s>`` and the target in ``<t>…</t>``. A sentence may
    carry several pairs. Labels are PLOVER root types of an older version: ``YIELD`` covers
    today's CONCEDE and RETREAT; the others are current names. A relation with no target in
    the sentence writes ``a recipient`` and marks no ``<t>``.

Matching a label (``matches_label``)
    A predicted event matches a label when its type equals the label; or the label is YIELD
    and the type is CONCEDE or RETREAT; or the label is AGREE and the event is compared as
    AGREE by ``accord.evaluate.scoring.plover_type`` (a CONSULT, SUPPORT, COOPERATE or AID with status
    planned or proposed).

Per pair (``score_plv``)
    * ``type_hit``: some event of the sentence matches the label;
    * ``no_event``: the sentence got no event at all;
    * ``participants``: some event matching the label names the marked sides: the source
      overlaps by word an actor on the event's ``actor`` side and the target one on its
      ``recipient`` side; for a reciprocal event (empty recipient, or type CONSULT) source and
      target must each overlap some participant on either side. A pair whose target is not
      marked in the sentence is checked on its source alone.

Word overlap (``span_words``)
    A participant's ``text`` and its ``entity`` are each compared with the marked span.
    Dotted abbreviations are closed first ("U.S." -> "US", "U.N." -> "UN"); the text is cut
    into runs of letters and digits; a token is kept when it has three or more characters, or
    two or more and is all capitals (US, UN, EU); kept tokens are lower-cased and stop words
    (``STOP_WORDS``) dropped. Two texts overlap when their kept tokens share one.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.evaluate.scoring import plover_type
from accord.model import EVENT_TYPES

__all__ = [
    "PLV_COLUMNS", "PLV_LABELS", "STOP_WORDS", "PlvCounts", "PlvMiss", "PlvPair", "PlvScores",
    "event_summary", "load_plv_gold", "matches_label", "names_sides", "score_plv",
    "span_words", "words_overlap",
]

PLV_COLUMNS: tuple[str, ...] = ("pair", "label", "source", "target", "sentence", "marked_sentence")
PLV_LABELS: frozenset[str] = frozenset(EVENT_TYPES) | {"YIELD"}
YIELD_TYPES: frozenset[str] = frozenset({"CONCEDE", "RETREAT"})
STOP_WORDS: frozenset[str] = frozenset({
    "the", "a", "an", "of", "and", "or", "in", "on", "at", "by", "for", "to", "from", "with",
    "as", "his", "her", "its", "their", "our", "my", "your", "s", "this", "that", "these",
    "those", "who", "which", "whose",
})

_ABBREVIATION = re.compile(r"\b((?:[A-Za-z]\.)+[A-Za-z])\.?(?![A-Za-z])")
_TOKEN = re.compile(r"[^\W_]+")
_SOURCE_MARK = re.compile(r"<s>(.*?)</s>", re.S)
_TARGET_MARK = re.compile(r"<t>(.*?)</t>", re.S)


# --------------------------------------------------------------------------------------------
# Reading the gold


@dataclass(frozen=True, slots=True)
class PlvPair:
    """One annotated relation: a labelled (source, target) pair in a sentence."""

    pair: str
    label: str
    source: str
    target: str
    sentence: str
    marked_sentence: str
    line: int = 0  # line of the row in the TSV

    @property
    def target_marked(self) -> bool:
        """False when the sentence marks no target (the TSV then writes 'a recipient')."""
        return bool(_TARGET_MARK.search(self.marked_sentence))


def load_plv_gold(path: Path) -> list[PlvPair]:
    """Read a PLV TSV (columns ``PLV_COLUMNS``) into pairs, in file order.

    Raises InputError naming the file and line for a missing column, a row with the wrong
    number of fields, an empty sentence or an unknown label.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the PLV gold ({exc}); check the --gold path") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason}); is this the PLV TSV?") from exc
    if not lines or not lines[0].strip():
        raise InputError(f"{path}: empty; expected a header row naming {', '.join(PLV_COLUMNS)}")
    header = next(csv.reader(lines[:1], delimiter="\t", quoting=csv.QUOTE_NONE))
    missing = [c for c in PLV_COLUMNS if c not in header]
    if missing:
        raise InputError(
            f"{path}:1: the header lacks {', '.join(missing)}; expected the columns "
            f"{', '.join(PLV_COLUMNS)} separated by tabs"
        )
    where = {c: header.index(c) for c in PLV_COLUMNS}
    pairs: list[PlvPair] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        row = line.split("\t")
        if len(row) != len(header):
            raise InputError(
                f"{path}:{number}: {len(row)} field(s) where the header names {len(header)}; "
                "a tab inside a sentence? fix or remove the line"
            )
        values = {c: row[i].strip() for c, i in where.items()}
        label = values["label"].upper()
        if label not in PLV_LABELS:
            raise InputError(
                f"{path}:{number}: unknown label {values['label']!r}; labels are the 16 PLOVER "
                "types and YIELD"
            )
        if not values["sentence"]:
            raise InputError(f"{path}:{number}: empty sentence; fix or remove the line")
        pairs.append(PlvPair(
            pair=values["pair"] or str(number), label=label, source=values["source"],
            target=values["target"], sentence=values["sentence"],
            marked_sentence=values["marked_sentence"] or values["sentence"], line=number,
        ))
    return pairs


# --------------------------------------------------------------------------------------------
# Word overlap and matching


def span_words(text: str | None) -> frozenset[str]:
    """The words a text is compared by (rules in the module doc).

    ``span_words("the U.S. Supreme Court") == {"us", "supreme", "court"}``.
    """
    if not text:
        return frozenset()
    closed = _ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), text)
    out = set()
    for token in _TOKEN.findall(closed):
        if len(token) >= 3 or (len(token) >= 2 and token.isupper()):
            word = token.lower()
            if word not in STOP_WORDS:
                out.add(word)
    return frozenset(out)


def _get(actor: Any, key: str) -> Any:
    return actor.get(key) if isinstance(actor, Mapping) else getattr(actor, key, None)


def words_overlap(span: str, actors: Iterable[Any]) -> bool:
    """True when some actor's ``text`` or ``entity`` shares a word with ``span``."""
    wanted = span_words(span)
    if not wanted:
        return False
    return any(
        wanted & span_words(_get(a, "text")) or wanted & span_words(_get(a, "entity"))
        for a in actors
    )


def matches_label(label: str, event: Mapping[str, Any]) -> bool:
    """Whether an export-format event counts as the PLV ``label`` (rules in the module doc)."""
    label = label.upper()
    kind = str(event.get("type") or "").upper()
    if kind == label:
        return True
    if label == "YIELD":
        return kind in YIELD_TYPES
    return label == "AGREE" and plover_type(event) == "AGREE"


def names_sides(pair: PlvPair, event: Mapping[str, Any]) -> bool:
    """Whether the event's sides name the pair's marked source and target (module doc)."""
    actors = list(event.get("actor") or [])
    recipients = list(event.get("recipient") or [])
    reciprocal = not recipients or str(event.get("type") or "").upper() == "CONSULT"
    if reciprocal:
        everyone = actors + recipients
        return words_overlap(pair.source, everyone) and (
            not pair.target_marked or words_overlap(pair.target, everyone)
        )
    return words_overlap(pair.source, actors) and (
        not pair.target_marked or words_overlap(pair.target, recipients)
    )


def event_summary(event: Mapping[str, Any]) -> str:
    """``ACCUSE/occurred: Zarif (IRN) -> U.S. Supreme Court (USA)`` for an error listing."""

    def side(actors: Iterable[Any]) -> str:
        parts = []
        for a in actors:
            country = _get(a, "country")
            parts.append(f"{_get(a, 'text')} ({country or '?'})")
        return ", ".join(parts) or "—"

    head = f"{event.get('type')}/{event.get('status')}"
    return f"{head}: {side(event.get('actor') or [])} -> {side(event.get('recipient') or [])}"


# --------------------------------------------------------------------------------------------
# Scores


@dataclass(slots=True)
class PlvCounts:
    """Pairs, and how many of them hit on type, got no event, and had their sides named."""

    n: int = 0
    type_hits: int = 0
    no_events: int = 0
    participant_hits: int = 0

    @property
    def type_hit(self) -> float:
        return self.type_hits / self.n if self.n else 0.0

    @property
    def no_event(self) -> float:
        return self.no_events / self.n if self.n else 0.0

    @property
    def participants(self) -> float:
        return self.participant_hits / self.n if self.n else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n, "type_hits": self.type_hits, "no_events": self.no_events,
            "participant_hits": self.participant_hits, "type_hit": round(self.type_hit, 4),
            "no_event": round(self.no_event, 4), "participants": round(self.participants, 4),
        }


@dataclass(frozen=True, slots=True)
class PlvMiss:
    """A pair missed on ``type`` (no event matches its label) or on ``participants``."""

    kind: str  # "type" or "participants"
    pair: str
    label: str
    marked_sentence: str
    predicted: tuple[str, ...]  # event_summary of every event in the sentence

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "pair": self.pair, "label": self.label,
                "marked_sentence": self.marked_sentence, "predicted": list(self.predicted)}


@dataclass(slots=True)
class PlvScores:
    """PLV scores overall and per label, with every miss (rules in the module doc)."""

    overall: PlvCounts
    per_label: dict[str, PlvCounts]
    errors: list[PlvMiss] = field(default_factory=list)  # type misses first, then participants
    sentences: int = 0
    events: int = 0  # predicted events over the scored sentences
    target_unmarked: int = 0  # pairs checked on their source alone

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.overall.n, "sentences": self.sentences, "events": self.events,
            "target_unmarked": self.target_unmarked,
            **{k: v for k, v in self.overall.to_dict().items() if k != "n"},
            "per_label": {k: v.to_dict() for k, v in sorted(self.per_label.items())},
            "errors": [e.to_dict() for e in self.errors],
        }


def score_plv(
    pairs: Sequence[PlvPair], predictions: Mapping[str, Sequence[Mapping[str, Any]]]
) -> PlvScores:
    """Score the events found per sentence against PLV pairs (rules in the module doc).

    ``predictions`` maps a sentence (its text exactly as in the gold) to the export-format
    events accord found in it; a sentence with no entry counts as no events.
    """
    overall = PlvCounts()
    per_label: dict[str, PlvCounts] = defaultdict(PlvCounts)
    type_misses: list[PlvMiss] = []
    participant_misses: list[PlvMiss] = []
    unmarked = 0
    for p in pairs:
        events = list(predictions.get(p.sentence, ()))
        matching = [e for e in events if matches_label(p.label, e)]
        type_hit = bool(matching)
        named = any(names_sides(p, e) for e in matching)
        unmarked += not p.target_marked
        for counts in (overall, per_label[p.label]):
            counts.n += 1
            counts.type_hits += type_hit
            counts.no_events += not events
            counts.participant_hits += named
        if not type_hit or not named:
            miss = PlvMiss("type" if not type_hit else "participants", p.pair, p.label,
                           p.marked_sentence, tuple(event_summary(e) for e in events))
            (type_misses if not type_hit else participant_misses).append(miss)
    sentences = {p.sentence for p in pairs}
    return PlvScores(
        overall=overall, per_label=dict(per_label), errors=type_misses + participant_misses,
        sentences=len(sentences),
        events=sum(len(predictions.get(s, ())) for s in sentences),
        target_unmarked=unmarked,
    )
