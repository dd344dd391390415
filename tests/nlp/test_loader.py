"""The spaCy pipeline: the pinned model, accord's components, paragraph and headline parsing."""

from __future__ import annotations

from accord.nlp.loader import get_pipeline, headline_variant, model_meta, parse_pieces
from accord.pipeline import paragraphs


def test_pinned_model_is_core_web_md_3_8_0():
    meta = model_meta()
    assert meta["name"] == "core_web_md"
    assert meta["version"] == "3.8.0"


def test_pipeline_has_accord_components_after_ner():
    names = get_pipeline().pipe_names
    assert "ner" in names and "parser" in names
    assert names.index("accord_title_names") > names.index("ner")


def test_paragraphs_concatenate_back_exactly():
    text = " date 2024-01-02 Headline here\n\nFirst para.\nSecond line\n\n\nLast"
    parts = paragraphs(text)
    assert "".join(parts) == text
    assert len(parts) == 4


def test_headline_variant_only_for_unpunctuated_short_lines():
    assert headline_variant("Norway and Sweden sign accord\n\n") == "Norway and Sweden sign accord.\n\n"
    assert headline_variant("A full sentence.\n") is None
    assert headline_variant(" ".join(["word"] * 30)) is None


def test_parsed_headline_keeps_the_text_and_reads_the_verb():
    nlp = get_pipeline()
    pieces = ["Norway and Sweden sign energy agreement\n\n", "They signed it in Oslo.\n"]
    docs = parse_pieces(nlp, pieces)
    assert [d.text for d in docs] == pieces
    head = docs[0]
    assert "." not in [t.text for t in head]
    sign = next(t for t in head if t.lower_ == "sign")
    assert any(c.dep_ == "nsubj" for c in sign.children)


def test_joined_pieces_are_spacys_from_docs():
    """``join_docs`` builds the doc ``Doc.from_docs`` builds, byte for byte (words, spaces,
    every annotation, the tensor), with its memo empty and filled; with user data it is spaCy's."""
    from spacy.tokens import Doc

    from accord.nlp.loader import join_docs, parse_pieces

    nlp = get_pipeline()
    pieces = ["Ukrainian Ambassador to Azerbaijan Yuriy Husyev met reporters in Baku. ",
              "\n\n", "Norway and Sweden sign accord", "\n\n", "  They didn’t ask; “no”, said JNIM.  \n", ""]
    names: dict[int, str] = {}
    for _ in range(2):
        docs = parse_pieces(nlp, pieces)
        for group in (docs, docs[:2], docs[2:], [docs[-1], docs[0]]):
            ours, spacys = join_docs(group, names), Doc.from_docs(group, ensure_whitespace=False)
            assert ours.to_bytes() == spacys.to_bytes()
            assert [t.lemma_ for t in ours] == [t.lemma_ for t in spacys]
            assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in spacys.ents]
            assert [s.start for s in ours.sents] == [s.start for s in spacys.sents]
    assert names
    docs[0].user_data[("._.", "note", 0, 2)] = "x"  # (a value spaCy moves by the character offset)
    assert join_docs(docs, names).to_bytes() == Doc.from_docs(docs, ensure_whitespace=False).to_bytes()
