"""Every output boardgraph writes for the samples and corpus-extra is byte-identical to the snapshot.

The snapshot (``tests/data/output_snapshot.json``) was taken before the code was
reorganised into stage subpackages; a change that means to alter outputs
re-records it with ``make snapshot`` so that the diff shows which files moved.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import snapshot


@pytest.mark.slow
def test_outputs_match_the_snapshot(shared_dir: Path) -> None:
    recorded = json.loads(snapshot.SNAPSHOT.read_text(encoding="utf-8"))
    current = snapshot.snapshot(shared_dir)
    changed = {
        f"{corpus}/{name}"
        for corpus in set(current) | set(recorded)
        for name in set(current.get(corpus, {})) | set(recorded.get(corpus, {}))
        if current.get(corpus, {}).get(name) != recorded.get(corpus, {}).get(name)
    }
    hint = "re-record with `make snapshot` if the change is meant"
    assert not changed, f"outputs differ from the snapshot ({hint}): {sorted(changed)}"
