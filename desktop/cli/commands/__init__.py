"""One module per `sotreem` subcommand, each with `run(args, db_path) -> exit code`."""
