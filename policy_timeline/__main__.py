import sys

from policy_timeline.cli import main

sys.exit(main())
