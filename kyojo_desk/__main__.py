import sys

from kyojo_desk.cli import main

sys.exit(main())
