"""The NER corrections in accord.nlp.entity_rules on hand-made sentences."""

from __future__ import annotations


def _ents(coder, text):
    return [(e.text, e.label_) for e in coder.nlp(text).ents]


def test_name_after_long_title_is_a_person(coder):
    assert ("Yuriy Husyev", "PERSON") in _ents(coder, "Ukrainian Ambassador to Azerbaijan Yuriy Husyev met reporters.")


def test_name_before_comma_and_title_is_a_person(coder):
    ents = _ents(coder, "Sagiba Gafarova, the Chairperson of the Milli Majlis of Azerbaijan noted the progress.")
    assert ("Sagiba Gafarova", "PERSON") in ents


def test_entity_grows_to_the_institution(coder):
    ents = _ents(coder, "Sagiba Gafarova, the Chairperson of the Milli Majlis of Azerbaijan noted the progress.")
    assert any(t.endswith("Milli Majlis of Azerbaijan") and lab == "ORG" for t, lab in ents)


def test_glued_title_is_cut_from_the_body(coder):
    ents = _ents(coder, "Natalya Kochanova, Chairpersonof the Council of the Republic of the National Assembly of Belarus:")
    assert any(t.startswith("the Council of the Republic") and lab == "ORG" for t, lab in ents)
    assert not any(t.startswith("Chairpersonof") for t, _ in ents)


def test_title_phrase_with_name_splits(coder):
    ents = _ents(coder, "They laid a wreath at the grave of the National Leader of Azerbaijan Heydar Aliyev.")
    assert ("Heydar Aliyev", "PERSON") in ents
    assert not any("Leader" in t for t, _ in ents)


def test_possessive_is_trimmed(coder):
    ents = _ents(coder, "He joined Ukrainian Foreign Minister Andrii Sybiha's initiative.")
    assert not any(t.endswith("'s") for t, _ in ents)


def test_untagged_capitalised_body(coder):
    ents = _ents(coder, "They met in the Joint Azerbaijan-Ukraine Intergovernmental Commission yesterday.")
    assert ("Joint Azerbaijan-Ukraine Intergovernmental Commission", "ORG") in ents


def test_entity_grows_over_a_long_listed_name(coder):
    # the model stops at "National Union"; the listed name runs on through "for the ... of"
    ents = _ents(coder, "The government conceded to demands from National Union for the Total Independence of Angola.")
    assert ("National Union for the Total Independence of Angola", "ORG") in ents


def test_listed_names_the_model_missed_are_tagged():
    from accord.nlp.loader import get_pipeline

    nlp = get_pipeline()
    doc = nlp("JNIM fighters ambushed a convoy. Later the Houthis and Reporters Without Borders spoke.")
    ents = {e.text for e in doc.ents if e.label_ == "ORG"}
    assert {"JNIM", "Houthis", "Reporters Without Borders"} <= ents | {e.text.removeprefix("the ") for e in doc.ents}


def test_an_ordinary_capitalised_word_is_not_made_a_name():
    from accord.nlp.loader import get_pipeline

    doc = get_pipeline()("Trend analysts said the Report was late.")
    assert not any(e.text in {"Trend", "Report"} for e in doc.ents if e.label_ == "ORG")


def test_a_listed_armed_group_grows_over_a_partial_tag(code_text):
    # the model tags only "Islamic" (NORP); the listed name is "Islamic State"
    coded = code_text("The Islamic State group released 19 Syrian Christians on Sunday.")
    freed = next(e for e in coded.events if e.type == "RETREAT")
    assert [(a.text, a.country) for a in freed.actor] == [("Islamic State", "IMG")]


def test_token_columns_are_spacys():
    """``entity_rules.Tokens`` (the columns ``entity_fixes`` scans) gives what spaCy's tokens and
    spans give, with the hash memo empty, filled, and shared between docs."""
    from spacy.symbols import PERSON

    from accord.nlp.entity_rules import Tokens
    from accord.nlp.loader import get_pipeline

    nlp = get_pipeline()
    texts = ["Ukrainian Ambassador to Azerbaijan Yuriy Husyev met the Joint Azerbaijan-Ukraine "
             "Intergovernmental Commission  in Baku's old town.\n\nJNIM fighters, 12 of them, fled!",
             "  Reporters Without Borders (RSF) said: “no”.  ", ""]
    names: dict[int, str] = {}
    for _ in range(2):
        for text in texts:
            doc = nlp(text)
            t = Tokens(doc, names)
            assert t.n == len(doc)
            assert t.text == [tok.text for tok in doc]
            assert t.lower == [tok.lower_ for tok in doc]
            assert [doc.vocab.strings[p] for p in t.pos] == [tok.pos_ for tok in doc]
            assert [doc.vocab.strings[e] for e in t.ent] == [tok.ent_type_ for tok in doc]
            assert [bool(a) for a in t.alpha] == [tok.is_alpha for tok in doc]
            assert t.cap == [tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text) for tok in doc]
            for i in range(len(doc) + 1):
                for k in range(i, min(len(doc), i + 9) + 1):
                    assert t.text_of(i, k) == doc[i:k].text, (i, k)
    assert PERSON in Tokens(nlp("Yuriy Husyev spoke."), {}).ent
