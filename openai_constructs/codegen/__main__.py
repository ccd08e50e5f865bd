"""Command line: ``python -m openai_constructs.codegen [SCHEMA] [--out DIR] [--check]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import OpenAIConstructsError
from . import DEFAULT_ENCODINGS, DEFAULT_OUT, DEFAULT_SCHEMA, check, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m openai_constructs.codegen",
        description="Generate the L1 bindings from a `terraform providers schema -json` file.",
    )
    parser.add_argument("schema", nargs="?", type=Path, default=DEFAULT_SCHEMA,
                        help="schema file (default: the package's own)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="output folder (default: the package's l1/)")
    parser.add_argument("--provider", help="provider address, when the file holds several")
    parser.add_argument("--version-constraint", default="~> 0.0.1",
                        help="required_providers version constraint (default: ~> 0.0.1)")
    parser.add_argument("--encodings", type=Path, default=DEFAULT_ENCODINGS,
                        help="overlay naming map(string) attributes whose values are JSON text")
    parser.add_argument("--no-encodings", action="store_true", help="ignore the overlay")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the output folder is stale")
    args = parser.parse_args(argv)
    options = {
        "provider_address": args.provider,
        "version_constraint": args.version_constraint,
        "encodings_path": None if args.no_encodings else args.encodings,
    }
    try:
        if args.check:
            stale = check(args.schema, args.out, **options)
            for line in stale:
                print(line, file=sys.stderr)
            if stale:
                print("L1 bindings are stale: run `python -m openai_constructs.codegen`",
                      file=sys.stderr)
                return 1
            print(f"{args.out}: up to date")
            return 0
        written = generate(args.schema, args.out, **options)
    except (OpenAIConstructsError, OSError) as error:
        print(f"codegen: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # never a traceback: say what failed, and that it is ours
        print(f"codegen: internal error ({type(error).__name__}: {error}); nothing was "
              "written; please report it with the schema", file=sys.stderr)
        return 3
    print(f"{args.out}: {len(written)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
