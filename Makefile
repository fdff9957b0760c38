# The two commands of the README, the parts of the second, and clean.
# Parts on the main ansible-core (.venv, requirements/dev.txt): unit integration sanity lint molecule docs
# demo awx; on another core of the matrix (.venv-core-X.Y, requirements/core-X.Y.txt): unit-X.Y
# integration-X.Y sanity-X.Y, e.g. make integration-2.16 sanity-2.22.
.PHONY: demo test unit integration sanity lint molecule docs awx bench clean

demo:             ## start the emulator, run playbooks/ twice (second run unchanged), stop
	bash scripts/demo.sh

test:             ## every part on every core of the matrix (scripts/test.sh)
	bash scripts/test.sh

unit integration sanity lint molecule docs awx:
	bash scripts/test.sh $@

unit-% integration-% sanity-%:
	bash scripts/test.sh $@

bench:            ## benchmarks (figures, not pass/fail) into docs/benchmarks.md
	bash scripts/bench.sh

clean:            ## remove what the commands made, in the clone and outside it (scripts/clean.sh)
	bash scripts/clean.sh
