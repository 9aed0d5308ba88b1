"""The spaCy pipeline, built from ``pipeline.cfg``, and its components (entities, chunks, relations)."""
