# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the emulator: python -m emulator [--host 127.0.0.1] [--port 8765] [--cert C --key K]."""

from __future__ import absolute_import, division, print_function

import argparse
import logging

from werkzeug.serving import make_server

from . import create_app


def main():
    parser = argparse.ArgumentParser(description="Plutora / FlexDeploy / RPM API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--cert", help="PEM certificate to serve HTTPS")
    parser.add_argument("--key", help="PEM private key of --cert")
    parser.add_argument("--quiet", action="store_true", help="no access log on stderr")
    args = parser.parse_args()
    if args.quiet:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
    ssl_context = (args.cert, args.key) if args.cert else None
    server = make_server(args.host, args.port, create_app(), threaded=True, ssl_context=ssl_context)
    print("emulator listening on %s://%s:%d" % ("https" if ssl_context else "http", args.host, server.port),
          flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
