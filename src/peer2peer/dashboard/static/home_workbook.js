// A module's workbook on the trainee's home: choices, then a button for each format.
// The trainee's own server makes the file and sends its bytes here; this page saves them
// as a download (a link to the bytes in this browser's memory: no other host is asked).

function render({ model, el }) {
  el.classList.add("p2p-exercise", "p2p-workbook");
  const choice = (text, hint) => {
    const id = uid("choice");
    const input = h("input", { type: "checkbox", id });
    return { input, row: h("div", { class: "p2p-option" }, input, h("label", { for: id, text: hint ? `${text} ${hint}` : text })) };
  };
  const large = choice("Large print", "(bigger letters, one column)");
  const answers = choice("With my answers filled in");
  const own = choice("Also my private writing, if there is any", "(only you can see it)");
  own.input.disabled = true;
  answers.input.addEventListener("change", () => {
    own.input.disabled = !answers.input.checked;
    if (!answers.input.checked) own.input.checked = false;
  });
  const status = h("p", { class: "p2p-status", role: "status", tabindex: "-1" });
  const buttons = [];
  const ask = (format) => {
    buttons.forEach((b) => (b.disabled = true));
    status.textContent = "Making your workbook. This can take a few seconds.";
    model.send({
      event: "download",
      format,
      large: large.input.checked,
      answers: answers.input.checked,
      private: answers.input.checked && own.input.checked,
    });
  };
  buttons.push(
    h("button", { type: "button", text: "Download to print (PDF)", onclick: () => ask("pdf") }),
    h("button", { type: "button", text: "Open in Word", onclick: () => ask("docx") }),
  );
  model.on("msg:custom", (content, buffers) => {
    if (!content) return;
    if (content.event === "file" && buffers && buffers.length) {
      const url = URL.createObjectURL(new Blob(buffers, { type: content.type }));
      const link = h("a", { href: url, download: content.name, hidden: true });
      el.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    }
    if (content.event === "said") {
      buttons.forEach((b) => (b.disabled = false));
      status.textContent = model.get("message");
    }
  });
  // Folded until asked for: with twelve modules, twelve sets of choices would bury the rest.
  el.replaceChildren(
    h(
      "details",
      {},
      h("summary", { text: "Workbook to print or open in Word" }),
      h("p", { class: "p2p-note", text: "The whole module on paper or in Word, with space to write." }),
      h("fieldset", { class: "p2p-group" }, h("legend", { text: "What to put in it" }), large.row, answers.row, own.row),
      h("div", { class: "p2p-actions" }, ...buttons),
      status,
    ),
  );
}

export default { render };
