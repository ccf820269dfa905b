"""RK212 near-duplicate: two cases whose texts overlap so much that one is likely the same
reform filed twice (issue 27, item 3); the sketches it compares (``text/sketch.py``)."""

from __future__ import annotations

import itertools
import random
import shutil
from pathlib import Path

import pytest

from reformkit.config import ConfigError, parse_config
from reformkit.text import sketch

from .conftest import copy_bundled_config

REPO = Path(__file__).resolve().parent.parent
WORDS = "审批服务企业开办注销材料时间环节口岸通关数据共享信用监管税收医保社保司法诉讼工程建设"


def random_text(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(length))


# --- the sketches ------------------------------------------------------------------------------


def test_shingles_leave_out_punctuation_and_spaces():
    assert sketch.shingles("证照，分离 改革") == sketch.shingles("证照分离改革")
    assert len(sketch.shingles("证照分离改革")) == 3
    assert sketch.sketch("太短的文字") == b""


def test_the_overlap_estimate_is_near_the_true_jaccard_index():
    rng = random.Random(3)
    base = random_text(rng, 800)
    for cut in (40, 200, 400):
        edited = base[:cut] + random_text(rng, 200) + base[cut + 200 :]
        one, other = sketch.shingles(base), sketch.shingles(edited)
        true = len(one & other) / len(one | other)
        assert abs(sketch.overlap(sketch.sketch(base), sketch.sketch(edited)) - true) < 0.12
    assert sketch.overlap(sketch.sketch(base), sketch.sketch(base)) == 1.0


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.9])
def test_similar_pairs_finds_what_comparing_every_pair_finds(threshold):
    rng = random.Random(5)
    texts = [random_text(rng, 500) for _ in range(30)]
    for number in range(10):  # ten copies, each with a run of its text replaced
        source = texts[number]
        at = rng.randrange(0, 400)
        texts.append(source[:at] + random_text(rng, rng.randrange(1, 40)) + source[at + number * 4 :])
    sketches = [sketch.sketch(text) for text in texts]
    found = {(i, j) for i, j, _ in sketch.similar_pairs(sketches, threshold)}
    every = {
        (i, j)
        for i, j in itertools.combinations(range(len(texts)), 2)
        if sketch.overlap(sketches[i], sketches[j]) >= threshold
    }
    assert found == every and found  # banding missed no pair here, and found some


def test_band_width_keeps_a_pair_at_the_threshold_likely_to_meet():
    for threshold in (0.3, 0.5, 0.7, 0.8, 0.9, 1.0):
        width = sketch.band_width(threshold)
        bands, p = sketch.SLOTS // width, threshold**width
        assert 1 - (1 - p) ** bands - bands * p * (1 - p) ** (bands - 1) >= 0.99
    assert sketch.band_width(0.7) < sketch.band_width(0.9)


# --- the rule, on a library --------------------------------------------------------------------


@pytest.fixture
def copied(isolated: Path) -> Path:
    """Three bundled cases and a copy of hnbiz-4-03 filed again as hnbiz-4-09 with its title
    shortened and one outcome dropped."""
    copy_bundled_config(isolated)
    cases = isolated / "cases"
    cases.mkdir()
    for name in ("hnbiz-4-03", "hnbiz-4-08", "hnftp-04"):
        shutil.copy(REPO / "cases" / f"{name}.yaml", cases / f"{name}.yaml")
    text = (REPO / "cases" / "hnbiz-4-03.yaml").read_text("utf-8")
    edited = (
        text.replace("id: hnbiz-4-03", "id: hnbiz-4-09")
        .replace("number: 3\n", "number: 9\n")
        .replace("title: 深化经营主体注销便利化改革", "title: 深化经营主体注销改革")
    )
    assert edited.count("hnbiz-4-09") == 1 and "number: 9\n" in edited
    (cases / "hnbiz-4-09.yaml").write_text(edited, "utf-8")
    return isolated


MESSAGE = (
    "cases/{path}:1:5: warning RK212 its text overlaps 99% (4-character shingles) with "
    "cases/{other}.yaml:1 ('{other}'): likely the same reform filed twice; keep one, or if both "
    "belong, add `# reformkit: ignore[near-duplicate]` to the id line"
)


def test_a_case_filed_twice_is_warned_of_in_both_files(copied, invoke):
    result = invoke("validate")
    assert result.exit_code == 1  # the bundled config is strict
    assert result.stdout == (
        MESSAGE.format(path="hnbiz-4-03.yaml", other="hnbiz-4-09")
        + "\n"
        + MESSAGE.format(path="hnbiz-4-09.yaml", other="hnbiz-4-03")
        + "\n4 files, 0 errors, 2 warnings\n"
    )
    assert invoke("validate", "--no-strict").exit_code == 0
    assert invoke("validate", "cases/hnbiz-4-09.yaml", "--no-strict").stdout == (
        MESSAGE.format(path="hnbiz-4-09.yaml", other="hnbiz-4-03") + "\n1 file, 0 errors, 1 warning\n"
    )


def test_an_unchanged_library_is_not_compared_again(copied, invoke, monkeypatch):
    calls = []
    real = sketch.similar_pairs

    def counted(sketches, threshold):
        calls.append(len(sketches))
        return real(sketches, threshold)

    monkeypatch.setattr(sketch, "similar_pairs", counted)
    first = invoke("validate")
    assert (invoke("validate").stdout, calls) == (first.stdout, [4])  # the second from the cache
    # A text changed enough to change its sketch (one new shingle seldom does: the sketch keeps
    # the least of each slot): compared again.
    text = copied / "cases" / "hnftp-04.yaml"
    new_words = "".join(chr(0x4E00 + 7 * n) for n in range(300))
    text.write_text(text.read_text("utf-8").replace("\nsummary: ", f"\nsummary: {new_words}", 1), "utf-8")
    assert invoke("validate").stdout == first.stdout
    assert calls == [4, 4]
    assert invoke("validate", "--no-cache").stdout == first.stdout
    assert calls == [4, 4, 4]


def test_read_commands_do_not_skip_a_near_duplicate(copied, invoke):
    result = invoke("search", "-f", "ids", "注销")
    assert (result.exit_code, sorted(result.stdout.split()), result.stderr) == (
        0,
        ["hnbiz-4-03", "hnbiz-4-09"],
        "",
    )


def test_the_warning_is_silenced_ignored_or_switched_off(copied, invoke):
    assert invoke("validate", "--ignore", "near-duplicate").exit_code == 0
    path = copied / "cases" / "hnbiz-4-09.yaml"
    path.write_text(
        path.read_text("utf-8").replace("id: hnbiz-4-09\n", "id: hnbiz-4-09  # reformkit: ignore[RK212]\n")
    )
    assert invoke("validate").stdout.splitlines()[-1] == "4 files, 0 errors, 1 warning"
    config = copied / "reformkit.toml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("[rules]\n", "[rules]\nnear_duplicate = false\n"), "utf-8")
    # the rule no longer runs: its suppression is not reported unused (as with --select)
    assert invoke("validate").stdout == "4 files, 0 errors, 0 warnings\n"
    config.write_text(text.replace("[rules]\n", "[rules]\nnear_duplicate = 100\n"), "utf-8")
    assert "warning RK212" not in invoke("validate").stdout


@pytest.mark.parametrize("value", ["0", "101", "true", '"70"'])
def test_a_bad_threshold_is_a_config_error_at_its_line(isolated, value):
    copy_bundled_config(isolated)
    config = isolated / "reformkit.toml"
    text = config.read_text("utf-8").replace("[rules]\n", f"[rules]\nnear_duplicate = {value}\n")
    config.write_text(text, "utf-8")
    line = text.splitlines().index(f"near_duplicate = {value}") + 1
    with pytest.raises(ConfigError) as caught:
        parse_config(config)
    assert str(caught.value) == (
        f"reformkit.toml:{line}: [rules].near_duplicate must be a percentage of shared text from 1 "
        "to 100 (80 by default), or false to turn RK212 off"
    )


def test_the_bundled_library_has_no_near_duplicates(invoke):
    result = invoke("--config", str(REPO / "reformkit.toml"), "validate", "--select", "RK212")
    assert (result.exit_code, result.stdout) == (0, "51 files, 0 errors, 0 warnings\n")
