// Shared by every widget we draw (the lesson's exercises, the home's stories and
// workbooks): each widget's script is served after this one (exercises.assets).

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

// The "Yes" that names who will read a story, for each audience.
const SHARE_YES = {
  "only-me": "Yes, keep it just for me",
  trainer: "Yes, share it with my trainer",
  cohort: "Yes, share it with my trainer and group",
};

// Choosing an option (by click or arrow key) only asks, in `box`; nothing changes until
// the trainee presses the button that says what will happen.
function askIn(box, { question, confirmText, onYes, onNo }) {
  box.replaceChildren(
    h("p", { tabindex: "-1", text: question }),
    h("button", { type: "button", class: "p2p-yes", text: confirmText, onclick: () => { box.hidden = true; onYes(); } }),
    h("button", { type: "button", text: "No, leave it as it was", onclick: () => { box.hidden = true; onNo(); } }),
  );
  box.hidden = false;
}

// Withdrawing takes two different actions: the question takes the focus, not the "Yes"
// button, so pressing Enter twice on the withdraw button deletes nothing.
function withdrawControl({ text, question, onYes }) {
  const confirmBox = h("div", { class: "p2p-confirm", hidden: true });
  const asked = h("p", { tabindex: "-1", text: question });
  const withdraw = h("button", {
    type: "button",
    class: "p2p-withdraw",
    text,
    onclick: () => {
      confirmBox.hidden = false;
      asked.focus();
    },
  });
  confirmBox.append(
    asked,
    h("button", { type: "button", text: "No, keep it", onclick: () => { confirmBox.hidden = true; withdraw.focus(); } }),
    h("button", {
      type: "button",
      class: "p2p-yes",
      text: "Yes, withdraw it",
      onclick: () => {
        confirmBox.hidden = true;
        onYes();
      },
    }),
  );
  return h("div", { class: "p2p-actions" }, withdraw, confirmBox);
}
