"""Pure parsing functions, one module per platform."""
