"""Install artifacts: the Word manifest, the Google Docs add-on and local certificates."""
