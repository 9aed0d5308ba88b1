import sys

from boardgraph.cli import main

sys.exit(main())
