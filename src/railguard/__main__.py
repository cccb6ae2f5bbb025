import sys

from railguard.cli import main

sys.exit(main())
