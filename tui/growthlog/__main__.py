"""Allow ``python -m growthlog``."""

from growthlog.cli import main

if __name__ == "__main__":
    main()
