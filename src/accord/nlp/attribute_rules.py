"""The model's attribute ruler (tag -> POS and morphology, a few lemma and dependency exceptions),
applied with the same result but without running spaCy's Matcher over every token.

spaCy's ``AttributeRuler`` matches all its 179 patterns against each document, then for each
match builds a Span and sets the attributes: about a sixth of the model's whole parse time,
spent mostly on per-match Python. Almost every pattern looks at one token only, and the
attributes a single-token pattern sets depend only on that token's tag, lowercase form,
dependency label and whether it is a space; so the merged result is computed once per such
combination and kept. The few two-token patterns ("gon na", "let 's") are checked where their
first token matches.

Exactness: matches are applied in the ruler's own order (rule index, then position), each
token's attributes are set with spaCy's own ``set_token_attrs``, and a ruler with a pattern
this module does not understand (operators, other attributes) is left in place unchanged
(``fast_ruler`` returns None). ``tests/nlp/test_attribute_rules.py`` compares both on text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

from accord.nlp.stand_in import StandIn

COMPONENT = "accord_attribute_rules"
_KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # position in a token's features
_Features = tuple[str, str, str, bool]
_Predicate = Callable[[_Features], bool]


def _value_test(value: Any) -> Callable[[Any], bool] | None:
    """A test for one attribute's value as the Matcher reads it; None if not understood."""
    if isinstance(value, (bool, str)):
        want = value

        def equals(v: Any) -> bool:
            return bool(v == want)
        return equals
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            words = frozenset(arg)

            def among(v: Any) -> bool:
                return v in words

            def not_among(v: Any) -> bool:
                return v not in words
            return among if op == "IN" else not_among
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)

            def matches(v: Any) -> bool:
                return bool(rx.search(v))
            return matches
    return None


def _token_test(spec: dict) -> _Predicate | None:
    tests = []
    for key, value in spec.items():
        if key not in _KEYS:
            return None
        test = _value_test(value)
        if test is None or (key == "IS_SPACE") != isinstance(value, bool):
            return None
        tests.append((_KEYS[key], test))
    checks = tuple(tests)

    def passes(f: _Features) -> bool:
        return all(test(f[k]) for k, test in checks)
    return passes


class FastAttributeRules:
    """Callable component: ``doc -> doc`` with the attribute ruler's annotations set."""

    def __init__(self, nlp: Language, patterns: list[dict]) -> None:
        self.vocab = nlp.vocab
        self.longer: list[tuple[int, list[_Predicate], int]] = []  # (rule, tests, index)
        self.attrs: list[dict] = []
        self._by_tag: dict[str, list[tuple[int, _Predicate]]] = {}  # one-token rules that name the tag
        self._any_tag: list[tuple[int, _Predicate]] = []  # the others
        for rule, p in enumerate(patterns):
            self.attrs.append(normalize_token_attrs(self.vocab, p["attrs"]))
            index = p.get("index", 0)
            for pattern in p["patterns"]:
                maybe = [_token_test(spec) for spec in pattern]
                if not maybe or any(t is None for t in maybe) or not -len(maybe) <= index < len(maybe):
                    raise ValueError(f"pattern not supported: {pattern}")
                tests = cast(list[_Predicate], maybe)  # none is None: checked above
                if len(tests) == 1:
                    tag = pattern[0].get("TAG")
                    (self._by_tag.setdefault(tag, []) if isinstance(tag, str) else self._any_tag).append((rule, tests[0]))
                else:
                    self.longer.append((rule, tests, index))
        # per feature combination: the one-token rules that match, and the longer patterns
        # whose first token matches (checked further only there)
        self._memo: dict[tuple[int, int, int, int], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._merged: dict[tuple[int, ...], dict] = {}

    def _features(self, key: tuple[int, int, int, int]) -> _Features:
        s = self.vocab.strings
        return (s[key[0]], s[key[1]], s[key[2]], bool(key[3]))

    def _rules(self, key: tuple[int, int, int, int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        f = self._features(key)
        single = self._by_tag.get(f[0], []) + self._any_tag
        found = (tuple(sorted({rule for rule, test in single if test(f)})),
                 tuple(k for k, (_, tests, _) in enumerate(self.longer) if tests[0](f)))
        if len(self._memo) > 200_000:  # a memo, bounded
            self._memo.clear()
        self._memo[key] = found
        return found

    def _merge(self, rules: tuple[int, ...]) -> dict:
        merged = {}
        for rule in rules:  # later rules take precedence, as in the ruler
            merged.update(self.attrs[rule])
        self._merged[rules] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        keys = [tuple(row) for row in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        memo = self._memo
        found = [memo.get(k) or self._rules(k) for k in keys]
        per_token = [f[0] for f in found]
        for start, (_, firsts) in enumerate(found):
            for k in firsts:  # a longer pattern starts here: check its other tokens
                rule, tests, index = self.longer[k]
                width = len(tests)
                if start + width <= n and all(tests[j](self._features(keys[start + j])) for j in range(1, width)):
                    i = start + (index if index >= 0 else width + index)
                    per_token[i] = tuple(sorted(set(per_token[i]) | {rule}))
        merged = self._merged
        for i, rules in enumerate(per_token):
            if rules:
                set_token_attrs(doc[i], merged.get(rules) or self._merge(rules))
        return doc


def fast_ruler(nlp: Language, name: str = "attribute_ruler") -> FastAttributeRules | None:
    """The stand-in for ``nlp``'s attribute ruler, or None when there is none or it uses a
    pattern this module cannot reproduce exactly."""
    if name not in nlp.pipe_names:
        return None
    ruler: Any = nlp.get_pipe(name)  # spaCy's AttributeRuler (typed as a plain component)
    try:
        return FastAttributeRules(nlp, list(ruler.patterns))
    except (ValueError, KeyError, TypeError):
        return None


def install(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap ``nlp``'s attribute ruler for the stand-in, keeping its name and place; False
    (nothing changed) when ``fast_ruler`` cannot reproduce it."""
    fast = fast_ruler(nlp, name)
    if fast is None:
        return False
    ruler = nlp.get_pipe(name)
    nlp.replace_pipe(name, COMPONENT, config={})
    cast(StandIn, nlp.get_pipe(name)).stand_in(fast, ruler)
    return True


@Language.factory(COMPONENT)
def _make(nlp: Language, name: str) -> StandIn:
    return StandIn()
