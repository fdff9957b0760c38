# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-in for the get-pip.py that ansible-test downloads from a host these machines cannot reach.

scripts/test.sh copies it to the cache path ansible-test names. Like get-pip.py it installs pip
into the running (empty) virtual environment and then the packages given as arguments; it takes
pip from Python's own ensurepip and the packages from the package registry.
"""

from __future__ import absolute_import, division, print_function

import subprocess
import sys

GET_PIP_ONLY_FLAGS = ("--no-setuptools", "--no-wheel")


def main():
    args = [a for a in sys.argv[1:] if a not in GET_PIP_ONLY_FLAGS]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"])
    if any(not a.startswith("-") for a in args):
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet"] + args)


if __name__ == "__main__":
    main()
