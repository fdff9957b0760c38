# The two commands of the README, and the parts of the second.
.PHONY: demo test unit integration sanity lint molecule docs bench clean

demo:             ## start the emulator, run playbooks/ twice (second run unchanged), stop
	bash scripts/demo.sh

test:             ## every test: unit, integration, sanity, lint, molecule, docs, demo
	bash scripts/test.sh

unit integration sanity lint molecule docs:
	bash scripts/test.sh $@

bench:            ## benchmarks (figures, not pass/fail) into docs/benchmarks.md
	bash scripts/bench.sh

clean:
	rm -rf .venv build build-* tests/output
