# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the emulator: python -m emulator [--host 127.0.0.1] [--port 8765] [--cert C --key K]
[--background] [--pid-file FILE] [--log FILE] [--quiet].

With --background the command returns once the port listens (requests sent from then on are
queued, never refused), printing the URL and the serving process id; stop it with `kill PID`.
"""

from __future__ import absolute_import, division, print_function

import argparse
import logging
import os
import signal
import sys

from werkzeug.serving import make_server

from . import create_app


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m emulator", description="Plutora / FlexDeploy / RPM API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port (printed)")
    parser.add_argument("--cert", help="PEM certificate to serve HTTPS")
    parser.add_argument("--key", help="PEM private key of --cert")
    parser.add_argument("--quiet", action="store_true", help="no access log")
    parser.add_argument("--background", action="store_true",
                        help="serve from a background process; return once the port listens")
    parser.add_argument("--pid-file", help="write the serving process id here (removed when it stops)")
    parser.add_argument("--log", help="append the access log and errors to this file (with --background, "
                                      "the default is to keep none)")
    return parser.parse_args(argv)


def _to_background(log_path):
    """Fork: the parent gets the child's pid; the child leaves the terminal and gets None."""
    # Opened before the fork, so a log that cannot be written fails here, in front of the user.
    out = os.open(log_path or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    pid = os.fork()
    if pid:
        os.close(out)
        return pid
    os.setsid()
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    return None


def _write_pid(path, pid):
    with open(path, "w") as handle:
        handle.write("%d\n" % pid)


def main(argv=None):
    args = parse_args(argv)
    if args.quiet:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
    ssl_context = (args.cert, args.key) if args.cert else None
    # make_server binds and listens: from here on a connection waits in the queue until served.
    server = make_server(args.host, args.port, create_app(), threaded=True, ssl_context=ssl_context)
    url = "%s://%s:%d" % ("https" if ssl_context else "http", args.host, server.port)
    if args.background:
        try:
            child = _to_background(args.log)
        except OSError as exc:
            sys.exit("emulator: cannot write the log %s: %s" % (args.log, exc.strerror))
        if child:
            if args.pid_file:
                _write_pid(args.pid_file, child)
            print("emulator listening on %s (process %d in the background%s; stop it with: kill %d)"
                  % (url, child, "; log: %s" % args.log if args.log else "", child), flush=True)
            os._exit(0)
    else:
        if args.log:
            logging.getLogger("werkzeug").addHandler(logging.FileHandler(args.log))
        if args.pid_file:
            _write_pid(args.pid_file, os.getpid())
        print("emulator listening on %s" % url, flush=True)
    # SIGTERM (kill PID) ends serve_forever through SystemExit, so the pid file is removed.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if args.pid_file and os.path.exists(args.pid_file):
            os.unlink(args.pid_file)


if __name__ == "__main__":
    main()
