"""Entry point for ``python -m cxlint``."""

from cxlint.cli import main

if __name__ == "__main__":
    main()
