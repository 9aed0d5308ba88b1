"""The network page's HTML, CSS and JavaScript, read by ``boardgraph.network.visualise``."""
