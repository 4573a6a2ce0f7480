"""Every app's shared fixtures live in ``augenhoehe.testing``; this file only registers them."""

pytest_plugins = [
    "augenhoehe.testing.databases",
    "augenhoehe.testing.fixtures",
    "augenhoehe.testing.directory",
]
