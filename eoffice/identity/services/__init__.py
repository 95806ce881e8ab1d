"""Use cases of the identity context, one module per verb."""
