"""Sample records shipped with Catalog Sandbox (data only; a package so it installs with the app)."""
