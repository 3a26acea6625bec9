"""`python -m pantau` runs the CLI."""

from pantau.cli.main import main

main()
