"""Sub-commands of `airf`, one module per output (registered in cli.COMMAND_MODULES)."""
