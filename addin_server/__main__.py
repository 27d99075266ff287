"""``python -m addin_server`` runs the command line."""

import sys

from addin_server.cli import main

sys.exit(main())
