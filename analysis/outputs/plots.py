"""One function per figure, each reading only a report (the JSON mapping) and writing a PNG
(and an SVG where useful) beside a CSV of exactly the plotted numbers.

Every function is ``plot_<name>(report, path) -> Path``; :data:`FIGURES` lists them in the
order the notebooks show them. ``python -m analysis figures`` calls them all.
"""
from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.outputs.style import PALETTE, figure, note, save
from analysis.report.metrics import DEVICE_KINDS as DEVICES, VOICES

SEGMENT_COLOURS = {"headline": "#222222", "standfirst": "#555555", "byline": "#999999", "dateline": "#999999",
                   "subhead": "#0072B2", "body": "#bbbbbb", "caption": "#009E73", "credit": "#56B4E9",
                   "syndication": "#E69F00", "boilerplate": "#D55E00"}


def _source_line(report: dict) -> str:
    art = report["article"]
    title = art.get("title") or report.get("input", {}).get("path") or "article"
    return f"{textwrap.shorten(title, 90)} · {report['metrics'].get('body_words', 0)} body words · analysis {report['generator']['version']}"


def _words(report: dict, start: int, end: int) -> int:
    return len(report["article"]["text"][start:end].split())


def plot_structure(report: dict, path: Path) -> Path:
    """What is the article made of? Words per segment kind, in reading order."""
    art = report["article"]
    rows = [{"segment": i, "kind": s["kind"], "start": s["start"], "end": s["end"], "words": _words(report, s["start"], s["end"])}
            for i, s in enumerate(art["segments"])]
    with figure(9, 2.8) as (fig, ax):
        left = 0
        for r in rows:
            ax.barh(0, r["words"], left=left, color=SEGMENT_COLOURS[r["kind"]], edgecolor="white", linewidth=0.6)
            left += r["words"]
        handles = [Patch(color=c, label=k) for k, c in SEGMENT_COLOURS.items() if any(r["kind"] == k for r in rows)]
        ax.legend(handles=handles, ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.35), fontsize=8)
        ax.set_yticks([])
        ax.set_xlabel("words, in reading order")
        ax.set_title("The article's structure: which parts are body text")
        ax.grid(axis="y", visible=False)
        note(ax, _source_line(report))
        return save(fig, path, rows)


def plot_quoted_terms(report: dict, path: Path) -> Path:
    """Which terms are in quotation marks, of what kind, and where in the article?"""
    text_len = max(len(report["article"]["text"]), 1)
    quotes = [q for q in report["quotes"] if q["kind"] != "direct"] or report["quotes"]
    forms: dict[str, list[str]] = {}
    for q in quotes:
        key = q.get("family") or q["text"]
        word = q["text"].strip(" ,.;:!?")
        if word not in forms.setdefault(key, []):
            forms[key].append(word)
    labels, rows = [], []
    for q in quotes:
        label = textwrap.shorten(" / ".join(forms[q.get("family") or q["text"]]), 40)
        if label not in labels:
            labels.append(label)
        rows.append({"term": q["text"], "family": q.get("family"), "kind": q["kind"], "balanced": q["balanced"],
                     "start": q["start"], "position_pct": round(100 * q["start"] / text_len, 2), "label": label})
    with figure(8.5, max(2.5, 0.42 * len(labels) + 1.4)) as (fig, ax):
        for kind in ("scare", "partial", "direct", "title", "other"):
            pts = [r for r in rows if r["kind"] == kind]
            if pts:
                ax.scatter([r["position_pct"] for r in pts], [labels.index(r["label"]) for r in pts], s=70,
                           color=PALETTE[kind], label=kind, zorder=3, edgecolor="white")
        for r in rows:
            if not r["balanced"]:
                ax.annotate("unbalanced", (r["position_pct"], labels.index(r["label"])), xytext=(6, 6),
                            textcoords="offset points", fontsize=7, color="#666666")
        counts = Counter(r["label"] for r in rows)
        ax.set_yticks(range(len(labels)), [f"{lab}  ×{counts[lab]}" for lab in labels])
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("position in the article (% of the text)")
        ax.set_title("Quoted terms: kind and position (terms grouped by family)")
        ax.legend(title="kind", loc="upper left", bbox_to_anchor=(1.0, 1.0))
        note(ax, _source_line(report))
        return save(fig, path, rows)


def plot_voices(report: dict, path: Path) -> Path:
    """Who gets a voice? Words attributed to each source, beside the writer's own."""
    m = report["metrics"]
    body = m.get("body_words", 0)
    rows = [{"source": "the writer's own voice", "type": "author", "words": round(body * m.get("writer_voice_share", 0)),
             "attributions": 0}]
    for s in report.get("sources", []):
        name = s["source"] or "no source named"
        rows.append({"source": name, "type": s["source_type"], "words": s["words"], "attributions": s["attributions"]})
    rows = rows[:1] + sorted(rows[1:], key=lambda r: -r["words"])[:14]
    with figure(8.5, max(2.5, 0.4 * len(rows) + 1.3)) as (fig, ax):
        ax.barh(range(len(rows)), [r["words"] for r in rows], color=[PALETTE.get(r["type"], "#999999") for r in rows])
        ax.set_yticks(range(len(rows)), [textwrap.shorten(r["source"], 34) + ("" if r["type"] == "author" else f" ({r['type']})")
                                         for r in rows])
        ax.invert_yaxis()
        for i, r in enumerate(rows):
            if r["attributions"]:
                ax.text(r["words"], i, f"  {r['attributions']} attribution{'s' * (r['attributions'] != 1)}", va="center", fontsize=8)
        ax.set_xlabel("words (writer: body words in the writer's voice; sources: words attributed to them)")
        ax.set_title("Who gets a voice")
        note(ax, _source_line(report))
        return save(fig, path, rows)


def plot_mentioned_vs_speaking(report: dict, path: Path) -> Path:
    """Who is talked about, and who is talked to? Mentions and attributions per actor."""
    rows = [dict(r) for r in report.get("talked_about", [])[:15]]
    with figure(8.5, max(2.5, 0.38 * len(rows) + 1.3)) as (fig, ax):
        y = range(len(rows))
        ax.barh([i - 0.2 for i in y], [r["mentions"] for r in rows], height=0.4, color="#bbbbbb", label="mentions")
        ax.barh([i + 0.2 for i in y], [r["attributions"] for r in rows], height=0.4, color=PALETTE["quoted"],
                label="attributions (speaks)")
        ax.set_yticks(list(y), [f"{r['actor']} ({r['type']})" for r in rows])
        ax.invert_yaxis()
        ax.set_xlabel("count")
        ax.set_title("Talked about versus talked to")
        ax.legend(loc="lower right")
        note(ax, _source_line(report))
        return save(fig, path, rows)


def plot_reporting_verbs(report: dict, path: Path) -> Path:
    """With which verbs are sources reported? Cues by class, each cue word named."""
    classes = ("neutral", "truth", "careful", "doubt", "culpability", "hedge")
    cues: dict[str, Counter] = {c: Counter() for c in classes}
    for a in report["attributions"]:
        if a.get("cue_class") in cues:
            cues[a["cue_class"]][a["cue"].lower()] += 1
    rows = [{"cue_class": c, "cue": w, "count": n} for c in classes for w, n in sorted(cues[c].items())]
    with figure(8.5, 3.6) as (fig, ax):
        totals = [sum(cues[c].values()) for c in classes]
        ax.bar(classes, totals, color=[PALETTE[c] for c in classes])
        for i, c in enumerate(classes):
            if cues[c]:
                label = "\n".join(f"{w} ×{n}" if n > 1 else w for w, n in cues[c].most_common(4))
                ax.text(i, totals[i], label, ha="center", va="bottom", fontsize=7.5)
        ax.set_ylim(0, max(totals + [1]) * 1.6)
        ax.set_ylabel("attributions")
        ax.set_title("Reporting verbs by class (what the verb implies about the content)")
        note(ax, _source_line(report))
        return save(fig, path, rows)


def plot_sentiment_arc(report: dict, path: Path) -> Path:
    """How does the tone move through the article, and in whose voice?"""
    sents = report["sentiment"]["sentences"]
    order = {s["index"]: i for i, s in enumerate(report["article"]["sentences"])}
    rows = [{"sentence": s["sentence"], "position": order[s["sentence"]], "compound": s["compound"], "voice": s["voice"],
             "source": s.get("source")} for s in sents]
    paras = report["sentiment"]["paragraphs"]
    with figure(9, 4) as (fig, ax):
        ax.axhspan(-0.05, 0.05, color="#f2f2f2", zorder=0)
        ax.axhline(0, color="#999999", linewidth=0.8)
        for voice in VOICES:
            pts = [r for r in rows if r["voice"] == voice]
            if pts:
                ax.scatter([r["sentence"] for r in pts], [r["compound"] for r in pts], color=PALETTE[voice], s=28,
                           label=f"sentence, {voice} voice", zorder=3)
        para_x, para_y = [], []
        for p in paras:
            idx = [s["sentence"] for s in sents if report["article"]["sentences"][s["sentence"]]["paragraph"] == p["paragraph"]]
            para_x.append(sum(idx) / len(idx))
            para_y.append(p["compound"])
        ax.plot(para_x, para_y, color="#222222", linewidth=1.4, label="paragraph mean", zorder=2)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel("sentence number")
        ax.set_ylabel("VADER compound (−1 … +1)")
        ax.set_title("Sentiment arc through the article, by voice")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
        note(ax, _source_line(report) + " · grey band: neutral (|compound| < 0.05)")
        return save(fig, path, rows)


def plot_actor_sentiment(report: dict, path: Path) -> Path:
    """How is each actor portrayed? Mean target-dependent score with its interval."""
    actors = [a for a in report["sentiment"].get("actors", []) if a["mentions"] >= 1][:15]
    rows = [{"actor": a["actor"], "type": a["type"], "mentions": a["mentions"], "score_mean": a["score_mean"],
             "low": a["score_interval"][0], "high": a["score_interval"][1], **{f"share_{k}": v for k, v in a["label_shares"].items()}}
            for a in actors]
    with figure(8.5, max(2.5, 0.42 * len(rows) + 1.4)) as (fig, ax):
        ax.axvline(0, color="#999999", linewidth=0.8)
        for i, r in enumerate(rows):
            ax.plot([r["low"], r["high"]], [i, i], color="#777777", linewidth=2, solid_capstyle="butt")
            ax.scatter(r["score_mean"], i, s=30 + 12 * r["mentions"], color=PALETTE.get(r["type"], "#999999"), zorder=3,
                       edgecolor="white")
        ax.set_yticks(range(len(rows)), [f"{r['actor']} (n={r['mentions']})" for r in rows])
        ax.invert_yaxis()
        ax.set_xlim(-1, 1)
        ax.set_xlabel("sentiment toward the actor: P(positive) − P(negative), mean over mentions, 95 % interval")
        ax.set_title("Actor portrayal (target-dependent classifier)")
        note(ax, _source_line(report) + " · dot size: mentions")
        return save(fig, path, rows)


def plot_frame_profile(report: dict, path: Path) -> Path:
    """Which frames does the article use? Share of frame cues per frame."""
    fr = report["framing"]
    used = set(fr.get("article_frames", []))
    rows = [{"frame": f["frame"], "share": f["share"], "hits": f["hits"], "article_frame": f["frame"] in used,
             "primary": f["frame"] == fr.get("primary_frame")} for f in fr.get("frames", [])]
    with figure(8.5, max(2.5, 0.36 * len(rows) + 1.3)) as (fig, ax):
        colours = ["#0072B2" if r["article_frame"] else "#bbbbbb" for r in rows]
        ax.barh(range(len(rows)), [r["share"] for r in rows], color=colours)
        ax.set_yticks(range(len(rows)), [r["frame"].replace("_", " ") + ("  (primary)" if r["primary"] else "") for r in rows])
        ax.invert_yaxis()
        ax.set_xlabel("share of the article's frame-cue weight")
        ax.set_title("Frame profile (blue: frames the article uses by the validated rule)")
        note(ax, _source_line(report))
        return save(fig, path, rows)


def plot_frames_by_sentence(report: dict, path: Path) -> Path:
    """Where in the article does each frame appear? Frames sentence by sentence."""
    sents = report["framing"]["sentences"]
    frames = [f["frame"] for f in report["framing"]["frames"]]
    rows = [{"sentence": s["sentence"], "frame": f, "cues": sum(c["frame"] == f for c in s["cues"]),
             "primary": s["primary"] == f} for s in sents for f in s["frames"]]
    n = len(report["article"]["sentences"])
    with figure(9, max(2.5, 0.34 * len(frames) + 1.5)) as (fig, ax):
        for r in rows:
            y = frames.index(r["frame"])
            ax.scatter(r["sentence"], y, s=25 + 25 * r["cues"], color="#0072B2" if r["primary"] else "#9ecae1", zorder=3)
        ax.set_yticks(range(len(frames)), [f.replace("_", " ") for f in frames])
        ax.invert_yaxis()
        ax.set_xlim(-1, n)
        ax.set_xlabel("sentence number (dark: the sentence's primary frame; size: cues)")
        ax.set_title("Frames through the article")
        note(ax, _source_line(report))
        return save(fig, path, rows)


def plot_devices_by_voice(report: dict, path: Path) -> Path:
    """Who carries the framing devices: the writer, or the people quoted?"""
    m = report["metrics"]
    rows = [{"device": d, "voice": v, "per_1k": m.get(f"{d}_per_1k_{v}", 0.0)} for d in DEVICES for v in VOICES]
    with figure(9, 4) as (fig, ax):
        width = 0.27
        for j, v in enumerate(VOICES):
            ax.bar([i + (j - 1) * width for i in range(len(DEVICES))], [m.get(f"{d}_per_1k_{v}", 0.0) for d in DEVICES],
                   width=width, color=PALETTE[v], label=f"{v} voice")
        ax.set_xticks(range(len(DEVICES)), [d.replace("_", "\n") for d in DEVICES])
        ax.set_ylabel("per 1,000 body words")
        ax.set_title("Framing devices by voice")
        ax.legend()
        note(ax, _source_line(report))
        return save(fig, path, rows)


def plot_frames_by_actor(report: dict, path: Path) -> Path:
    """Which frames surround each actor? Sentences mentioning the actor, by frame."""
    actors = [a for a in report["framing"].get("actors", []) if a["frames"]]
    mentions = {a["actor"]: a["mentions"] for a in report["sentiment"].get("actors", [])}
    actors = sorted(actors, key=lambda a: -mentions.get(a["actor"], 0))[:12]
    frames = [f["frame"] for f in report["framing"]["frames"]][:10]
    rows = [{"actor": a["actor"], "frame": f, "sentences": a["frames"].get(f, 0)} for a in actors for f in frames]
    with figure(9, max(2.5, 0.42 * len(actors) + 2)) as (fig, ax):
        grid = [[a["frames"].get(f, 0) for f in frames] for a in actors]
        image = ax.imshow(grid or [[0]], cmap="Blues", aspect="auto", vmin=0)
        ax.set_xticks(range(len(frames)), [f.replace("_", " ") for f in frames], rotation=35, ha="right", fontsize=8)
        ax.set_yticks(range(len(actors)), [a["actor"] for a in actors])
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                if v:
                    ax.text(j, i, v, ha="center", va="center", fontsize=8, color="white" if v > max(map(max, grid)) / 2 else "black")
        ax.grid(False)
        fig.colorbar(image, ax=ax, label="sentences")
        ax.set_title("Frames by actor (sentences that mention the actor)")
        note(ax, _source_line(report))
        return save(fig, path, rows)


def plot_portrayal(report: dict, path: Path) -> Path:
    """Who does harm and who suffers it? Portrayal events per actor, by voice: harm suffered to
    the left, harm done (solid) and enabling someone who harms (hatched) to the right."""
    actors = [a for a in (report.get("portrayal") or {}).get("actors", [])
              if any(c.get(e, 0) for c in a["counts"].values() for e in ("harm_done", "harm_suffered", "enables_harm"))]
    rows = [{"actor": a["actor"], "type": a["type"], "role": a["role"], "confidence": a["confidence"], "voice": v,
             "harm_done": a["counts"].get(v, {}).get("harm_done", 0), "enables_harm": a["counts"].get(v, {}).get("enables_harm", 0),
             "harm_suffered": a["counts"].get(v, {}).get("harm_suffered", 0)} for a in actors for v in VOICES]
    rows = [r for r in rows if r["harm_done"] or r["enables_harm"] or r["harm_suffered"]]

    def total(name: str, *keys: str) -> int:
        return sum(r[k] for r in rows if r["actor"] == name for k in keys)

    names = sorted({r["actor"] for r in rows}, key=lambda n: (total(n, "harm_suffered") - total(n, "harm_done", "enables_harm"),
                                                              -total(n, "harm_done", "enables_harm", "harm_suffered"), n))
    with figure(9, max(2.6, 0.42 * len(names) + 1.8)) as (fig, ax):
        left = dict.fromkeys(names, 0)
        right = dict.fromkeys(names, 0)
        for r in rows:
            y, colour = names.index(r["actor"]), PALETTE[r["voice"]]
            if r["harm_suffered"]:
                ax.barh(y, -r["harm_suffered"], left=-left[r["actor"]], color=colour, edgecolor="white", height=0.62)
                left[r["actor"]] += r["harm_suffered"]
            for key, hatch in (("harm_done", None), ("enables_harm", "////")):
                if r[key]:
                    ax.barh(y, r[key], left=right[r["actor"]], color="white" if hatch else colour, edgecolor=colour,
                            hatch=hatch, height=0.62, linewidth=1.2 if hatch else 0.6)
                    right[r["actor"]] += r[key]
        ax.axvline(0, color="#222222", linewidth=0.9)
        for name in names:
            for x, ha in ((-left[name], "right"), (right[name], "left")):
                if x:
                    ax.text(x + (0.08 if x > 0 else -0.08), names.index(name), str(abs(x)), ha=ha, va="center", fontsize=8)
        role = {r["actor"]: (r["role"], r["confidence"]) for r in rows}
        ax.set_yticks(range(len(names)), [f"{n}  ({role[n][0]}, {role[n][1]:.2f})" for n in names])
        ax.invert_yaxis()
        reach = max([*left.values(), *right.values(), 1])
        ax.set_xlim(-reach - 0.5, reach + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{abs(int(x))}"))
        ax.set_xlabel("← harm suffered (events)          harm done · enables harm (events) →")
        handles = [Patch(color=PALETTE[v], label=f"{v} voice") for v in VOICES if any(r["voice"] == v for r in rows)]
        handles.append(Patch(facecolor="white", edgecolor="#444444", hatch="////", label="enables harm (helps a doer)"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
        if not rows:
            ax.text(0.5, 0.5, "no harm events read in this article", transform=ax.transAxes, ha="center", va="center",
                    color="#666666")
            ax.set_yticks([])
        ax.grid(axis="y", visible=False)
        ax.set_title("Who does harm, who suffers it: portrayal by voice")
        note(ax, _source_line(report) + " · label: main role, confidence · actors without harm events left out")
        return save(fig, path, rows)


#: Every per-article figure, in the order the notebooks show them: (file stem, function).
FIGURES = (
    ("01-structure", plot_structure),
    ("02-quoted-terms", plot_quoted_terms),
    ("03-voices", plot_voices),
    ("03-mentioned-vs-speaking", plot_mentioned_vs_speaking),
    ("03-reporting-verbs", plot_reporting_verbs),
    ("04-sentiment-arc", plot_sentiment_arc),
    ("04-actor-sentiment", plot_actor_sentiment),
    ("04-portrayal", plot_portrayal),
    ("05-frame-profile", plot_frame_profile),
    ("05-frames-by-sentence", plot_frames_by_sentence),
    ("05-devices-by-voice", plot_devices_by_voice),
    ("05-frames-by-actor", plot_frames_by_actor),
)


def plot_all(report: dict, out_dir: Path) -> list[Path]:
    """Every per-article figure of ``report`` into ``out_dir``."""
    return [fn(report, Path(out_dir) / stem) for stem, fn in FIGURES]
