"""boardgraph: knowledge graphs of who worked with whom, from local-government board reports."""

__version__ = "0.1.0"
