"""Allows ``python -m systematise``."""

from systematise.cli import main

main()
