"""Wait until every URL answers (max 120 s each); exit 1 with a message otherwise."""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request


def wait(url: str, timeout: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return True
        except urllib.error.HTTPError:
            return True  # the server answers, even if not with 200
        except OSError:
            time.sleep(0.3)
    return False


if __name__ == "__main__":
    for target in sys.argv[1:]:
        if not wait(target):
            print(f"wait_for: {target} did not answer within 120 s", file=sys.stderr)
            sys.exit(1)
