"""Message catalogs: one module per area and language, each with a MESSAGES dict."""
