// Small enhancements only: every page works without this script.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field.matches && field.matches("[data-autosubmit]")) field.form.requestSubmit();
});
document.addEventListener("click", (event) => {
  if (event.target.matches && event.target.matches("[data-print]")) window.print();
});
