// One exercise, drawn in plain, accessible HTML. The kernel saves every answer it is sent.
// Typing is sent after a short pause (DEBOUNCE_MS) and at once when a box loses focus.

const DEBOUNCE_MS = 300;
let counter = 0;

function uid(prefix) {
  counter += 1;
  return `p2p-${prefix}-${Math.random().toString(36).slice(2, 8)}-${counter}`;
}

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
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
    const options = {};
    for (let n = config.min; n <= config.max; n += 1) {
      let text = String(n);
      if (n === config.min) text += ` (${config.low})`;
      if (n === config.max) text += ` (${config.high})`;
      options[String(n)] = text;
    }
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

  story({ model, config, value, send }) {
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
    const audience = optionGroup({
      legend: "Who can see this story?",
      type: "radio",
      name: uid("audience"),
      options: config.audiences,
      chosen: story.audience,
      onChange: (inputs) => {
        story.audience = inputs.find((i) => i.checked).value;
        changed(true);
      },
    });
    const naming = optionGroup({
      legend: "If you share it, how should your name show?",
      type: "radio",
      name: uid("naming"),
      options: config.namings,
      chosen: story.naming,
      onChange: (inputs) => {
        story.naming = inputs.find((i) => i.checked).value;
        changed(true);
      },
    });
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
    const confirmBox = h("div", { class: "p2p-confirm", hidden: true });
    const withdraw = h("button", {
      type: "button",
      class: "p2p-withdraw",
      text: "Withdraw my story",
      onclick: () => {
        confirmBox.hidden = false;
        confirmBox.querySelector("button").focus();
      },
    });
    confirmBox.append(
      h("p", { text: "This deletes your story from this module. Your trainer will only see that you withdrew it." }),
      h("button", {
        type: "button",
        text: "Yes, withdraw it",
        onclick: () => {
          confirmBox.hidden = true;
          model.send({ event: "withdraw" });
        },
      }),
      h("button", { type: "button", text: "No, keep it", onclick: () => { confirmBox.hidden = true; withdraw.focus(); } }),
    );
    return [...parts, audience, naming, notes, h("div", { class: "p2p-actions" }, withdraw, confirmBox)];
  },
};

function render({ model, el }) {
  const kind = model.get("kind");
  const config = model.get("config");
  el.classList.add("p2p-exercise", `p2p-kind-${kind}`);
  const status = h("p", { class: "p2p-status", role: "status", "aria-live": "polite" });
  const message = h("div", { class: "p2p-message", role: "alert" });
  let timer = null;
  let latest;
  const flush = () => {
    clearTimeout(timer);
    timer = null;
    model.set("value", latest);
    model.save_changes();
  };
  const send = (value, now = false) => {
    latest = value;
    status.textContent = "Saving...";
    clearTimeout(timer);
    if (now) flush();
    else timer = setTimeout(flush, DEBOUNCE_MS);
  };
  const announce = (text) => (status.textContent = text);
  const showSaved = () => {
    const saved = model.get("saved_at");
    if (saved) status.textContent = `Saved at ${saved.slice(11, 19)}.`;
  };
  const showMessage = () => {
    const text = model.get("message");
    message.replaceChildren(...(text ? [h("p", { text })] : []));
  };
  const draw = () => {
    const body = renderers[kind]({ model, config, value: model.get("value"), send, announce });
    el.replaceChildren(message, ...body, status);
    showMessage();
  };
  model.on("change:saved_at", showSaved);
  model.on("change:message", showMessage);
  model.on("msg:custom", (content) => {
    if (content && content.event === "redraw") draw();
  });
  draw();
  return () => {
    if (timer) flush();
  };
}

export default { render };
