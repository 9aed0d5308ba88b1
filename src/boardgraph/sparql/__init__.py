"""SPARQL over a graph file or a remote endpoint, and loading a graph into a store."""
