"""Shell analysis: command text -> Invocations (see ``analyze``), options and paths by meaning."""
