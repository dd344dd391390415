"""Score the bad-input corpus (tests/fixtures/bad_input) against the accord on PYTHONPATH, messages and
exit codes apart, to compare two trees:

    PYTHONPATH=OTHER_TREE/src python scripts/score_bad_input.py .
"""
import sys
import tempfile
from pathlib import Path

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
sys.path.insert(0, ROOT + "/tests/fixtures/bad_input")
sys.path.insert(0, ROOT + "/tests")
from cases import CASES  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from accord.cli.main import app  # noqa: E402
from test_bad_input import materialise  # noqa: E402

runner = CliRunner()
msg_ok = code_ok = both = crashed = 0
for case in CASES:
    root = Path(tempfile.mkdtemp())
    materialise(case, root)
    r = runner.invoke(app, [a.replace("{dir}", str(root)) for a in case.args])
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        crashed += 1
        print("CRASH", case.name, type(r.exception).__name__, r.exception)
        continue
    said = " ".join(r.output.replace("\u2502", " ").split())
    m = all(" ".join(f.split()) in said for f in case.expect) and not any(f in said for f in case.absent)
    c = r.exit_code == case.code
    msg_ok += m
    code_ok += c
    both += m and c
    if not m:
        print("MSG ", case.name)
print(f"{len(CASES)} cases: messages right {msg_ok}, exit codes right {code_ok}, both {both}, crashes {crashed}")
