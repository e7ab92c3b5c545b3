"""The rule catalogue: one module per rule, registered by code in ``registry``."""
