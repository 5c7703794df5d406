// The invoice's Print button: hidden without JavaScript, where the browser's own Print works.
document.querySelectorAll("[data-print-button]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
