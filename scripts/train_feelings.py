"""Train the feelings suggester's model and write it into the package.

    .venv/bin/python scripts/train_feelings.py          # writes the model into the package
    .venv/bin/python scripts/train_feelings.py --check  # trains into a temporary folder, compares

Data: the GoEmotions train split (``../shared/data/goemotions`` or ``--goemotions``) and the
training part of the project's own first-person situations (``tests/data/feelings/*.tsv``);
per-label thresholds are tuned on the GoEmotions dev split. The GoEmotions test split and
the held-out situations are never read here (``bench/feelings.py`` reads them).

Features come from ``heartwork.domain.language.emotions.featurize``, the same function the
app uses. Training needs numpy and scikit-learn (development dependencies); the app reads the
result with the standard library only. Everything is seeded, liblinear is deterministic and
gzip is written with a fixed timestamp, so the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import math
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported in the functions that train, so tests can read the data helpers
    import numpy as np
    from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from heartwork.domain.language.emotions import LABELS, MODEL_DIR, featurize  # noqa: E402

OUT = ROOT / "src" / "heartwork" / "domain" / "content" / MODEL_DIR
SITUATIONS = ROOT / "tests" / "data" / "feelings"
GOEMOTIONS = ROOT.parent / "shared" / "data" / "goemotions"
SEED = 14
HELD_OUT_SALT = "heartwork-feelings-held-out-14"  # the fixed seed of the held-out split
HELD_OUT_SHARE = 5  # one situation in five is held out
SITUATION_WEIGHT = 5.0  # a situation counts as much as five Reddit comments: it is the target
C = 1.0
WORD_MIN_DF, CHAR_MIN_DF = 2, 3
KEEP_WEIGHT = 0.02  # rows whose weights all stay under this are dropped (they barely move a score)
# The second output, straight onto wheel words, learned from the training situations only.
WHEEL_MIN_POSITIVES = 3  # a wheel word needs this many training situations to get a score
WHEEL_CS = (1.0, 4.0, 16.0)  # tried on a tuning fifth of the training situations
WHEEL_BLENDS = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0)
WHEEL_TUNE_SALT = "heartwork-feelings-wheel-tune-14"  # not the held-out salt: a fifth of train


# --- Data -------------------------------------------------------------------------------


def read_goemotions(path: Path) -> list[tuple[str, set[str]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, ids, _ = line.split("\t")
        rows.append((text, {LABELS[int(i)] for i in ids.split(",")}))
    return rows


def is_held_out(text: str) -> bool:
    digest = hashlib.sha256((HELD_OUT_SALT + text.strip().lower()).encode()).digest()
    return digest[0] % HELD_OUT_SHARE == 0


def read_situations(folder: Path = SITUATIONS) -> list[tuple[str, set[str], list[str]]]:
    """Every situation: text, GoEmotions labels, wheel words. Lines starting '#' are notes."""
    rows = []
    for path in sorted(folder.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise ValueError(f"{path.name}:{number}: want text, labels, wheel words")
            text, labels, words = parts
            rows.append(
                (
                    text.strip(),
                    {label.strip() for label in labels.split(",")},
                    [w.strip() for w in words.split(",")],
                )
            )
    return rows


def situation_split(held_out: bool) -> list[tuple[str, set[str], list[str]]]:
    return [row for row in read_situations() if is_held_out(row[0]) == held_out]


def inputs_digest(goemotions: Path) -> str:
    """One hash of everything the model is built from (the check test compares it)."""
    digest = hashlib.sha256()
    paths = [
        Path(__file__).resolve(),
        ROOT / "src" / "heartwork" / "domain" / "language" / "emotions.py",
        goemotions / "train.tsv",
        goemotions / "dev.tsv",
        *sorted(SITUATIONS.glob("*.tsv")),
    ]
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# --- Features ---------------------------------------------------------------------------


def build_vocabulary(texts: list[str]) -> list[str]:
    word_df: Counter[str] = Counter()
    char_df: Counter[str] = Counter()
    for text in texts:
        words, chars = featurize(text)
        word_df.update(words.keys())
        char_df.update(chars.keys())
    words = sorted(f for f, n in word_df.items() if n >= WORD_MIN_DF)
    chars = sorted(f for f, n in char_df.items() if n >= CHAR_MIN_DF)
    return words + chars


def document_frequency(texts: list[str], index: dict[str, int]) -> np.ndarray:
    import numpy as np

    df = np.zeros(len(index))
    for text in texts:
        for block in featurize(text):
            for feature in block:
                if (row := index.get(feature)) is not None:
                    df[row] += 1
    return df


def matrix(texts: list[str], index: dict[str, int], idf: np.ndarray) -> sparse.csr_matrix:
    """The same arithmetic as ``EmotionModel.raw_scores``: per-block L2 norm of tf-idf."""
    from scipy import sparse

    data, cols, indptr = [], [], [0]
    for text in texts:
        for block in featurize(text):
            entries = [
                (row, (1.0 + math.log(count)) * idf[row])
                for feature, count in block.items()
                if (row := index.get(feature)) is not None
            ]
            norm = math.sqrt(sum(v * v for _, v in entries)) or 1.0
            for row, value in entries:
                cols.append(row)
                data.append(value / norm)
        indptr.append(len(cols))
    return sparse.csr_matrix((data, cols, indptr), shape=(len(texts), len(index)))


def targets(label_sets: list[set[str]]) -> np.ndarray:
    import numpy as np

    y = np.zeros((len(label_sets), len(LABELS)), dtype=np.int8)
    for i, labels in enumerate(label_sets):
        for label in labels:
            y[i, LABELS.index(label)] = 1
    return y


# --- Training ---------------------------------------------------------------------------


def f1(truth: np.ndarray, guess: np.ndarray) -> float:
    tp = float((truth & guess).sum())
    fp = float((~truth & guess).sum())
    fn = float((truth & ~guess).sum())
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def tune_thresholds(probs: np.ndarray, truth: np.ndarray) -> list[float]:
    import numpy as np

    grid = np.round(np.arange(0.05, 0.91, 0.01), 2)
    out = []
    for j in range(len(LABELS)):
        t = truth[:, j].astype(bool)
        best = max(grid, key=lambda g, j=j, t=t: (f1(t, probs[:, j] >= g), -abs(g - 0.5)))
        out.append(float(best))
    return out


def train(goemotions: Path, out: Path) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    train_rows = read_goemotions(goemotions / "train.tsv")
    dev_rows = read_goemotions(goemotions / "dev.tsv")
    situations = situation_split(held_out=False)
    texts = [t for t, _ in train_rows] + [t for t, _, _ in situations]
    label_sets = [labels for _, labels in train_rows] + [labels for _, labels, _ in situations]
    weights = np.array([1.0] * len(train_rows) + [SITUATION_WEIGHT] * len(situations))

    names = build_vocabulary(texts)
    index = {name: row for row, name in enumerate(names)}
    df = document_frequency(texts, index)
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    idf = idf.astype(np.float32).astype(np.float64)  # what the app will read back
    x = matrix(texts, index, idf)
    y = targets(label_sets)

    coef = np.zeros((len(LABELS), len(names)))
    bias = np.zeros(len(LABELS))
    for j, label in enumerate(LABELS):
        model = LogisticRegression(C=C, solver="liblinear", random_state=SEED, max_iter=200)
        model.fit(x, y[:, j], sample_weight=weights)
        coef[j] = model.coef_[0]
        bias[j] = model.intercept_[0]
        print(f"  trained {label}", file=sys.stderr)

    # Drop rows that barely move any score, then keep 16-bit integers as the app reads them.
    keep = np.abs(coef).max(axis=0) >= KEEP_WEIGHT
    names = [n for n, k in zip(names, keep, strict=True) if k]
    idf = idf[keep].astype(np.float32)
    scale = float(np.abs(coef).max()) / 32767
    coef16 = np.round(coef[:, keep].T / scale).astype("<i2")  # rows × labels
    index = {name: row for row, name in enumerate(names)}

    x_dev = matrix([t for t, _ in dev_rows], index, idf.astype(np.float64))
    z = x_dev @ (coef16.astype(np.float64) * scale) + bias
    probs = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
    thresholds = tune_thresholds(probs, targets([labels for _, labels in dev_rows]).astype(bool))

    out.mkdir(parents=True, exist_ok=True)
    _write_gz(out / "features.txt.gz", "\n".join(names).encode("utf-8"))
    _write_gz(out / "weights.i16.gz", idf.astype("<f4").tobytes() + coef16.tobytes())
    meta_labels = {"scale": scale, "bias": [round(float(b), 6) for b in bias]}
    (out / "model.json").write_text(
        json.dumps({"labels": list(LABELS), "thresholds": thresholds, **meta_labels}) + "\n",
        encoding="utf-8",
    )
    wheel_meta, wheel_bytes = train_wheel_head(situations, index, idf, out)
    _write_gz(out / "wheel.i16.gz", wheel_bytes)
    meta = {
        "about": "The feelings suggester's model; rebuilt by scripts/train_feelings.py.",
        "labels": list(LABELS),
        "scale": scale,
        "bias": [round(float(b), 6) for b in bias],
        "thresholds": thresholds,
        "features": len(names),
        "wheel": wheel_meta,
        "trained_on": {
            "goemotions_train": len(train_rows),
            "situations": len(situations),
            "situation_weight": SITUATION_WEIGHT,
            "C": C,
            "seed": SEED,
        },
        "inputs_sha256": inputs_digest(goemotions),
        "files_sha256": {
            name: hashlib.sha256((out / name).read_bytes()).hexdigest()
            for name in ("features.txt.gz", "weights.i16.gz", "wheel.i16.gz")
        },
    }
    (out / "model.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


def _fit_wheel(x: sparse.csr_matrix, y: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((y.shape[1], x.shape[1]))
    bias = np.zeros(y.shape[1])
    for j in range(y.shape[1]):
        model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=200)
        model.fit(x, y[:, j])
        coef[j], bias[j] = model.coef_[0], model.intercept_[0]
    return coef, bias


def _wheel_targets(rows: list[tuple[str, set[str], list[str]]], words: list[str]) -> np.ndarray:
    import numpy as np

    y = np.zeros((len(rows), len(words)), dtype=np.int8)
    at = {word: j for j, word in enumerate(words)}
    for i, (_, _, listed) in enumerate(rows):
        for word in listed:
            if word in at:
                y[i, at[word]] = 1
    return y


def _quantised_head(coef: np.ndarray, bias: np.ndarray, used: np.ndarray) -> tuple:
    """Feature rows the head uses, its int16 weights (rows × words), scale and bias."""
    import numpy as np

    scale = float(np.abs(coef).max()) / 32767 or 1.0
    rows = np.flatnonzero(used)
    weights = np.round(coef[:, rows].T / scale).astype("<i2")
    return rows.astype("<u4"), weights, scale, [round(float(b), 6) for b in bias]


def _top3_exact(
    model_dir: Path, rows: list[tuple[str, set[str], list[str]]], blend: float
) -> float:
    """How often a listed wheel word is among the first three, as the app would rank them
    (the named-word rule included), with the model written in ``model_dir``."""
    from heartwork.domain.feelings import feelings_wheel
    from heartwork.domain.language import emotions

    model, mapping, wheel = emotions.load_model(model_dir), emotions.label_map(), feelings_wheel()
    hits = 0
    for text, _, listed in rows:
        scores, _ = emotions.wheel_word_scores(model, mapping, text, blend)
        for rank, word in enumerate(emotions._named_feelings(text, wheel)):
            scores[word] = 2.0 - rank * 0.01
        top = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:3]
        hits += bool({w for w, s in top if s >= 0.15} & set(listed))
    return hits / max(1, len(rows))


def train_wheel_head(
    situations: list[tuple[str, set[str], list[str]]],
    index: dict[str, int],
    idf: np.ndarray,
    out: Path,
) -> tuple[dict, bytes]:
    """The second output: a logistic score per wheel word, on the training situations only.

    C and the blend with the label map are chosen on a fifth of the *training* situations
    (its own salt), with the head trained on the other four fifths; the held-out situations
    are never read. The head is then refit on all training situations.
    """
    import numpy as np

    counts = Counter(word for _, _, listed in situations for word in listed)
    words = sorted(w for w, n in counts.items() if n >= WHEEL_MIN_POSITIVES)
    x = matrix([t for t, _, _ in situations], index, idf.astype(np.float64))
    y = _wheel_targets(situations, words)

    def tuning(text: str) -> bool:
        digest = hashlib.sha256((WHEEL_TUNE_SALT + text.strip().lower()).encode()).digest()
        return digest[0] % 5 == 0

    fold = np.array([tuning(t) for t, _, _ in situations])
    tune_rows = [row for row, f in zip(situations, fold, strict=True) if f]
    best = (-1.0, WHEEL_CS[0], 0.0)
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder)
        for name in ("features.txt.gz", "weights.i16.gz", "model.json"):
            (trial / name).write_bytes((out / name).read_bytes())
        for c in WHEEL_CS:
            coef, bias = _fit_wheel(x[~fold], y[~fold], c)
            used = np.abs(coef).max(axis=0) >= KEEP_WEIGHT
            rows, weights, scale, qbias = _quantised_head(coef, bias, used)
            _write_gz(trial / "wheel.i16.gz", rows.tobytes() + weights.tobytes())
            meta = json.loads((trial / "model.json").read_text(encoding="utf-8"))
            head = {"words": words, "rows": len(rows), "scale": scale, "bias": qbias}
            meta["wheel"] = {**head, "blend": 1.0}
            (trial / "model.json").write_text(json.dumps(meta), encoding="utf-8")
            for blend in WHEEL_BLENDS:
                hit = _top3_exact(trial, tune_rows, blend)
                print(f"  wheel head C={c} blend={blend}: top-3 word {hit:.3f}", file=sys.stderr)
                if hit > best[0] + 1e-9:
                    best = (hit, c, blend)
    _, c, blend = best
    coef, bias = _fit_wheel(x, y, c)
    used = np.abs(coef).max(axis=0) >= KEEP_WEIGHT
    rows, weights, scale, qbias = _quantised_head(coef, bias, used)
    meta = {
        "words": words,
        "rows": len(rows),
        "scale": scale,
        "bias": qbias,
        "blend": blend,
        "C": c,
        "tuned_top3_word": round(best[0], 4),
        "tuned_on": len(tune_rows),
    }
    return meta, rows.tobytes() + weights.tobytes()


def _write_gz(path: Path, data: bytes) -> None:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    path.write_bytes(buffer.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--goemotions", type=Path, default=GOEMOTIONS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--check", action="store_true", help="train into a temporary folder and compare"
    )
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as folder:
            fresh = train(args.goemotions, Path(folder))
        shipped = json.loads((OUT / "model.json").read_text(encoding="utf-8"))
        same = fresh["files_sha256"] == shipped["files_sha256"]
        print("the shipped model matches a fresh build" if same else "the model differs")
        return 0 if same else 1
    meta = train(args.goemotions, args.out)
    print(json.dumps({k: meta[k] for k in ("features", "trained_on", "files_sha256")}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
