"""Gazetteers: countries, their names and metonyms, institutions, international bodies, titles,
well-known people and cities, read from the TSV files in ``accord/data`` (built by scripts/build_gazetteers.py).

Every lookup normalises its text with :func:`fold` (case, quotes, dashes, diacritics, spaces) and
is one or a few dict lookups. Terms carry case rules: ``exact`` (and every all-capital term, such
as "US" or "WHO") matches only with exactly that case; ``cap`` needs an initial capital
("Turkey", not "turkey"). ``ambiguous`` terms match but are reported as such.

Users extend the data with TSV files of the same columns (the header line says which family a
file belongs to): ``Gazetteer.load(extra=[path_or_dir])`` or ``gaz.extend(path)``. A user row
replaces a packaged row with the same key.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, cast

from accord.errors import ConfigError

__all__ = ["Gazetteer", "Institution", "PersonHit", "PlaceHit", "TermHit", "Title", "country_gazetteer", "default_gazetteer",
           "fold"]

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

SECTORS = frozenset("GOV LEG JUD MIL COP SPY PTY OPP BUS CVL JRN MED EDU REL REF ELI REB UAF UNK PRE".split())


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class TermHit:
    """A country (or international body) named by a term.

    kind: name | alt | demonym | plural | capital | metonym | partial | region | igo.
    canonical: the country's name; for capitals, metonyms, partial entities and regions the
    canonical name of what the term names ("Kyiv", "Kremlin", "Nagorno-Karabakh").
    sector: the PLOVER sector the term implies: a seat of power's (Pentagon: MIL) or an
    international body's (UNHCR: GOV, ICJ: JUD, NATO: MIL); None for a country, a whole
    organisation (the UN, the EU) or an NGO.
    """

    code: str
    kind: str
    canonical: str
    ambiguous: bool = False
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Institution:
    """A national institution. country is None for a generic one with no country in the text
    ("the Foreign Ministry")."""

    name: str
    country: str | None
    sector: str
    kind: str
    ambiguous: bool = False  # the alias has other common meanings ("SDF", "IRA")


@dataclass(frozen=True, slots=True)
class Title:
    role: str
    sector: str
    rank: int


@dataclass(frozen=True, slots=True)
class PersonHit:
    """A well-known person and the office held in the year asked about (the most senior one when
    no year is given). After every office has ended the role is "former <last office>" and the
    sector ELI; before the first one, role and sector are None."""

    name: str
    country: str
    sector: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class PlaceHit:
    name: str
    country: str
    lat: float
    lon: float
    population: int
    admin1: str | None


# --------------------------------------------------------------------------- normalisation

_FOLD_TABLE = str.maketrans({
    "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-",
    "—": "-", "\u00a0": " ", "ı": "i", "İ": "I", "ə": "e", "Ə": "E", "ł": "l", "Ł": "L",
    "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ß": "ss", "ð": "d", "þ": "th",
})


# Both are pure and called on the same few thousand words over and over (every rule asks the
# gazetteer about the tokens and phrases it meets): memoised, bounded.
@functools.lru_cache(maxsize=1 << 16)
def _light(s: str) -> str:
    """Quotes, dashes and diacritics unified, hyphens as spaces, spaces collapsed; case kept."""
    if s.isascii():
        s = s.replace("`", "'")
    else:
        s = s.translate(_FOLD_TABLE)
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(s.replace("-", " ").split())


@functools.lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """The lookup key of a term: ``fold("Côte d’Ivoire") == "cote d'ivoire"``."""
    return _light(s).lower()


def _all_caps(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _case_ok(term: str, flags: frozenset[str], text: str) -> bool:
    if "exact" in flags or _all_caps(term):
        return _light(text) == _light(term)
    if "cap" in flags or ("ambiguous" in flags and term[:1].isupper() and " " not in term.strip()):
        # an ambiguous one-word name ("Report", "Trend", "Shell") is that name only when written as one
        return text[:1].isupper()
    return True


_THE = re.compile(r"^(?:the|The|THE)\s+")
_DET = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSS = re.compile(r"(?<=\w)(?:['’][sS]|(?<=[sS])['’])$")
_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*\.?")


def _variants(text: str) -> list[str]:
    """text, without a possessive, without a leading "the", without both."""
    s = " ".join(text.split())
    if "'" not in s and "’" not in s and s[:4].lower() != "the ":
        return [s]
    out = [s]
    p = _POSS.sub("", s)
    if p != s:
        out.append(p)
    t = _THE.sub("", s)
    if t != s:
        out.append(t)
        tp = _POSS.sub("", t)
        if tp != t:
            out.append(tp)
    return out


def _clean(text: str) -> str:
    return _POSS.sub("", _THE.sub("", " ".join(text.split())))


# --------------------------------------------------------------------------- rows and files


class _Term(NamedTuple):
    term: str
    code: str
    kind: str
    canonical: str
    sector: str
    flags: frozenset[str]


class _Inst(NamedTuple):
    alias: str
    name: str
    country: str
    sector: str
    kind: str
    flags: frozenset[str]


class _Igo(NamedTuple):
    alias: str
    code: str
    canonical: str
    kind: str
    flags: frozenset[str]
    sector: str


class _Title(NamedTuple):
    form: str
    title: Title
    flags: frozenset[str]


class _Office(NamedTuple):
    role: str
    start: int
    end: int | None   # None while in office
    sector: str
    country: str


class _PersonRow(NamedTuple):
    alias: str
    name: str
    country: str
    sector: str
    offices: tuple[_Office, ...]
    flags: frozenset[str]


class _Place(NamedTuple):
    hit: PlaceHit
    keys: tuple[str, ...]


FAMILIES: dict[str, tuple[str, ...]] = {
    "countries": ("code", "kind", "name", "official_name"),
    "country_terms": ("term", "code", "kind", "canonical", "sector", "flags"),
    "institutions": ("alias", "name", "country", "sector", "kind", "flags"),
    "igos": ("alias", "code", "canonical", "kind", "flags", "sector"),
    "titles": ("form", "role", "sector", "rank", "flags"),
    "people": ("alias", "name", "country", "sector", "offices", "flags"),
    "places": ("name", "ascii_name", "country", "lat", "lon", "population", "admin1", "alt_names"),
}
_OPTIONAL_TAIL = {"places": 1, "igos": 1}   # alt_names, an international body's sector may be left out

COUNTRY_KINDS = frozenset({"state", "observer", "special", "partial", "dependency", "body"})
TERM_KINDS = frozenset({"name", "alt", "demonym", "plural", "capital", "metonym", "partial", "region"})
INSTITUTION_KINDS = frozenset({"legislature", "ministry", "executive", "military", "security", "police",
                               "judiciary", "company", "media", "party", "agency", "armed_group"})
IGO_KINDS = frozenset({"un", "eu", "igo", "ngo", "img", "mnc", "ism"})
FLAGS = frozenset({"ambiguous", "cap", "exact", "modifier"})
_CODE = re.compile(r"^[A-Z]{3}$")


def _family_of(header: list[str], path: Path) -> str:
    for fam, cols in FAMILIES.items():
        n = len(cols) - _OPTIONAL_TAIL.get(fam, 0)
        if tuple(header) == cols or (len(header) >= n and tuple(header) == cols[: len(header)]):
            return fam
    raise ConfigError(f"{path}:1: unknown header {'|'.join(header)!r}; the first line must name the columns "
                      f"of one gazetteer file, e.g. {' TAB '.join(FAMILIES['country_terms'])} (see accord/data/README.md)")


def _read_tsv(path: Path) -> tuple[str, list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read gazetteer file ({exc})") from exc
    lines = text.split("\n")
    header = None
    rows: list[tuple[int, list[str]]] = []
    for no, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        if header is None:
            header = [h.strip() for h in line.split("\t")]
            family = _family_of(header, path)
            continue
        fields = line.split("\t")
        if len(fields) != len(header):
            raise ConfigError(f"{path}:{no}: expected {len(header)} tab-separated fields "
                              f"({', '.join(header)}), found {len(fields)}")
        rows.append((no, [f.strip() for f in fields]))
    if header is None:
        raise ConfigError(f"{path}: empty gazetteer file (it needs a header line naming its columns)")
    return family, rows


_FLAG_SETS: dict[str, frozenset[str]] = {}


def _flags(value: str, path: Path, no: int) -> frozenset[str]:
    flags = _FLAG_SETS.get(value)
    if flags is None:
        flags = frozenset(f.strip() for f in value.split(",") if f.strip())
        bad = flags - FLAGS
        if bad:
            raise _bad(path, no, f"unknown flag(s) {', '.join(sorted(bad))}; use {', '.join(sorted(FLAGS))}")
        _FLAG_SETS[value] = flags
    return flags


def _bad(path: Path, no: int, msg: str) -> ConfigError:
    return ConfigError(f"{path}:{no}: {msg}")


def _sector(value: str, path: Path, no: int, allow_empty: bool = True) -> str:
    if value in SECTORS or (allow_empty and value == ""):
        return value
    raise _bad(path, no, f"unknown sector {value!r}; use one of {' '.join(sorted(SECTORS))}, or leave it empty")


def _code(value: str, path: Path, no: int, what: str = "code", allow_empty: bool = False) -> str:
    if _CODE.match(value) or (allow_empty and value == ""):
        return value
    raise _bad(path, no, f"{what} {value!r} is not three capital letters (ISO alpha-3 or a body code)")


def _kind(value: str, allowed: frozenset[str], path: Path, no: int) -> str:
    if value in allowed:
        return value
    raise _bad(path, no, f"unknown kind {value!r}; use one of {', '.join(sorted(allowed))}")


class _Tables:
    """Parsed rows of every family, keyed by folded term (later rows replace earlier ones)."""

    __slots__ = ("countries", "igos", "institutions", "people", "place_files", "place_rows", "terms", "titles")

    def __init__(self) -> None:
        self.countries: dict[str, tuple[str, str, str]] = {}
        self.terms: dict[str, _Term] = {}
        self.institutions: dict[str, _Inst] = {}
        self.igos: dict[str, _Igo] = {}
        self.titles: dict[str, _Title] = {}
        # several people may share an alias ("Aliyev"): key -> name -> row
        self.people: dict[str, dict[str, _PersonRow]] = {}
        self.place_files: list[Path] = []          # parsed lazily
        self.place_rows: list[_Place] = []         # from user files, parsed eagerly

    def copy(self) -> _Tables:
        t = _Tables()
        t.countries, t.terms, t.institutions = dict(self.countries), dict(self.terms), dict(self.institutions)
        t.igos, t.titles = dict(self.igos), dict(self.titles)
        t.people = {k: dict(v) for k, v in self.people.items()}
        t.place_files, t.place_rows = list(self.place_files), list(self.place_rows)
        return t

    def add_file(self, path: Path, lazy_places: bool = False) -> None:
        if lazy_places and path.name == "places.tsv":
            self.place_files.append(path)
            return
        family, rows = _read_tsv(path)
        getattr(self, f"_add_{family}")(path, rows)

    def _add_countries(self, path: Path, rows) -> None:
        for no, (code, kind, name, official) in rows:
            if not name:
                raise _bad(path, no, "empty name")
            self.countries[_code(code, path, no)] = (_kind(kind, COUNTRY_KINDS, path, no), name, official or name)

    def _add_country_terms(self, path: Path, rows) -> None:
        for no, (term, code, kind, canonical, sector, flags) in rows:
            if not term:
                raise _bad(path, no, "empty term")
            self.terms[fold(term)] = _Term(term, _code(code, path, no), _kind(kind, TERM_KINDS, path, no),
                                           canonical or term, _sector(sector, path, no), _flags(flags, path, no))

    def _add_institutions(self, path: Path, rows) -> None:
        for no, (alias, name, country, sector, kind, flags) in rows:
            if not alias or not name:
                raise _bad(path, no, "empty alias or name")
            self.institutions[fold(alias)] = _Inst(
                alias, name, _code(country, path, no, "country", allow_empty=True), _sector(sector, path, no, False),
                _kind(kind, INSTITUTION_KINDS, path, no), _flags(flags, path, no))

    def _add_igos(self, path: Path, rows) -> None:
        for no, fields in rows:
            alias, code, canonical, kind, flags = fields[:5]
            sector = fields[5] if len(fields) > 5 else ""
            if not alias:
                raise _bad(path, no, "empty alias")
            self.igos[fold(alias)] = _Igo(alias, _code(code, path, no), canonical or alias,
                                          _kind(kind, IGO_KINDS, path, no), _flags(flags, path, no),
                                          _sector(sector, path, no))

    def _add_titles(self, path: Path, rows) -> None:
        for no, (form, role, sector, rank, flags) in rows:
            if not form or not role:
                raise _bad(path, no, "empty form or role")
            r = int(rank) if rank.isdigit() else -1
            if not 0 <= r <= 10:
                raise _bad(path, no, f"rank {rank!r} is not a whole number 0..10")
            fl = _flags(flags, path, no)
            self.titles[fold(form)] = _Title(form, Title(role, _sector(sector, path, no, "modifier" in fl), r), fl)

    def _add_people(self, path: Path, rows) -> None:
        for no, (alias, name, country, sector, offices, flags) in rows:
            if not alias or not name:
                raise _bad(path, no, "empty alias or name")
            self.people.setdefault(fold(alias), {})[name] = _PersonRow(
                alias, name, _code(country, path, no, "country"), _sector(sector, path, no, False),
                _offices(offices, path, no), _flags(flags, path, no))

    def _add_places(self, path: Path, rows) -> None:
        self.place_rows.extend(_parse_places(path, rows))


def _offices(value: str, path: Path, no: int) -> tuple[_Office, ...]:
    """ "president:1986::GOV:UGA;rebel leader:1981:1985:REB:UGA" -> offices."""
    out = []
    for part in value.split(";"):
        fields = part.split(":")
        if len(fields) != 5 or not fields[0] or not fields[1].isdigit() or not (fields[2] == "" or fields[2].isdigit()):
            raise _bad(path, no, f"office {part!r} is not role:from:to:sector:country (to may be empty)")
        role, start, end, sector, country = fields
        out.append(_Office(role, int(start), int(end) if end else None, _sector(sector, path, no, False),
                           _code(country, path, no, "country")))
    if not out:
        raise _bad(path, no, "a person needs at least one office")
    return tuple(out)


def _parse_places(path: Path, rows) -> list[_Place]:
    out = []
    for no, fields in rows:
        name, ascii_name, country, lat, lon, pop, admin1 = fields[:7]
        if not name:
            raise _bad(path, no, "empty name")
        try:
            hit = PlaceHit(name, _code(country, path, no, "country"), float(lat), float(lon), int(pop or 0),
                           admin1 or None)
        except ValueError:
            raise _bad(path, no, "lat, lon must be numbers and population a whole number") from None
        keys = {fold(name), fold(ascii_name or name)}
        if len(fields) > 7 and fields[7]:
            keys.update(fold(a) for a in fields[7].split("|"))
        keys.discard("")
        out.append(_Place(hit, tuple(keys)))
    return out


# --------------------------------------------------------------------------- the gazetteer

_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that"})
_COMPLEMENT = frozenset({"of", "to", "in", "for", "at", "from", "with", "on"})
_SUBBODY_HEADS = frozenset({
    "council", "committee", "commission", "presidium", "office", "secretariat", "department", "directorate",
    "service", "press", "apparatus", "administration", "chamber", "house", "bureau", "board", "delegation",
    "mission", "faction", "group", "caucus", "staff", "headquarters", "unit", "division", "branch", "agency",
    "assembly", "parliamentary", "permanent", "standing", "working", "subcommittee", "sub", "secretary",
    "central", "executive", "plenary", "session", "leadership", "speaker's", "cabinet", "inspectorate",
    "directorate-general", "institute", "centre", "center", "court",
})
_SUFFIX_BODIES = frozenset({"delegation", "committee", "commission", "secretariat", "presidium", "faction", "caucus",
                            "service", "press service", "leadership", "apparatus", "spokesperson's office"})
_LOCATED = frozenset({"Embassy", "Consulate", "Permanent Mission"})
_STATE_TERM_KINDS = frozenset({"name", "alt", "demonym"})
_KIND_BY_SECTOR = {"GOV": "executive", "LEG": "legislature", "MIL": "military", "SPY": "security",
                   "COP": "police", "JUD": "judiciary", "BUS": "company", "MED": "media", "PTY": "party"}


class Gazetteer:
    """Read-only lookups over the gazetteer tables. Build with :meth:`load`."""

    def __init__(self, tables: _Tables) -> None:
        self._t = tables
        self._countries = tables.countries
        self._terms = tables.terms
        self._inst = tables.institutions
        self._igos = tables.igos
        self._titles: dict[str, _Title] = {}
        self._modifiers: dict[str, _Title] = {}
        for k, row in tables.titles.items():
            (self._modifiers if "modifier" in row.flags else self._titles)[k] = row
        # token trie for find_titles: token key -> child dict; None key -> row
        self._trie: dict = {}
        for k, row in self._titles.items():
            node = self._trie
            for tok in _WORD.findall(k.replace("-", " ")):
                node = node.setdefault(tok, {})
            node[None] = row
        # last words of titles of several words ("party" of "opposition party")
        self._title_tails = frozenset(k.rsplit(" ", 1)[-1] for k in self._titles if " " in k)
        self._title_cache: dict[str, Title | None] = {}
        self._title_by_text: dict[str, Title | None] = {}
        self._inst_cache: dict[str, Institution | None] = {}
        self._country_cache: dict[str, TermHit | None] = {}
        self._igo_cache: dict[str, TermHit | None] = {}
        self._generic_cache: dict[str, Institution | None] = {}
        self._places: dict[str, list[PlaceHit]] | None = None
        self._fuzzy_keys: dict[str, list[str]] | None = None   # first letter -> term keys, built on first use
        self._fingerprint: str | None = None  # built on first use (a fraction of a second)

    # ----------------------------------------------------------------- construction

    @classmethod
    def load(cls, data_dir: Path | None = None, extra: Iterable[Path] = (),
             families: Iterable[str] | None = None) -> Gazetteer:
        """The packaged data (or ``data_dir``), with user TSV files or directories of them merged;
        ``families``: only these tables (``FAMILIES``' names), for a reader that asks one kind
        of question (``country_gazetteer``)."""
        data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
        tables = _Tables()
        for fam in FAMILIES if families is None else [f for f in FAMILIES if f in set(families)]:
            path = data_dir / f"{fam}.tsv"
            if not path.exists():
                raise ConfigError(f"{path}: gazetteer file missing; rebuild with scripts/build_gazetteers.py")
            tables.add_file(path, lazy_places=True)
        for p in extra:
            for f in _user_files(Path(p)):
                tables.add_file(f)
        return cls(tables)

    def extend(self, path: Path) -> Gazetteer:
        """A new gazetteer with the user TSV file (or directory of them) merged; self is unchanged."""
        tables = self._t.copy()
        for f in _user_files(Path(path)):
            tables.add_file(f)
        return Gazetteer(tables)

    def fingerprint(self) -> str:
        """A hash of what this gazetteer holds: every row of every table (the places still unread
        by the bytes of their files). Equal for gazetteers with the same rows however they were
        built, different after any added or edited row: what a coded document records as the
        gazetteer that coded it (``Provenance.gazetteer``). Worked out once per gazetteer."""
        if self._fingerprint is None:
            tables = self._t
            h = hashlib.sha256(b"gazetteer")
            for name in ("countries", "terms", "institutions", "igos", "titles", "people"):
                table = getattr(tables, name)
                h.update(f"\0{name}\0".encode())
                for key in sorted(table):
                    h.update(f"{key}\0{_stable(table[key])!r}\0".encode())
            for path in tables.place_files:
                h.update(b"\0places\0" + hashlib.sha256(Path(path).read_bytes()).digest())
            for row in tables.place_rows:
                h.update(repr(_stable(row)).encode())
            self._fingerprint = h.hexdigest()[:16]
        return self._fingerprint

    # ----------------------------------------------------------------- countries

    def country(self, text: str) -> TermHit | None:
        """The country a name, demonym, capital, metonym or partial entity stands for."""
        hit = self._country_cache.get(text, _MISSING)  # (the memo read inline: most calls find it)
        if hit is _MISSING:
            return _memoised(self._country_cache, text, self._country_slow)
        return cast("TermHit | None", hit)

    def _country_slow(self, text: str) -> TermHit | None:
        for s in _variants(text):
            row = self._terms.get(fold(s))
            if row is not None and _case_ok(row.term, row.flags, s):
                if s.isupper() and len(s) > 2 and not _all_caps(row.term) and fold(s) in self._igos:
                    return None  # "GUAM" is the organisation, not Guam
                return TermHit(row.code, row.kind, row.canonical, "ambiguous" in row.flags, row.sector or None)
        return None

    def country_fuzzy(self, text: str, min_score: float = 90.0) -> TermHit | None:
        """A misspelt country name or demonym ("Ethopia", "Afganistan", "Quatar"): the one
        name, alternative name or demonym of at least 5 letters, with the same first letter,
        within ``min_score`` (rapidfuzz ratio); None when none or several tie. Only for
        capitalised words the exact lookup does not know."""
        from rapidfuzz import fuzz

        s = _clean(text)
        if len(s) < 5 or not s[:1].isupper() or self.country(s) is not None:
            return None
        key = fold(s)
        if self._fuzzy_keys is None:
            self._fuzzy_keys = {}
            for k, row in self._terms.items():
                if row.kind in {"name", "alt", "demonym", "plural"} and len(k) >= 5 and not _all_caps(row.term) \
                        and "ambiguous" not in row.flags:
                    self._fuzzy_keys.setdefault(k[0], []).append(k)
        scored = sorted(((fuzz.ratio(key, k), k) for k in self._fuzzy_keys.get(key[0], [])), reverse=True)
        if not scored or scored[0][0] < min_score:
            return None
        best = self._terms[scored[0][1]]
        if len(scored) > 1 and scored[1][0] >= min_score and self._terms[scored[1][1]].code != best.code:
            return None
        return TermHit(best.code, best.kind, best.canonical, True)

    def country_name(self, code: str) -> str:
        """The short name of a code ("AZE" -> "Azerbaijan"); an unknown code is returned as is."""
        row = self._countries.get(code)
        return row[1] if row else code

    def codes(self) -> frozenset[str]:
        return frozenset(self._countries)

    def country_kind(self, code: str) -> str | None:
        """state | observer | special | partial | dependency | body, or None."""
        row = self._countries.get(code)
        return row[0] if row else None

    def _state(self, text: str, kinds: frozenset[str] = _STATE_TERM_KINDS) -> str | None:
        """A country code for a name/alt/demonym term (ambiguity allowed: context decides)."""
        for s in _variants(text):
            row = self._terms.get(fold(s))
            if row is not None and row.kind in kinds and _case_ok(row.term, row.flags, s):
                return row.code
        return None

    # ----------------------------------------------------------------- institutions

    def institution(self, text: str) -> Institution | None:
        """A listed institution or alias, a seat of power ("the Kremlin"), or a generic
        institution with its country ("the Azerbaijani Parliament", "Ministry of Foreign
        Affairs of Azerbaijan", "Ukraine's army"); a bare generic has country None."""
        hit = self._inst_cache.get(text, _MISSING)  # (the memo read inline: most calls find it)
        if hit is _MISSING:
            return _memoised(self._inst_cache, text, lambda t: self._institution(t, 0))
        return cast("Institution | None", hit)

    def _listed(self, text: str) -> Institution | None:
        for s in _variants(text):
            row = self._inst.get(fold(s))
            if row is not None and row.country and _case_ok(row.alias, row.flags, s):
                return Institution(row.name, row.country, row.sector, row.kind, "ambiguous" in row.flags)
        return None

    def _generic(self, text: str) -> tuple[_Inst, str] | None:
        """A country-less institution row for text, with a location suffix (" in Baku")."""
        bare = _THE.sub("", text)
        row = self._inst.get(fold(bare))
        if row is not None and not row.country and _case_ok(row.alias, row.flags, bare):
            return row, ""
        m = re.match(r"^(.+?)\s+(in|to|at)\s+(.+)$", text)
        if m:
            row = self._inst.get(fold(_THE.sub("", m[1])))
            if row is not None and not row.country and row.name in _LOCATED:
                return row, f" {m[2]} {m[3]}"
        return None

    def generic(self, text: str) -> Institution | None:
        """A bare generic institution word, also one that names nothing alone ("authorities",
        "junta", "regime"): for a caller that has found its country elsewhere ("the junta in Mali")."""
        hit = self._generic_cache.get(text, _MISSING)  # asked of most nouns: the memo is read inline
        if hit is _MISSING:
            return _memoised(self._generic_cache, text, self._generic_slow)
        return cast("Institution | None", hit)

    def _generic_slow(self, text: str) -> Institution | None:
        g = self._generic(_clean(text))
        return None if g is None or g[1] else Institution(g[0].name, None, g[0].sector, g[0].kind,
                                                          "ambiguous" in g[0].flags)

    def _of_country(self, code: str) -> str:
        """ "the United States", "the Netherlands", "Azerbaijan": a country name after "of"."""
        name = self.country_name(code)
        return f"the {name}" if _THE_NAME.search(name) else name

    def _make(self, row: _Inst, code: str, suffix: str) -> Institution:
        name = f"{row.name} of {self._of_country(code)}"
        listed = self._inst.get(fold(name))
        if listed is not None and listed.country == code and not suffix:
            return Institution(listed.name, listed.country, listed.sector, listed.kind)
        return Institution(name + suffix, code, row.sector, row.kind)

    def _institution(self, text: str, depth: int) -> Institution | None:
        hit = self._listed(text)
        if hit is not None:
            return hit
        s = _clean(text)
        if not s:
            return None
        row = self._terms.get(fold(s))
        if row is not None and row.kind == "metonym" and row.sector and _case_ok(row.term, row.flags, s):
            return Institution(row.canonical, row.code, row.sector, _KIND_BY_SECTOR.get(row.sector, "executive"))
        g = self._generic(s)
        if g is not None and "ambiguous" not in g[0].flags:   # "forces", "the Security Council": not alone
            return Institution(g[0].name + g[1], None, g[0].sector, g[0].kind)
        if depth > 3 or len(s) > 200:
            return None
        # "<generic> of <Country>", "<sub-body> of <institution>"
        for m in reversed(list(re.finditer(r"\s+of\s+", s))):
            left, right = s[: m.start()], s[m.end():]
            g = self._generic(left)
            code = self._state(right, frozenset({"name", "alt"}))
            if g is not None and code is not None:
                return self._make(g[0], code, g[1])
            loc = re.match(r"^(.+?)\s+(in|to|at)\s+(.+)$", right)
            if g is not None and g[0].name in _LOCATED and loc:
                code = self._state(loc[1], frozenset({"name", "alt"}))
                if code is not None:
                    return self._make(g[0], code, f" {loc[2]} {loc[3]}")
            head = _DET.sub("", left)
            if head.split(" ", 1)[0].lower() in _SUBBODY_HEADS or g is not None:
                parent = self._institution(right, depth + 1) or self._office(right)
                if parent is not None:
                    the = "the " if _THE.match(right) else ""
                    sector, kind = (g[0].sector, g[0].kind) if g is not None and g[0].kind != parent.kind \
                        else (parent.sector, parent.kind)
                    return Institution(f"{head} of {the}{parent.name}", parent.country, sector, kind)
        # "<Country>'s <generic>"
        poss = re.match(r"^(.+?)['’]s?\s+(.+)$", s)
        if poss:
            code = self._state(poss[1], frozenset({"name", "alt"}))
            g = self._generic(poss[2])
            if code is not None and g is not None:
                return self._make(g[0], code, g[1])
        # "<Demonym|Country> <generic>"
        words = s.split(" ")
        for i in range(1, min(5, len(words))):
            code = self._state(" ".join(words[:i]))
            if code is not None:
                g = self._generic(" ".join(words[i:]))
                if g is not None:
                    return self._make(g[0], code, g[1])
        # "<institution> <sub-body>": "the Azerbaijani parliamentary delegation"
        if len(words) > 1 and words[-1].lower() in _SUFFIX_BODIES:
            k = 2 if len(words) > 2 and f"{words[-2]} {words[-1]}".lower() in _SUFFIX_BODIES else 1
            parent = self._institution(_DET.sub("", " ".join(words[:-k])), depth + 1)
            if parent is not None and parent.country:
                return Institution(f"{parent.name} {' '.join(words[-k:])}", parent.country, parent.sector, parent.kind)
        return None

    def _office(self, text: str) -> Institution | None:
        """An office named by its holder's title and country: "the President of Azerbaijan"."""
        m = re.match(r"^(.+?)\s+of\s+(.+)$", _clean(text))
        if m is None:
            return None
        code = self._state(m[2], frozenset({"name", "alt"}))
        row = self._titles.get(fold(m[1])) if code else None
        if row is None or row.title.rank < 5:
            return None
        sector = row.title.sector
        return Institution(_clean(text), code, sector, _KIND_BY_SECTOR.get(sector, "executive"))

    # ----------------------------------------------------------------- international bodies

    def igo(self, text: str) -> TermHit | None:
        """An international body: code (UNO, EUR, IGO, NGO, MNC, IMG, ISM), canonical name and
        sector ("UNHCR": UNO, GOV; "the United Nations": UNO, None). A sub-body named through its
        parent ("the OSCE Secretariat") has the parent's sector, else GOV."""
        hit = self._igo_cache.get(text, _MISSING)  # (the memo read inline: most calls find it)
        if hit is _MISSING:
            return _memoised(self._igo_cache, text, self._igo_slow)
        return cast("TermHit | None", hit)

    def _igo_slow(self, text: str) -> TermHit | None:
        hit = self._igo_exact(text)
        if hit is not None:
            return hit
        s = _clean(text)
        m = re.match(r"^(.+?)\s+of\s+(.+)$", s)
        if m and m[1].split(" ", 1)[0].lower() in _SUBBODY_HEADS:
            parent = self._igo_exact(m[2])
            if parent is not None:
                return TermHit(parent.code, "igo", f"{parent.canonical} {m[1]}", parent.ambiguous, parent.sector or "GOV")
        words = s.split(" ")
        for i in range(len(words) - 1, 0, -1):
            if words[i].lower() in _SUBBODY_HEADS:
                parent = self._igo_exact(" ".join(words[:i]))
                if parent is not None:
                    return TermHit(parent.code, "igo", f"{parent.canonical} {' '.join(words[i:])}", parent.ambiguous,
                                   parent.sector or "GOV")
        return None

    def _igo_exact(self, text: str) -> TermHit | None:
        for s in _variants(text):
            row = self._igos.get(fold(s))
            if row is not None and _case_ok(row.alias, row.flags, s):
                return TermHit(row.code, "igo", row.canonical, "ambiguous" in row.flags, row.sector or None)
        return None

    # ----------------------------------------------------------------- titles

    def title(self, text: str) -> Title | None:
        """The office a whole phrase names ("ambassador", "Deputy foreign affairs minister",
        "the former Ukrainian ambassador to Azerbaijan"); case-insensitive."""
        # asked of nearly every noun of every document (actors, entity rules): the answer is kept
        # for the text as given, which spares folding it again
        hit = self._title_by_text.get(text, _MISSING)  # (the memo read inline: most calls find it)
        if hit is _MISSING:
            return _memoised(self._title_by_text, text, self._title_of)
        return cast("Title | None", hit)

    def _title_of(self, text: str) -> Title | None:
        key = fold(text)
        row = self._titles.get(key)
        if row is not None:
            if _all_caps(row.form) and not text.islower() and not _case_ok(row.form, row.flags, text):
                return None
            return row.title
        hit = self._title_cache.get(key, _MISSING)  # (the memo read inline: most calls find it)
        if hit is _MISSING:
            return _memoised(self._title_cache, key, self._title_slow)
        return cast("Title | None", hit)

    def ends_a_title(self, word: str) -> bool:
        """Whether a word is the last word of some title of several words."""
        return fold(word) in self._title_tails

    def is_title_modifier(self, word: str) -> bool:
        """A word that modifies a title after it ("former", "acting", "ousted")."""
        return fold(word) in self._modifiers

    def _title_slow(self, key: str) -> Title | None:
        words = key.split(" ")
        if len(words) < 2:
            return None
        while words and words[0] in _DETERMINERS:
            words = words[1:]
        mods: list[_Title] = []
        while len(words) > 1 and words[0] in self._modifiers:
            mods.append(self._modifiers[words[0]])
            words = words[1:]
        # country words before the title ("Ukrainian", "Azerbaijan's")
        for _ in range(2):
            for i in range(min(4, len(words) - 1), 0, -1):
                head = " ".join(words[:i])
                row = self._terms.get(_POSS.sub("", head))
                if (row is not None and row.kind in _STATE_TERM_KINDS | {"capital"}) or head in self._igos:
                    words = words[i:]
                    break
            else:
                break
        title = self._titles.get(" ".join(words))
        if title is None:
            # a complement naming a country or body ("ambassador of Ukraine to Azerbaijan")
            for i in range(len(words) - 1, 0, -1):
                if words[i] in _COMPLEMENT:
                    shorter = self._titles.get(" ".join(words[:i]))
                    if shorter is not None and self._is_complement(words[i:]):
                        title = shorter
                        break
        if title is None:
            return None
        return _apply_mods(title.title, mods)

    def _is_complement(self, words: list[str]) -> bool:
        """words = "to/of/in X [to/of/in Y ...]" where X, Y... are countries, bodies or institutions."""
        if len(words) < 2 or words[0] not in _COMPLEMENT:
            return False
        rest = words[1:]
        for j in range(len(rest), 0, -1):
            if j < len(rest) and rest[j] not in _COMPLEMENT:
                continue
            if self._names_entity(" ".join(rest[:j])) and (j == len(rest) or self._is_complement(rest[j:])):
                return True
        return False

    def _names_entity(self, key: str) -> bool:
        key = _THE.sub("", key)
        return (key in self._terms or key in self._igos or self._igo_exact(key) is not None
                or self._institution(key, 2) is not None)

    def find_titles(self, text: str) -> list[tuple[int, int, Title]]:
        """Every title inside text as (start, end, Title), character offsets into text;
        non-overlapping (longest first), ordered by rank (highest first), then position.
        A modifier before a title ("former", "acting") is included in its span and role."""
        toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        keys = [fold(t[2]) for t in toks]
        found: list[tuple[int, int, int, _Title]] = []   # (tok start, tok end, char end, row)
        n = len(toks)
        for i in range(n):
            node = self._trie
            best = None
            j = i
            while j < n:
                k = keys[j]
                nxt = node.get(k)
                cut = 0
                if nxt is None and k.endswith("."):
                    nxt = node.get(k[:-1])
                    cut = 1
                if nxt is None:
                    break
                node = nxt
                j += 1
                row = node.get(None)
                if row is not None:
                    end = toks[j - 1][1] - cut
                    if not (_all_caps(row.form) and not _case_ok(row.form, row.flags, text[toks[i][0]:end])):
                        best = (i, j, end, row)
            if best is not None:
                found.append(best)
        found.sort(key=lambda f: (-(f[1] - f[0]), -(f[2] - toks[f[0]][0]), f[0]))
        taken: set[int] = set()
        out: list[tuple[int, int, Title]] = []
        for i, j, end, row in found:
            if any(x in taken for x in range(i, j)):
                continue
            taken.update(range(i, j))
            start = toks[i][0]
            mods: list[_Title] = []
            before = i - 1
            while before >= 0 and before not in taken and keys[before] in self._modifiers:
                mods.insert(0, self._modifiers[keys[before]])
                taken.add(before)
                start = toks[before][0]
                before -= 1
            out.append((start, end, _apply_mods(row.title, mods)))
        out.sort(key=lambda t: (-t[2].rank, t[0]))
        return out

    # ----------------------------------------------------------------- people

    def person(self, name: str, *, year: int | None = None) -> PersonHit | None:
        """A well-known person by full name or listed alias ("Putin", "Zelenskyy"), with the
        office held in ``year``. Case-insensitive after an initial capital; an alias that several
        people share ("Aliyev", "Bush") or a flagged one-word alias resolves to nobody."""
        hits = self.people_named(name, year=year)
        if len(hits) != 1 or self._shared(name):
            return None
        return hits[0]

    def people_named(self, name: str, *, year: int | None = None) -> list[PersonHit]:
        """Everyone an alias may stand for, shared aliases included ("Bush" -> both Bushes)."""
        for s in _variants(name):
            if not s[:1].isupper():
                continue
            rows = self._t.people.get(fold(s))
            if rows:
                return [self._person_hit(r, year) for r in rows.values()]
        return []

    def _shared(self, name: str) -> bool:
        for s in _variants(name):
            rows = self._t.people.get(fold(s))
            if rows:
                return len(rows) > 1 or any("ambiguous" in r.flags for r in rows.values())
        return False

    def _person_hit(self, row: _PersonRow, year: int | None) -> PersonHit:
        def seniority(o: _Office) -> tuple[int, int]:
            t = self.title(o.role)
            return (t.rank if t is not None else 5, o.start)

        if year is None:
            held = list(row.offices)
        else:
            held = [o for o in row.offices if o.start <= year and (o.end is None or year <= o.end)]
        if held:
            o = max(held, key=seniority)
            return PersonHit(row.name, o.country, o.sector, o.role)
        past = [o for o in row.offices if o.end is not None and year is not None and o.end < year]
        if past:
            o = max(past, key=lambda o: (o.end, seniority(o)))
            return PersonHit(row.name, o.country, "ELI", f"former {o.role}")
        first = min(row.offices, key=lambda o: o.start)
        return PersonHit(row.name, first.country, None, None)

    # ----------------------------------------------------------------- places

    def place(self, name: str, countries: Iterable[str] = ()) -> PlaceHit | None:
        """A city by name; a name shared by several cities goes to the first of ``countries``
        (the article's countries) that has one, else to the most populous. Country names are
        not places (None)."""
        places = self._load_places()
        for s in _variants(name):
            key = fold(s)
            term = self._terms.get(key)
            if term is not None and term.kind in {"name", "alt"}:
                return None
            cands = places.get(key)
            if not cands and term is not None and term.kind == "capital":
                cands = [p for p in places.get(fold(term.canonical), []) if p.country == term.code]
            if cands:
                for c in countries:
                    inc = [p for p in cands if p.country == c]
                    if inc:
                        return inc[0]
                return cands[0]
        return None

    def _load_places(self) -> dict[str, list[PlaceHit]]:
        if self._places is None:
            rows: list[_Place] = []
            for f in self._t.place_files:
                family, raw = _read_tsv(f)
                if family != "places":
                    raise ConfigError(f"{f}:1: not a places file (header)")
                rows.extend(_parse_places(f, raw))
            rows.extend(self._t.place_rows)
            index: dict[str, list[PlaceHit]] = {}
            for p in rows:
                for k in p.keys:
                    lst = index.get(k)
                    if lst is None:
                        index[k] = [p.hit]
                    else:   # a later row for the same (name, country) replaces the earlier one
                        lst[:] = [h for h in lst if (h.name, h.country) != (p.hit.name, p.hit.country)]
                        lst.append(p.hit)
            for lst in index.values():
                if len(lst) > 1:
                    lst.sort(key=lambda h: -h.population)
            self._places = index
        return self._places

    def __repr__(self) -> str:
        return (f"Gazetteer(countries={len(self._countries)}, terms={len(self._terms)}, "
                f"institutions={len(self._inst)}, igos={len(self._igos)}, titles={len(self._titles)}, "
                f"people={len({n for v in self._t.people.values() for n in v})})")


_MISSING = object()
_MEMO_SIZE = 100_000


def _memoised(cache: dict, key: Any, compute: Callable[[Any], Any]) -> Any:
    """``compute(key)``, kept in ``cache``: the gazetteer's lookups are pure and asked of the
    same words over and over; the memo is emptied when it grows past ``_MEMO_SIZE``."""
    hit = cache.get(key, _MISSING)
    if hit is _MISSING:
        hit = compute(key)
        if len(cache) > _MEMO_SIZE:
            cache.clear()
        cache[key] = hit
    return hit
_THE_NAME = re.compile(r"^(United|Republic|Democratic|Central African|Dominican Republic|Czech Republic|Holy See)\b"
                       r"|(Islands|lands|Emirates|Philippines|Maldives|Bahamas|Comoros|Seychelles|Gambia)$")


def _apply_mods(title: Title, mods: list[_Title]) -> Title:
    if not mods:
        return title
    role, sector = title.role, title.sector
    for m in reversed(mods):
        role = f"{m.title.role} {role}"
        sector = m.title.sector or sector
    return Title(role, sector, title.rank)


def _user_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(path.glob("*.tsv"))
        if not files:
            raise ConfigError(f"{path}: no .tsv files in this gazetteer directory")
        return files
    if not path.exists():
        raise ConfigError(f"{path}: gazetteer file not found")
    return [path]


def _stable(value: object) -> object:
    """``value`` with every set sorted and every record a plain tuple: a repr that does not
    follow the hash seed."""
    if isinstance(value, (frozenset, set)):
        return tuple(sorted((_stable(v) for v in value), key=repr))
    if isinstance(value, dict):
        return tuple((k, _stable(value[k])) for k in sorted(value))
    if isinstance(value, (tuple, list)):
        return tuple(_stable(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(_stable(getattr(value, f.name)) for f in dataclasses.fields(value))
    return value


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    return Gazetteer.load()


@functools.cache
def country_gazetteer() -> Gazetteer:
    """The packaged gazetteer's countries only (names, terms and the bodies that share their
    letters): what ``Gazetteer.country`` reads, loaded in a fraction of the whole one's time,
    for readers that ask nothing else (the dyad report's "does this sentence name a country")."""
    return Gazetteer.load(families=("countries", "country_terms", "igos"))
