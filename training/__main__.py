"""Command line: python -m training train | evaluate."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from service.model_store import ModelFolderError
from training.data import DEFAULT_DATA_DIR, DataError
from training.evaluate import evaluate
from training.report import format_table
from training.train import TrainingError, train

DEFAULT_MODEL_DIR = Path("model")
_EXPECTED_ERRORS = (DataError, TrainingError, ModelFolderError)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run one subcommand, print a one-line error (exit 2) on bad input."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except _EXPECTED_ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _train(args: argparse.Namespace) -> int:
    paths = args.data or [DEFAULT_DATA_DIR]
    result = train(paths, args.out, seed=args.seed, name=args.name, n_jobs=args.jobs)
    dropped = result.metadata["dropped_empty_after_cleaning"]
    if dropped:
        shown = ", ".join(dropped[:5]) + (", ..." if len(dropped) > 5 else "")
        print(
            f"note: {len(dropped)} texts are empty after cleaning, left out: {shown}",
            file=sys.stderr,
        )
    print(format_table(result.metrics, f"cross-validated metrics, model written to {args.out}"))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    result = evaluate(args.model, args.data)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"model {result['model']} on {args.data}")
    print(format_table(result["all"], "all items"))
    if "sure" in result:
        print()
        print(format_table(result["sure"], "sure items"))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m training", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="{train,evaluate}")
    fit = commands.add_parser("train", help="train a model folder from labelled data")
    fit.add_argument(
        "--data",
        type=Path,
        action="append",
        help=f"a .jsonl/.csv file or a folder of them; repeatable (default: {DEFAULT_DATA_DIR})",
    )
    fit.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR, help="model folder to write")
    fit.add_argument("--seed", type=int, default=0, help="seed for CV folds and the models")
    fit.add_argument("--name", default="topics", help="model name recorded in the metadata")
    fit.add_argument("--jobs", type=int, default=2, help="parallel CV fits (results are equal)")
    fit.set_defaults(run=_train)
    check = commands.add_parser("evaluate", help="print a model's metrics on a labelled file")
    check.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR, help="model folder")
    check.add_argument("--data", type=Path, required=True, help="a labelled .jsonl or .csv file")
    check.add_argument("--json", action="store_true", help="print the metrics as JSON")
    check.set_defaults(run=_evaluate)
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
