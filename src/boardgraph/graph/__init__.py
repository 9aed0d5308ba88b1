"""From extracted reports to RDF and back.

Resolve mentions to entities, relate them, write the graph, read it back,
export, validate, score and explain it.
"""
