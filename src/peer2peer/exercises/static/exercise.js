// One exercise, drawn in plain, accessible HTML. The kernel saves every answer it is sent.
// Typing is sent after a short pause (DEBOUNCE_MS) and at once when a box loses focus.
//
// Nothing typed is lost when the kernel goes away (a crash, a laptop asleep, a server
// stopped): every answer is kept in the browser until the kernel says it is saved. When a
// save does not come back in time, or the kernel is gone, the page says so in plain words
// and offers to copy the words; the next time the page opens with a kernel, the kept words
// come back and are saved.

const DEBOUNCE_MS = 300;
const SAVE_WAIT_MS = 4000;
const CANT_SAVE =
  "We can't save right now. Keep this page open: what you type is kept here, and saved as " +
  "soon as we can. If this message stays, refresh the page and your words will come back.";
const BROUGHT_BACK =
  "We brought back words you wrote here earlier that had not been saved.";
const SAVED_ELSEWHERE = "This is what is saved now, from the other page or device:";

// Words not yet saved, kept in this browser under a name unique to the trainee's answers
// file and the exercise; removed as soon as the kernel has saved them.
const kept = {
  get(key) {
    try {
      const text = key ? localStorage.getItem(key) : null;
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  },
  set(key, value, base) {
    try {
      if (key) localStorage.setItem(key, JSON.stringify({ value, base, at: Date.now() }));
    } catch {
      // A full or blocked store: the page still tells the trainee when saving fails.
    }
  },
  clear(key) {
    try {
      if (key) localStorage.removeItem(key);
    } catch {
      // nothing kept, nothing to clear
    }
  },
};

// Whether two answers are the same (the widget model's own test: deep, key order aside).
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && same(a[key], b[key]))
  );
}

// The words in an answer, as plain text to copy (a story's sections one after another).
function wordsIn(value) {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && value.sections) {
    return Object.values(value.sections).filter(Boolean).join("\n\n");
  }
  return "";
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const box = h("textarea", { "aria-hidden": "true", style: "position:fixed;left:-9999px" });
    box.value = text;
    document.body.append(box);
    box.select();
    const copied = document.execCommand("copy");
    box.remove();
    return copied;
  }
}

function hiddenText(text) {
  return h("span", { class: "p2p-sr-only", text });
}

function words(text) {
  const trimmed = (text || "").trim();
  return trimmed ? trimmed.split(/\s+/).length : 0;
}

function wordNote(text, minWords) {
  const count = words(text);
  let note = `${count} word${count === 1 ? "" : "s"}`;
  if (minWords) note += ` (aim for about ${minWords})`;
  return note;
}

// A group of radio buttons or tick boxes inside a fieldset with a legend.
function optionGroup({ legend, prompt, type, name, options, chosen, onChange, className }) {
  const inputs = [];
  const items = Object.entries(options).map(([key, text]) => {
    const id = uid("option");
    const input = h("input", {
      type,
      id,
      name,
      value: key,
      checked: type === "radio" ? chosen === key : (chosen || []).includes(key),
      onchange: () => onChange(inputs),
    });
    inputs.push(input);
    return h("div", { class: "p2p-option" }, input, h("label", { for: id, text }));
  });
  return h(
    "fieldset",
    { class: `p2p-group ${className || ""}` },
    h("legend", {}, legend, prompt ? hiddenText(`: ${prompt}`) : null),
    items,
  );
}

const renderers = {
  reflection({ config, value, send }) {
    const id = uid("reflection");
    const noteId = uid("count");
    const box = h("textarea", {
      id,
      rows: 10,
      class: "p2p-textarea",
      placeholder: "Write here. Your words are saved as you type.",
      "aria-describedby": noteId,
    });
    box.value = value || "";
    const note = h("p", { id: noteId, class: "p2p-note", text: wordNote(box.value, config.min_words) });
    box.addEventListener("input", () => {
      note.textContent = wordNote(box.value, config.min_words);
      send(box.value);
    });
    box.addEventListener("blur", () => send(box.value, true));
    return [
      h("label", { for: id, class: "p2p-label" }, "Your answer", hiddenText(`: ${config.prompt}`)),
      box,
      note,
    ];
  },

  scale({ config, value, send }) {
    // Plain numbers, all the same width, so the scale fits one row (two even rows on a
    // phone); the words for each end are read out with its number and written below.
    const options = {};
    for (let n = config.min; n <= config.max; n += 1) options[String(n)] = String(n);
    const group = optionGroup({
      legend: "Your rating",
      prompt: config.prompt,
      type: "radio",
      name: uid("scale"),
      options,
      chosen: value === null || value === undefined ? null : String(value),
      onChange: (inputs) => send(Number(inputs.find((i) => i.checked).value), true),
      className: "p2p-scale",
    });
    const labels = group.querySelectorAll("label");
    labels[0].append(hiddenText(` (${config.low})`));
    labels[labels.length - 1].append(hiddenText(` (${config.high})`));
    const count = config.max - config.min + 1;
    group.style.setProperty("--p2p-per-row", String(count));
    group.style.setProperty("--p2p-per-row-narrow", String(Math.ceil(count / 2)));
    const ends = h("p", {
      class: "p2p-note",
      text: `${config.min} means ${config.low}. ${config.max} means ${config.high}.`,
    });
    return [group, ends];
  },

  choice({ config, value, send }) {
    const feedback = h("div", { class: "p2p-feedback", "aria-live": "polite" });
    const showFeedback = (keys) => {
      feedback.replaceChildren(
        ...keys
          .filter((key) => config.feedback && config.feedback[key])
          .map((key) => h("p", {}, h("strong", { text: "Feedback: " }), config.feedback[key])),
      );
    };
    const type = config.multiple ? "checkbox" : "radio";
    const group = optionGroup({
      legend: config.multiple ? "Your answer (tick all that apply)" : "Your answer",
      prompt: config.prompt,
      type,
      name: uid("choice"),
      options: config.options,
      chosen: value,
      onChange: (inputs) => {
        const keys = inputs.filter((i) => i.checked).map((i) => i.value);
        showFeedback(keys);
        send(config.multiple ? keys : keys[0], true);
      },
    });
    showFeedback(Array.isArray(value) ? value : value ? [value] : []);
    return [group, feedback];
  },

  order({ config, value, send, announce }) {
    let order = Array.isArray(value) && value.length ? [...value] : Object.keys(config.items);
    const list = h("ol", { class: "p2p-order" });
    const draw = (focusKey, focusDirection) => {
      list.replaceChildren(
        ...order.map((key, index) => {
          const text = config.items[key];
          const up = h("button", {
            type: "button",
            class: "p2p-move",
            "aria-label": `Move "${text}" up`,
            disabled: index === 0,
            onclick: () => move(index, -1),
            text: "Up",
          });
          const down = h("button", {
            type: "button",
            class: "p2p-move",
            "aria-label": `Move "${text}" down`,
            disabled: index === order.length - 1,
            onclick: () => move(index, 1),
            text: "Down",
          });
          const item = h(
            "li",
            { "data-key": key },
            h("span", { class: "p2p-place", "aria-hidden": "true", text: `${index + 1}.` }),
            h("span", { class: "p2p-item", text }),
            up,
            down,
          );
          if (key === focusKey) queueMicrotask(() => (focusDirection < 0 && index > 0 ? up : down).focus());
          return item;
        }),
      );
    };
    const hint = h("p", { class: "p2p-note", "aria-live": "polite" });
    const check = () => {
      if (!config.solution) return;
      const right = config.solution.every((key, index) => order[index] === key);
      hint.textContent = right ? "Yes: this is the suggested order." : "";
    };
    const move = (index, step) => {
      const target = index + step;
      [order[index], order[target]] = [order[target], order[index]];
      draw(order[target], step);
      announce(`Moved "${config.items[order[target]]}" to place ${target + 1} of ${order.length}.`);
      check();
      send([...order], true);
    };
    draw();
    check();
    return [
      h("p", { class: "p2p-label" }, "Put these in order. Use the Up and Down buttons.", hiddenText(` ${config.prompt}`)),
      list,
      hint,
    ];
  },

  match({ config, value, send }) {
    const chosen = { ...(value || {}) };
    const hint = h("p", { class: "p2p-note", "aria-live": "polite" });
    const check = () => {
      if (!config.solution) return;
      const keys = Object.keys(config.solution);
      const right = keys.filter((key) => chosen[key] === config.solution[key]).length;
      hint.textContent = `${right} of ${keys.length} match the suggested answers.`;
    };
    const rows = Object.entries(config.statements).map(([key, text]) => {
      const id = uid("match");
      const select = h(
        "select",
        {
          id,
          onchange: () => {
            if (select.value) chosen[key] = select.value;
            else delete chosen[key];
            check();
            send({ ...chosen }, true);
          },
        },
        h("option", { value: "", text: "Choose..." }),
        Object.entries(config.categories).map(([cat, label]) =>
          h("option", { value: cat, text: label, selected: chosen[key] === cat }),
        ),
      );
      return h("div", { class: "p2p-match-row" }, h("label", { for: id, text }), select);
    });
    check();
    return [
      h("p", { class: "p2p-label" }, "Match each statement.", hiddenText(` ${config.prompt}`)),
      ...rows,
      hint,
    ];
  },

  story({ model, config, value, send, announce }) {
    // A deep copy: changing the model's own value in place would make the next
    // model.set() look like no change, and nothing would be sent to be saved.
    const story = {
      sections: {},
      audience: "only-me",
      naming: "anonymous",
      content_notes: [],
      ...JSON.parse(JSON.stringify(value || {})),
    };
    const changed = (now = false) => send(JSON.parse(JSON.stringify(story)), now);
    const parts = [];
    for (const [key, section] of Object.entries(config.sections)) {
      const id = uid("story");
      const hintId = uid("hint");
      const box = h("textarea", { id, rows: 6, class: "p2p-textarea", "aria-describedby": hintId });
      box.value = story.sections[key] || "";
      box.addEventListener("input", () => {
        story.sections[key] = box.value;
        changed();
      });
      box.addEventListener("blur", () => changed(true));
      parts.push(
        h("label", { for: id, class: "p2p-label", text: section.title }),
        h("p", { id: hintId, class: "p2p-note", text: section.hint }),
        box,
      );
    }
    // Choosing an option (by click or arrow key) only asks; nothing is saved or handed in
    // until the author presses the button that names who will read their story.
    const kept = config.kept_namings || {};
    const readers = {
      "only-me": "Only you will read your story. It stays in your own private folder and is not handed in.",
      trainer: "Your trainer will read your story, with your name. It is handed in with this module.",
      cohort: "Your trainer will read your story, with your name. Your trainer may share it with your group.",
    };
    const asking = h("div", { class: "p2p-confirm p2p-consent", hidden: true });
    const ask = (question) => askIn(asking, question);
    const namingGroup = h("div");
    const namingNote = h("p", { class: "p2p-note" });
    const drawNaming = () => {
      const allowed = kept[story.audience] || Object.keys(config.namings);
      namingNote.textContent =
        story.audience === "trainer"
          ? "Your trainer sees your name, because they see who handed the story in."
          : "";
      if (story.audience !== "cohort") {
        namingGroup.replaceChildren();
        return;
      }
      const options = Object.fromEntries(allowed.map((key) => [key, config.namings[key]]));
      const group = optionGroup({
        legend: "When your group reads it, how should your name show?",
        type: "radio",
        name: uid("naming"),
        options,
        chosen: story.naming,
        onChange: (inputs) => {
          const wanted = inputs.find((i) => i.checked).value;
          ask({
            question: `Your group will see your story with: ${config.namings[wanted]}. Your trainer always sees your name.`,
            confirmText: "Yes, show it this way",
            onYes: () => {
              story.naming = wanted;
              changed(true);
              announce("Saved how your name shows.");
            },
            onNo: () => {
              inputs.forEach((i) => (i.checked = i.value === story.naming));
            },
          });
        },
      });
      namingGroup.replaceChildren(group);
    };
    const audience = optionGroup({
      legend: "Who can see this story?",
      type: "radio",
      name: uid("audience"),
      options: config.audiences,
      chosen: story.audience,
      onChange: (inputs) => {
        const wanted = inputs.find((i) => i.checked).value;
        if (wanted === story.audience) {
          asking.hidden = true;
          return;
        }
        ask({
          question: `${readers[wanted] || ""} Nothing changes until you choose Yes.`,
          confirmText: SHARE_YES[wanted] || "Yes",
          onYes: () => {
            story.audience = wanted;
            const allowed = kept[wanted] || Object.keys(config.namings);
            if (!allowed.includes(story.naming)) story.naming = allowed[0];
            changed(true);
            drawNaming();
            announce(`Saved. ${readers[wanted] || ""}`);
          },
          onNo: () => {
            inputs.forEach((i) => (i.checked = i.value === story.audience));
          },
        });
      },
    });
    drawNaming();
    const notes = optionGroup({
      legend: "Does your story touch on any of these? Readers will see a note first.",
      type: "checkbox",
      name: uid("notes"),
      options: config.content_notes,
      chosen: story.content_notes,
      onChange: (inputs) => {
        story.content_notes = inputs.filter((i) => i.checked).map((i) => i.value);
        changed(true);
      },
    });
    const withdraw = withdrawControl({
      text: "Withdraw my story",
      question: "Do you want to delete your story from this module? Your trainer will only see that you withdrew it.",
      onYes: () => model.send({ event: "withdraw" }),
    });
    return [
      ...parts,
      audience,
      asking,
      namingNote,
      namingGroup,
      notes,
      withdraw,
    ];
  },
};

function render({ model, el }) {
  const kind = model.get("kind");
  const config = model.get("config");
  const key = model.get("keep_as");
  el.classList.add("p2p-exercise", `p2p-kind-${kind}`);
  const status = h("p", { class: "p2p-status", role: "status", "aria-live": "polite" });
  const message = h("div", { class: "p2p-message", role: "alert" });
  const trouble = h("div", { class: "p2p-message p2p-cant-save", role: "alert" });
  const restored = h("p", { class: "p2p-note p2p-restored" });
  const elsewhere = h("div", { class: "p2p-message p2p-stale" });
  let base = model.get("version"); // the saved version this page's words build on
  let timer = null;
  let watchdog = null;
  let latest = model.get("value");
  let sent = model.get("sent"); // answers sent to the kernel; it says up to which it saved
  const allDone = () => model.get("done") >= sent;
  let cantSave = false;

  const copyButton = () => {
    const text = wordsIn(latest);
    if (!text) return null;
    return h("button", {
      type: "button",
      class: "p2p-copy",
      text: "Copy my words",
      onclick: async () => {
        status.textContent = (await copyText(wordsIn(latest)))
          ? "Copied. You can paste your words somewhere safe."
          : "Copying did not work here. Select your words and copy them by hand.";
      },
    });
  };
  const showCantSave = () => {
    if (!cantSave) {
      cantSave = true;
      trouble.replaceChildren(h("p", { text: CANT_SAVE }), copyButton() || "");
    }
    status.textContent = "Not saved yet.";
  };
  const allSaved = () => {
    clearTimeout(watchdog);
    watchdog = null;
    kept.clear(key);
    cantSave = false;
    trouble.replaceChildren();
    const saved = model.get("saved_at");
    status.textContent = saved ? `Saved at ${saved.slice(11, 19)}.` : "";
  };
  const flush = () => {
    clearTimeout(timer);
    timer = null;
    if (same(model.get("value"), latest)) {
      if (allDone()) allSaved(); // nothing new to send
      return;
    }
    model.set("version", base);
    model.set("value", latest);
    sent += 1;
    model.set("sent", sent);
    model.save_changes(); // sends nothing when the kernel is gone: the wait below tells
    clearTimeout(watchdog);
    watchdog = setTimeout(showCantSave, SAVE_WAIT_MS);
  };
  const send = (value, now = false) => {
    latest = value;
    kept.set(key, value, base);
    status.textContent = cantSave ? "Not saved yet." : "Saving...";
    clearTimeout(timer);
    if (now) flush();
    else timer = setTimeout(flush, DEBOUNCE_MS);
  };
  const announce = (text) => (status.textContent = text);
  const showSaved = () => {
    if (allDone() && timer === null) allSaved();
  };
  const showMessage = () => {
    const text = model.get("message");
    message.replaceChildren(...(text ? [h("p", { text })] : []));
  };
  const draw = (value = model.get("value")) => {
    const body = renderers[kind]({ model, config, value, send, announce });
    el.replaceChildren(message, trouble, elsewhere, ...body, restored, status);
    showMessage();
  };
  // Another page or device saved this answer after this page opened: nothing here was
  // saved over it. Say so, show what is saved, and let the trainee choose.
  const showStale = () => {
    const stale = model.get("stale") || {};
    if (!("version" in stale)) {
      elsewhere.replaceChildren();
      return;
    }
    clearTimeout(watchdog);
    watchdog = null;
    status.textContent = "Not saved yet.";
    const theirs = wordsIn(stale.value);
    elsewhere.replaceChildren(
      ...(theirs ? [h("p", { text: SAVED_ELSEWHERE }), h("blockquote", { class: "p2p-saved-words", text: theirs })] : []),
      h("button", {
        type: "button",
        text: "Keep what I wrote here",
        onclick: () => {
          flush();
          model.send({ event: "keep-mine" });
        },
      }),
      h("button", {
        type: "button",
        text: "Use the saved answer",
        onclick: () => model.send({ event: "use-saved" }),
      }),
    );
  };
  model.on("change:saved_at", showSaved);
  model.on("change:message", showMessage);
  model.on("change:stale", showStale);
  model.on("change:version", () => (base = model.get("version")));
  model.on("msg:custom", (content) => {
    const event = content && content.event;
    if (event === "redraw" || event === "withdrawn") {
      kept.clear(key); // the kernel changed the answer itself (a story withdrawn)
      latest = model.get("value");
      base = model.get("version");
      draw();
      showStale();
      status.textContent = "";
    }
    if (event === "withdrawn") {
      message.setAttribute("tabindex", "-1");
      message.focus(); // "You withdrew your story" is where the trainee is now
    }
  });
  // The widget's link to the kernel ends when the kernel dies or restarts.
  model.on("comm_live_update", showCantSave);
  const kernel = model.widget_manager && model.widget_manager.kernel;
  if (kernel && kernel.statusChanged) {
    kernel.statusChanged.connect((_, state) => {
      if (["dead", "restarting", "autorestarting"].includes(state)) showCantSave();
    });
  }

  const before = kept.get(key);
  if (before && !same(before.value, model.get("value"))) {
    draw(before.value); // words typed here last time, never saved: bring them back
    restored.textContent = BROUGHT_BACK;
    if (Number.isInteger(before.base)) base = before.base; // older than what is saved? told
    send(before.value, true);
  } else {
    kept.clear(key);
    draw();
  }
  showStale();
  return () => {
    if (timer) flush();
  };
}

export default { render };
