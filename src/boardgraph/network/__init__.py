"""The collaboration network: read from the graph, built, measured, sliced by time, exported and drawn.

read (graph file → records) → build (records → networkx) → time / measures / search → exports (GraphML,
GEXF, CSV), render (terminal tables), view → page (HTML explorer) and pictures (PNG/SVG, timeline).
"""
