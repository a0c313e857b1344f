#!/usr/bin/env python3
"""Drives a program through a pseudo-terminal, as a person would.

Usage: pty_drive.py SCRIPT.json -- PROGRAM ARGS...

SCRIPT.json is a list of [expected, answer] pairs: wait until the output
contains `expected` (since the previous match), then type `answer` and
Enter. Prints everything the program wrote, then exits with its status.
"""
import json
import os
import pty
import select
import sys
import time

script = json.load(open(sys.argv[1]))
argv = sys.argv[sys.argv.index("--") + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)

seen = b""
cursor = 0


def read_for(seconds):
    global seen
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return False
            if not chunk:
                return False
            seen += chunk
        else:
            return True
    return True


for expected, answer in script:
    deadline = time.time() + 30
    needle = expected.encode()
    while needle not in seen[cursor:]:
        if time.time() > deadline or not read_for(0.2) and needle not in seen[cursor:]:
            sys.stdout.write(seen.decode(errors="replace"))
            sys.stderr.write(f"\npty_drive: never saw {expected!r}\n")
            sys.exit(99)
    cursor = seen.index(needle, cursor) + len(needle)
    os.write(fd, answer.encode() + b"\r")

while read_for(1.0):
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode(errors="replace").replace("\r\n", "\n"))
sys.exit(os.waitstatus_to_exitcode(status))
