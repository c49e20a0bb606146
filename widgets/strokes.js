// The view of widgets/strokes.py: each character of a word drawn by hanzi-writer
// from stroke data the kernel sends (no request leaves the page), animated,
// stepped stroke by stroke, shown as a numbered fan, or written in a quiz.
//
// One hanzi-writer for the whole page: anywidget evaluates this file once per
// widget, and a hanzi-writer module evaluated per widget restarts its SVG mask
// counter, so a second character was drawn through the first one's masks
// ("mask-1" twice on the page). Importing the library once, kept on globalThis,
// gives one counter and unique ids however many characters a page shows.

const BOX = 1024;  // hanzi-writer data coordinates: a 1024 box, y upwards, baseline at 900

function library(model) {
  const key = `__dubao_hanzi_writer_${model.get("library_version")}`;
  if (!globalThis[key]) {
    const url = URL.createObjectURL(new Blob([model.get("library")], { type: "text/javascript" }));
    globalThis[key] = import(url).then((module) => module.default);
  }
  return globalThis[key];
}

function svgElement(name, attributes = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

// The numbered fan: stroke 1, strokes 1-2, ... each in its own small box, the new
// stroke in colour with its number at the start of its median.
function fan(data, size) {
  const row = document.createElement("div");
  row.className = "dubao-strokes-fan";
  data.strokes.forEach((_, k) => {
    const svg = svgElement("svg", { width: size, height: size, viewBox: `0 0 ${BOX} ${BOX}`,
                                    class: "dubao-strokes-fan-step", "data-stroke": k + 1 });
    svg.appendChild(svgElement("rect", { x: 4, y: 4, width: BOX - 8, height: BOX - 8, fill: "none",
                                         stroke: "#ccc", "stroke-width": 8 }));
    const group = svgElement("g", { transform: "translate(0, 900) scale(1, -1)" });
    for (let i = 0; i <= k; i++) {
      group.appendChild(svgElement("path", { d: data.strokes[i], fill: i === k ? "#c0392b" : "#555" }));
    }
    svg.appendChild(group);
    const [x, y] = data.medians[k][0];
    const label = svgElement("text", { x: Math.max(40, Math.min(BOX - 40, x)), y: Math.max(200, 900 - y),
                                       "font-size": 230, fill: "#1f5fa8", "font-weight": "bold",
                                       stroke: "#fff", "stroke-width": 30, "paint-order": "stroke",
                                       "text-anchor": "middle" });
    label.textContent = String(k + 1);
    svg.appendChild(label);
    row.appendChild(svg);
  });
  return row;
}

function caption(entry, quiz) {
  const text = document.createElement("div");
  text.className = "dubao-strokes-caption";
  const radical = entry.radical ? ` · radical ${entry.radical}` : "";
  // a quiz asks for the character: its caption must not show it (nor its radical)
  text.textContent = quiz ? `${entry.stroke_count} strokes`
                          : `${entry.character}: ${entry.stroke_count} strokes${radical}`;
  return text;
}

async function render({ model, el }) {
  if (model.get("problem")) {
    const message = document.createElement("div");
    message.className = "dubao-strokes-missing";
    message.textContent = model.get("problem");
    el.appendChild(message);
    return;
  }
  const HanziWriter = await library(model);
  const root = document.createElement("div");
  root.className = "dubao-strokes";
  const tools = document.createElement("div");
  tools.className = "dubao-strokes-tools";
  const button = (label, title, action) => {
    const b = document.createElement("button");
    b.textContent = label;
    b.title = title;
    b.className = "dubao-strokes-" + label.toLowerCase().replace(/\W+/g, "-");
    b.addEventListener("click", action);
    tools.appendChild(b);
    return b;
  };
  const setMode = (mode, step) => {
    if (step !== undefined) model.set("step", step);  // before the mode, so one redraw shows it
    if (model.get("mode") !== mode) model.set("mode", mode);
    model.save_changes();
  };
  button("Animate", "Write the characters stroke by stroke", () => {
    setMode("animate");
    model.set("replay", model.get("replay") + 1);
    model.save_changes();
  });
  button("Next stroke", "Add one stroke at a time", () =>
    setMode("step", model.get("mode") === "step" ? model.get("step") + 1 : 1));
  button("Numbered strokes", "Every stroke in order, numbered", () => setMode("fan"));
  const cells = document.createElement("div");
  cells.className = "dubao-strokes-cells";
  root.append(tools, cells);
  el.appendChild(root);

  let writers = [];
  let results = [];

  const report = () => {
    model.set("results", results.map((r) => ({ ...r })));
    model.save_changes();
  };

  const startQuiz = (i) => {
    if (i >= writers.length) return;
    const { writer, entry } = writers[i];
    if (!writer) { startQuiz(i + 1); return; }
    const hintAfter = model.get("hint_after");
    const result = { character: entry.character, mistakes: 0, hints: 0, strokes: entry.stroke_count, done: false };
    results[i] = result;
    writers[i].cell.classList.add("dubao-strokes-active");
    writer.quiz({
      showHintAfterMisses: hintAfter,
      onMistake: (stroke) => {
        result.mistakes += 1;
        if (stroke.mistakesOnStroke === hintAfter) result.hints += 1;  // the stroke's hint appears now
        report();
      },
      onComplete: (summary) => {
        result.mistakes = summary.totalMistakes;
        result.done = true;
        writers[i].cell.classList.remove("dubao-strokes-active");
        report();
        startQuiz(i + 1);
      },
    });
  };

  // Step mode counts strokes across the word: the first character's, then the next one's.
  let shownSteps = 0;
  let stepping = Promise.resolve();
  const stepTo = (wanted) => {
    const order = [];
    writers.forEach(({ writer, entry }) => {
      if (writer) for (let k = 0; k < entry.stroke_count; k++) order.push([writer, k]);
    });
    for (; shownSteps < Math.min(wanted, order.length); shownSteps++) {
      const [writer, k] = order[shownSteps];
      stepping = stepping.then(() => writer.animateStroke(k));
    }
  };

  const draw = () => {
    writers.forEach(({ writer }) => writer && writer.cancelQuiz && writer.cancelQuiz());
    writers = [];
    results = [];
    cells.replaceChildren();
    const mode = model.get("mode");
    const size = model.get("size");
    tools.style.display = mode === "quiz" ? "none" : "";
    model.get("characters").forEach((entry, i) => {
      const cell = document.createElement("div");
      cell.className = "dubao-strokes-cell";
      cell.dataset.character = entry.character;
      cells.appendChild(cell);
      if (!entry.data) {
        const message = document.createElement("div");
        message.className = "dubao-strokes-missing";
        message.textContent = entry.message;
        cell.appendChild(message);
        writers.push({ writer: null, entry, cell });
        return;
      }
      if (mode === "fan") {
        cell.append(fan(entry.data, Math.round(size / 2)), caption(entry));
        writers.push({ writer: null, entry, cell });
        return;
      }
      const target = document.createElement("div");
      target.className = "dubao-strokes-writer";
      const quiz = mode === "quiz";
      cell.append(target, caption(entry, quiz));
      const writer = HanziWriter.create(target, entry.character, {
        width: size, height: size, padding: 5,
        charDataLoader: (_character, onLoad) => onLoad(entry.data),
        showCharacter: !quiz && mode !== "step", showOutline: !quiz || model.get("show_outline"),
        strokeAnimationSpeed: 1.5, delayBetweenStrokes: 250, radicalColor: quiz ? null : "#1f5fa8",
      });
      writers.push({ writer, entry, cell });
    });
    shownSteps = 0;
    stepping = Promise.resolve();  // the old boxes' animations must not hold up the new ones
    if (mode === "step") stepTo(model.get("step"));
    if (mode === "animate") {
      // one character after another, as they are written
      writers.reduce((chain, { writer }) => (writer ? chain.then(() => writer.animateCharacter()) : chain),
                     Promise.resolve());
    }
    if (mode === "quiz") startQuiz(0);
  };

  draw();
  for (const name of ["characters", "mode", "size", "replay", "show_outline"]) {
    model.on(`change:${name}`, draw);
  }
  model.on("change:step", () => {
    if (model.get("mode") !== "step") return;
    if (model.get("step") < shownSteps) draw();  // back to the start
    else stepTo(model.get("step"));
  });
  return () => writers.forEach(({ writer }) => writer && writer.cancelQuiz && writer.cancelQuiz());
}

export default { render };
