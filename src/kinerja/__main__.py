"""``python -m kinerja`` runs the command line."""

import sys

from kinerja.cli import main

sys.exit(main())
