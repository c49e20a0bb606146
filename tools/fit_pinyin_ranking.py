"""Fit the pinyin ranking on the CPP dev split and write it to
dubao/language/pinyin_ranking.tsv (``--check``: only say whether the committed
file is current). The dev split is read from ../shared/benchmarks/cpp beside
the course (or DUBAO_CPP_DIR); the test split is never read.

    python tools/fit_pinyin_ranking.py [--check]
"""

import argparse
import sys


def main() -> int:
    from dubao import paths
    from dubao.language import evidence, ranking_fit

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    args = parser.parse_args()
    folder = paths.cpp_dir()
    if folder is None:
        print("the CPP benchmark is not here (../shared/benchmarks/cpp beside the course, or DUBAO_CPP_DIR)",
              file=sys.stderr)
        return 2
    text = ranking_fit.generate(folder)
    if args.check:
        current = evidence.RANKING_FILE.exists() and evidence.RANKING_FILE.read_text(encoding="utf-8") == text
        print(f"{evidence.RANKING_FILE}: {'current' if current else 'OUT OF DATE: run tools/fit_pinyin_ranking.py'}")
        return 0 if current else 1
    evidence.RANKING_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {evidence.RANKING_FILE}")
    print("\n".join(line for line in text.splitlines() if line.startswith("# dev") or line.startswith("# margin")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
