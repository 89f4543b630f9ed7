"""One module and one .tcss file per screen or modal."""
