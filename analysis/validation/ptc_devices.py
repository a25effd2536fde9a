"""Validate ``loaded_language`` of :mod:`analysis.measures.framing.devices` against the Propaganda Techniques Corpus.

Data: the 240 PTC training articles in ``shared/benchmarks/ptc`` (Da San Martino et al. 2019).
Gold: the union of the ``Loaded_Language`` and ``Name_Calling,Labeling`` spans. Scoring is
token level: tokens are ``[A-Za-z][A-Za-z'-]*``; a token is gold when it overlaps a gold span
and predicted when it overlaps a predicted span; precision, recall and F1 are micro-averaged
over all tokens of the articles scored. Sentences: each line of a PTC file (one sentence per
line) cut by :func:`analysis.read.sentences.split_sentences`.

What the table reports:

- **shipped procedure, 5-fold CV** (the headline). Two things are tuned on PTC, so they are
  chosen inside each training fold and scored on the held-out articles (folds by article,
  fixed seed): (a) which lexicon entries to drop: an entry is dropped when it fired at least
  ``MIN_HITS`` times in the training articles and fewer than a share ``t`` of its matches
  overlap a gold span; (b) the threshold ``t`` and the span :class:`~analysis.measures.framing.devices.Extension`,
  picked from small grids by an inner 4-fold cross-validation on the training articles. The
  held-out fold is then matched with the pruned list exactly as
  :func:`~analysis.measures.framing.devices.find_devices` does, through :func:`~analysis.measures.framing.devices.match_lexicon`.
- **untuned full lexicon**: every row of ``loaded.tsv`` whatever its status, bare matches (no
  span extension), all 240 articles. Nothing in it was fitted, but entries marked
  ``ptc-suggested`` were read off PTC statistics (then hand-reviewed), so it is optimistic.
- **first draft**: only the rows with ``source == definition``, written from the definition
  before any PTC statistics were looked at; bare matches.
- **VADER floor**: words whose VADER valence is at least 1.5 in absolute value.
- **sklearn experiment** (not shipped): a token logistic regression (fitted by stochastic
  gradient descent, for speed) on simple features (the
  word, its suffixes, capitalisation, VADER valence, membership in our lexicons, the
  neighbouring words), 5-fold CV by article, decision threshold picked on the training folds.

Run: ``python -m analysis.validation.ptc_devices`` (about a minute on two slow cores).
"""
from __future__ import annotations

import random
from dataclasses import asdict
import re
import sys
from bisect import bisect_left, bisect_right
from collections import defaultdict
from pathlib import Path

from analysis.measures.framing import word_devices as wd
from analysis.config import require_shared
from analysis.lexicon import load_lexicon
from analysis.read.sentences import split_sentences

GOLD_TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")
FOLDS = 5
INNER_FOLDS = 4
SEED = 0
MIN_HITS = 3
THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3)
EXTENSIONS = (
    wd.NO_EXTENSION,
    wd.Extension(2, (), 1, ("adj", "adv")),
    wd.Extension(2, ("noun", "phrase"), 2, ("adj", "adv")),
    wd.Extension(2, ("noun", "phrase"), 2, ("adj", "adv", "verb")),
)


# --- data -------------------------------------------------------------------------------

class Article:
    """One PTC article: its text, sentences, scoring tokens and their gold flags."""

    def __init__(self, aid: str, text: str, gold: list[tuple[int, int]]):
        self.id, self.text, self.gold = aid, text, gold
        self.sentences = [
            s for m in re.finditer(r"[^\n]+", text) for s in split_sentences(text, *m.span())
        ]
        spans = [m.span() for m in TOKEN.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.gold_tokens = self.covered(gold)

    def covered(self, spans) -> set[int]:
        """Indices of the scoring tokens that overlap any of ``spans``."""
        out: set[int] = set()
        for s, e in spans:
            out.update(range(bisect_right(self.ends, s), bisect_left(self.starts, e)))
        return out


def load_ptc() -> list[Article]:
    base = require_shared("benchmarks", "ptc")
    gold: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for line in (base / "task2-TC.labels").read_text(encoding="utf-8").splitlines():
        aid, technique, start, end = line.split("\t")
        if technique in GOLD_TECHNIQUES:
            gold[aid].append((int(start), int(end)))
    articles = []
    for path in sorted((base / "articles").glob("article*.txt")):
        aid = path.stem[len("article"):]
        articles.append(Article(aid, path.read_text(encoding="utf-8"), gold.get(aid, [])))
    return articles


# --- scoring ----------------------------------------------------------------------------

def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def counts(article: Article, predicted: set[int]) -> tuple[int, int, int]:
    tp = len(predicted & article.gold_tokens)
    return tp, len(predicted) - tp, len(article.gold_tokens) - tp


def score(articles, predict) -> dict[str, float]:
    """Micro P/R/F1 of ``predict(article) -> set of token indices`` over ``articles``."""
    tp = fp = fn = 0
    for a in articles:
        t, f, n = counts(a, predict(a))
        tp, fp, fn = tp + t, fp + f, fn + n
    return prf(tp, fp, fn)


# --- the lexicon procedure --------------------------------------------------------------

def lexicon_rows() -> list[dict[str, str]]:
    return list(load_lexicon("loaded").rows)


def match(
    article: Article,
    matcher: wd.Matcher | None = None,
    extension: wd.Extension = wd.LOADED_EXTENSION,
) -> list[wd.Device]:
    """``loaded_language`` in ``article``; by default the shipped list and extension."""
    return wd.match_lexicon(
        "loaded_language", article.text, article.sentences, matcher=matcher, extension=extension
    )


class Matches:
    """Every match of the full list in every article, per extension, for fast pruning."""

    def __init__(self, articles, rows):
        matcher = wd.Matcher(rows)
        self.by_ext = {}
        for ext in EXTENSIONS:
            per_article = {}
            for a in articles:
                found = []
                for d in match(a, matcher, ext):
                    toks = a.covered([(d.start, d.end)])
                    found.append((d.rule, toks, bool(toks & a.gold_tokens) or _overlaps(d, a.gold)))
                per_article[a.id] = found
            self.by_ext[ext] = per_article

    def entry_stats(self, ext, ids) -> dict[str, list[int]]:
        stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for aid in ids:
            for rule, _, hit in self.by_ext[ext][aid]:
                stats[rule][0] += 1
                stats[rule][1] += hit
        return stats

    def counts(self, ext, articles, dropped) -> tuple[int, int, int]:
        tp = fp = fn = 0
        for a in articles:
            predicted: set[int] = set()
            for rule, toks, _ in self.by_ext[ext][a.id]:
                if rule not in dropped:
                    predicted |= toks
            t, f, n = counts(a, predicted)
            tp, fp, fn = tp + t, fp + f, fn + n
        return tp, fp, fn


def _overlaps(d, spans) -> bool:
    return any(s < d.end and d.start < e for s, e in spans)


def dropped_entries(stats, threshold: float) -> set[str]:
    """Entries that fired at least ``MIN_HITS`` times with a gold share below ``threshold``."""
    return {r for r, (n, hit) in stats.items() if n >= MIN_HITS and hit / n < threshold}


def folds(ids: list[str], k: int, seed: int) -> list[list[str]]:
    ids = sorted(ids)
    random.Random(seed).shuffle(ids)
    return [ids[i::k] for i in range(k)]


def select(matches: Matches, articles) -> tuple[wd.Extension, float, float]:
    """Extension and threshold with the best inner cross-validated F1 on ``articles``."""
    by_id = {a.id: a for a in articles}
    inner = folds(list(by_id), INNER_FOLDS, SEED + 1)
    best = None
    for ext in EXTENSIONS:
        for thr in THRESHOLDS:
            tp = fp = fn = 0
            for k, test_ids in enumerate(inner):
                train_ids = [i for j, f in enumerate(inner) if j != k for i in f]
                drop = dropped_entries(matches.entry_stats(ext, train_ids), thr)
                t, f, n = matches.counts(ext, [by_id[i] for i in test_ids], drop)
                tp, fp, fn = tp + t, fp + f, fn + n
            f1 = prf(tp, fp, fn)["f1"]
            if best is None or f1 > best[2] + 1e-12:
                best = (ext, thr, f1)
    return best


def cross_validate(articles, rows, matches: Matches) -> dict:
    by_id = {a.id: a for a in articles}
    tp = fp = fn = 0
    per_fold = []
    for k, test_ids in enumerate(folds(list(by_id), FOLDS, SEED)):
        train = [a for a in articles if a.id not in set(test_ids)]
        ext, thr, _ = select(matches, train)
        drop = dropped_entries(matches.entry_stats(ext, [a.id for a in train]), thr)
        matcher = wd.Matcher(r for r in rows if r["entry"].lower() not in drop)
        fold = [0, 0, 0]
        for aid in test_ids:
            a = by_id[aid]
            c = counts(a, a.covered((d.start, d.end) for d in match(a, matcher, ext)))
            fold = [x + y for x, y in zip(fold, c)]
        tp, fp, fn = tp + fold[0], fp + fold[1], fn + fold[2]
        per_fold.append({"extension": asdict(ext), "threshold": thr, "dropped": len(drop),
                         **prf(*fold)})
    return {**prf(tp, fp, fn), "folds": per_fold}


# --- baselines --------------------------------------------------------------------------

def vader_lexicon() -> dict[str, float]:
    import vaderSentiment.vaderSentiment as vs

    path = Path(vs.__file__).with_name("vader_lexicon.txt")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 2:
            out[cells[0]] = float(cells[1])
    return out


def vader_floor(articles) -> dict[str, float]:
    lex = vader_lexicon()

    def predict(a):
        words = [a.text[s:e] for s, e in zip(a.starts, a.ends)]
        return {i for i, w in enumerate(words) if abs(lex.get(w.lower(), 0.0)) >= 1.5}

    return score(articles, predict)


def sklearn_experiment(articles) -> dict[str, float]:
    """Token logistic regression, 5-fold CV by article (validation only, never shipped)."""
    import numpy as np
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import SGDClassifier

    vader = vader_lexicon()
    ours = {r["entry"].lower() for r in lexicon_rows() if " " not in r["entry"]}

    def features(a):
        words = [a.text[s:e] for s, e in zip(a.starts, a.ends)]
        low = [w.lower() for w in words]
        rows = []
        for i, w in enumerate(low):
            v = vader.get(w, 0.0)
            rows.append({
                "w=" + w: 1, "s3=" + w[-3:]: 1, "s4=" + w[-4:]: 1,
                "cap": int(words[i][0].isupper()), "upper": int(words[i].isupper()),
                "vader": v, "|vader|": abs(v), "ours": int(w in ours),
                "prev=" + (low[i - 1] if i else "<s>"): 1,
                "next=" + (low[i + 1] if i + 1 < len(low) else "</s>"): 1,
                "pvader": abs(vader.get(low[i - 1], 0.0)) if i else 0.0,
                "nvader": abs(vader.get(low[i + 1], 0.0)) if i + 1 < len(low) else 0.0,
            })
        return rows

    hasher = FeatureHasher(n_features=2 ** 18)
    X = {a.id: hasher.transform(features(a)) for a in articles}
    y = {a.id: np.array([i in a.gold_tokens for i in range(len(a.starts))]) for a in articles}
    from scipy.sparse import vstack

    tp = fp = fn = 0
    for test_ids in folds([a.id for a in articles], FOLDS, SEED):
        test = set(test_ids)
        train = [a.id for a in articles if a.id not in test]
        Xtr, ytr = vstack([X[i] for i in train]).tocsr(), np.concatenate([y[i] for i in train])
        model = SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=15, tol=None, random_state=0)
        model.fit(Xtr, ytr)
        ptr = model.predict_proba(Xtr)[:, 1]
        thr = max(np.arange(0.05, 0.6, 0.025), key=lambda t: prf(
            int(((ptr >= t) & ytr).sum()), int(((ptr >= t) & ~ytr).sum()),
            int((~(ptr >= t) & ytr).sum()))["f1"])
        for i in test_ids:
            pred = model.predict_proba(X[i])[:, 1] >= thr
            tp += int((pred & y[i]).sum())
            fp += int((pred & ~y[i]).sum())
            fn += int((~pred & y[i]).sum())
    return prf(tp, fp, fn)


# --- entry points -----------------------------------------------------------------------

def run(*, with_sklearn: bool = True) -> dict:
    """All figures of the table as a dict (see the module docstring)."""
    articles = load_ptc()
    rows = lexicon_rows()
    matches = Matches(articles, rows)
    out = {"articles": len(articles),
           "gold_tokens": sum(len(a.gold_tokens) for a in articles),
           "tokens": sum(len(a.starts) for a in articles)}
    out["cv"] = cross_validate(articles, rows, matches)
    out["untuned"] = prf(*matches.counts(wd.NO_EXTENSION, articles, set()))
    draft = wd.Matcher(r for r in rows if r["source"] == "definition")
    out["first_draft"] = score(
        articles, lambda a: a.covered((d.start, d.end) for d in match(a, draft, wd.NO_EXTENSION))
    )
    out["shipped_in_sample"] = score(
        articles, lambda a: a.covered((d.start, d.end) for d in match(a))
    )
    ext, thr, inner_f1 = select(matches, articles)
    drop = dropped_entries(matches.entry_stats(ext, [a.id for a in articles]), thr)
    marked = {r["entry"].lower() for r in rows if r["status"] != "use"}
    out["procedure_on_all"] = {
        "extension": asdict(ext), "threshold": thr, "inner_cv_f1": inner_f1,
        "dropped": sorted(drop),
        "shipped_status_agrees": drop == marked and ext == wd.LOADED_EXTENSION,
    }
    out["vader_floor"] = vader_floor(articles)
    if with_sklearn:
        out["sklearn"] = sklearn_experiment(articles)
    out["lexicon_entries"] = {"all": len(rows), "use": len(rows) - len(marked)}
    return out


def _table(res: dict) -> str:
    lines = [f"PTC loaded language + name calling, token level ({res['articles']} articles, "
             f"{res['gold_tokens']} of {res['tokens']} tokens gold)",
             f"{'method':58} {'P':>6} {'R':>6} {'F1':>6}"]

    def row(name, r):
        lines.append(f"{name:58} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}")

    row("shipped procedure, 5-fold CV by article (headline)", res["cv"])
    row("untuned full lexicon, bare matches (all articles)", res["untuned"])
    row("first draft from definitions only, bare matches", res["first_draft"])
    row("shipped list and extension in-sample (optimistic)", res["shipped_in_sample"])
    row("VADER |valence| >= 1.5 (floor)", res["vader_floor"])
    if "sklearn" in res:
        row("token logistic regression, 5-fold CV (not shipped)", res["sklearn"])
    for k, f in enumerate(res["cv"]["folds"]):
        lines.append(f"  fold {k}: F1 {f['f1']:.3f}, threshold {f['threshold']}, "
                     f"dropped {f['dropped']}, extension {tuple(f['extension'].values())}")
    p = res["procedure_on_all"]
    lines.append(f"procedure on all articles: threshold {p['threshold']}, extension "
                 f"{tuple(p['extension'].values())}, drops {len(p['dropped'])} entries; "
                 f"shipped loaded.tsv agrees: {p['shipped_status_agrees']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    res = run(with_sklearn="--no-sklearn" not in argv)
    print(_table(res))
    if "--dropped" in argv:
        print("\n".join(res["procedure_on_all"]["dropped"]))


if __name__ == "__main__":
    main()
