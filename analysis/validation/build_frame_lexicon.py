"""Dev-time helper for ``analysis/lexicons/frames.tsv``: proposals for hand review, never output.

Nothing here writes the lexicon. It prints candidates; a person reads each one against the
Policy Frames Codebook definition (Boydstun et al. 2014) and types the accepted ones into
the TSV. Nothing at run time imports this module (it needs nltk and WordNet).

How the shipped lexicon was produced (2026, by the frames module's author):

1. **Definitions** (``source=definition``): for each of the 14 frames, the words and phrases
   that the codebook's definition names or directly implies, written by hand ("costs,
   benefits, financial implications" gives ``cost``, ``budget``, ``taxpayer*`` ...).
   Broad cues that also occur outside the frame got weight 0.5, specific ones 1.
   ``inflect`` then listed the verb forms and irregular plurals of every single-word
   entry that WordNet's morphology confirms and that exist as words (the matcher itself
   only adds regular plurals); the forms wanted were added with their base's source.
2. **WordNet** (``source=wordnet``): ``wordnet`` lists, for every single-word definition
   entry, the synonyms of its two most frequent senses, their derivationally related
   forms and pertainyms and (for nouns) direct hyponyms, with the gloss, keeping those
   that occur at least twice in the reference news corpus: about 1,900 candidates, of
   which about 240 were accepted by hand (``prisoner`` gave ``detainee``; ``arrest``
   proposed ``apprehension`` and ``collar``, both refused).
3. **Curated** (``source=curated``): phrases that must win over their words ("suicide
   bombing", "defense attorney"), stop phrases (frame ``-``: "paid a visit", "good
   faith"), words noticed while reading the cue reports of the seed article and of
   reference articles, and frequent reference-corpus words no entry matched
   (``uncovered``; "civilians", "undocumented"). ``dev`` prints, per frame, the words most
   over-represented in SemEval-2023 Task 3 dev articles annotated with the frame
   (smoothed log-odds of document frequency), as suggestions only: nearly all were names
   or topic words of that corpus and were refused; the few kept ("clergy", "doctrine",
   "plague", "pleaded guilty") name the frame's concept in any news article.
4. **Review**: ``matches`` lists, for every entry, the distinct words it matched in the
   reference corpus (``shared/corpus/allsides``); over-reaching entries were dropped or
   given weight 0.5 ("race" matched "presidential race", "customs" the border agency),
   and religious group names were moved from Morality to Cultural_identity (0.5).

Setting up WordNet 3.0 offline (nltk data downloads are unreachable)::

    apt-get install -y wordnet-base wordnet-sense-index
    mkdir -p /tmp/nltk_data/corpora/wordnet
    cp /usr/share/wordnet/* /tmp/nltk_data/corpora/wordnet/ 2>/dev/null
    python -m analysis.validation.build_frame_lexicon lexnames > /tmp/nltk_data/corpora/wordnet/lexnames
    export NLTK_DATA=/tmp/nltk_data

(``lexnames``, which Debian leaves out, is the fixed list of WordNet's 45 lexicographer
files; the ``lexnames`` command prints it.)
"""
from __future__ import annotations

import argparse
import math
import os
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from analysis.config import require_shared
from analysis.measures.framing.frames import FRAMES, _TOKEN, _word, find_frame_cues, forms
from analysis.lexicon import load_lexicon

LEXNAMES = """adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute
noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group
noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant
noun.possession noun.process noun.quantity noun.relation noun.shape noun.state
noun.substance noun.time verb.body verb.change verb.cognition verb.communication
verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion
verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl""".split()


def lexnames() -> str:
    """WordNet 3.0's ``lexnames`` file: number, name and syntactic category of each file."""
    category = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}
    return "".join(f"{i:02d}\t{n}\t{category[n.split('.')[0]]}\n" for i, n in enumerate(LEXNAMES))


def wordnet():
    """nltk's WordNet reader on the offline copy (``NLTK_DATA``, default /tmp/nltk_data)."""
    os.environ.setdefault("NLTK_DATA", "/tmp/nltk_data")
    import nltk

    path = os.environ["NLTK_DATA"]
    if path not in nltk.data.path:
        nltk.data.path.insert(0, path)
    from nltk.corpus import wordnet as wn

    try:
        wn.ensure_loaded()
    except LookupError as error:
        raise SystemExit(f"WordNet not found under {path}: see this module's docstring ({error})")
    return wn


def entries() -> dict[str, dict[str, str]]:
    """The lexicon's entries: lower-case cue -> {frame: source}."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for row in load_lexicon("frames").rows:
        out[row["cue"].lower()][row["frame"]] = row["source"]
    return out


def _seeds(frame: str | None) -> list[tuple[str, str]]:
    rows = load_lexicon("frames").rows
    return [
        (r["frame"], r["cue"].lower())
        for r in rows
        if r["source"] == "definition" and " " not in r["cue"] and "*" not in r["cue"]
        and "-" not in r["cue"] and (frame is None or r["frame"] == frame)
    ]


def propose_wordnet(
    frame: str | None = None, *, senses: int = 2, hyponyms: bool = True, min_count: int = 2
) -> list[tuple]:
    """(frame, seed, candidate, relation, synset, gloss, news count) for candidates not in
    the lexicon that occur at least ``min_count`` times in the reference news corpus.

    Only the ``senses`` most frequent senses of each seed are followed (WordNet orders
    senses by tagged frequency); candidates are single words or two-word phrases.
    """
    wn = wordnet()
    counts = news_counts()
    known = entries()
    out, seen = [], set()
    for fr, seed in _seeds(frame):
        for synset in wn.synsets(seed)[:senses]:
            related = [("synonym", lemma) for lemma in synset.lemmas()]
            for lemma in synset.lemmas():
                if lemma.name().lower() == seed:
                    related += [("derived", d) for d in lemma.derivationally_related_forms()]
                    related += [("pertainym", p) for p in lemma.pertainyms()]
            if hyponyms and synset.pos() == "n":
                related += [("hyponym", lemma) for h in synset.hyponyms() for lemma in h.lemmas()[:2]]
            for relation, lemma in related:
                name = lemma.name().replace("_", " ").lower()
                if name == seed or name in known or (fr, name) in seen or name.count(" ") > 1:
                    continue
                seen.add((fr, name))
                n = sum(counts.get(form, 0) for form in forms(name)) if " " not in name else counts.get(name, 0)
                if n < min_count:
                    continue
                gloss = lemma.synset().definition()
                out.append((fr, seed, name, relation, lemma.synset().name(), gloss, str(n)))
    return out


@lru_cache(maxsize=1)
def news_counts() -> Counter:
    """How often each word (or two-word phrase) occurs in the reference corpus (allsides,
    600 news articles): a candidate never seen in news is not worth reviewing."""
    import json

    counts: Counter = Counter()
    folder = require_shared("corpus", "allsides", "articles")
    for path in sorted(Path(folder).glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8")).get("content_original") or ""
        words = [_word(w) for w in _TOKEN.findall(text)]
        counts.update(words)
        counts.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return counts


@lru_cache(maxsize=1)
def _real_words() -> frozenset[str]:
    """Words known to exist: WordNet lemmas, its exception lists, and the words of the
    reference corpus (allsides). Used only to drop impossible guesses like "priceed"."""
    wn = wordnet()
    known = set(wn.all_lemma_names())
    for pos in ("n", "v", "a", "r"):
        known.update(wn._exception_map[pos])
    known.update(w for w in news_counts() if " " not in w)
    return frozenset(known)


def inflections(word: str) -> list[str]:
    """Verb forms and irregular plurals of ``word`` that WordNet's morphology confirms and
    that exist as words (see :func:`_real_words`)."""
    wn = wordnet()
    if not wn.synsets(word, pos="v") and not wn.synsets(word, pos="n"):
        return []
    stem = word[:-1] if word.endswith("e") else word
    guesses = {word + "ed", word + "d", stem + "ed", word + "ing", stem + "ing", word + "s", word + "es"}
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        guesses |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    if word.endswith("y"):
        guesses |= {word[:-1] + "ied"}
    for pos in ("v", "n"):
        for inflected, bases in wn._exception_map[pos].items():
            if word in bases:
                guesses.add(inflected)
    regular = forms(word)
    return sorted(
        g for g in guesses
        if g not in regular and g in _real_words()
        and (word in wn._morphy(g, "v") or word in wn._morphy(g, "n"))
    )


def _benchmark() -> tuple[dict[str, str], dict[str, set[str]]]:
    base = require_shared("benchmarks", "semeval23-frames")
    labels = {}
    for line in (base / "labels-subtask-2.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            key, _, value = line.partition("\t")
            labels[key] = {v for v in value.split(",") if v}
    texts = {k: (base / "articles" / f"article{k}.txt").read_text(encoding="utf-8") for k in labels}
    return texts, labels


def propose_dev(frame: str | None = None, *, top: int = 40, min_df: int = 5) -> list[tuple]:
    """(frame, word, log_odds, df_with, df_without) of words over-represented in dev
    articles labelled with the frame, not yet matched by the lexicon. Suggestions only."""
    texts, labels = _benchmark()
    docs = {k: {_word(w) for w in _TOKEN.findall(t)} for k, t in texts.items()}
    covered = {
        _word(c.text) for t in texts.values() for c in find_frame_cues(t)
    }
    out = []
    for fr in FRAMES if frame is None else (frame,):
        pos = [k for k in docs if fr in labels[k]]
        neg = [k for k in docs if fr not in labels[k]]
        dp, dn = Counter(w for k in pos for w in docs[k]), Counter(w for k in neg for w in docs[k])
        scored = []
        for word, n in dp.items():
            if n < min_df or word in covered or word.isdigit() or len(word) < 3:
                continue
            m = dn.get(word, 0)
            lo = math.log((n + 0.5) / (len(pos) - n + 0.5)) - math.log((m + 0.5) / (len(neg) - m + 0.5))
            scored.append((lo, word, n, m))
        for lo, word, n, m in sorted(scored, reverse=True)[:top]:
            out.append((fr, word, round(lo, 2), n, m))
    return out


def matches(*, limit: int = 12) -> dict[str, Counter]:
    """Entry -> Counter of the words it matched in the reference corpus (allsides)."""
    import json

    folder = require_shared("corpus", "allsides", "articles")
    found: dict[str, Counter] = defaultdict(Counter)
    for path in sorted(Path(folder).glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8")).get("content_original") or ""
        for cue in find_frame_cues(text):
            found[f"{cue.frame}\t{cue.entry}"][cue.text.lower()] += 1
    return found


def uncovered(*, top: int = 1500) -> list[tuple[str, int]]:
    """The reference corpus's most frequent words (stop words and numbers left out) that
    no lexicon entry matched anywhere in it, with their counts: candidates to review."""
    import json

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    counts: Counter = Counter()
    covered: set[str] = set()
    folder = require_shared("corpus", "allsides", "articles")
    for path in sorted(Path(folder).glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8")).get("content_original") or ""
        counts.update(w for w in map(_word, _TOKEN.findall(text))
                      if w not in ENGLISH_STOP_WORDS and len(w) > 2 and not w.isdigit())
        covered.update(_word(w) for cue in find_frame_cues(text) for w in _TOKEN.findall(cue.text))
    return [(w, n) for w, n in counts.most_common(top) if w not in covered]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["wordnet", "inflect", "dev", "matches", "uncovered", "lexnames"])
    parser.add_argument("--frame", choices=FRAMES)
    parser.add_argument("--senses", type=int, default=2)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args(argv)
    if args.command == "lexnames":
        print(lexnames(), end="")
    elif args.command == "wordnet":
        for row in propose_wordnet(args.frame, senses=args.senses, min_count=args.min_count):
            print("\t".join(row))
    elif args.command == "inflect":
        for row in load_lexicon("frames").rows:
            cue = row["cue"].lower()
            if (args.frame is None or row["frame"] == args.frame) and re.fullmatch(r"[a-z]+", cue):
                extra = [f for f in inflections(cue) if f not in entries()]
                if extra:
                    print(f"{row['frame']}\t{cue}\t{' '.join(extra)}")
    elif args.command == "uncovered":
        print(" ".join(f"{w}:{n}" for w, n in uncovered()))
    elif args.command == "dev":
        for row in propose_dev(args.frame, top=args.top):
            print("\t".join(map(str, row)))
    else:
        for key, counter in sorted(matches().items()):
            if args.frame is None or key.startswith(args.frame):
                print(f"{key}\t{sum(counter.values())}\t" + " ".join(f"{w}:{n}" for w, n in counter.most_common(args.top)))


if __name__ == "__main__":
    main()
