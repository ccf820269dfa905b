"""Generate a synthetic case library for benchmarks.

The cases are drawn from the shapes, lengths and vocabulary of the bundled library: each
synthetic case takes a real case as its model, re-numbers it, and mixes practices, outcomes
and metrics from other real cases, so file sizes and text look like the real thing. Output
is deterministic for a given seed. The library validates clean unless --invalid N asks for N
files with known faults.

Usage: python benchmarks/generate.py OUT_DIR --cases 10000 [--seed 7] [--invalid 20]
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
FAULTS = (
    ("unknown field", lambda text: text.replace("\ntitle:", "\ntitel:", 1)),
    (
        "impossible date",
        lambda text: text.replace("published: '", "published: '2021-02-30", 1).replace(
            "2021-02-30" + text.split("published: '")[1].split("'")[0], "2021-02-30", 1
        ),
    ),
    ("YAML syntax", lambda text: text + "broken: [\n"),
    ("duplicate key", lambda text: text + "program: hnbiz\n"),
)


def load_models() -> list[dict]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((REPO / "cases").glob("*.yaml"))]


def make_case(rng: random.Random, models: list[dict], index: int) -> dict:
    model, donor = (copy.deepcopy(m) for m in rng.sample(models, 2))
    program = rng.choice(["hnftp", "hnbiz", "zjftz-jiaxing", "haikou-p168"])
    batch = 100 + index // 99
    number = index % 99 + 1
    case = {k: v for k, v in model.items() if k not in ("related",)}
    case["id"] = f"{program}-{batch}-{number:02d}"
    case["program"] = program
    case["batch"] = batch
    case["number"] = number
    year = rng.randint(2015, 2025)
    case["published"] = rng.choice(
        [
            f"{year}",
            f"{year}-{rng.randint(1, 12):02d}",
            f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        ]
    )
    if case.get("status") == "planned" and "due" not in case:
        case["due"] = f"{year}-12"
    practices = list(model["practices"]) + list(donor["practices"])
    rng.shuffle(practices)
    case["practices"] = practices[: rng.randint(1, min(6, len(practices)))]
    outcomes = list(model.get("outcomes") or []) + list(donor.get("outcomes") or [])
    rng.shuffle(outcomes)
    case["outcomes"] = outcomes[: rng.randint(0, min(5, len(outcomes)))]
    metrics = list(model.get("metrics") or []) + list(donor.get("metrics") or [])
    rng.shuffle(metrics)
    case["metrics"] = metrics[: rng.randint(0, min(12, len(metrics)))]
    for metric in case["metrics"]:
        if "as_of" in metric and metric["as_of"] > str(year):
            del metric["as_of"]
    if "date" in case.get("source", {}):
        case["source"] = {**case["source"], "date": case["published"]}
    return case


def write_library(out: Path, count: int, *, seed: int = 7, invalid: int = 0) -> Path:
    """Write ``count`` cases into ``out/cases`` with the bundled reformkit.toml beside them."""
    if out.exists():
        shutil.rmtree(out)
    cases_dir = out / "cases"
    cases_dir.mkdir(parents=True)
    config = (REPO / "reformkit.toml").read_text("utf-8").replace("strict = true", "strict = false")
    (out / "reformkit.toml").write_text(config, encoding="utf-8")
    shutil.copy(REPO / "thesaurus.toml", out / "thesaurus.toml")
    rng = random.Random(seed)
    models = load_models()
    broken = set(rng.sample(range(count), invalid)) if invalid else set()
    for index in range(count):
        case = make_case(rng, models, index)
        text = yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=100)
        if index in broken:
            _, fault = FAULTS[index % len(FAULTS)]
            text = fault(text)
        (cases_dir / f"{case['id']}.yaml").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--invalid", type=int, default=0, help="how many files get a known fault")
    args = parser.parse_args()
    write_library(args.out, args.cases, seed=args.seed, invalid=args.invalid)
    print(f"wrote {args.cases} cases to {args.out / 'cases'}")


if __name__ == "__main__":
    main()
