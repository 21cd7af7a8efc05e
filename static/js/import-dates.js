// The import page: a click on a date the text writes puts it in the story's Date field.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-fill-date]");
  if (!button) return;
  const field = document.getElementById(button.dataset.target);
  if (!field) return;
  field.value = button.dataset.fillDate;
  field.dispatchEvent(new Event("change", { bubbles: true }));
  field.focus();
});
