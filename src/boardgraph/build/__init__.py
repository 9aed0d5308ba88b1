"""Running the pipeline over a corpus: the build itself, its cache, executors and progress."""
