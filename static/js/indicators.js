// Follow-up pages. Everything works without this file; it only adds comfort.
// "Value not available": the reason field is only relevant when the box is ticked.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.name.endsWith("-not_available")) return;
  const reason = document.getElementById(box.id + "_reason");
  if (reason && box.checked) reason.focus();
});

// "Spara raden" (htmx): an answer that is not a row (a log-in page after the session ended, an
// error page) is never swapped into the grid; the row says what happened instead. The server
// answers refusals it knows (stale, locked, not yours) with the row and its message itself.
document.addEventListener("htmx:beforeSwap", (event) => {
  const xhr = event.detail.xhr;
  const target = event.detail.target;
  const wholePage = /<html[\s>]/i.test(xhr.responseText || "");
  if (!target || !target.classList.contains("entry-row")) return;
  if (xhr.status < 400 && !wholePage) return;
  event.detail.shouldSwap = false;
  event.detail.isError = false;
  let note = target.querySelector(".row-notice");
  if (!note) {
    note = document.createElement("p");
    note.className = "field-error row-notice";
    note.setAttribute("role", "alert");
    note.tabIndex = -1;
    target.prepend(note);
  }
  note.textContent = xhr.status === 403 || wholePage
    ? "Raden sparades inte: du är utloggad eller saknar behörighet. Ladda om sidan och logga in igen."
    : "Raden sparades inte (fel " + xhr.status + "). Ladda om sidan och försök igen.";
  note.focus();
});
