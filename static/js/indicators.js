// Follow-up pages. Everything works without this file; it only adds comfort.
// "Value not available": the reason field is only relevant when the box is ticked.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.name.endsWith("-not_available")) return;
  const reason = document.getElementById(box.id + "_reason");
  if (reason && box.checked) reason.focus();
});
