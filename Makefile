# The two commands of the README, and the parts of the second.
.PHONY: demo test unit integration sanity lint molecule docs awx integration-2.16 sanity-2.16 bench clean

demo:             ## start the emulator, run playbooks/ twice (second run unchanged), stop
	bash scripts/demo.sh

test:             ## every test: unit, integration and sanity (2.19 and 2.16), lint, molecule, docs, demo, awx
	bash scripts/test.sh

unit integration sanity lint molecule docs awx integration-2.16 sanity-2.16:
	bash scripts/test.sh $@

bench:            ## benchmarks (figures, not pass/fail) into docs/benchmarks.md
	bash scripts/bench.sh

clean:
	rm -rf .venv .venv-core-* build build-* tests/output
