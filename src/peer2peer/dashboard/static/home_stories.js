// "My stories" on the trainee's home: each story, who can see it, to change or withdraw.
// Choosing an option (by click or arrow key) only asks; the kernel changes nothing until
// the trainee presses the button that names who will read the story. Withdrawing needs
// two different actions: the question takes the focus, not the "Yes" button.

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

const READERS = {
  "only-me": "Only you will read this story. It is kept in your own private folder and not handed in.",
  trainer: "Your trainer will read this story, with your name.",
  cohort: "Your trainer will read this story, with your name, and may share it with your group.",
};
const YES = {
  "only-me": "Yes, keep it just for me",
  trainer: "Yes, share it with my trainer",
  cohort: "Yes, share it with my trainer and group",
};

function oneStory(model, story, audiences) {
  const heading = uid("story");
  const asking = h("div", { class: "p2p-confirm", hidden: true });
  const inputs = [];
  const options = Object.entries(audiences).map(([key, text]) => {
    const id = uid("audience");
    const input = h("input", {
      type: "radio",
      id,
      name: `${heading}-who`,
      value: key,
      checked: story.audience === key,
      onchange: () => {
        if (key === story.audience) {
          asking.hidden = true;
          return;
        }
        const question = h("p", { tabindex: "-1", text: `${READERS[key]} Nothing changes until you choose Yes.` });
        asking.replaceChildren(
          question,
          h("button", {
            type: "button",
            class: "p2p-yes",
            text: YES[key],
            onclick: () => {
              asking.hidden = true;
              model.send({ event: "share", key: story.key, audience: key });
            },
          }),
          h("button", {
            type: "button",
            text: "No, leave it as it was",
            onclick: () => {
              asking.hidden = true;
              inputs.forEach((i) => (i.checked = i.value === story.audience));
            },
          }),
        );
        asking.hidden = false;
      },
    });
    inputs.push(input);
    return h("div", { class: "p2p-option" }, input, h("label", { for: id, text }));
  });
  const confirmBox = h("div", { class: "p2p-confirm", hidden: true });
  const question = h("p", {
    tabindex: "-1",
    text: "Do you want to delete this story? If you handed it in, your trainer's copy is deleted too. Your trainer will only see that you withdrew it.",
  });
  const withdraw = h("button", {
    type: "button",
    class: "p2p-withdraw",
    text: "Withdraw this story",
    onclick: () => {
      confirmBox.hidden = false;
      question.focus();
    },
  });
  confirmBox.append(
    question,
    h("button", { type: "button", text: "No, keep it", onclick: () => { confirmBox.hidden = true; withdraw.focus(); } }),
    h("button", {
      type: "button",
      class: "p2p-yes",
      text: "Yes, withdraw it",
      onclick: () => {
        confirmBox.hidden = true;
        model.send({ event: "withdraw", key: story.key });
      },
    }),
  );
  return h(
    "li",
    { class: "p2p-my-story", "aria-labelledby": heading },
    h("h3", { id: heading, text: `Your story in ${story.title}` }),
    h("p", {}, h("strong", { text: "Who can see it now: " }), story.seen_by),
    h("fieldset", { class: "p2p-group" }, h("legend", { text: "Who can see this story?" }), options),
    asking,
    h("div", { class: "p2p-actions" }, withdraw, confirmBox),
  );
}

function render({ model, el }) {
  el.classList.add("p2p-exercise", "p2p-my-stories");
  const message = h("div", { class: "p2p-message", role: "status", tabindex: "-1" });
  const draw = () => {
    const stories = model.get("stories") || [];
    const audiences = model.get("audiences") || {};
    const text = model.get("message");
    message.replaceChildren(...(text ? [h("p", { text })] : []));
    el.replaceChildren(
      h("h2", { text: "My stories" }),
      message,
      stories.length
        ? h("ul", { class: "p2p-story-list" }, stories.map((s) => oneStory(model, s, audiences)))
        : h("p", { text: "No stories to show. When you write one in a lesson, it shows here." }),
    );
  };
  model.on("change:stories", draw);
  model.on("change:message", draw);
  model.on("msg:custom", (content) => {
    if (content && content.event === "said") {
      draw();
      message.focus(); // what happened is where the trainee is now
    }
  });
  draw();
}

export default { render };
