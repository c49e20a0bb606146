"""Subcommands of ``python -m dubao``: one module each, each with ``register(subparsers)``.
Modules import heavy parts inside their run function, so ``--help`` stays fast."""
