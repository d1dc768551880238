"""The `sotreem` command line: the GUI by default, subcommands for headless work.

`main` (argument wiring and dispatch) loads only the chosen command's module from
`desktop.cli.commands`, so `sotreem find` never imports the report or sync stacks and the GUI
starts without any of them. Every subcommand goes through the same `Register` façade as the GUI.
"""

from desktop.cli.main import main

__all__ = ["main"]
