"""One module per subcommand, each with ``add_parser(subparsers)`` and ``main(args) -> int``."""
