"""The trigger lexicon: data file -> lookup by lemma and part of speech.

The lexicon is data (``data/triggers.yaml``) so users extend it without touching code;
``Lexicon.load(extra)`` merges a user file over the packaged one.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from accord.errors import ConfigError
from accord.model import EVENT_TYPES, STATUSES

_POS = {"verb", "noun", "adj", "any"}
SKIP = "-"  # the type of a blocker entry, which makes no event


class _WordLoader(yaml.SafeLoader):
    """YAML 1.1 reads on/off/yes/no as booleans, but here they are words ("call off", the
    negation cue "no"): only true/false are booleans."""


_WordLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                  list("tTfF"))


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    type: str
    pos: str = "verb"
    mode: str | None = None
    object: frozenset[str] = frozenset()
    particle: str | None = None
    reciprocal: bool = False
    swap: bool = False
    status: str | None = None
    eventive: bool = True
    with_: frozenset[str] = frozenset()  # the trigger's own modifiers ("air strike", "hunger strike")
    requires: frozenset[str] = frozenset()  # a dependent relation or preposition it must have
    skip: bool = False  # a blocker: the words are no event ("strike a balance")

    @property
    def key(self) -> tuple:
        return (self.lemma, self.pos, self.object, self.particle, self.with_, self.requires)


@dataclass(frozen=True, slots=True)
class Lexicon:
    by_lemma: dict[str, tuple[Trigger, ...]]
    cues: dict[str, str]  # cue lemma -> status it sets
    accusatory: frozenset[str] = frozenset()  # words that make a report an accusation
    # (lemma, pos) -> ``candidates``: asked for every content word of every document
    _candidates: dict[tuple[str, str], tuple[Trigger, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False)

    @classmethod
    def load(cls, extra: Path | None = None) -> Lexicon:
        base = resources.files("accord") / "data" / "triggers.yaml"
        entries, cues, accusatory = _parse(base.read_text(encoding="utf-8"), "triggers.yaml")
        if extra is not None:
            try:
                text = Path(extra).read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"{extra}: cannot read lexicon ({exc.strerror}); check the --lexicon path") from exc
            more, more_cues, more_accusatory = _parse(text, str(extra))
            accusatory = accusatory | more_accusatory
            merged = {t.key: t for t in entries}
            merged.update({t.key: t for t in more})
            entries = list(merged.values())
            cues = {**cues, **more_cues}
        index: dict[str, list[Trigger]] = defaultdict(list)
        for t in entries:
            index[t.lemma].append(t)
        # entries with conditions first: "express gratitude" before a bare "express"
        # and a modifier first of all ("test-fired a missile" before "fired a missile")
        frozen = {k: tuple(sorted(v, key=lambda t: (not t.with_, not t.object, not t.particle, not t.requires)))
                  for k, v in index.items()}
        return cls(frozen, cues, accusatory)

    def candidates(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        hit = self._candidates.get((lemma, pos))
        if hit is None:
            found = self.by_lemma.get(lemma.lower(), ())
            hit = self._candidates[(lemma, pos)] = tuple(t for t in found if t.pos in (pos, "any"))
        return hit


def _parse(text: str, name: str) -> tuple[list[Trigger], dict[str, str], frozenset[str]]:
    try:
        data = yaml.load(text, Loader=_WordLoader) or {}  # safe: _WordLoader is a SafeLoader subclass
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f"{name}:{line + 1}" if line is not None else name
        raise ConfigError(f"{where}: not valid YAML ({exc}); fix the file or drop --lexicon") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected a mapping with 'triggers' and 'cues'")
    entries: list[Trigger] = []
    for i, raw in enumerate(data.get("triggers") or [], 1):
        skip = isinstance(raw, dict) and bool(raw.get("skip", False))
        if not isinstance(raw, dict) or "lemma" not in raw or ("type" not in raw and not skip):
            raise ConfigError(f"{name}: trigger #{i} needs at least 'lemma' and 'type': {raw!r}")
        kind = str(raw.get("type", SKIP)).upper()
        if kind not in EVENT_TYPES and not (skip and kind == SKIP):
            raise ConfigError(f"{name}: trigger #{i} ({raw['lemma']}) has unknown type {raw['type']!r}; "
                              f"use one of {', '.join(EVENT_TYPES)}")
        pos = str(raw.get("pos", "verb"))
        if pos not in _POS:
            raise ConfigError(f"{name}: trigger #{i} ({raw['lemma']}) has pos {pos!r}; use verb, noun, adj or any")
        status = raw.get("status")
        if status is not None and status not in STATUSES:
            raise ConfigError(f"{name}: trigger #{i} ({raw['lemma']}) has unknown status {status!r}")
        entries.append(Trigger(
            lemma=str(raw["lemma"]).lower(), type=kind, pos=pos, mode=raw.get("mode"),
            object=_words(raw.get("object")),
            particle=raw.get("particle"), reciprocal=bool(raw.get("reciprocal", False)),
            swap=bool(raw.get("swap", False)), status=status, eventive=bool(raw.get("eventive", True)),
            with_=_words(raw.get("with")), requires=_words(raw.get("requires")), skip=skip,
        ))
    cues: dict[str, str] = {}
    for status, words in (data.get("cues") or {}).items():
        if status not in STATUSES:
            raise ConfigError(f"{name}: cue group {status!r} is not a status")
        for w in words:
            cues[str(w).lower()] = status
    accusatory = data.get("accusatory") or []
    if not isinstance(accusatory, list):
        raise ConfigError(f"{name}: 'accusatory' must be a list of words")
    return entries, cues, _words(accusatory)


def _words(value) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    return frozenset(str(o).lower() for o in value)


@functools.cache
def default_lexicon() -> Lexicon:
    return Lexicon.load()
