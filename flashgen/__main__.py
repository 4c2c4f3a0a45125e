"""``python -m flashgen`` runs the CLI."""

from flashgen.cli import main

main()
