// "My stories" on the trainee's home: each story, who can see it, to change or withdraw.
// Choosing an option (by click or arrow key) only asks; the kernel changes nothing until
// the trainee presses the button that names who will read the story. Withdrawing needs
// two different actions: the question takes the focus, not the "Yes" button.

const READERS = {
  "only-me": "Only you will read this story. It is kept in your own private folder and not handed in.",
  trainer: "Your trainer will read this story, with your name.",
  cohort: "Your trainer will read this story, with your name, and may share it with your group.",
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
        askIn(asking, {
          question: `${READERS[key]} Nothing changes until you choose Yes.`,
          confirmText: SHARE_YES[key],
          onYes: () => model.send({ event: "share", key: story.key, audience: key }),
          onNo: () => inputs.forEach((i) => (i.checked = i.value === story.audience)),
        });
      },
    });
    inputs.push(input);
    return h("div", { class: "p2p-option" }, input, h("label", { for: id, text }));
  });
  const withdraw = withdrawControl({
    text: "Withdraw this story",
    question:
      "Do you want to delete this story? If you handed it in, your trainer's copy is deleted too. Your trainer will only see that you withdrew it.",
    onYes: () => model.send({ event: "withdraw", key: story.key }),
  });
  return h(
    "li",
    { class: "p2p-my-story", "aria-labelledby": heading },
    h("h3", { id: heading, text: `Your story in ${story.title}` }),
    h("p", {}, h("strong", { text: "Who can see it now: " }), story.seen_by),
    h("fieldset", { class: "p2p-group" }, h("legend", { text: "Who can see this story?" }), options),
    asking,
    withdraw,
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
