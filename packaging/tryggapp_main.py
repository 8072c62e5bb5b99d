"""The frozen program's entry point (packaging/tryggapp.spec): the same as the `tryggapp`
console script."""

import sys

from tryggapp.main import entry

if __name__ == "__main__":
    sys.exit(entry())
