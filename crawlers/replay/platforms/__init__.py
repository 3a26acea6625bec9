"""Platform-shaped endpoints of the replay server, one module per platform."""
