"""The collaboration network: read from the graph, measured, sliced by time, exported and drawn."""
