"""The checks: rules registered by family (rules/), run over the dataset by `registry.run_checks`."""

from . import rules  # noqa: F401  (registers every rule family)
