// The page works without this script; it adds: a working indicator while a form is
// sent, reading a file as soon as it is chosen or dropped, the solve button enabled
// once every workshop has seats, and the person search. Text is set with textContent
// only, so nothing an export holds can become markup.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const working = document.getElementById("working");
  for (const form of document.querySelectorAll("form")) {
    form.addEventListener("submit", () => {
      working.hidden = false;
      // after the form's data is taken: a disabled button would not send its value
      // (the language buttons, "read again") — so disable them in the next turn
      setTimeout(() => {
        for (const b of form.querySelectorAll("button")) b.disabled = true;
      }, 0);
    });
  }
  const file = document.querySelector('[data-testid="export-file"]');
  if (file) file.addEventListener("change", () => file.form.requestSubmit());
  const solve = document.querySelector('[data-testid="solve"]');
  const missing = document.getElementById("missing");
  const seats = document.querySelectorAll('input[name="seats"]');
  const rooms = document.querySelectorAll('input[name="room_name"]');
  const check = () => {
    const roomed = [...rooms].some((r) => r.value.trim() !== "");  // rooms decide the seats
    const empty = roomed ? [] : [...seats].filter((s) => s.value.trim() === "")
      .map((s) => s.closest("tr").querySelector('input[name="name"]').value);
    if (solve) solve.disabled = empty.length > 0;
    if (missing) {
      missing.hidden = empty.length === 0;
      missing.textContent = missing.dataset.template.replace("{names}", empty.join(", "));
    }
  };
  for (const s of [...seats, ...rooms]) s.addEventListener("input", check);
  if (seats.length) check();
  const search = document.getElementById("person-search");
  const found = document.getElementById("found");
  let pending = 0;
  if (search) search.addEventListener("input", async () => {
    const mine = ++pending;
    const workspace = document.body.dataset.workspace;
    const address = "/search?w=" + encodeURIComponent(workspace) + "&q=" + encodeURIComponent(search.value);
    const response = await fetch(address, { credentials: "same-origin" });
    const people = await response.json();
    if (mine !== pending) return;
    found.replaceChildren(...people.map((p) => {
      const li = document.createElement("li");
      const head = document.createElement("b");
      head.textContent = p.name + " (" + p.attendee + "): " + p.workshop;
      const why = document.createElement("div");
      why.textContent = p.explanation;
      li.append(head, why);
      return li;
    }));
  });
});
