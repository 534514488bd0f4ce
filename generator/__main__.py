"""`python -m generator`: the hwgen command line."""

from .cli import main

raise SystemExit(main())
